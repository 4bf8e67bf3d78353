"""The scoring engine: verdict tables and the properties promised in docs/scoring.md."""

from __future__ import annotations

import itertools
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.data.models import LikertItem
from rolefit.scoring import engine
from rolefit.scoring.verdict import CLEAR_MARGIN, LEAN_MARGIN, VERDICTS, Limit
from rolefit.types import LIKERT_VALUES, LimitCode, Verdict
from tests.helpers import answer_sets, extreme, model_for, result_of

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


def test_all_skipped_is_a_close_call_at_fifty(core: LoadedBank, profiles: ProfileSet) -> None:
    """With nothing answered every fit is 50 and the verdict a close call capped by the skips."""
    result = result_of(core, profiles, {})
    assert [fit.score for fit in result.fits] == [50.0, 50.0]
    assert result.recommendation.verdict == "close-call"
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
    """Along the agree scale a role's fit moves one way only, and toward the role the item is keyed to."""
    model = model_for(core, profiles)
    answers = data.draw(answer_sets(core))
    item = data.draw(st.sampled_from([i for i in core.items if isinstance(i, LikertItem)]))
    for role in range(len(model.roles)):
        fits = [engine.score(model, {**answers, item.id: value}).fits[role] for value in LIKERT_VALUES]
        steps = [b - a for a, b in itertools.pairwise(fits)]
        assert all(s >= -1e-9 for s in steps) or all(s <= 1e-9 for s in steps)
    keyed = model.items[item.id].keyed
    assert keyed is not None
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
    answers.update({k: v for k, v in extreme(core, profiles, PM).items() if core.item(k).kind == "forced_choice"})
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
    assert engine.decide(30, []) == "clear"
    assert engine.decide(30, [lean_cap]) == "lean"
    assert engine.decide(30, [lean_cap, close_cap]) == "close-call"
    assert engine.decide(1, [lean_cap]) == "close-call"
    assert engine.decide(LEAN_MARGIN, []) == "lean"


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
