"""The scoring engine: verdict tables and the properties promised in docs/scoring.md."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolefit.data.catalog import LoadedBank, ProfileSet, load_bank, load_profiles
from rolefit.data.models import LikertItem
from rolefit.scoring import engine, verdict
from rolefit.scoring import verdict as verdict_rule
from rolefit.scoring.verdict import CLEAR_MARGIN, LEAN_MARGIN, LUKEWARM_FIT, REJECTED_FIT, VERDICTS, Limit
from rolefit.types import LIKERT_VALUES, Answer, LimitCode, Verdict
from tests.helpers import answer_sets, avoiding_everything, extreme, model_for, result_of, toy_model

PM, PMM = "product-manager", "product-marketing-manager"


@pytest.mark.parametrize(
    ("role", "strength", "verdict"), [(PM, 2, "clear"), (PMM, 2, "clear"), (PM, 1, "clear"), (PMM, 1, "clear")]
)
def test_consistent_answers_give_that_role(
    core: LoadedBank, profiles: ProfileSet, role: str, strength: int, verdict: str
) -> None:
    """Answering every item toward one role recommends that role clearly."""
    result = result_of(core, profiles, extreme(core, profiles, role, strength))
    assert result.recommendation.role == role
    assert result.recommendation.verdict == verdict
    assert result.fits[0].role == role and result.fits[0].score > result.fits[1].score


@pytest.mark.parametrize("bank_id", ["core", "quick"])
def test_all_neutral_is_a_close_call(profiles: ProfileSet, bank_id: str) -> None:
    """Neutral on every statement (and no choices made) gives equal fits and a close call."""
    from rolefit.data.catalog import load_bank

    bank = load_bank(bank_id, profiles)
    answers = {item.id: 3 for item in bank.items if isinstance(item, LikertItem)}
    result = result_of(bank, profiles, answers)
    assert result.recommendation.verdict == "close-call"
    assert result.margin == 0


@pytest.mark.parametrize("value", [5, 1])
@pytest.mark.parametrize("bank_id", ["core", "quick"])
def test_agreeing_with_everything_is_not_clear(profiles: ProfileSet, bank_id: str, value: int) -> None:
    """Keying balance: the same extreme answer to every statement cannot produce a clear margin."""
    from rolefit.data.catalog import load_bank

    bank = load_bank(bank_id, profiles)
    model = model_for(bank, profiles)
    answers = {item.id: value for item in bank.items if isinstance(item, LikertItem)}
    scores = engine.score(model, answers)
    assert engine.margin(scores) < CLEAR_MARGIN
    assert result_of(bank, profiles, answers).recommendation.verdict != "clear"


def test_all_skipped_is_undetermined_at_fifty(core: LoadedBank, profiles: ProfileSet) -> None:
    """With nothing answered every fit is 50, no role is named, and the result says how many answers would do."""
    result = result_of(core, profiles, {})
    assert [fit.score for fit in result.fits] == [50.0, 50.0]
    assert result.recommendation.verdict == "undetermined"
    assert result.recommendation.role is None and result.recommendation.name is None
    assert result.recommendation.needed == math.ceil(len(core.items) / 4)
    assert result.reasons == [] and result.what_would_change.flip == []
    assert {limit.code for limit in result.limits} >= {"many-skips", "low-coverage"}
    assert result.answered == 0 and result.skipped == len(core.items)


def test_a_skip_is_not_a_neutral_answer(core: LoadedBank, profiles: ProfileSet) -> None:
    """Skipping an item leaves it out of the normaliser; answering neutral dilutes the trait."""
    model = model_for(core, profiles)
    answers = extreme(core, profiles, PM)
    likert = [item.id for item in core.items if isinstance(item, LikertItem)][:6]
    skipped = {k: v for k, v in answers.items() if k not in likert}
    neutral = {**skipped, **{k: 3 for k in likert}}
    assert engine.score(model, skipped).fits != engine.score(model, neutral).fits
    assert engine.score(model, skipped).fits[0] > engine.score(model, neutral).fits[0]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_fits_are_finite_and_in_range(core: LoadedBank, profiles: ProfileSet, data: st.DataObject) -> None:
    """For any answers, every fit, level and margin is finite and within its range."""
    answers = data.draw(answer_sets(core))
    result = result_of(core, profiles, answers)
    for fit in result.fits:
        assert math.isfinite(fit.score) and 0 <= fit.score <= 100
    for trait in result.traits:
        assert -1 <= trait.level <= 1
    assert 0 <= result.margin <= 100
    assert result.answered + result.skipped == len(core.items)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_deterministic_and_order_free(core: LoadedBank, profiles: ProfileSet, data: st.DataObject) -> None:
    """The same answers in any order give the identical result, every time."""
    answers = data.draw(answer_sets(core))
    keys = list(answers)
    random.Random(data.draw(st.integers())).shuffle(keys)
    shuffled = {key: answers[key] for key in keys}
    first = result_of(core, profiles, answers).model_dump()
    assert result_of(core, profiles, answers).model_dump() == first
    assert result_of(core, profiles, shuffled).model_dump() == first


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_moving_an_answer_toward_a_role_never_lowers_its_fit(
    core: LoadedBank, profiles: ProfileSet, data: st.DataObject
) -> None:
    """Along the agree scale a role's fit moves one way only; for a statement whose traits only the role it is keyed
    to needs, its lead grows too. (A statement on a trait both roles need moves both fits, each on its own scale,
    so there the lead can go either way: docs/scoring.md.)"""
    model = model_for(core, profiles)
    answers = data.draw(answer_sets(core))
    item = data.draw(st.sampled_from([i for i in core.items if isinstance(i, LikertItem)]))
    for role in range(len(model.roles)):
        fits = [engine.score(model, {**answers, item.id: value}).fits[role] for value in LIKERT_VALUES]
        steps = [b - a for a, b in itertools.pairwise(fits)]
        assert all(s >= -1e-9 for s in steps) or all(s <= 1e-9 for s in steps)
    keyed = model.items[item.id].keyed
    assert keyed is not None
    needed_by = {r for r, weights in enumerate(model.weights) for t, _ in model.items[item.id].reach if weights[t]}
    if needed_by != {keyed}:
        return
    gaps = []
    for value in LIKERT_VALUES:
        scored = engine.score(model, {**answers, item.id: value}).fits
        gaps.append(scored[keyed] - max(f for r, f in enumerate(scored) if r != keyed))
    assert all(b >= a - 1e-9 for a, b in itertools.pairwise(gaps))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_contributions_add_up_to_the_fit(core: LoadedBank, profiles: ProfileSet, data: st.DataObject) -> None:
    """Per-answer contributions sum exactly to each role's fit minus 50, so every reason traces to answers."""
    model = model_for(core, profiles)
    answers = data.draw(answer_sets(core))
    scores = engine.score(model, answers)
    for role in range(len(model.roles)):
        total = sum(engine.contribution(model, scores, i, answers[i], role) for i in scores.answered)
        assert total == pytest.approx(scores.fits[role] - 50, abs=1e-9)


def test_reasons_name_answers_that_moved_toward_their_role(core: LoadedBank, profiles: ProfileSet) -> None:
    """Each reason's items are answered and pushed the margin toward the reason's role."""
    answers = extreme(core, profiles, PMM)
    building = [item.id for item in core.items if "product-building" in str(item.model_dump())]
    answers.update({k: v for k, v in extreme(core, profiles, PM).items() if k in building})
    result = result_of(core, profiles, answers)
    assert any(r.role == PMM for r in result.reasons) and any(r.role == PM for r in result.reasons)
    model = model_for(core, profiles)
    scores = engine.score(model, answers)
    index = {role: number for number, role in enumerate(model.roles)}
    other = {PM: PMM, PMM: PM}
    for reason in result.reasons:
        assert reason.items and set(reason.items) <= set(answers)
        for item in reason.items:
            toward = engine.trait_contributions(model, scores, item, answers[item], index[reason.role]).get(
                model.traits.index(reason.trait), 0.0
            )
            away = engine.trait_contributions(model, scores, item, answers[item], index[other[reason.role]]).get(
                model.traits.index(reason.trait), 0.0
            )
            assert toward > away


def test_different_evidence_gives_different_reasons(core: LoadedBank, profiles: ProfileSet) -> None:
    """Two answer sets reaching the same role explain themselves by their own answers."""
    strong = extreme(core, profiles, PM)
    narrow = {k: v for k, v in strong.items() if core.item(k).kind != "likert"}
    first = result_of(core, profiles, strong)
    second = result_of(core, profiles, narrow)
    assert first.recommendation.role == second.recommendation.role == PM
    assert [r.items for r in first.reasons] != [r.items for r in second.reasons]


def test_what_would_change_really_changes_it(core: LoadedBank, profiles: ProfileSet) -> None:
    """Applying the suggested changes weakens, or flips, the verdict as promised."""
    answers = extreme(core, profiles, PM, strength=1)
    result = result_of(core, profiles, answers)
    weaken, flip = result.what_would_change.weaken, result.what_would_change.flip
    assert weaken and flip and len(weaken) <= len(flip)
    weakened = result_of(core, profiles, {**answers, **{c.item: c.to for c in weaken}})
    assert weakened.margin < result.margin
    assert VERDICTS.index(weakened.recommendation.verdict) > VERDICTS.index(result.recommendation.verdict)
    flipped = result_of(core, profiles, {**answers, **{c.item: c.to for c in flip}})
    assert flipped.recommendation.role == PMM
    shorter = result_of(core, profiles, {**answers, **{c.item: c.to for c in flip[:-1]}})
    assert shorter.recommendation.role == PM


def test_decide_caps_by_the_strongest_limit() -> None:
    """A limit can only lower the verdict a margin earns, never raise it."""
    lean_cap = Limit(LimitCode.MANY_SKIPS, "y", Verdict.LEAN)
    close_cap = Limit(LimitCode.LOW_COVERAGE, "y", Verdict.CLOSE_CALL)
    undetermined_cap = Limit(LimitCode.MANY_SKIPS, "y", Verdict.UNDETERMINED)

    def decide(margin: float, best: float, found: list[Limit]) -> Verdict:
        return verdict.decide(margin, best, [limit.cap for limit in found])

    assert decide(30, 80, []) == "clear"
    assert decide(30, 80, [lean_cap]) == "lean"
    assert decide(30, 80, [lean_cap, close_cap]) == "close-call"
    assert decide(1, 80, [lean_cap]) == "close-call"
    assert decide(LEAN_MARGIN, 80, []) == "lean"
    assert decide(30, 80, [lean_cap, undetermined_cap]) == "undetermined"
    assert decide(30, 20, [undetermined_cap]) == "undetermined"  # too few answers outranks a low fit
    assert decide(30, 39.9, [lean_cap]) == "neither"  # a low best fit names no role, whatever the margin
    assert decide(5, 40, []) == "lean"  # 40 and 35: no role is rejected


def test_a_lukewarm_best_fit_beside_a_rejected_one_is_neither() -> None:
    """Best under LUKEWARM_FIT with the second under REJECTED_FIT names no role; either side of each line, not."""
    below, at = LUKEWARM_FIT - 0.1, LUKEWARM_FIT
    assert verdict.decide(below - (REJECTED_FIT - 0.1), below, []) == "neither"
    assert verdict.decide(at - (REJECTED_FIT - 0.1), at, []) == "clear"  # a best fit of 65 draws
    assert verdict.decide(below - REJECTED_FIT, below, []) == "clear"  # a second fit of 30 is not rejected
    assert verdict.decide(30, 40, []) == "neither"
    assert verdict.decide(50, 90, []) == "clear"  # a strong best fit beside a rejected one is a clear fit


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("straight", "straight-lining"),
        ("agree-all", "acquiescence"),
        ("pairs", "contradiction"),
        ("few", "many-skips"),
    ],
)
def test_response_quality_checks_fire(core: LoadedBank, profiles: ProfileSet, pattern: str, code: str) -> None:
    """Each response-quality check fires on the pattern it looks for, and caps the verdict."""
    model = model_for(core, profiles)
    likert = [item for item in core.items if isinstance(item, LikertItem)]
    base = extreme(core, profiles, PM)
    if pattern == "straight":
        answers = {**base, **{item.id: 4 for item in likert}}
    elif pattern == "agree-all":
        answers = {item.id: (5 if n % 2 else 4) for n, item in enumerate(likert)}
    elif pattern == "pairs":
        answers = {**base, **{i.id: 5 for i in likert if i.pair}, **{i.pair: 5 for i in likert if i.pair}}
    else:
        answers = dict(list(base.items())[:5])
    found = engine.limits(model, engine.score(model, answers), answers)
    assert code in {limit.code for limit in found}
    assert result_of(core, profiles, answers).recommendation.verdict != "clear"


def test_clean_strong_answers_raise_no_quality_flags(core: LoadedBank, profiles: ProfileSet) -> None:
    """A consistent, complete answer set is not flagged."""
    result = result_of(core, profiles, extreme(core, profiles, PMM))
    assert result.limits == []


# ---- exact rules: thresholds, limits, reasons and changes at their documented boundaries -------------

HML: dict[Answer, float] = {"hi": 1.0, "mid": 0.0, "lo": -1.0}  # toward role a, neither, away
ONLY: dict[Answer, float] = {"only": 1.0}  # an answer that cannot be changed


def likert_of(core: LoadedBank) -> list[LikertItem]:
    """The core bank's statements, bank order."""
    return [item for item in core.items if isinstance(item, LikertItem)]


def codes(model: engine.ScoringModel, answers: dict[str, Answer]) -> dict[str, Limit]:
    """The limits that apply to an answer set, by code."""
    return {limit.code: limit for limit in engine.limits(model, engine.score(model, answers), answers)}


@pytest.mark.parametrize(
    ("gap", "verdict"),
    [
        (0.0, "close-call"),
        (4.99, "close-call"),
        (5.0, "lean"),
        (5.01, "lean"),
        (14.99, "lean"),
        (15.0, "clear"),
        (15.01, "clear"),
        (80.0, "clear"),
    ],
)
def test_verdict_thresholds_are_5_and_15_points(gap: float, verdict: str) -> None:
    """The verdict table: 15 or more is clear, 5 up to 15 is lean, under 5 is a close call."""
    assert verdict_rule.decide(gap, 80.0, []) == verdict


def test_compiled_effects_follow_the_formulas(core: LoadedBank, profiles: ProfileSet) -> None:
    """A statement adds e * (v - 3) / 2 per trait and reaches |e|; an option adds its effects minus the options' mean;
    reach is the largest amount."""
    model = model_for(core, profiles)
    assert list(model.items) == [item.id for item in core.items]
    for item in core.items:
        compiled = model.items[item.id]
        assert compiled.id == item.id
        if isinstance(item, LikertItem):
            for value in LIKERT_VALUES:
                added = {model.traits[t]: amount for t, amount in compiled.effects[value]}
                assert added == {trait: e * (value - 3) / 2 for trait, e in item.effects.items()}
            assert {model.traits[t]: most for t, most in compiled.reach} == {t: abs(e) for t, e in item.effects.items()}
            assert compiled.keyed is not None
        else:
            assert compiled.keyed is None
            touched = {t for o in item.options for t in o.effects}
            mean = {t: sum(o.effects.get(t, 0.0) for o in item.options) / len(item.options) for t in touched}
            for option in item.options:
                added = {model.traits[t]: a for t, a in compiled.effects[option.id]}
                moved = {t: option.effects.get(t, 0.0) - mean[t] for t in touched}
                assert added == pytest.approx({t: amount for t, amount in moved.items() if abs(amount) > 1e-12})
            for t in touched:  # forced choice: the options' additions cancel out, trait by trait
                assert sum(dict(compiled.effects[o.id]).get(model.traits.index(t), 0.0) for o in item.options) == (
                    pytest.approx(0.0, abs=1e-12)
                )
            reach = {model.traits[t]: most for t, most in compiled.reach}
            most = {t: max(abs(o.effects.get(t, 0.0) - mean[t]) for o in item.options) for t in touched}
            assert reach == pytest.approx({t: m for t, m in most.items() if m > 1e-12})


def test_a_statement_is_keyed_toward_the_role_agreeing_pulls_to(profiles: ProfileSet) -> None:
    """Keying weighs each effect by the role's weight: a strong PM effect outweighs a weaker PMM one."""
    from rolefit.data.models import Source

    source = Source(file="test.txt", fact="a test statement")
    item = LikertItem(
        id="mixed", kind="likert", text="t", effects={"product-building": 0.5, "market-perception": 0.25}, source=source
    )
    model = engine.compile_model([item], profiles.traits, profiles.profiles)
    assert model.roles[model.items["mixed"].keyed or 0] == PM
    reverse = item.model_copy(update={"effects": {"product-building": -0.5, "market-perception": -0.25}})
    assert (
        model.roles[engine.compile_model([reverse], profiles.traits, profiles.profiles).items["mixed"].keyed or 0]
        == PMM
    )


def test_score_lists_answered_and_skipped_and_counts_per_trait(core: LoadedBank, profiles: ProfileSet) -> None:
    """Answered and skipped items come back in bank order, and each trait counts the answered items that feed it."""
    model = model_for(core, profiles)
    answers = {k: v for n, (k, v) in enumerate(extreme(core, profiles, PM).items()) if n % 3}
    scores = engine.score(model, answers)
    assert scores.answered == tuple(item.id for item in core.items if item.id in answers)
    assert scores.skipped == tuple(item.id for item in core.items if item.id not in answers)
    for t, trait in enumerate(model.traits):
        feeding = [
            item
            for item in core.items
            if item.id in answers
            and trait
            in (item.effects if isinstance(item, LikertItem) else {k for o in item.options for k in o.effects})
        ]
        assert scores.counts[t] == len(feeding)
    assert max(scores.counts) > 1


def test_restrict_keeps_only_the_asked_items_and_their_pairs(core: LoadedBank, profiles: ProfileSet) -> None:
    """A restricted model has the asked items in bank order, the pairs both of whose items were asked, and the same roles."""
    model = model_for(core, profiles)
    a, b = model.pairs[0]
    other = next(i for i in model.items if i not in {a, b})
    for asked, pairs in [([b, a], ((a, b),)), ([a, other], ()), ([other, b, a], ((a, b),))]:
        small = engine.restrict(model, asked)
        assert list(small.items) == [i for i in model.items if i in asked]
        assert small.items[a] is model.items[a]
        assert small.pairs == pairs
        assert (small.traits, small.roles, small.weights) == (model.traits, model.roles, model.weights)
    assert engine.restrict(model, list(model.items)) == model


def test_nothing_to_answer_is_capped_at_close_call(core: LoadedBank, profiles: ProfileSet) -> None:
    """A model with no items at all leaves nothing answered: many-skips caps it at a close call."""
    model = engine.restrict(model_for(core, profiles), [])
    found = engine.limits(model, engine.score(model, {}), {})
    assert [(limit.code, limit.cap) for limit in found] == [("many-skips", "undetermined"), ("low-coverage", "lean")]
    assert found[0].message == "only 0 of 0 questions answered"


@pytest.mark.parametrize(
    ("answered", "cap"),
    [(0, "undetermined"), (9, "undetermined"), (10, "lean"), (11, "lean"), (19, "lean"), (20, None), (40, None)],
)
def test_many_skips_fires_under_half_and_under_a_quarter(
    core: LoadedBank, profiles: ProfileSet, answered: int, cap: str | None
) -> None:
    """Of 40 items: under 10 answered is undetermined (saying how many more), under 20 at most lean, 20 or more no limit."""
    model = engine.restrict(model_for(core, profiles), [item.id for item in core.items][:40])
    answers = dict(list(extreme(core, profiles, PM).items())[:answered])
    found = codes(model, answers).get("many-skips")
    assert (found.cap if found else None) == cap
    if found and cap == "undetermined":
        assert found.message == f"only {answered} of 40 questions answered: answer {10 - answered} more to get a result"
    elif found:
        assert found.message == f"only {answered} of 40 questions answered"


@pytest.mark.parametrize(("covered", "fires"), [(0, True), (8, True), (9, False), (12, False)])
def test_low_coverage_fires_under_three_quarters_of_the_traits(covered: int, fires: bool) -> None:
    """With 12 traits, touching 8 is low coverage (cap lean) and touching 9 is enough."""
    model = toy_model([((1.0, 0.0), HML)] * 12)
    found = codes(model, {f"i{n}": "hi" for n in range(covered)}).get("low-coverage")
    assert (found is not None) == fires
    if found:
        assert (found.cap, found.message) == ("lean", f"answers touched only {covered} of 12 traits")


@pytest.mark.parametrize(
    ("values", "fires"),
    [
        ([4] * 7, False),
        ([4] * 8, True),
        ([4] * 8 + [2, 2], True),
        ([4] * 7 + [2, 2, 2], False),
        ([5] * 20 + [1] * 4, True),
        ([5] * 19 + [1] * 5, False),
    ],
)
def test_straight_lining_fires_at_80_percent_of_8_or_more(
    core: LoadedBank, profiles: ProfileSet, values: list[int], fires: bool
) -> None:
    """80% or more of at least 8 statements with the same answer is straight-lining; 7 statements, or 79%, is not."""
    model = model_for(core, profiles)
    answers: dict[str, Answer] = {item.id: v for item, v in zip(likert_of(core), values, strict=False)}
    answers.update({k: v for k, v in extreme(core, profiles, PM).items() if core.item(k).kind != "likert"})
    found = codes(model, answers).get("straight-lining")
    assert (found is not None) == fires
    if found:
        common = max(values.count(v) for v in values)
        assert (found.cap, found.message) == ("lean", f"{common} of {len(values)} statements got the same answer")


def keyed_statements(core: LoadedBank, profiles: ProfileSet) -> tuple[list[str], list[str]]:
    """The core bank's statements keyed toward PM and toward PMM, bank order."""
    model = model_for(core, profiles)
    pm = [i for i, item in model.items.items() if item.keyed == model.roles.index(PM)]
    pmm = [i for i, item in model.items.items() if item.keyed == model.roles.index(PMM)]
    return pm, pmm


@pytest.mark.parametrize(
    ("pm_values", "pmm_values", "leaning"),
    [
        ([4, 4, 4], [4, 4, 4], "agreed"),
        ([5, 5, 5], [4, 4, 4], "agreed"),
        ([2, 2, 2], [2, 2, 2], "disagreed"),
        ([1, 1, 1], [1, 1, 1], "disagreed"),
        ([1, 2, 1], [2, 1, 2, 1], "disagreed"),
        ([4, 4, 3], [5, 5, 5], None),
        ([5, 5, 5], [4, 4, 3], None),
        ([2, 2, 3], [2, 2, 2], None),
        ([5, 5], [5, 5, 5], None),
        ([5, 5, 5], [1, 1, 1], None),
        ([1, 1, 1], [5, 5, 5], None),
    ],
)
def test_acquiescence_fires_at_a_mean_of_half_both_ways(
    core: LoadedBank, profiles: ProfileSet, pm_values: list[int], pmm_values: list[int], leaning: str | None
) -> None:
    """Mean agreement |x| >= 0.5 on 3 or more statements keyed toward each role is acquiescence; less is not."""
    model = model_for(core, profiles)
    pm, pmm = keyed_statements(core, profiles)
    answers: dict[str, Answer] = {
        **dict(zip(pm, pm_values, strict=False)),
        **dict(zip(pmm, pmm_values, strict=False)),
    }
    found = codes(model, answers).get("acquiescence")
    assert (found.message if found else None) == (
        f"you {leaning} with statements that point to opposite roles" if leaning else None
    )
    assert found is None or found.cap == "lean"


@pytest.mark.parametrize(
    ("first", "second"),
    [(5, 5), (1, 1), (4, 5), (5, 4), (2, 1), (1, 2), (4, 4), (2, 2), (3, 5), (5, 3), (5, 1), (4, 2), (1, 4)],
)
def test_contradiction_fires_on_the_same_strong_answer_to_a_pair(
    core: LoadedBank, profiles: ProfileSet, first: int, second: int
) -> None:
    """Both statements of a pair agreed (or disagreed) with, one of them strongly, is a contradiction."""
    model = model_for(core, profiles)
    a, b = model.pairs[0]
    found = codes(model, {a: first, b: second}).get("contradiction")
    same_side = (first - 3) * (second - 3) > 0
    strong = 5 in (first, second) or 1 in (first, second)
    assert (found is not None) == (same_side and strong)
    if found:
        assert (found.cap, found.message) == ("lean", f"opposite statements got the same answer ({a} / {b})")


def test_contradiction_names_every_contradicted_pair(core: LoadedBank, profiles: ProfileSet) -> None:
    """Each pair answered the same strong way is named, in bank order, in one limit."""
    model = model_for(core, profiles)
    (a, b), (c, d) = model.pairs[:2]
    found = codes(model, {a: 5, b: 5, c: 1, d: 1})["contradiction"]
    assert found.message == f"opposite statements got the same answer ({a} / {b}, {c} / {d})"


def reasons_model() -> engine.ScoringModel:
    """Four traits: t0 fed by six items of different sizes, t1 worth exactly 0.5 points, t2 0.49, t3 toward b."""
    part: dict[Answer, float] = {"hi": 1.0, "q1": 0.25, "q2": 0.5, "q3": 0.75, "mid": 0.0, "neg": -0.5}
    items = {
        f"j{n}": engine.CompiledItem(f"j{n}", {a: ((0, v),) for a, v in part.items()}, ((0, 1.0),), None)
        for n in range(6)
    }
    for t in (1, 2, 3):
        items[f"k{t}"] = engine.CompiledItem(f"k{t}", {"hi": ((t, 1.0),), "lo": ((t, -1.0),)}, ((t, 1.0),), None)
    items["z3"] = engine.CompiledItem("z3", {"hi": ((3, 1.0),), "mid": ((3, 0.0),)}, ((3, 1.0),), None)
    # t4, answered neutral, moves no fit but makes each role's scale exactly 1 (engine._scale), so points are plain.
    items["m4"] = engine.CompiledItem(
        "m4", {"hi": ((4, 1.0),), "mid": ((4, 0.0),), "lo": ((4, -1.0),)}, ((4, 1.0),), None
    )
    weights = ((0.37, 0.01, 0.0098, 0.0, 0.6102), (0.0, 0.0, 0.0, 0.2, 0.8))
    return engine.ScoringModel(("t0", "t1", "t2", "t3", "t4"), ("a", "b"), weights, items, ())


def test_reasons_are_strongest_first_with_their_largest_answers() -> None:
    """Reasons: 0.5 points or more, strongest first, to the hundredth, the three largest answers behind each, none neutral."""
    model = reasons_model()
    answers: dict[str, Answer] = {"j0": "q1", "j1": "hi", "j2": "q2", "j3": "mid", "j4": "q3", "j5": "neg"}
    answers.update({"k1": "hi", "k2": "hi", "k3": "hi", "z3": "mid", "m4": "mid"})
    scores = engine.score(model, answers)
    assert scores.scale == pytest.approx((1.0, 1.0), abs=1e-12)
    assert model.roles[engine.ranking(scores)[0]] == "a"
    t0 = 50 * 0.37 * scores.levels[0]
    assert t0 != round(t0, 2)  # the rounding is visible
    found = engine.reasons(model, scores, answers)
    assert found == [
        engine.TraitPull("t0", "a", round(t0, 2), ("j1", "j4", "j2")),
        engine.TraitPull("t3", "b", 5.0, ("k3",)),
        engine.TraitPull("t1", "a", 0.5, ("k1",)),
    ]


def three_roles(profiles: ProfileSet) -> ProfileSet:
    """The shipped profiles plus a third role that weighs every trait the same."""
    third = profiles.profiles[0].model_copy(
        update={"id": "generalist", "weights": dict.fromkeys(profiles.profiles[0].weights, 0.5)}
    )
    return type(profiles)(profiles.shared, (*profiles.profiles, third))


def test_three_roles_compare_the_best_two(core: LoadedBank, profiles: ProfileSet) -> None:
    """With three roles, the margin, reasons and changes are about the best fit and the runner-up only."""
    model = model_for(core, three_roles(profiles))
    answers = extreme(core, profiles, PM)
    scores = engine.score(model, answers)
    top = sorted(scores.fits, reverse=True)
    assert engine.margin(scores) == top[0] - top[1]
    first, second = engine.ranking(scores)[:2]
    assert {r.role for r in engine.reasons(model, scores, answers)} <= {model.roles[first], model.roles[second]}
    weaken, flip = engine.what_would_change(model, scores, answers)
    assert weaken and flip
    changed = engine.score(model, {**answers, **{c.item: c.to for c in flip}})
    assert changed.fits[second] > changed.fits[first]


Moves = list[tuple[str, Answer, float]]


def changes_for(
    specs: Sequence[tuple[Sequence[float], Mapping[Answer, float]]],
    answers: dict[str, Answer],
    gap: float,
) -> tuple[Moves, Moves]:
    """What would change a toy answer set, after checking the set has exactly the margin meant."""
    model = toy_model(specs)
    scores = engine.score(model, answers)
    assert engine.margin(scores) == gap
    weaken, flip = engine.what_would_change(model, scores, answers)
    return [(c.item, c.to, c.points) for c in weaken], [(c.item, c.to, c.points) for c in flip]


def mids(count: int, **rest: Answer) -> dict[str, Answer]:
    """A toy answer set: ``i0`` its only answer, the next ``count`` items neutral, then ``rest``."""
    return {"i0": "only", **{f"i{n}": "mid" for n in range(1, count + 1)}, **rest}


# A fit is 50 + 50 * (weighted level) / (the most the answered items could move it): in these toy models role b
# weighs nothing (its fit stays 50) and role a's scale is the sum of its weights, so each set below has scale 1.


def test_changes_at_a_margin_of_exactly_15() -> None:
    """At exactly 15 points (clear) one 5-point change weakens it; flipping takes four, since three only tie."""
    weaken, flip = changes_for([((0.3, 0.0), ONLY)] + [((0.1, 0.0), HML)] * 7, mids(7), 15.0)
    assert weaken == [("i1", "lo", 5.0)]
    assert flip == [("i1", "lo", 5.0), ("i2", "lo", 5.0), ("i3", "lo", 5.0), ("i4", "lo", 5.0)]


def test_changes_at_a_margin_of_exactly_5() -> None:
    """At exactly 5 points (lean) one change weakens it to a close call; flipping takes two."""
    weaken, flip = changes_for([((0.1, 0.0), ONLY)] + [((0.1, 0.0), HML)] * 9, mids(9), 5.0)
    assert weaken == [("i1", "lo", 5.0)]
    assert flip == [("i1", "lo", 5.0), ("i2", "lo", 5.0)]


def test_a_close_call_is_weakened_only_by_flipping() -> None:
    """Below 5 points the next level down is a flip: weaken and flip are the same fewest changes."""
    weaken, flip = changes_for([((0.06, 0.0), ONLY)] + [((0.47, 0.0), HML)] * 2, mids(2), 3.0)
    assert weaken == flip == [("i1", "lo", 23.5)]


def test_changes_that_only_reach_the_threshold_are_not_enough() -> None:
    """Landing exactly on 5 points is still lean, so one 5-point change from 10 weakens nothing: it takes two."""
    weaken, flip = changes_for([((0.2, 0.0), ONLY)] + [((0.1, 0.0), HML)] * 8, mids(8), 10.0)
    assert weaken == [("i1", "lo", 5.0), ("i2", "lo", 5.0)]
    assert flip == [("i1", "lo", 5.0), ("i2", "lo", 5.0), ("i3", "lo", 5.0)]


def test_the_largest_changes_come_first_and_small_ones_count() -> None:
    """Changes are taken largest first, so the fewest suffice; a half-point change is still offered, and an answer
    already as far toward the runner-up as it goes is not."""
    small = ((0.01, 0.0), HML)
    weaken, flip = changes_for(
        [((0.49, 0.0), ONLY), small, ((0.08, 0.0), HML), small, small, small, ((0.39, 0.0), HML)],
        mids(5, i6="lo"),
        5.0,
    )
    assert weaken == [("i2", "lo", 4.0)]
    assert flip == [("i2", "lo", 4.0), ("i1", "lo", 0.5), ("i3", "lo", 0.5), ("i4", "lo", 0.5)]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_each_change_is_the_answer_that_helps_the_runner_up_most(
    core: LoadedBank, profiles: ProfileSet, data: st.DataObject
) -> None:
    """Every answered item that could help the runner-up is offered, moved to the answer that helps it most, largest first."""
    model = model_for(core, profiles)
    answers = data.draw(answer_sets(core))
    scores = engine.score(model, answers)
    first, second = engine.ranking(scores)[:2]

    def edge(item_id: str, value: Answer) -> float:
        """The margin points this answer gives the leader over the runner-up."""
        return engine.contribution(model, scores, item_id, value, first) - engine.contribution(
            model, scores, item_id, value, second
        )

    expected = {}
    for item_id in scores.answered:
        gains = {
            value: edge(item_id, answers[item_id]) - edge(item_id, value) for value in model.items[item_id].effects
        }
        best = max(gains.values())
        if best > 1e-9:
            expected[item_id] = (round(best, 2), {v for v, g in gains.items() if g == best})
    weaken, flip = engine.what_would_change(model, scores, answers)
    for change in [*weaken, *flip]:
        points, targets = expected[change.item]
        assert change.answer == answers[change.item] and change.to in targets and change.points == points
    assert [c.points for c in flip] == sorted((c.points for c in flip), reverse=True)
    everything = sorted((points for points, _ in expected.values()), reverse=True)
    assert [c.points for c in flip] == everything[: len(flip)]
    assert [c.points for c in weaken] == everything[: len(weaken)]


@pytest.mark.parametrize(
    ("margin", "alone", "line"),
    [
        (40.0, Verdict.CLEAR, CLEAR_MARGIN),
        (CLEAR_MARGIN, Verdict.CLEAR, CLEAR_MARGIN),
        (CLEAR_MARGIN - 0.01, Verdict.LEAN, LEAN_MARGIN),
        (LEAN_MARGIN, Verdict.LEAN, LEAN_MARGIN),
        (LEAN_MARGIN - 0.01, Verdict.CLOSE_CALL, 0.0),
        (0.0, Verdict.CLOSE_CALL, 0.0),
    ],
)
def test_the_verdict_rule_on_the_margin_alone(margin: float, alone: Verdict, line: float) -> None:
    """15 points or more is clear, 5 or more a lean, less a close call; and the line the verdict rests on."""
    assert (CLEAR_MARGIN, LEAN_MARGIN) == (15.0, 5.0)
    assert verdict.margin_verdict(margin) == alone
    assert verdict.line_under(margin) == line
    assert verdict.decide(margin, 80.0, []) == alone


# ---- the fit scale and the two outcomes that name no role (issue 13) ------------------------------


@pytest.mark.parametrize("bank_id", ["core", "quick"])
def test_the_answers_most_for_each_role_reach_the_top_symmetrically(bank_id: str, profiles: ProfileSet) -> None:
    """The answers most in favour of a role give it at least 90 and the other at most 40, both ways, within 5 points."""
    bank = load_bank(bank_id, profiles)
    model = model_for(bank, profiles)
    tops = []
    for role, other in [(PM, PMM), (PMM, PM)]:
        scores = engine.score(model, extreme(bank, profiles, role))
        fits = dict(zip(model.roles, scores.fits, strict=True))
        assert fits[role] >= 90 and fits[other] <= 40, fits
        tops.append(fits[role])
    assert abs(tops[0] - tops[1]) <= 5


@pytest.mark.parametrize("bank_id", ["core", "quick"])
def test_steering_away_from_what_both_roles_need_is_neither(bank_id: str, profiles: ProfileSet) -> None:
    """Avoiding everything both roles need names no role, whichever role it dislikes less."""
    bank = load_bank(bank_id, profiles)
    result = result_of(bank, profiles, avoiding_everything(bank))
    assert result.fits[0].score < verdict.NEITHER_FIT
    assert result.recommendation.verdict == "neither"
    assert (result.recommendation.role, result.recommendation.name, result.recommendation.needed) == (None, None, None)


def test_neither_is_decided_by_the_best_fit_at_its_threshold() -> None:
    """A best fit of exactly 40 still names a role (beside a second that is not rejected); just under it is neither,
    whatever the margin."""
    assert verdict.NEITHER_FIT == 40.0
    assert verdict.decide(10.0, 40.0, []) == "lean"
    assert verdict.decide(20.0, 39.99, []) == "neither"
    assert verdict.decide(0.0, 39.99, []) == "neither"
    assert not verdict.recommends(Verdict.NEITHER) and not verdict.recommends(Verdict.UNDETERMINED)
    assert all(verdict.recommends(v) for v in (Verdict.CLEAR, Verdict.LEAN, Verdict.CLOSE_CALL))


@pytest.mark.parametrize(("answered", "expected"), [(9, "undetermined"), (10, "lean")])
def test_undetermined_ends_at_a_quarter_answered(
    core: LoadedBank, profiles: ProfileSet, answered: int, expected: str
) -> None:
    """Of 40 items, 9 answers say nothing (and how many more would do), 10 can give a result."""
    model = engine.restrict(model_for(core, profiles), [item.id for item in core.items][:40])
    assert engine.needed_for_result(40) == 10
    answers = dict(list(extreme(core, profiles, PM).items())[:answered])
    scores = engine.score(model, answers)
    assert engine.decide(scores, engine.limits(model, scores, answers)) == expected


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_fits_stay_on_the_scale_and_choices_sum_to_zero(
    core: LoadedBank, profiles: ProfileSet, data: st.DataObject
) -> None:
    """Any answers give fits within 0..100; every choice item's additions cancel out over its options."""
    model = model_for(core, profiles)
    scores = engine.score(model, data.draw(answer_sets(core)))
    assert all(-1e-9 <= fit <= 100 + 1e-9 for fit in scores.fits)
    for item in core.items:
        if not isinstance(item, LikertItem):
            for t in range(len(model.traits)):
                moved = sum(dict(model.items[item.id].effects[o.id]).get(t, 0.0) for o in item.options)
                assert moved == pytest.approx(0.0, abs=1e-12)


def test_a_change_priced_past_the_fit_scale_is_held_to_what_the_margin_can_move(tmp_path: Path) -> None:
    """Hypothesis's world: a choice whose option pulls two traits apart, priced at today's scale, came to 300
    points, past the ±200 a margin between two 0-100 fits can move, and the result could not be built."""
    import json

    from tests.test_fuzz import write_world

    world = json.loads((Path(__file__).parent / "fixtures" / "change_overshoot.json").read_text(encoding="utf-8"))
    path = write_world(tmp_path, world["shared"], world["profiles"], world["bank"])
    profiles = load_profiles(tmp_path / "profiles")
    bank = load_bank(str(path), profiles)
    per_item = [
        [None, *(LIKERT_VALUES if isinstance(item, LikertItem) else [o.id for o in item.options])]
        for item in bank.items
    ]
    for combination in itertools.product(*per_item):
        answers = {item.id: a for item, a in zip(bank.items, combination, strict=True) if a is not None}
        result = result_of(bank, profiles, answers)
        for change in [*result.what_would_change.weaken, *result.what_would_change.flip]:
            assert 0 < change.points <= result.margin + 100 + 0.05, (answers, change)  # the margin is rounded to 0.1
