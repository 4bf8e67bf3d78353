"""The shipped data meets the bank rules, and broken data is reported at its exact place."""

from __future__ import annotations

import shutil
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from rolefit.data.catalog import ProfileSet, load_bank, load_profiles
from rolefit.data.models import LikertItem
from rolefit.errors import DataError
from tests.conftest import REPO
from tests.helpers import lean, result_of

SEEDS = REPO.parent / "shared" / "seeds"
PM, PMM = "product-manager", "product-marketing-manager"


def feeds(item: object) -> set[str]:
    """The traits an item can move."""
    if isinstance(item, LikertItem):
        return set(item.effects)
    return {trait for option in item.options for trait in option.effects}  # type: ignore[attr-defined]


def test_core_bank_meets_the_bank_rules(profiles: ProfileSet) -> None:
    """core: at least 36 items, every trait fed by 3+, both roles pulled in balance, some reverse-keyed."""
    core = load_bank("core", profiles)
    assert len(core.items) >= 36
    counts = Counter(trait for item in core.items for trait in feeds(item))
    assert all(counts[trait.id] >= 3 for trait in profiles.traits), counts
    likert = [item for item in core.items if isinstance(item, LikertItem)]
    toward_pm = sum(1 for item in likert if lean(profiles, PM, item.effects) > 0)
    assert toward_pm == len(likert) - toward_pm
    reverse = [item for item in likert if any(weight < 0 for weight in item.effects.values())]
    assert len(reverse) >= len(likert) // 4
    assert {item.kind for item in core.items} == {"likert", "choice", "forced_choice"}


def test_quick_bank_is_a_short_selection_of_core(profiles: ProfileSet) -> None:
    """quick: at most 12 items, all taken from core unchanged."""
    core, quick = load_bank("core", profiles), load_bank("quick", profiles)
    assert 0 < len(quick.items) <= 12
    assert all(core.item(item.id) == item for item in quick.items)


MAX_WORDS, MAX_MEAN_WORDS = 25, 18  # the item-writing guide's "short and plain"
MIN_OPTION_LEAN = 0.02  # a fifth of what a full-weight trait's option pulls: a customer-insight-only option pulls 0.005
SHIPPED_BANKS = ("core", "quick")


def statements(item: object) -> list[str]:
    """The texts a respondent reads as statements: a likert text, or a question and each of its options."""
    if isinstance(item, LikertItem):
        return [item.text]
    return [item.text, *(option.text for option in item.options)]  # type: ignore[attr-defined]


@pytest.mark.parametrize("bank_id", SHIPPED_BANKS)
def test_statements_are_short(profiles: ProfileSet, bank_id: str) -> None:
    """No statement, question or option is over 25 words, and they average 18 words or fewer."""
    texts = [text for item in load_bank(bank_id, profiles).items for text in statements(item)]
    words = {text: len(text.split()) for text in texts}
    assert not {text: n for text, n in words.items() if n > MAX_WORDS}
    assert sum(words.values()) / len(words) <= MAX_MEAN_WORDS


@pytest.mark.parametrize("bank_id", SHIPPED_BANKS)
def test_first_options_lean_pm_in_half_the_choice_items(profiles: ProfileSet, bank_id: str) -> None:
    """Every option leans to a role, each choice has options for both, and the first leans PM in half (within one)."""
    choices = [item for item in load_bank(bank_id, profiles).items if not isinstance(item, LikertItem)]
    for item in choices:
        pulls = [lean(profiles, PM, option.effects) for option in item.options]
        assert all(abs(pull) >= MIN_OPTION_LEAN for pull in pulls), (item.id, pulls)
        assert max(pulls) > 0 > min(pulls), item.id
    first_pm = sum(1 for item in choices if lean(profiles, PM, item.options[0].effects) > 0)
    assert abs(2 * first_pm - len(choices)) <= 2, f"{first_pm} of {len(choices)} first options lean PM"


def test_reverse_keyed_statements_are_true_twins(profiles: ProfileSet) -> None:
    """A reverse-keyed statement names its twin (pair), which moves the same traits the other way."""
    core = load_bank("core", profiles)
    likert = {item.id: item for item in core.items if isinstance(item, LikertItem)}
    reverse = [item for item in likert.values() if any(weight < 0 for weight in item.effects.values())]
    assert reverse
    for item in reverse:
        assert item.pair is not None, item.id
        twin = likert[item.pair]
        assert twin.pair is None and {t: -w for t, w in twin.effects.items()} == item.effects, item.id
    assert all(item.pair is None for item in likert.values() if item not in reverse)


def test_every_source_names_a_real_seed_file(profiles: ProfileSet) -> None:
    """Traits, profile blocks and items all cite one of the four source articles."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    seeds = {path.name for path in SEEDS.glob("*.txt")}
    cited = {trait.source.file for trait in profiles.traits}
    cited |= {item.source.file for item in load_bank("core", profiles).items}
    for profile in profiles.profiles:
        for value in profile.model_dump().values():
            if isinstance(value, dict) and "source" in value:
                cited.add(value["source"]["file"])
        cited |= {fact.source.file for fact in profile.trait_facts.values()}
    assert cited and cited <= seeds, cited - seeds
    registered = {article.file for article in profiles.shared.sources}
    assert registered == seeds, registered ^ seeds


HEADLINES = ("002_cdfbf2e43573e4aa.txt", "003_d8ee61504b744ef8.txt")  # the two seed articles that open with one


def test_the_sources_registry_gives_each_article_a_title_and_only_named_publishers(profiles: ProfileSet) -> None:
    """shared.yaml lists each seed article once with a title; a headline is kept as written; only 000 names a
    publisher (Yardstick), so no other entry has one."""
    articles = {article.file: article for article in profiles.shared.sources}
    assert sorted(articles) == [
        "000_acce55285afc1692.txt",
        "001_1b088eba46c19910.txt",
        "002_cdfbf2e43573e4aa.txt",
        "003_d8ee61504b744ef8.txt",
    ]
    assert articles["002_cdfbf2e43573e4aa.txt"].title == (
        "Product Marketing Manager vs. Product Manager: Where Do You Draw the Line?"
    )
    assert (
        articles["003_d8ee61504b744ef8.txt"].title
        == "Product Manager vs Product Marketing Manager: What's the Difference?"
    )
    assert {file: article.publisher for file, article in articles.items()} == {
        "000_acce55285afc1692.txt": "Yardstick",
        "001_1b088eba46c19910.txt": None,
        "002_cdfbf2e43573e4aa.txt": None,
        "003_d8ee61504b744ef8.txt": None,
    }
    assert all(article.title.strip() and "_" not in article.title for article in articles.values())
    assert profiles.article("003_d8ee61504b744ef8.txt") is articles["003_d8ee61504b744ef8.txt"]
    if SEEDS.is_dir():
        for file in HEADLINES:
            headline = (SEEDS / file).read_text(encoding="utf-8").splitlines()[0]
            assert articles[file].title == headline


def test_profiles_weigh_every_trait_and_differ(profiles: ProfileSet) -> None:
    """Both shipped roles weigh all traits, and shared traits weigh the same for both."""
    assert [p.id for p in profiles.profiles] == [PM, PMM]
    pm, pmm = (profiles.profile(role).weights for role in (PM, PMM))
    assert set(pm) == set(pmm) == {trait.id for trait in profiles.traits}
    for trait in profiles.traits:
        if trait.shared:
            assert pm[trait.id] == pmm[trait.id]
    assert pm != pmm


def write(tmp_path: Path, name: str, text: str) -> Path:
    """A data file in tmp_path."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


SOURCE = "{file: 003_d8ee61504b744ef8.txt, fact: PMs own specs.}"
BANK_HEAD = "id: mine\nversion: 1\ntitle: Mine\ndescription: A test bank.\nitems:\n"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (
            f"  - id: a\n    kind: likert\n    text: I like specs.\n    effects: {{bogus: 1}}\n    source: {SOURCE}\n",
            "mine.yaml:9:15: items.0.effects.bogus: unknown trait 'bogus': use a trait id from shared.yaml",
        ),
        (
            f"  - id: a\n    kind: likart\n    text: I like specs.\n    source: {SOURCE}\n",
            "mine.yaml:6:5: items.0: Input tag 'likart' found using 'kind' does not match any of the expected tags:",
        ),
        (
            f"  - id: a\n    kind: forced_choice\n    text: Which?\n    source: {SOURCE}\n    options:\n"
            "      - {id: no, text: A, effects: {prioritisation: 1}}\n      - {id: b, text: B, effects: {messaging: 1}}\n",
            "mine.yaml:11:14: 'no' means false/true in YAML 1.1 but text in YAML 1.2: quote it ('no'), or write true/false",
        ),
        (
            f"  - id: a\n    kind: likert\n    text: I like specs.\n    effects: {{prioritisation: 1}}\n    source: {SOURCE}\n"
            f"  - id: a\n    kind: likert\n    text: Again.\n    effects: {{messaging: 1}}\n    source: {SOURCE}\n",
            "mine.yaml:11:9: items.1.id: duplicate item id 'a': item ids must be unique",
        ),
        (
            "  - id: a\n    kind: likert\n    text: I like specs.\n    effects: {prioritisation: 1}\n",
            "mine.yaml:6:5: items.0.source: required field is missing: add it",
        ),
        (
            f"  - id: a\n    kind: likert\n    text: I like specs.\n    effects: {{prioritisation: 1}}\n    colour: red\n    source: {SOURCE}\n",
            "mine.yaml:10:13: items.0.colour: unknown field: remove it or check its spelling",
        ),
        (
            f"  - id: a\n    kind: likert\n    text: I like specs.\n    effects: {{prioritisation: 1}}\n    pair: b\n    source: {SOURCE}\n",
            "mine.yaml:10:11: items.0.pair: pair 'b' is not another likert item: check the id",
        ),
        ("  []\n", "mine.yaml:6:3: items: a bank needs at least one item: add items, or base + select"),
        (
            "  - id: a\n    kind: likert\n    text: I like specs.\n    effects: {prioritisation: 1}\n"
            "    source: {file: 003_d8ee61504b744ef9.txt, fact: PMs own specs.}\n",
            "mine.yaml:10:20: items.0.source.file: unknown source file '003_d8ee61504b744ef9.txt' "
            "(did you mean '003_d8ee61504b744ef8.txt'?): cite a file from the sources list in shared.yaml, "
            "or add the article there",
        ),
        (
            "  - id: a\n    kind: likert\n    text: I like specs.\n    effects: {prioritisation: 1}\n"
            "    source: {file: 004_unlisted.txt, fact: PMs own specs.}\n",
            "mine.yaml:10:20: items.0.source.file: unknown source file '004_unlisted.txt': "
            "cite a file from the sources list in shared.yaml, or add the article there",
        ),
    ],
)
def test_bank_problems_are_reported_at_their_place(
    tmp_path: Path, profiles: ProfileSet, items: str, expected: str
) -> None:
    """Each kind of bank mistake gives file:line:col, the field path and a fix."""
    path = write(tmp_path, "mine.yaml", BANK_HEAD + items)
    with pytest.raises(DataError) as caught:
        load_bank(str(path), profiles)
    assert str(caught.value.problems[0]).replace(str(tmp_path) + "/", "").startswith(expected)


def test_all_bank_problems_come_at_once(tmp_path: Path, profiles: ProfileSet) -> None:
    """Three independent mistakes give three lines, not one at a time, each at its own place."""
    items = (
        f"  - id: a\n    kind: likert\n    text: One.\n    effects: {{bogus: 1}}\n    source: {SOURCE}\n"
        f"  - id: a\n    kind: likert\n    text: Two.\n    effects: {{nope: 1}}\n    source: {SOURCE}\n"
    )
    path = write(tmp_path, "mine.yaml", BANK_HEAD + items)
    with pytest.raises(DataError) as caught:
        load_bank(str(path), profiles)
    assert sorted(str(problem).replace(str(tmp_path) + "/", "") for problem in caught.value.problems) == [
        "mine.yaml:11:9: items.1.id: duplicate item id 'a': item ids must be unique",
        "mine.yaml:14:15: items.1.effects.nope: unknown trait 'nope': use a trait id from shared.yaml",
        "mine.yaml:9:15: items.0.effects.bogus: unknown trait 'bogus': use a trait id from shared.yaml",
    ]


@pytest.fixture
def profile_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped profiles directory."""
    target = tmp_path / "profiles"
    shutil.copytree(REPO / "profiles", target)
    return target


def test_a_third_profile_adds_a_third_role(profile_copy: Path) -> None:
    """Dropping a profile file in adds a role, with no code change: it is loaded and scored like the others."""
    text = (profile_copy / "product-manager.yaml").read_text(encoding="utf-8")
    for old, new in [
        ("id: product-manager\n", "id: product-owner\n"),
        ('name: "Product Manager"\n', 'name: "Product Owner"\n'),
        ('short_name: "PM"\n', 'short_name: "PO"\n'),
    ]:
        assert old in text, old
        text = text.replace(old, new, 1)
    (profile_copy / "product-owner.yaml").write_text(text, encoding="utf-8")
    loaded = load_profiles(profile_copy)
    assert [p.id for p in loaded.profiles] == ["product-manager", "product-marketing-manager", "product-owner"]
    result = result_of(load_bank("core", loaded), loaded, {"enjoys-writing-specs": 5})
    fits = {fit.role: fit for fit in result.fits}
    assert set(fits) == {"product-manager", "product-marketing-manager", "product-owner"}
    assert fits["product-owner"].name == "Product Owner"
    assert fits["product-owner"].score == fits["product-manager"].score  # the same weights: the same fit


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("  prioritisation: 1.0\n", ""), "weights: no entry for trait(s) prioritisation: add them"),
        (("  prioritisation: 1.0\n", "  prioritisation: 1.0\n  bogus: 0.5\n"), "weights.bogus: unknown trait 'bogus'"),
        (
            ("  prioritisation: 1.0\n", "  prioritisation: 1.5\n"),
            "weights.prioritisation: 1.5 is more than 1, the most allowed here: write at most 1",
        ),
        (
            ("  prioritisation: 1.0\n", "  prioritisation: 1.0e-45\n"),
            "weights.prioritisation: 1e-45 is too small to count: write 0, or at least 1e-06",
        ),
        (
            ("id: product-manager", "id: product-marketing-manager"),
            "id: role id 'product-marketing-manager' is also used by",
        ),
    ],
)
def test_profile_problems_are_reported_at_their_place(profile_copy: Path, edit: tuple[str, str], expected: str) -> None:
    """Missing, unknown and out-of-range weights, and a reused role id, are each named with a fix."""
    path = profile_copy / "product-manager.yaml"
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_profiles(profile_copy)
    lines = [str(problem) for problem in caught.value.problems]
    assert any(expected in line and line.split(":")[1].isdigit() for line in lines), lines


UNKNOWN_SOURCE = (
    "unknown source file '003_d8ee61504b744ef9.txt' (did you mean '003_d8ee61504b744ef8.txt'?): "
    "cite a file from the sources list in shared.yaml, or add the article there"
)


@pytest.mark.parametrize(
    ("name", "edit", "expected"),
    [
        (
            "product-manager.yaml",
            ("  source:\n    file: 003_d8ee61504b744ef8.txt\n", "  source:\n    file: 003_d8ee61504b744ef9.txt\n"),
            f"product-manager.yaml:9:11: summary.source.file: {UNKNOWN_SOURCE}",
        ),
        (
            "product-manager.yaml",
            ("      file: 002_cdfbf2e43573e4aa.txt\n", "      file: 003_d8ee61504b744ef9.txt\n"),
            f"product-manager.yaml:30:13: trait_facts.product-building.source.file: {UNKNOWN_SOURCE}",
        ),
        (
            "shared.yaml",
            ("      file: 003_d8ee61504b744ef8.txt\n", "      file: 003_d8ee61504b744ef9.txt\n"),
            f"shared.yaml:22:13: traits.0.source.file: {UNKNOWN_SOURCE}",
        ),
        (
            "shared.yaml",
            ("  - file: 001_", "  - file: 000_acce55285afc1692.txt\n    title: Again\n  - file: 001_"),
            "shared.yaml:10:11: sources.1.file: source file '000_acce55285afc1692.txt' is listed twice: "
            "list each article once",
        ),
    ],
)
def test_an_unknown_or_repeated_source_file_is_refused_at_its_place(
    profile_copy: Path, name: str, edit: tuple[str, str], expected: str
) -> None:
    """A profile or shared.yaml citing a file the sources list lacks, or listing one twice, is refused at the
    file, line and column of the name, with the fix (and the nearest listed file when one is close)."""
    path = profile_copy / name
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_profiles(profile_copy)
    lines = [str(problem).replace(str(profile_copy) + "/", "") for problem in caught.value.problems]
    assert lines == [expected]


def test_a_shared_file_without_a_sources_list_is_refused(profile_copy: Path) -> None:
    """The sources registry is required: a shared.yaml without one is refused at the top, naming the field."""
    path = profile_copy / "shared.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("sources:\n"), text.index("traits:\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_profiles(profile_copy)
    lines = [str(problem).replace(str(profile_copy) + "/", "") for problem in caught.value.problems]
    assert lines == ["shared.yaml:6:1: sources: required field is missing: add it"]


def test_a_profile_whose_weights_are_all_zero_is_refused(profile_copy: Path) -> None:
    """A role that could never fit is an error."""
    path = profile_copy / "product-manager.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("weights:")
    end = next(n for n in range(start + 1, len(lines)) if not lines[n].startswith("  "))
    lines[start + 1 : end] = [line.split(":")[0] + ": 0" for line in lines[start + 1 : end]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="every weight is 0"):
        load_profiles(profile_copy)
