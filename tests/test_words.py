"""Words a person reads: no internals (ids, file names, fit percentages, margin jargon), level words that match their
numbers, no change listed twice, and the glossary (data, validation, lookup, shown at the end)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from rolefit.data.catalog import LoadedBank, ProfileSet, load_bank, load_profiles
from rolefit.data.models import ChoiceItem, ForcedChoiceItem, LikertItem, ListBlock
from rolefit.errors import DataError
from rolefit.scoring.result import Result
from rolefit.types import Answer
from rolefit.views import blocks, wording
from rolefit.views.markdown import markdown_report
from rolefit.views.sections import MAX_CHANGES, result_sections
from tests.answer_sets import CLEAR_PM, CLOSE_CALL, FEW_ANSWERS, LEAN_PMM
from tests.helpers import answer_sets, avoiding_everything, extreme, result_of
from tests.test_render import flat, render_text

PROFILES = load_profiles()
BANK = load_bank("core", PROFILES)


def constant(bank: LoadedBank, value: int) -> dict[str, Answer]:
    """Every statement answered ``value``; every question its first option (agreeing) or its last."""
    answers: dict[str, Answer] = {}
    for item in bank.items:
        if isinstance(item, LikertItem):
            answers[item.id] = value
        else:
            answers[item.id] = item.options[0 if value > 3 else -1].id
    return answers


CONTRADICTING = {**CLEAR_PM, "enjoys-writing-specs": 5, "specs-feel-tedious": 5}
ANSWER_SETS: dict[str, dict[str, Answer]] = {
    "all-4": constant(BANK, 4),
    "all-2": constant(BANK, 2),
    "clear-pm": dict(CLEAR_PM),
    "clear-pmm": extreme(BANK, PROFILES, "product-marketing-manager"),
    "lean-pmm": dict(LEAN_PMM),
    "close-call": dict(CLOSE_CALL),
    "few-answers": dict(FEW_ANSWERS),
    "neither": avoiding_everything(BANK),
    "undetermined": dict(list(CLEAR_PM.items())[:5]),
    "contradicting": CONTRADICTING,
}


def ids_of(bank: LoadedBank) -> set[str]:
    """Every item id and option id of a bank (all of them hyphenated, so none is a plain word)."""
    found = {item.id for item in bank.items}
    for item in bank.items:
        if isinstance(item, ChoiceItem | ForcedChoiceItem):
            found |= {option.id for option in item.options}
    return found


IDS = ids_of(BANK)
INTERNALS = [
    (re.compile(r"%\s+of\s+the\b"), "a percentage of a fit"),
    (re.compile(r"\.txt\b"), "a seed file name"),
    (re.compile(r"\bmargin\b"), "the word margin"),
    (re.compile(r"\bcosts\b.{0,40}\bless than\b"), "costs X less than Y"),
    (re.compile(r"(?<![\w-])[-−]0(\.0+)?(?![.\d])"), "a negative zero"),
]


def internals(text: str) -> list[str]:
    """Whatever internal a person-facing text shows: item or option ids, fit percentages, file names, jargon."""
    found = [f"{why}: {match.group(0)!r}" for pattern, why in INTERNALS for match in pattern.finditer(text)]
    words = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", text))
    return found + [f"an id: {word}" for word in sorted(words & IDS)]


def result(answers: dict[str, Answer]) -> Result:
    """The core bank's result for an answer set."""
    return result_of(BANK, PROFILES, answers)


def test_the_answer_sets_cover_every_verdict_and_a_contradiction() -> None:
    """The sets below reach all five verdicts, and one of them trips the opposite-statements check."""
    results = {name: result(answers) for name, answers in ANSWER_SETS.items()}
    verdicts = {r.recommendation.verdict for r in results.values()}
    assert verdicts == {"clear", "lean", "close-call", "neither", "undetermined"}
    assert any(limit.code == "contradiction" for limit in results["contradicting"].limits)
    assert any(re.search(r"[a-z]+-[a-z]+-[a-z]+", limit.message) for limit in results["contradicting"].limits)


def test_the_internals_check_sees_what_it_looks_for() -> None:
    """The check is not blind: the old phrasings and an id are each caught."""
    old = (
        "it is 14% of the PM fit and 3% of the PMM fit (2.1 points off the margin), which costs PM less than PMM; "
        "Source: 003_d8ee61504b744ef8.txt (specs-feel-tedious / enjoys-writing-specs); Product Manager -0/100"
    )
    assert len(internals(old)) == 8
    assert internals("You avoid this (−0.05); 6-12 months; 0/100") == []


@pytest.mark.parametrize("name", ANSWER_SETS)
@pytest.mark.parametrize("width", [50, 80, 120])
def test_nothing_a_person_reads_shows_internals(name: str, width: int) -> None:
    """The rendered result, at any width, and the Markdown report carry no ids, file names, fit percentages,
    "points off the margin" or "costs X less than Y"."""
    found = result(ANSWER_SETS[name])
    assert internals(flat(render_text(found, PROFILES, width))) == []
    assert internals(markdown_report(found, PROFILES)) == []


def test_a_contradiction_is_worded_without_ids() -> None:
    """Opposite statements with the same answer are named as a limit in plain words, not by their ids."""
    body = flat(render_text(result(CONTRADICTING), PROFILES))
    assert "Some statements that say opposite things got the same answer" in body
    assert "specs-feel-tedious" not in body and "enjoys-writing-specs" not in body


def changes_of(found: Result, shown: bool = False) -> list[str]:
    """Every change line the result's sections hold, in order; ``shown``: only those a writer shows (the first
    MAX_CHANGES of each list, the rest counted as "and N more")."""
    return [
        line.text
        for section in result_sections(found, PROFILES)
        for block in section.blocks
        if isinstance(block, blocks.Changes)
        for line in (block.changes[:MAX_CHANGES] if shown else block.changes)
    ]


@pytest.mark.parametrize("name", ANSWER_SETS)
def test_no_change_is_listed_twice(name: str) -> None:
    """What would change it lists each answer change once: the flip list adds to the weaken list, not repeats it;
    and every change the result holds is still listed."""
    found = result(ANSWER_SETS[name])
    shown = changes_of(found)
    assert len(shown) == len(set(shown))
    held = found.what_would_change
    assert set(shown) == {c.text for c in [*held.weaken, *held.flip]} or not held.flip
    body = flat(render_text(found, PROFILES, 120))
    assert all(body.count(flat(text)) == 1 for text in changes_of(found, shown=True))


def test_the_clear_result_really_had_repeats_to_remove() -> None:
    """The clear PM result's flip list starts with its weaken list, so the test above is not empty-handed."""
    held = result(CLEAR_PM).what_would_change
    assert held.weaken and held.flip[: len(held.weaken)] == held.weaken


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answer_sets(BANK))
def test_any_answers_read_plainly(answers: dict[str, Answer]) -> None:
    """Whatever the answers, the text shows no internals, and no change twice."""
    found = result(answers)
    assert internals(flat(render_text(found, PROFILES, 100))) == []
    shown = changes_of(found)
    assert len(shown) == len(set(shown))


@pytest.mark.parametrize("width", [80, 120])
def test_level_words_in_the_trait_table_match_their_numbers(width: int) -> None:
    """Every "word +0.nn" in the trait breakdown has the word the one banding gives that number."""
    for answers in ANSWER_SETS.values():
        text = render_text(result(answers), PROFILES, width)
        pairs = re.findall(r"(seek strongly|avoid strongly|seek|avoid|neutral) ([+−]?\d\.\d\d)", text)
        for word, number in pairs:
            assert wording.level_word(float(number.replace("−", "-"))) == word, (word, number)


# ---- the glossary -------------------------------------------------------------------------------


def test_the_glossary_holds_the_field_terms_the_questions_use() -> None:
    """The shipped glossary defines the field terms of the issue, and each of its terms is used somewhere a person
    reads: a question, an option, a trait's name or a role's content."""
    terms = {entry.term for entry in PROFILES.shared.glossary}
    assert {"value proposition", "pipeline", "win rate", "analyst relations", "backlog", "spec"} <= terms
    assert {"positioning", "go-to-market"} <= terms
    texts = [item.text for item in BANK.items]
    texts += [o.text for item in BANK.items if isinstance(item, ChoiceItem | ForcedChoiceItem) for o in item.options]
    texts += [
        line
        for profile in PROFILES.profiles
        for block in (profile.summary, profile.day_to_day, profile.success_metrics, profile.interview_loop)
        for line in (block.items if isinstance(block, ListBlock) else [block.text])
    ]
    texts.append(PROFILES.shared.one_person_both_roles.text)
    texts += [trait.name for trait in PROFILES.traits]
    used = {term for text in texts for term, _ in wording.terms_in(text, PROFILES.shared.glossary)}
    assert used == terms


def test_terms_in_finds_whole_words_in_any_form_in_reading_order() -> None:
    """A term is found in any of its forms, ignoring case, as whole words only, in the order the text uses them."""
    glossary = PROFILES.shared.glossary
    found = wording.terms_in("Sort the Backlog, then write the specs; brief industry analysts.", glossary)
    assert [term for term, _ in found] == ["backlog", "spec", "analyst relations"]
    assert found[0][1].startswith("A team's list of work")
    assert wording.terms_in("A special inspection of the go-to-marketplace", glossary) == []
    assert [t for t, _ in wording.terms_in("Our win\nrate and the go-to-market plan", glossary)] == [
        "win rate",
        "go-to-market",
    ]
    assert wording.terms_in("Nothing here.", glossary) == []


def test_a_question_that_uses_a_term_gets_its_definition() -> None:
    """The quiz screen's lookup: the backlog question's text and options give the backlog definition."""
    item = BANK.item("backlog-or-launch-campaign")
    assert isinstance(item, ForcedChoiceItem)
    text = " ".join([item.text, *(option.text for option in item.options)])
    assert "backlog" in [term for term, _ in wording.terms_in(text, PROFILES.shared.glossary)]


def test_item_terms_define_what_a_question_uses_once() -> None:
    """A question's terms come from its text and options; a term its own help line explains is not repeated."""
    glossary = PROFILES.shared.glossary
    with_help = [item for item in BANK.items if item.help]
    assert with_help, "the core bank has items with a help line"
    for item in with_help:
        explained = {term for term, _ in wording.terms_in(item.help or "", glossary)}
        assert explained, item.help  # each help line explains a glossary term
        assert not explained & {term for term, _ in wording.item_terms(item, glossary)}
    spec_item = BANK.item("dashboard-launch-ownership")  # "spec" only in an option, and no help line
    assert spec_item.help is None and "spec" not in spec_item.text.split()
    assert [term for term, _ in wording.item_terms(spec_item, glossary)] == ["spec"]


@pytest.mark.parametrize("name", ["clear-pm", "close-call", "neither", "undetermined"])
def test_the_glossary_ends_the_result_with_sources_by_title(name: str) -> None:
    """Every result ends with the glossary: each term and its definition, and the articles by title."""
    found = result(ANSWER_SETS[name])
    text = render_text(found, PROFILES, 100)
    tail = flat(text.split("Words used here", 1)[1])
    for entry in PROFILES.shared.glossary:
        assert f"{entry.term}: {entry.definition}" in tail
    titles = {PROFILES.article(entry.source.file).title for entry in PROFILES.shared.glossary}
    assert all(title in tail for title in titles)
    assert result_sections(found, PROFILES)[-1].key == "glossary"
    report = markdown_report(found, PROFILES)
    assert "## Words used here" in report and f"**{PROFILES.shared.glossary[0].term}**" in report


def copy_profiles(tmp_path: Path) -> Path:
    """A copy of the shipped profiles to break."""
    target = tmp_path / "roles"
    target.mkdir()
    for path in (Path(__file__).parent.parent / "profiles").glob("*.yaml"):
        (target / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '  - term: "backlog"\n    also: ["backlogs"]',
            '  - term: "backlog"\n    also: ["Specs"]',
            "glossary.1.also.0: 'Specs' is already in the glossary under 'spec': list it once",
        ),
        (
            '      fact: "Managing the product backlog is listed',
            '      fact: "Managing the product backlog is listed',
            None,
        ),
        (
            '    definition: "A team\'s list of work still to be built, kept in order of importance."',
            '    definition: "' + "x" * 161 + '"',
            "glossary.1.definition: ",
        ),
        (
            '  - term: "pipeline"\n',
            '  - term: "pipeline"\n    colour: "red"\n',
            "glossary.6.colour: ",
        ),
        (
            '      file: 002_cdfbf2e43573e4aa.txt\n      fact: "Managing the product backlog',
            '      file: 002_cdfbf2e43573e4aa.tx\n      fact: "Managing the product backlog',
            "glossary.1.source.file: ",
        ),
    ],
    ids=["duplicate-form", "unchanged", "long-definition", "unknown-key", "bad-source"],
)
def test_the_glossary_is_validated_strictly(tmp_path: Path, old: str, new: str, expected: str | None) -> None:
    """A form listed twice, a definition over one line, an unknown key or a bad source is refused at its place."""
    roles = copy_profiles(tmp_path)
    shared = roles / "shared.yaml"
    text = shared.read_text(encoding="utf-8")
    assert old in text
    shared.write_text(text.replace(old, new, 1), encoding="utf-8")
    if expected is None:
        assert len(load_profiles(roles).shared.glossary) == len(PROFILES.shared.glossary)
        return
    with pytest.raises(DataError) as raised:
        load_profiles(roles)
    lines = [str(problem) for problem in raised.value.problems]
    assert any(re.match(r"^.*shared\.yaml:\d+:\d+: ", line) and expected in line for line in lines), lines


def test_a_profiles_directory_without_a_glossary_still_loads() -> None:
    """The glossary is optional for custom profiles (the third-role fixture has none): the result simply has no
    glossary section."""
    three = load_profiles(Path(__file__).parent / "fixtures" / "third_role")
    assert three.shared.glossary == []
    found = result_of(load_bank("core", three), three, CLEAR_PM)
    assert all(section.key != "glossary" for section in result_sections(found, three))


def test_profiles_fixture_is_a_profileset() -> None:
    """The module's data is the shipped data."""
    assert isinstance(PROFILES, ProfileSet) and BANK.id == "core"


def test_a_lukewarm_best_fit_beside_a_rejected_one_says_why_the_lead_is_no_fit(
    core: LoadedBank, profiles: ProfileSet
) -> None:
    """A panel respondent who wants neither job (PM about 61, PMM about 4): the result says neither, names both
    fits and why, and never presents the lead as a fit."""
    import yaml

    from rolefit.scoring.verdict import LUKEWARM_FIT, NEITHER_FIT, REJECTED_FIT
    from rolefit.types import Verdict

    panel = Path(__file__).parent / "panel" / "ml-engineer-deep-work.yaml"
    answers = yaml.safe_load(panel.read_text(encoding="utf-8"))["answers"]
    result = result_of(core, profiles, answers)
    best, second = result.fits[0], result.fits[1]
    assert NEITHER_FIT <= best.score < LUKEWARM_FIT and second.score < REJECTED_FIT  # the case this is about
    assert result.recommendation.verdict == Verdict.NEITHER and result.recommendation.role is None
    text = flat(render_text(result, profiles, 120))
    assert text.startswith("Neither role fits well")
    assert (
        f"{best.name} leads, but a fit of {best.score:.0f} is lukewarm, and {second.name} at {second.score:.0f}" in text
    )
    assert "leads Product Marketing Manager by" not in text and "What you do seek" in text
    from rolefit.views.summary import build_summary

    scale = build_summary(result, profiles).scale
    assert scale is not None and scale.startswith(
        f"PM at {best.score:.0f} and PMM at {second.score:.0f}: neither draws"
    )
