"""Adaptive questioning: ask the most informative item next, stop once the verdict is settled.

Pick: among unasked items (first those feeding a trait no answer has touched yet), the one whose
answers could swing the margin between the two leading roles the most.

Stop, when all of these hold:
- at least MIN_ITEMS items (or MIN_SHARE of the bank, whichever is more) have been asked;
- every trait has at least one answer;
- in COMPLETIONS simulated completions of the remaining items by a respondent like this one (the
  answers so far, plus the model in simulate.py), at least SETTLED of them end with the same
  outcome as now: the same recommended role, or a close call when it is one now.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from rolefit.data.catalog import ProfileSet
from rolefit.scoring import engine, simulate
from rolefit.scoring.engine import ScoringModel
from rolefit.scoring.vector import VectorScorer
from rolefit.scoring.verdict import VERDICTS
from rolefit.types import Answer, Verdict

CLOSE_CALL = VERDICTS.index(Verdict.CLOSE_CALL)  # this rank and weaker name no role on their own

MIN_ITEMS = 8
MIN_SHARE = 0.2
SETTLED = 0.95
COMPLETIONS = 200


@dataclass(frozen=True)
class Stop:
    """Why adaptive questioning stopped."""

    asked: int
    total: int
    agreement: float | None  # share of simulated completions that kept the outcome; None if all were asked

    def __str__(self) -> str:
        if self.agreement is None:
            return f"asked all {self.total} questions"
        return (
            f"stopped after {self.asked} of {self.total} questions: in {COMPLETIONS} simulated completions of the "
            f"rest, {self.agreement:.0%} kept this outcome"
        )


class AdaptivePlan:
    """Chooses the next item from the answers so far, or says the verdict is settled."""

    def __init__(self, model: ScoringModel, seed: int = 0) -> None:
        self.model = model
        self.scorer = VectorScorer(model)
        self.rng = np.random.default_rng(seed)
        self.minimum = max(MIN_ITEMS, round(MIN_SHARE * len(model.items)))
        self.stop: Stop | None = None

    def next_item(self, answers: Mapping[str, Answer], asked: Sequence[str]) -> str | None:
        """The item to ask next, or None when the verdict is settled (``self.stop`` says why)."""
        remaining = [item for item in self.model.items if item not in asked]
        if not remaining:
            self.stop = Stop(len(asked), len(self.model.items), None)
            return None
        scores = engine.score(self.model, answers)
        if len(asked) >= self.minimum and all(scores.counts):
            agreement = self._agreement(scores, answers, remaining)
            if agreement >= SETTLED:
                self.stop = Stop(len(asked), len(self.model.items), agreement)
                return None
        return self._most_informative(scores, remaining)

    def _most_informative(self, scores: engine.Scores, remaining: list[str]) -> str:
        uncovered = {t for t, count in enumerate(scores.counts) if not count}
        pool = [i for i in remaining if uncovered & {t for t, _ in self.model.items[i].reach}] or remaining
        first, second = engine.ranking(scores)[:2]
        edge = [a - b for a, b in zip(self.model.weights[first], self.model.weights[second], strict=True)]

        def swing(item_id: str) -> float:
            item = self.model.items[item_id]
            reach = dict(item.reach)
            pulls = [
                sum(50.0 * edge[t] * amount / (scores.reach[t] + reach[t]) for t, amount in effects)
                for effects in item.effects.values()
            ]
            return max(pulls) - min(pulls)

        return max(pool, key=swing)  # ties keep bank order

    def _agreement(self, scores: engine.Scores, answers: Mapping[str, Answer], remaining: list[str]) -> float:
        now = engine.outcome(self.model, scores, answers)
        spread = simulate.PERSON_SD / np.sqrt(1.0 + np.array(scores.counts))
        people = simulate.draw_people(np.array(scores.levels), COMPLETIONS, self.rng, spread)
        columns = [self.scorer.item_ids.index(item) for item in remaining]
        rows = simulate.draw_answers(self.scorer, people, self.rng, columns)
        given = self.scorer.encode(answers)
        kept = given != self.scorer.skip
        rows[:, kept] = given[kept]
        batch = self.scorer.score(rows)
        ends = np.where(batch.verdict >= CLOSE_CALL, -1 - batch.verdict, batch.order[:, 0])
        target = -1 - VERDICTS.index(Verdict(now)) if now in VERDICTS else self.model.roles.index(now)
        return float((ends == target).mean())


def expected_questions(model: ScoringModel, profiles: ProfileSet, respondents: int = 12, seed: int = 0) -> int:
    """About how many questions adaptive mode asks: the mean over simulated respondents drawn in turn around
    each role's ideal and half-way between them (as ``rolefit analyze --adaptive`` does), rounded.

    A dozen respondents take a few tenths of a second on the core bank: cheap enough before the intro.
    """
    ideal = simulate.ideal_levels(profiles)
    centres = [*ideal, ideal.mean(axis=0)]
    rng = np.random.default_rng(seed)
    scorer = VectorScorer(model)
    counts = []
    for number in range(respondents):
        person = simulate.draw_people(centres[number % len(centres)], 1, rng)
        row = simulate.draw_answers(scorer, person, rng)[0]
        full = {scorer.item_ids[i]: scorer.answers[i][code] for i, code in enumerate(row)}
        counts.append(len(replay(AdaptivePlan(model, seed=seed + number), full)[1]))
    return max(1, round(float(np.mean(counts))))


def replay(plan: AdaptivePlan, oracle: Mapping[str, Answer | None]) -> tuple[dict[str, Answer], list[str]]:
    """Run adaptive questioning against known answers (a file, or a simulated person): answers, asked."""
    answers: dict[str, Answer] = {}
    asked: list[str] = []
    while (item := plan.next_item(answers, asked)) is not None:
        asked.append(item)
        value = oracle.get(item)
        if value is not None:
            answers[item] = value
    return answers, asked
