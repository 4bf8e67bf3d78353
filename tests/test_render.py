"""The rendered result: snapshots at a fixed width, every section, sentences right for any role and direction."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from rolefit.data.catalog import LoadedBank, ProfileSet, load_bank, load_profiles
from rolefit.data.models import LikertItem, Source
from rolefit.scoring.result import Result
from rolefit.views import wording
from rolefit.views.sections import Roles
from rolefit.views.terminal import render_result
from tests.answer_sets import ANALYST, CLEAR_PM, CLOSE_CALL, FEW_ANSWERS, LEAN_PMM
from tests.helpers import avoiding_everything, result_of

HERE = Path(__file__).parent
SNAPSHOTS = HERE / "snapshots"
THIRD_ROLE = HERE / "fixtures" / "third_role"
UPDATE = os.environ.get("ROLEFIT_UPDATE_SNAPSHOTS") == "1"

# ---- answer sets (the shared ones are in tests/answer_sets.py) ------------------------------------

# A PM result resting on usage data and product metrics rather than on building and prioritising.
PM_BY_DATA: dict[str, int | str] = {
    "digs-into-usage-data": 5, "wants-proof-from-experiments": 5, "motivated-by-active-users": 5,
    "dashboards-not-for-me": 1, "enjoys-writing-specs": 4, "wants-to-decide-what-gets-built": 3,
    "energised-by-engineering-syncs": 3, "enjoys-launch-narrative": 3, "enjoys-sales-meetings": 3,
    "wants-to-shape-perception": 3, "motivated-by-qualified-leads": 2, "enjoys-training-sales": 4,
    "experiment-or-keyword-research": "onboarding-experiment", "retention-or-win-rate": "judged-on-retention",
    "quarterly-goal-pick": "grow-daily-users", "pricing-tier-project": "check-feature-usage",
    "survey-results": "compare-with-usage", "launch-week-focus": "set-up-adoption-tracking",
    "background-strength": "analyse-user-data", "promotion-case": "shipped-with-impact",
    "spec-or-positioning-doc": "draft-positioning-doc",
    # mild interest in market research and messaging, which keeps the lead under 15 points
    "insights-into-priorities": 2,
    "happy-not-shaping-perception": 2,
    "sales-meetings-drain-me": 2,
    "launch-story-feels-tedious": 2,
    "competitor-tracking-is-dull": 2,
    "avoids-training-sales": 2,
    "enjoys-competitor-research": 4,
    "wants-win-loss-answers": 4,
    "insights-into-message": 4,
    "happy-not-deciding-features": 4,
}  # fmt: skip


# ---- helpers ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> ProfileSet:
    """The shipped profiles."""
    return load_profiles()


@pytest.fixture(scope="module")
def three() -> ProfileSet:
    """The shipped profiles plus a third role (Insights Analyst)."""
    return load_profiles(THIRD_ROLE)


def result_for(profiles: ProfileSet, answers: dict[str, int | str]) -> Result:
    """Score a fixed answer set against the core bank."""
    return result_of(load_bank("core", profiles), profiles, answers)


def render_text(result: Result, profiles: ProfileSet, width: int = 80) -> str:
    """The rendered result as plain text at a fixed width, without colour."""
    console = Console(
        file=io.StringIO(), width=width, no_color=True, force_terminal=False, highlight=False, emoji=False
    )
    console.print(render_result(result, profiles))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def flat(text: str) -> str:
    """Text with every run of whitespace made one space, so wrapped sentences can be searched."""
    return " ".join(text.split())


def check_snapshot(name: str, text: str) -> None:
    """Compare with tests/snapshots/NAME.txt; ROLEFIT_UPDATE_SNAPSHOTS=1 rewrites it instead."""
    path = SNAPSHOTS / f"{name}.txt"
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"no snapshot {path.name}: run with ROLEFIT_UPDATE_SNAPSHOTS=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{path.name} differs: review the change, then ROLEFIT_UPDATE_SNAPSHOTS=1 pytest"


def sections(text: str) -> list[str]:
    """Section titles: the lines drawn as a titled rule."""
    return [m.group(1) for m in re.finditer(r"^(\S.*?) ─{3,}$", text, re.MULTILINE)]


# ---- snapshots ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "answers", "width", "third"),
    [
        ("clear_pm_80", CLEAR_PM, 80, False),
        ("lean_pmm_80", LEAN_PMM, 80, False),
        ("close_call_80", CLOSE_CALL, 80, False),
        ("few_answers_80", FEW_ANSWERS, 80, False),
        ("clear_pm_50", CLEAR_PM, 50, False),
        ("third_role_analyst_80", ANALYST, 80, True),
    ],
)
def test_snapshot(
    name: str, answers: dict[str, int | str], width: int, third: bool, shipped: ProfileSet, three: ProfileSet
) -> None:
    """The rendered result matches its snapshot at a fixed width, with no colour."""
    profiles = three if third else shipped
    check_snapshot(name, render_text(result_for(profiles, answers), profiles, width))


def test_answer_sets_give_the_verdicts_the_snapshots_are_named_for(shipped: ProfileSet, three: ProfileSet) -> None:
    """Each fixed answer set still reaches the role and verdict it stands for."""
    cases = [
        (shipped, CLEAR_PM, "product-manager", "clear"),
        (shipped, PM_BY_DATA, "product-manager", "lean"),
        (shipped, LEAN_PMM, "product-marketing-manager", "lean"),
        (shipped, CLOSE_CALL, "product-manager", "close-call"),
        (shipped, FEW_ANSWERS, "product-manager", "lean"),
        (three, ANALYST, "insights-analyst", "lean"),
    ]
    for profiles, answers, role, verdict in cases:
        recommendation = result_for(profiles, answers).recommendation
        assert (recommendation.role, recommendation.verdict) == (role, verdict)


# ---- content ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "headline", "runner_up"),
    [
        (CLEAR_PM, "Clear fit: Product Manager", "Product Marketing Manager"),
        (LEAN_PMM, "Leaning Product Marketing Manager", "Product Manager"),
        (CLOSE_CALL, "Close call: you would fit either; here is how to decide", "Product Marketing Manager"),
    ],
)
def test_headline_names_the_verdict_fits_and_margin(
    answers: dict[str, int | str], headline: str, runner_up: str, shipped: ProfileSet
) -> None:
    """The first line is the verdict in words; each role has a labelled bar and score; the margin names the other."""
    result = result_for(shipped, answers)
    text = render_text(result, shipped)
    assert text.splitlines()[0] == headline
    for fit in result.fits:
        line = next(line for line in text.splitlines() if line.startswith(fit.name + "  "))
        assert re.search(rf"█*░*\s+{fit.score:.0f}/100$", line), line
    assert f"leads {runner_up} by {result.margin:.1f} points" in flat(text)


def test_bar_lengths_follow_the_scores(shipped: ProfileSet) -> None:
    """The better fit gets the longer filled bar."""
    text = render_text(result_for(shipped, CLEAR_PM), shipped)
    pm = next(line for line in text.splitlines() if line.startswith("Product Manager  "))
    pmm = next(line for line in text.splitlines() if line.startswith("Product Marketing Manager  "))
    assert pm.count("█") > pmm.count("█")
    assert pm.count("█") + pm.count("░") == pmm.count("█") + pmm.count("░")


def test_every_section_in_order_for_a_clear_result(shipped: ProfileSet) -> None:
    """A clear or lean result shows why, what would change it, traits, the role and next steps, in that order."""
    text = render_text(result_for(shipped, CLEAR_PM), shipped)
    assert sections(text) == [
        "Why PM",
        "What would change it",
        "Trait breakdown",
        "What the PM role is like",
        "Next steps for PM",
        "Words used here",
    ]
    for title in ("Day to day", "How success is measured", "Reporting line", "Career path", "Interview loop"):
        assert f"\n{title}\n" in text
    for title in ("Prepare for PM roles", "Mistakes to avoid", "Skills worth borrowing from other roles"):
        assert f"\n{title}\n" in text


def test_close_call_shows_how_to_decide_and_both_roles(shipped: ProfileSet) -> None:
    """A close call explains how to decide, why not to hold both jobs, and shows both roles side by side in the
    result itself (each role's content and next steps), with no pointer to other commands."""
    text = render_text(result_for(shipped, CLOSE_CALL), shipped, width=120)
    assert sections(text) == [
        "What pulls each way",
        "What would change it",
        "Trait breakdown",
        "How to decide",
        "PM and PMM side by side",
        "Next steps for either role",
        "Words used here",
    ]
    body = flat(text)
    assert "If one job asks you to do both" in body
    assert "Holding both jobs at once would mean one person" in body
    assert "--json" not in body and "rolefit profile show" not in body
    assert "What the PM role is like" not in body
    header = next(line for line in text.splitlines() if "Product Manager" in line and "Product Marketing" in line)
    assert header.index("Product Manager") < header.index("Product Marketing Manager")  # one column per role
    stacked = flat(render_text(result_for(shipped, CLOSE_CALL), shipped, width=80))  # one role after the other
    for profile in shipped.profiles:
        assert flat(profile.summary.text) in stacked and flat(profile.reporting_line.text) in stacked
        for line in (*profile.day_to_day.items, *profile.interview_loop.items, *profile.preparation.items):
            assert flat(line) in stacked
    both = text.split("PM and PMM side by side")[1]
    for title in ("Day to day", "How success is measured", "Reporting line", "Career path", "Interview loop"):
        assert re.search(rf"^{title}  ", both, re.MULTILINE), title  # a row title beside the two cells


def cited_as(source: Source) -> str:
    """How the result should name a source: its article's title, then the publisher in brackets when named."""
    article = ARTICLES[source.file]
    return f"{article.title} ({article.publisher})" if article.publisher else article.title


ARTICLES = {article.file: article for article in load_profiles().shared.sources}
YARDSTICK = (
    "Source: Product Manager vs Product Marketing Manager: responsibilities, skills and career paths (Yardstick)"
)


@pytest.mark.parametrize("answers", [CLEAR_PM, LEAN_PMM, CLOSE_CALL, FEW_ANSWERS], ids=["pm", "pmm", "close", "few"])
def test_every_source_the_result_shows_is_named_by_its_title(
    shipped: ProfileSet, answers: dict[str, int | str]
) -> None:
    """Each "Source:" in the terminal result names an article by its title (and publisher when the article names
    one), never by its seed file name."""
    body = flat(render_text(result_for(shipped, answers), shipped))
    names = {cited_as(Source(file=file, fact="-")) for file in ARTICLES}
    assert ".txt" not in body
    shown = body.count("Source: ")
    assert shown > 0 and shown == sum(body.count(f"Source: {name}") for name in names)


def test_the_result_names_all_four_articles_and_the_one_publisher(shipped: ProfileSet) -> None:
    """A clear PM result cites every seed article by title, and names Yardstick as the publisher of the one
    article that names its publisher."""
    body = flat(render_text(result_for(shipped, CLEAR_PM), shipped))
    for file in ARTICLES:
        assert f"Source: {cited_as(Source(file=file, fact='-'))}" in body
    assert YARDSTICK in body


def test_reasons_quote_the_users_own_answers(shipped: ProfileSet) -> None:
    """Every reason shows its evidence, trait, direction and the role's fact with its source's title."""
    result = result_for(shipped, CLEAR_PM)
    body = flat(render_text(result, shipped))
    assert len([r for r in result.reasons if r.role == "product-manager"]) >= 3
    for reason in result.reasons:
        short = "PM" if reason.role == "product-manager" else "PMM"
        assert f"{reason.name} favours {short} by {reason.points:.1f} points" in body
        assert f"Why it matters for {short}: {flat(reason.fact)} Source: {cited_as(reason.source)}" in body
        for evidence in reason.evidence:
            assert flat(evidence.text) in body
    assert "You strongly agreed that “I'd enjoy turning a rough idea into a detailed spec" in body
    webinar = "You chose “Hosting an online talk for people thinking of buying the product” over “A review of what"
    assert webinar in body


def test_evidence_for_the_other_side_is_shown(shipped: ProfileSet) -> None:
    """The runner-up's strongest evidence is shown too, under its own name."""
    body = flat(render_text(result_for(shipped, CLEAR_PM), shipped))
    other = body.split("The evidence for Product Marketing Manager", 1)[1].split("What would change it")[0]
    assert "Presenting and training favours PMM" in other
    assert "You agreed that “I'd enjoy standing up in front of the sales team" in other


def test_same_role_different_evidence_gives_different_reasons(shipped: ProfileSet) -> None:
    """Two answer sets that both reach PM are explained by their own, different answers."""
    building, data = result_for(shipped, CLEAR_PM), result_for(shipped, PM_BY_DATA)
    assert building.recommendation.role == data.recommendation.role == "product-manager"
    why = [flat(render_text(r, shipped)).split("What would change it")[0] for r in (building, data)]
    assert why[0] != why[1]
    assert why[0].index("1. Prioritisation favours PM") < why[0].index("Usage analysis favours PM")
    assert why[1].index("1. Product outcomes favours PM") < why[1].index("Prioritisation favours PM")
    decides = "You strongly agreed that “I'd like to be the one who decides what a product should do"
    target = "You strongly agreed that “A goal like 'get 15% more people using the product every day'"
    assert decides in why[0] and decides not in why[1]
    assert target in why[1] and target not in why[0]
    positioning = "You chose “Drafting the message that tells buyers why a new feature matters” over “Writing the spec"
    assert positioning in why[1] and positioning not in why[0]


def test_direction_sentences_match_the_numbers(shipped: ProfileSet, three: ProfileSet) -> None:
    """'helps X more' only when the user seeks the trait, 'counts against Y more' only when they avoid it; the fit
    the sentence says the trait counts for more of is the one whose weight share is larger."""
    seen = set()
    for profiles, answers in [(shipped, CLEAR_PM), (shipped, LEAN_PMM), (shipped, PM_BY_DATA), (three, ANALYST)]:
        result = result_for(profiles, answers)
        roles = Roles(result, profiles)
        for reason in result.reasons:
            sentence = roles.direction(reason)
            other = roles.other(reason.role)
            assert other is not None
            mine, theirs = roles.trait_share(reason.trait, reason.role), roles.trait_share(reason.trait, other)
            role, rival = roles.short(reason.role), roles.short(other)
            if roles.level(reason.trait) > 0:
                assert sentence.endswith(f"so it helps {role} more.")
                assert f"of the {role} fit than of the {rival} fit" in sentence or (
                    f"it counts toward the {role} fit and not toward the {rival} fit" in sentence and theirs == 0
                )
                assert mine > theirs
                seen.add("seek")
            else:
                assert sentence.endswith(f"so leaning away from it counts against {rival} more than {role}.")
                assert f"of the {rival} fit than of the {role} fit" in sentence or (
                    f"it counts toward the {rival} fit and not toward the {role} fit" in sentence and mine == 0
                )
                assert mine < theirs
                seen.add("avoid")
            assert "%" not in sentence
    assert seen == {"seek", "avoid"}, "the answer sets should cover both directions"


def test_what_would_change_it_names_the_runner_up(shipped: ProfileSet) -> None:
    """The flip names the role it would flip to, in either direction, with the answers to change."""
    pm = result_for(shipped, CLEAR_PM)
    body = flat(render_text(pm, shipped))
    count = len(pm.what_would_change.flip)
    weaken = len(pm.what_would_change.weaken)
    assert 0 < weaken < count
    assert f"Changing these {weaken} answers would make it “Leaning Product Manager” (a lead under 15 points):" in body
    more = count - weaken
    assert (
        f"Changing the {weaken} answers above and these {more} too would flip it to Product Marketing Manager:" in body
    )
    assert flat(pm.what_would_change.flip[0].text) in body
    assert flat(pm.what_would_change.flip[-1].text) in body
    pmm = flat(render_text(result_for(shipped, LEAN_PMM), shipped))
    assert "would flip it to Product Manager:" in pmm
    assert "would make it a close call (a lead under 5 points):" in pmm


def test_limits_are_named_with_the_verdict_they_allow(shipped: ProfileSet) -> None:
    """Few answers: the limit is stated, with the cap, and the note that the margin alone would say more."""
    result = result_for(shipped, FEW_ANSWERS)
    body = flat(render_text(result, shipped))
    assert "What limits certainty" in body
    assert "Only 11 of 40 questions answered, so the verdict can be at most leaning." in body
    assert "On the lead alone this would be a clear fit; the limits above hold it at leaning." in body
    assert "Based on your answers to 11 of 40 questions (29 skipped)." in body
    assert "would narrow the lead below 15 points, the line for a clear fit:" in body
    clean = flat(render_text(result_for(shipped, CLEAR_PM), shipped))
    assert "Nothing in your answers limits certainty" in clean and "What limits certainty" not in clean


def test_trait_breakdown_lists_every_trait_with_levels_and_weights(shipped: ProfileSet) -> None:
    """Each trait has a row with the user's level and each role's weight, the heavier one starred."""
    result = result_for(shipped, FEW_ANSWERS)
    text = render_text(result, shipped)
    table = text.split("Trait breakdown", 1)[1].split("What the PM role is like")[0]
    assert re.search(r"^Trait\s+You\s+PM\s+PMM$", table, re.MULTILINE)
    for trait in result.traits:
        row = next(line for line in table.splitlines() if line.startswith(trait.name))
        level = (
            "no answers" if not trait.answered else f"{wording.level_word(trait.level)} {wording.signed(trait.level)}"
        )
        pm, pmm = trait.weights["product-manager"], trait.weights["product-marketing-manager"]
        pm_shown, pmm_shown = (f"{'*' if mine > theirs else ''}{mine:.1f}" for mine, theirs in ((pm, pmm), (pmm, pm)))
        assert re.search(rf"{re.escape(level)}\s+{re.escape(pm_shown)}\s+{re.escape(pmm_shown)}$", row), row


# ---- layout, colour and safety ------------------------------------------------------------------


def test_narrow_terminal_keeps_indentation_and_width(shipped: ProfileSet) -> None:
    """At 50 columns nothing overflows, bars shrink, and wrapped lines keep their hanging indent."""
    text = render_text(result_for(shipped, CLEAR_PM), shipped, width=50)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 50
    assert any(line.startswith("Product Marketing Manager") and "░" in line for line in lines)
    for number, line in enumerate(lines[:-1]):
        if (
            line.startswith("   • ")
            and lines[number + 1].strip()
            and not lines[number + 1].lstrip().startswith(("•", "Why"))
        ):
            assert lines[number + 1].startswith("     "), lines[number + 1]
        if (
            line.startswith("  • ")
            and lines[number + 1].strip()
            and not lines[number + 1].lstrip().startswith(("•", "Source"))
        ):
            assert lines[number + 1].startswith("    "), lines[number + 1]


def test_very_narrow_terminal_stacks_the_bars(shipped: ProfileSet) -> None:
    """Below the room for name and bar on one line, each bar goes under its name."""
    text = render_text(result_for(shipped, CLEAR_PM), shipped, width=36)
    lines = text.splitlines()
    name = lines.index("Product Marketing Manager")
    assert re.fullmatch(r"█+░+ \d+/100", lines[name + 1])


def test_no_color_leaves_bars_and_no_colour_codes(shipped: ProfileSet) -> None:
    """With no_color on a real terminal, styles like bold may stay but colours go, and bars are still drawn."""
    console = Console(file=io.StringIO(), width=80, no_color=True, force_terminal=True, color_system="truecolor")
    console.print(render_result(result_for(shipped, CLEAR_PM), shipped))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    params = [p for seq in re.findall(r"\x1b\[([0-9;]*)m", out) for p in seq.split(";") if p]
    colours = [p for p in params if p in {"38", "48"} or 30 <= int(p) <= 49 or 90 <= int(p) <= 107]
    assert not colours
    assert "█" in out and "░" in out and "│" in out


def test_data_text_is_never_markup_or_escape_codes(shipped: ProfileSet) -> None:
    """Brackets print literally and control characters from a result or profile never reach the terminal."""
    result = result_for(shipped, CLEAR_PM)
    data = result.model_dump(mode="json")
    data["recommendation"]["name"] = "[bold red]Evil[/bold red]\x1b[2J"
    data["reasons"][0]["fact"] = "A fact with [link=https://x.example]a link[/link] and \x1b]8;;x\x07 OSC"
    data["reasons"][0]["evidence"][0]["text"] = "You said [i]this[/i]"
    tampered = Result.model_validate(data)
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="truecolor")
    console.print(render_result(tampered, shipped))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)  # rich's own styling
    assert "\x1b" not in plain and "\x07" not in plain
    assert "[bold red]Evil[/bold red]" in plain
    assert "[link=https://x.example]a link[/link]" in flat(plain)
    assert "You said [i]this[/i]" in plain


def test_a_role_without_a_loaded_profile_still_renders(shipped: ProfileSet, three: ProfileSet) -> None:
    """A result made with a third role, shown with only the shipped profiles, falls back to the result's names."""
    result = result_for(three, ANALYST)
    body = flat(render_text(result, shipped))
    assert body.startswith("Leaning Insights Analyst")
    assert "Why Insights Analyst" in body
    assert "No profile is loaded for insights-analyst" in body
    assert "Next steps" not in body


# ---- a third role -------------------------------------------------------------------------------

# The article each role name takes, spelled out rather than guessed from its letters.
ARTICLE = {
    "Product Manager": "a",
    "PM": "a",
    "Product Marketing Manager": "a",
    "PMM": "a",
    "Insights Analyst": "an",
    "Analyst": "an",
}


def articles_before(text: str, names: list[str]) -> list[tuple[str, str]]:
    """Every "a NAME" / "an NAME" in the text (any case, as data texts write "an insights analyst"), as (article, name)."""
    return [
        (match.group(1).lower(), name)
        for name in names
        for match in re.finditer(rf"\b(an?) {re.escape(name)}\b", text, re.IGNORECASE)
    ]


def article_slips(text: str, names: list[str]) -> list[str]:
    """Every "a NAME" / "an NAME" in the text whose article is not the one ARTICLE gives the name."""
    return [f"{article} {name}" for article, name in articles_before(text, names) if article != ARTICLE[name]]


def test_rendered_results_put_the_right_article_before_role_names(shipped: ProfileSet, three: ProfileSet) -> None:
    """Whichever role wins, two roles or three, the rendered text says "a PM" and "an Insights Analyst", never the other."""
    seen: set[tuple[str, str]] = set()
    cases = [(shipped, CLEAR_PM), (shipped, LEAN_PMM), (shipped, CLOSE_CALL)]
    cases += [(three, CLEAR_PM), (three, LEAN_PMM), (three, ANALYST), (three, CLOSE_CALL)]
    for profiles, answers in cases:
        for width in (50, 80):
            body = flat(render_text(result_for(profiles, answers), profiles, width))
            names = [p.name for p in profiles.profiles] + [p.short_name for p in profiles.profiles]
            assert set(names) <= set(ARTICLE)
            assert article_slips(body, names) == [], (answers is ANALYST, width)
            seen |= set(articles_before(body, names))
    # The renders do put articles before role names (in the roles' own texts), so the scan has met both kinds.
    assert {("a", "Product Manager"), ("a", "Product Marketing Manager"), ("an", "Insights Analyst")} <= seen


@pytest.mark.parametrize(
    ("answers", "winner", "short", "runner_up"),
    [
        (CLEAR_PM, "Product Manager", "PM", "Insights Analyst"),
        (LEAN_PMM, "Product Marketing Manager", "PMM", "Insights Analyst"),
        (ANALYST, "Insights Analyst", "Analyst", "Product Manager"),
    ],
)
def test_third_role_every_role_can_win_and_is_named_right(
    answers: dict[str, int | str], winner: str, short: str, runner_up: str, three: ProfileSet
) -> None:
    """With three roles each wins once; the text names winner and runner-up where it should, with no article slips."""
    result = result_for(three, answers)
    assert result.recommendation.name == winner
    assert len(result.fits) == 3
    text = render_text(result, three)
    body = flat(text)
    assert body.startswith(wording.headline(result.recommendation.verdict, winner))
    assert f"{winner} leads {runner_up} by" in body
    assert f"The evidence for {runner_up}" in body
    assert f"would flip it to {runner_up}:" in body
    close = result.recommendation.verdict == "close-call"
    assert ("Next steps for either role" if close else f"Next steps for {short}") in body
    header = next(line for line in text.splitlines() if line.startswith("Trait  "))
    assert header.split()[-3:] == _shorts(result, three)
    for reason in result.reasons:
        assert reason.role in {result.fits[0].role, result.fits[1].role}
    names = [p.name for p in three.profiles] + [p.short_name for p in three.profiles]
    assert article_slips(body, names) == []
    assert not re.search(r"\b(a|an) (the|a|an)\b", body)  # no doubled articles around inserted names
    if result.recommendation.verdict != "close-call":
        assert f"What the {short} role is like" in body


def _shorts(result: Result, profiles: ProfileSet) -> list[str]:
    by_id = {p.id: p.short_name for p in profiles.profiles}
    return [by_id[fit.role] for fit in result.fits]


def test_third_role_close_call_between_any_two(three: ProfileSet) -> None:
    """A close call among three roles names the two closest and flips to the runner-up."""
    result = result_for(three, CLOSE_CALL)
    assert result.recommendation.verdict == "close-call"
    body = flat(render_text(result, three))
    first, second = result.fits[0].name, result.fits[1].name
    assert f"{first} leads {second} by" in body
    both = body.split("side by side", 1)[1].split("Words used here")[0]
    assert first in both and second in both
    assert result.fits[2].name not in both


# ---- sentences ----------------------------------------------------------------------------------


MUCH = "it counts for much more of the X fit than of the Y fit"
MUCH_Y = "it counts for much more of the Y fit than of the X fit"


@pytest.mark.parametrize(
    ("level", "shares", "expected"),
    [
        (0.9, (14.2, 3.1), f"You seek this strongly (+0.90), and {MUCH}, so it helps X more."),
        (0.3, (14.2, 3.1), f"You seek this (+0.30), and {MUCH}, so it helps X more."),
        (0.05, (14.2, 3.1), f"You are about neutral on this (+0.05), and {MUCH}, so it helps X more."),
        (
            0.3,
            (10.0, 9.6),
            "You seek this (+0.30), and it counts for a little more of the X fit than of the Y fit, so it helps X more.",
        ),
        (
            0.3,
            (19.0, 0.0),
            "You seek this (+0.30), and it counts toward the X fit and not toward the Y fit, so it helps X more.",
        ),
        (
            -0.05,
            (3.1, 14.2),
            f"You are about neutral on this (−0.05), and {MUCH_Y}, so leaning away from it counts against Y more "
            "than X.",
        ),
        (
            -0.3,
            (3.1, 14.2),
            f"You avoid this (−0.30), and {MUCH_Y}, so leaning away from it counts against Y more than X.",
        ),
        (
            -0.9,
            (0.0, 15.0),
            "You avoid this strongly (−0.90), and it counts toward the Y fit and not toward the X fit, so leaning away "
            "from it counts against Y more than X.",
        ),
    ],
)
def test_direction_note_reads_right_both_ways(level: float, shares: tuple[float, float], expected: str) -> None:
    """The direction sentence says seek or avoid by the level's band, and which fit the trait counts for more of in
    words, never as a percentage."""
    assert wording.direction_note(level, "X", "Y", *shares) == expected


LEVEL_EDGES = [-1.0, -0.5, -0.495, -0.494, -0.49, -0.15, -0.145, -0.144, -0.14, 0.0, 0.14, 0.144, 0.145, 0.149]
LEVEL_EDGES += [0.15, 0.49, 0.494, 0.495, 0.5, 1.0]


@pytest.mark.parametrize("level", LEVEL_EDGES)
def test_level_words_match_the_number_shown_beside_them(level: float) -> None:
    """At every band edge the word follows the number as shown (two decimals), so "neutral +0.15" or "seek +0.14"
    never appear; the bands are symmetric and ordered."""
    shown = float(wording.signed(level).replace("−", "-"))
    word = wording.level_word(level)
    expected = (
        "seek strongly" if shown >= 0.5 else "seek" if shown >= 0.15 else "neutral" if shown > -0.15
        else "avoid" if shown > -0.5 else "avoid strongly"
    )  # fmt: skip
    assert word == expected == wording.level_word(shown)
    assert wording.level_band(level).word == word


def test_the_bands_are_symmetric_and_ordered() -> None:
    """Seeking and avoiding get the same band widths: -x is in the mirror band of x, for every shown level."""
    mirror = {"seek strongly": "avoid strongly", "seek": "avoid", "neutral": "neutral"}
    for hundredths in range(0, 101):
        level = hundredths / 100
        assert wording.level_word(-level) == mirror[wording.level_word(level)], level
    floors = [band.floor for band in wording.LEVEL_BANDS]
    assert floors == sorted(floors, reverse=True)


@pytest.mark.parametrize(
    ("margin", "verdict", "expected"),
    [
        (18.0, "clear", "Changing these 2 answers would make it “Leaning Growth Marketer” (a lead under 15 points):"),
        (8.0, "lean", "Changing these 2 answers would make it a close call (a lead under 5 points):"),
        (18.0, "lean", "Changing these 2 answers would narrow the lead below 15 points, the line for a clear fit:"),
        (8.0, "close-call", "Changing these 2 answers would narrow the lead below 5 points, the line for a lean:"),
        (3.0, "close-call", None),
    ],
)
def test_weaken_intro_is_true_for_capped_and_uncapped_verdicts(
    margin: float, verdict: str, expected: str | None
) -> None:
    """What weakening means depends on whether limits already hold the verdict down."""
    assert wording.weaken_intro(2, margin, verdict, "Growth Marketer") == expected


def test_single_answer_wording() -> None:
    """One answer is 'this answer', several are 'these N answers'."""
    assert wording.flip_intro(1, "Product Owner") == "Changing this answer would flip it to Product Owner:"
    assert wording.flip_intro(3, "Product Owner") == "Changing these 3 answers would flip it to Product Owner:"
    assert wording.flip_intro(1, "X", 1, 1) == "Changing the answer above and this one too would flip it to X:"
    assert wording.flip_intro(2, "X", 3, 3) == "Changing the 3 answers above and these 2 too would flip it to X:"
    assert wording.flip_intro(2, "X", 2, 5) == "Changing 2 of the answers above and these 2 too would flip it to X:"


def test_evidence_phrasing_for_each_item_kind(shipped: ProfileSet) -> None:
    """Likert answers say how strongly the user agreed; choices quote the choice (and the option passed over)."""
    bank = load_bank("core", shipped)
    assert wording.evidence(bank.item("digs-into-usage-data"), 1) == (
        "You strongly disagreed that “I'd enjoy digging into usage data to see how people really use a product”"
    )
    assert wording.evidence(bank.item("digs-into-usage-data"), 3).startswith("You were neutral about “I'd enjoy")
    assert wording.evidence(bank.item("retention-or-win-rate"), "judged-on-win-rate") == (
        "You chose “How often buyers who compare us with competitors end up choosing us” over "
        "“How many users keep coming back month after month”"
    )
    assert wording.evidence(bank.item("survey-results"), "group-buyers-by-need") == (
        "Asked “Results from a large customer survey have just arrived. What would you do with them first?”, "
        "you chose “Use them to sort buyers into groups by the needs they share”"
    )


# ---- any answers --------------------------------------------------------------------------------


def _answers(bank: LoadedBank) -> st.SearchStrategy[dict[str, int | str]]:
    choices: dict[str, st.SearchStrategy[int | str | None]] = {}
    for item in bank.items:
        values: list[int | str] = [1, 2, 3, 4, 5] if isinstance(item, LikertItem) else [o.id for o in item.options]
        choices[item.id] = st.one_of(st.none(), st.sampled_from(values))
    return st.fixed_dictionaries(choices).map(lambda d: {k: v for k, v in d.items() if v is not None})


_PROFILES = load_profiles(THIRD_ROLE)
_BANK = load_bank("core", _PROFILES)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=_answers(_BANK), width=st.sampled_from([50, 80, 120]))
def test_any_answers_render_within_the_width_and_name_the_winner(answers: dict[str, int | str], width: int) -> None:
    """Whatever the answers (three roles, skips included), the result renders, fits the width and names its roles."""
    result = result_of(_BANK, _PROFILES, answers)
    text = render_text(result, _PROFILES, width)
    assert max(len(line) for line in text.splitlines()) <= width
    body = flat(text)
    recommendation = result.recommendation
    assert body.startswith(flat(wording.headline(recommendation.verdict, recommendation.name, recommendation.needed)))
    names = [p.name for p in _PROFILES.profiles] + [p.short_name for p in _PROFILES.profiles]
    assert article_slips(body, names) == []
    if result.what_would_change.flip:
        assert f"would flip it to {result.fits[1].name}:" in body
    for reason in result.reasons:
        level = next(t.level for t in result.traits if t.trait == reason.trait)
        assert ("helps" if level > 0 else "counts against") in Roles(result, _PROFILES).direction(reason)


def test_an_undetermined_result_gives_no_role_advice_only_what_would_settle_it(shipped: ProfileSet) -> None:
    """Too few answers: no fits, reasons, role life or next steps; how many more answers would give a result."""
    text = flat(render_text(result_for(shipped, {"enjoys-writing-specs": 4}), shipped))
    assert text.startswith("Not enough answers to say yet: answer 9 more questions for a result")
    assert "What would settle it" in text and "Give 9 more answers" in text
    for absent in ("/100", "Why PM", "What the PM role is like", "Next steps", "clear fit;"):
        assert absent not in text, absent


def test_a_neither_result_says_what_is_sought_and_looks_beyond_both_roles(shipped: ProfileSet) -> None:
    """Steering away from both: no role named or advised; what the answers do seek, and roles outside PM and PMM."""
    avoiding: dict[str, int | str] = dict(avoiding_everything(load_bank("core", shipped)))
    avoiding["wants-to-shape-perception"] = 5  # one thing this person does seek
    result = result_for(shipped, avoiding)
    text = flat(render_text(result, shipped))
    assert result.recommendation.verdict == "neither"
    assert text.startswith("Neither role fits well")
    assert "What you do seek" in text and "Shaping market perception" in text
    assert "Roles outside product management and product marketing may suit you better" in text
    for absent in ("Why PM", "What the PMM role is like", "Next steps for", "What would change it"):
        assert absent not in text, absent
