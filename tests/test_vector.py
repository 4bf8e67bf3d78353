"""The vectorised scorer computes exactly what the engine computes, answer set by answer set."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.scoring import engine, verdict
from rolefit.scoring.vector import VectorScorer
from rolefit.scoring.verdict import CLEAR_MARGIN, LEAN_MARGIN, VERDICTS
from rolefit.types import Answer
from tests.helpers import answer_sets, extreme, model_for, toy_model


def agree(model: engine.ScoringModel, scorer: VectorScorer, answer_list: list[dict[str, Answer]]) -> None:
    """Assert both scorers give the same fits, levels, top role and verdict for every answer set."""
    batch = scorer.score(np.array([scorer.encode(a) for a in answer_list]))
    for row, answers in enumerate(answer_list):
        scores = engine.score(model, answers)
        assert batch.fits[row] == pytest.approx(scores.fits, abs=1e-9)
        assert batch.levels[row] == pytest.approx(scores.levels, abs=1e-9)
        gap = engine.margin(scores)
        if min(abs(gap - t) for t in (0, LEAN_MARGIN, CLEAR_MARGIN)) > 1e-6:
            assert batch.order[row][0] == engine.ranking(scores)[0]
            verdict = engine.decide(scores, engine.limits(model, scores, answers))
            assert VERDICTS[batch.verdict[row]] == verdict, (answers, verdict)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_vector_matches_engine_on_any_answers(core: LoadedBank, profiles: ProfileSet, data: st.DataObject) -> None:
    """Random answer sets, any skips: same numbers and verdicts."""
    model = model_for(core, profiles)
    answer_list = [data.draw(answer_sets(core)) for _ in range(5)]
    agree(model, VectorScorer(model), answer_list)


def test_vector_matches_engine_on_patterns(core: LoadedBank, profiles: ProfileSet) -> None:
    """Patterns that fire each limit give the same capped verdicts."""
    model = model_for(core, profiles)
    likert = [i.id for i in core.items if i.kind == "likert"]
    pm = extreme(core, profiles, "product-manager")
    patterns: list[dict[str, Answer]] = [
        pm,
        extreme(core, profiles, "product-marketing-manager", 1),
        {},
        {**pm, **{i: 4 for i in likert}},
        {i: 5 for i in likert},
        {i: 1 for i in likert},
        dict(list(pm.items())[:8]),
        dict(list(pm.items())[:15]),
    ]
    agree(model, VectorScorer(model), patterns)


def rows_for(scorer: VectorScorer, answer_list: list[dict[str, Answer]]) -> np.ndarray:
    """The answer sets as one batch of rows."""
    return np.array([scorer.encode(a) for a in answer_list])


def test_vector_verdicts_at_exactly_5_and_15_points() -> None:
    """Margins of exactly 5 and 15 points are lean and clear in the batch too, with the margin and count reported."""
    answer_list: list[dict[str, Answer]] = [
        {"i0": "only", "i1": "mid"},
        {"i0": "only", "i1": "hi"},
        {"i0": "only", "i1": "lo"},
    ]
    # Role a's scale is anchor + (1 - anchor) = 1 (engine._scale), so a neutral i1 leaves a margin of anchor * 50.
    # the third row is a best fit of 50 beside a rejected 0 or 10: neither (verdict.LUKEWARM_FIT), in both scorers
    for anchor, verdicts in [(0.1, ["lean", "clear", "neither"]), (0.3, ["clear", "clear", "neither"])]:
        model = toy_model([((anchor, 0.0), {"only": 1.0}), ((1 - anchor, 0.0), {"hi": 1.0, "mid": 0.0, "lo": -1.0})])
        batch = VectorScorer(model).score(rows_for(VectorScorer(model), answer_list))
        for row, answers in enumerate(answer_list):
            scores = engine.score(model, answers)
            assert batch.margin[row] == engine.margin(scores)
            assert (
                VERDICTS[batch.verdict[row]]
                == verdict.decide(engine.margin(scores), max(scores.fits), [])
                == verdicts[row]
            )
        assert batch.margin[0] == anchor * 50
        assert batch.answered.tolist() == [2, 2, 2]


def test_vector_levels_are_zero_for_untouched_traits(core: LoadedBank, profiles: ProfileSet) -> None:
    """A trait no answered item feeds has level 0 in the batch, as in the engine."""
    model = model_for(core, profiles)
    scorer = VectorScorer(model)
    for _ in range(3):
        batch = scorer.score(rows_for(scorer, [{}, {"enjoys-writing-specs": 5}, {}]))
        assert batch.levels.tolist() == [
            list(engine.score(model, a).levels) for a in ({}, {"enjoys-writing-specs": 5}, {})
        ]
        assert batch.fits.tolist() == [
            [50.0, 50.0],
            list(engine.score(model, {"enjoys-writing-specs": 5}).fits),
            [50.0, 50.0],
        ]


def caps_agree(
    monkeypatch: pytest.MonkeyPatch, model: engine.ScoringModel, answer_list: list[dict[str, Answer]]
) -> None:
    """With both margin thresholds at zero every margin earns clear, so each verdict is its limits' cap alone: both agree."""
    monkeypatch.setattr(verdict, "LINES", (0.0, 0.0))
    scorer = VectorScorer(model)
    batch = scorer.score(rows_for(scorer, answer_list))
    got = [VERDICTS[v] for v in batch.verdict]
    want = [
        engine.decide(scores, engine.limits(model, scores, a))
        for a in answer_list
        for scores in [engine.score(model, a)]
    ]
    assert got == want
    assert len(set(want)) > 1  # the batch mixes capped and uncapped rows


def quality_patterns(core: LoadedBank, profiles: ProfileSet) -> list[dict[str, Answer]]:
    """Answer sets just inside and just outside each limit of the core bank."""
    model = model_for(core, profiles)
    likert = [i.id for i in core.items if i.kind == "likert"]
    choices = {k: v for k, v in extreme(core, profiles, "product-manager").items() if core.item(k).kind != "likert"}
    pm = [i for i in likert if model.items[i].keyed == 0]
    pmm = [i for i in likert if model.items[i].keyed == 1]
    everything = extreme(core, profiles, "product-manager")
    (a, b), (c, d) = model.pairs[:2]
    varied = [1, 2, 3, 4, 5, 1, 2, 3]
    sets: list[dict[str, Answer]] = [dict(list(everything.items())[:n]) for n in (0, 9, 10, 19, 20, 40)]
    for values in ([4] * 7, [4] * 8, [4] * 8 + [2, 2], [4] * 7 + [2, 2, 2]):
        sets.append({**choices, **dict(zip(likert, values, strict=False))})
    sets.append({**choices, **dict(zip(likert, varied, strict=False))})  # 8 varied statements, 16 skipped
    for pm_values, pmm_values in [
        ([4, 4, 4], [4, 4, 4]),
        ([2, 2, 2], [2, 2, 2]),
        ([1, 1, 1], [1, 1, 1]),
        ([4, 4, 3], [5, 5, 5]),
        ([2, 2, 3], [2, 2, 2]),
        ([5, 5], [5, 5, 5]),
        ([5, 5, 5], [1, 1, 1]),
        ([1, 1, 1], [5, 5, 5]),
    ]:
        sets.append({**choices, **dict(zip(pm, pm_values, strict=False)), **dict(zip(pmm, pmm_values, strict=False))})
    for first, second in [(5, 5), (4, 5), (5, 4), (2, 1), (4, 4), (5, 1), (5, None), (None, 5)]:
        pair = {k: v for k, v in ((a, first), (b, second)) if v is not None}
        sets.append({**everything, **pair, c: 5, d: 1})
    return sets


def test_vector_caps_match_engine_limits_at_their_boundaries(
    core: LoadedBank, profiles: ProfileSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Skips, straight-lining, acquiescence and contradiction cap the batch verdict exactly where engine.limits does."""
    caps_agree(monkeypatch, model_for(core, profiles), quality_patterns(core, profiles))


def test_vector_coverage_cap_matches_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Touching 8 of 12 traits caps the batch verdict at lean, touching 9 does not, as in the engine."""
    model = toy_model([((1.0, 0.0), {"hi": 1.0, "lo": -1.0})] * 12)
    caps_agree(monkeypatch, model, [{f"i{n}": "hi" for n in range(k)} for k in (12, 8, 9, 2, 6, 12)])


def test_vector_matches_engine_with_three_roles(
    core: LoadedBank, profiles: ProfileSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a third profile the batch still ranks, measures and caps as the engine does."""
    third = profiles.profiles[0].model_copy(
        update={"id": "generalist", "weights": dict.fromkeys(profiles.profiles[0].weights, 0.5)}
    )
    three = type(profiles)(profiles.shared, (*profiles.profiles, third))
    model = model_for(core, three)
    patterns = [extreme(core, profiles, "product-manager"), extreme(core, profiles, "product-marketing-manager", 1)]
    agree(model, VectorScorer(model), patterns + quality_patterns(core, profiles))
    caps_agree(monkeypatch, model, quality_patterns(core, profiles))


def test_vector_levels_of_untouched_traits_are_zero_whatever_memory_held(
    core: LoadedBank, profiles: ProfileSet
) -> None:
    """Level 0 for an untouched trait is written, not left to whatever the freed memory held before."""
    model = model_for(core, profiles)
    scorer = VectorScorer(model)
    rows = rows_for(scorer, [{"enjoys-writing-specs": 5}] * 3)
    for _ in range(20):
        for shape in [(len(model.traits), 3), (3, len(model.traits))]:
            junk = np.full(shape, 7.0)
            del junk
        batch = scorer.score(rows)
        assert batch.levels.tolist() == [list(engine.score(model, {"enjoys-writing-specs": 5}).levels)] * 3
