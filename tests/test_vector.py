"""The vectorised scorer computes exactly what the engine computes, answer set by answer set."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.scoring import engine
from rolefit.scoring.vector import VectorScorer
from rolefit.scoring.verdict import CLEAR_MARGIN, LEAN_MARGIN, VERDICTS
from rolefit.types import Answer
from tests.helpers import answer_sets, extreme, model_for


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
            verdict = engine.decide(gap, engine.limits(model, scores, answers))
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
