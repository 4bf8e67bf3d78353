"""Synthetic respondents: people drawn around a role's ideal trait levels, answering with noise.

The model (also in docs/scoring.md):
- a role's ideal level on a trait is ``2 * weight - 1`` (weight 1 -> seeks it, weight 0 -> avoids it);
- a person's levels are the ideal plus normal noise (PERSON_SD), clipped to [-1, 1];
- a statement is answered at ``3 + 2 * x``, rounded and clipped to 1..5, where ``x`` is the person's
  levels averaged through the statement's effects plus normal noise (ANSWER_SD);
- a choice is the option with the highest utility (levels through the option's effects) plus
  Gumbel noise (CHOICE_NOISE): a logit choice.
"""

from __future__ import annotations

import numpy as np

from rolefit.data.catalog import ProfileSet
from rolefit.scoring.vector import VectorScorer

PERSON_SD = 0.5
ANSWER_SD = 0.6
CHOICE_NOISE = 0.3


def ideal_levels(profiles: ProfileSet) -> np.ndarray:
    """Roles x traits: each role's ideal level on each trait, ``2 * weight - 1``."""
    return np.array([[2.0 * p.weights[t.id] - 1.0 for t in profiles.traits] for p in profiles.profiles])


def draw_people(
    centre: np.ndarray, n: int, rng: np.random.Generator, spread: float | np.ndarray = PERSON_SD
) -> np.ndarray:
    """n people (n x traits) scattered around a centre."""
    people: np.ndarray = np.clip(centre + rng.normal(0.0, 1.0, (n, centre.shape[-1])) * spread, -1.0, 1.0)
    return people


def draw_answers(
    scorer: VectorScorer, levels: np.ndarray, rng: np.random.Generator, columns: list[int] | None = None
) -> np.ndarray:
    """Answer codes (n x items) for people with these levels; only ``columns`` are answered, the rest skipped."""
    n = levels.shape[0]
    rows = np.full((n, len(scorer.item_ids)), scorer.skip, dtype=np.int8)
    for i in range(len(scorer.item_ids)) if columns is None else columns:
        if scorer.likert[i]:
            effects = scorer.added[i, 4]  # the effects of "strongly agree" (x = 1)
            mean = levels @ effects / np.abs(effects).sum()
            value = np.rint(3 + 2 * (mean + rng.normal(0.0, ANSWER_SD, n)))
            rows[:, i] = np.clip(value, 1, 5) - 1
        else:
            options = len(scorer.answers[i])
            utility = levels @ scorer.added[i, :options].T
            rows[:, i] = np.argmax(utility + rng.gumbel(0.0, CHOICE_NOISE, (n, options)), axis=1)
    return rows
