"""The engine's formulas over many answer sets at once (numpy), for batch scoring and simulation.

It computes exactly what ``engine.score``, ``engine.limits`` and ``engine.decide`` compute for one
answer set; ``tests/test_vector.py`` holds the two to the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from rolefit.scoring.engine import LEAN_SHARE, SCALE_FLOOR, UNDETERMINED_SHARE, ScoringModel
from rolefit.scoring.verdict import VERDICTS, fit_rank, rank
from rolefit.types import Answer, Verdict

RANK = {verdict: number for number, verdict in enumerate(VERDICTS)}


@dataclass(frozen=True)
class Batch:
    """Scores for n answer sets: levels (n x traits), fits (n x roles), and verdict ranks (n)."""

    levels: np.ndarray
    fits: np.ndarray
    order: np.ndarray  # n x roles: role indexes, best first
    margin: np.ndarray
    verdict: np.ndarray  # index into VERDICTS
    answered: np.ndarray
    raw: np.ndarray  # n x roles: each role's weighted level, before the scale
    up: np.ndarray  # roles x n: the scale above 50 (engine._scale)
    down: np.ndarray  # roles x n: the scale below 50


class VectorScorer:
    """A compiled model laid out as arrays: answer sets are rows of answer indexes, SKIP for skipped."""

    def __init__(self, model: ScoringModel) -> None:
        self.model = model
        self.item_ids = list(model.items)
        self.answers = [list(item.effects) for item in model.items.values()]
        self.codes = [{answer: code for code, answer in enumerate(answers)} for answers in self.answers]
        self.skip = max(len(answers) for answers in self.answers)
        size = (len(self.item_ids), self.skip + 1, len(model.traits))
        self.added = np.zeros(size)
        self.reach = np.zeros(size)
        for i, item in enumerate(model.items.values()):
            for code, answer in enumerate(self.answers[i]):
                for t, amount in item.effects[answer]:
                    self.added[i, code, t] = amount
                for t, most in item.reach:
                    self.reach[i, code, t] = most
        # Per trait, the items that move it, in bank order, with what each answer code adds to the trait and to
        # its reach: summing these in this order repeats the engine's additions exactly, touching nothing else.
        self.feeds = [
            [
                (i, np.ascontiguousarray(self.added[i, :, t]), np.ascontiguousarray(self.reach[i, :, t]))
                for i in range(size[0])
                if self.reach[i, :, t].any()
            ]
            for t in range(size[2])
        ]
        self.weights = np.array(model.weights)
        # Per item, per role, per answer code (skip last), per trait: what the answer adds to the role's weighted
        # level before dividing by the trait's reach (engine._scale).
        self.weighted = np.einsum("ict,rt->irct", self.added, self.weights)
        self.codes_of = [len(answers) for answers in self.answers]
        self.likert = np.array([item.keyed is not None for item in model.items.values()])
        self.keyed = np.array([-1 if item.keyed is None else item.keyed for item in model.items.values()])
        column = {item_id: i for i, item_id in enumerate(self.item_ids)}
        self.pairs = [(column[a], column[b]) for a, b in model.pairs]

    def encode(self, answers: Mapping[str, Answer]) -> np.ndarray:
        """One answer set as a row of answer codes (validated answers only)."""
        row = np.full(len(self.item_ids), self.skip, dtype=np.int8)
        for i, item_id in enumerate(self.item_ids):
            value = answers.get(item_id)
            if value is not None:
                row[i] = self.codes[i][value]
        return row

    def score(self, rows: np.ndarray) -> Batch:
        """Fits, margins and verdicts (limits applied) for every row."""
        n, traits = rows.shape[0], len(self.model.traits)
        columns = rows.T.astype(np.intp)  # one index array per item, converted once
        total, reach = np.zeros((traits, n)), np.zeros((traits, n))
        for t, feeds in enumerate(self.feeds):
            for i, added, most in feeds:
                total[t] += added.take(columns[i])
                reach[t] += most.take(columns[i])
        levels_by_trait = np.divide(total, reach, out=np.zeros_like(total), where=reach > 0)
        fits, raw = np.empty((n, len(self.model.roles))), np.empty((n, len(self.model.roles)))
        up, down = self._scale(rows, reach)
        for r, weights in enumerate(self.model.weights):
            fit = np.zeros(n)
            for weight, level in zip(weights, levels_by_trait, strict=True):
                fit += weight * level  # term by term, in the engine's order
            raw[:, r] = fit
            span = np.where(fit >= 0, up[r], down[r])
            fits[:, r] = 50.0 + 50.0 * np.divide(fit, span, out=np.zeros(n), where=span > 0)
        order = np.argsort(-fits, axis=1, kind="stable")
        top = np.take_along_axis(fits, order[:, :2], axis=1)
        margin = top[:, 0] - top[:, 1]
        verdict = np.maximum(rank(margin), fit_rank(top[:, 0], margin))
        answered = (rows != self.skip).sum(axis=1)
        cap = self._caps(rows, answered, (reach > 0).sum(axis=0))
        return Batch(levels_by_trait.T, fits, order, margin, np.maximum(verdict, cap), answered, raw, up, down)

    def _scale(self, rows: np.ndarray, reach: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per role and row, how far the answered items could move the role's weighted level up, and down
        (engine._scale). Rows that answered every item share one scale, worked out once."""
        complete = (rows != self.skip).all(axis=1)
        if not complete.any() or complete.all():
            return self._spans(
                rows[:1] if complete.all() else rows, reach[:, :1] if complete.all() else reach, len(rows)
            )
        up, down = np.empty((len(self.model.roles), len(rows))), np.empty((len(self.model.roles), len(rows)))
        first = int(np.argmax(complete))
        up[:, complete], down[:, complete] = self._spans(rows[first : first + 1], reach[:, first : first + 1], 1)
        up[:, ~complete], down[:, ~complete] = self._spans(rows[~complete], reach[:, ~complete], int((~complete).sum()))
        return up, down

    def _spans(self, rows: np.ndarray, reach: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        """_scale for these rows; one row stands for all ``n`` when they answered alike (broadcast)."""
        up, down = self._spans_of(rows, reach)
        return np.broadcast_to(up, (up.shape[0], n)).copy(), np.broadcast_to(down, (down.shape[0], n)).copy()

    def _spans_of(self, rows: np.ndarray, reach: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        inverse = np.divide(1.0, reach, out=np.zeros_like(reach), where=reach > 0)  # traits x n
        roles = len(self.model.roles)
        up, down = np.zeros((roles, len(rows))), np.zeros((roles, len(rows)))
        for i, codes in enumerate(self.codes_of):
            given = rows[:, i] != self.skip
            for r in range(roles):
                pulls = self.weighted[i, r, :codes] @ inverse  # codes x n
                up[r] += np.where(given, pulls.max(axis=0), 0.0)
                down[r] += np.where(given, pulls.min(axis=0), 0.0)
        floor = SCALE_FLOOR * (self.weights @ (reach > 0))  # roles x n
        return np.maximum(up, floor), np.maximum(-down, floor)

    def _caps(self, rows: np.ndarray, answered: np.ndarray, covered: np.ndarray) -> np.ndarray:
        """The strongest verdict each row's limits allow, as engine.limits decides them."""
        share = answered / len(self.item_ids)
        undetermined, lean = RANK[Verdict.UNDETERMINED], RANK[Verdict.LEAN]
        cap = np.where(share < UNDETERMINED_SHARE, undetermined, np.where(share < LEAN_SHARE, lean, 0))
        cap = np.maximum(cap, np.where(covered < 0.75 * len(self.model.traits), 1, 0))
        likert = rows[:, self.likert]
        given = likert != self.skip
        count = given.sum(axis=1)
        common = np.max([(likert == code).sum(axis=1) for code in range(5)], axis=0)
        flagged = (count >= 8) & (common >= 0.8 * count)
        x = np.where(given, (likert - 2) / 2.0, 0.0)
        keyed = self.keyed[self.likert]
        means = []
        for role in range(len(self.model.roles)):
            mask = keyed == role
            n_role = given[:, mask].sum(axis=1)
            mean = np.divide(x[:, mask].sum(axis=1), n_role, out=np.zeros(len(rows)), where=n_role > 0)
            means.append(np.where(n_role >= 3, mean, np.nan))
        stacked = np.array(means)
        groups = (~np.isnan(stacked)).sum(axis=0)
        low = np.nanmin(np.where(np.isnan(stacked), np.inf, stacked), axis=0)
        high = np.nanmax(np.where(np.isnan(stacked), -np.inf, stacked), axis=0)
        flagged |= (groups >= 2) & ((low >= 0.5) | (high <= -0.5))
        for a, b in self.pairs:
            both = (rows[:, a] != self.skip) & (rows[:, b] != self.skip)
            flagged |= both & ((rows[:, a] - 2) * (rows[:, b] - 2) >= 2)
        return np.maximum(cap, np.where(flagged, 1, 0))
