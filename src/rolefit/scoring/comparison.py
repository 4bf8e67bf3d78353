"""Two results side by side: each role's fit and the verdict before and after, and which answers moved them.

Each changed answer is attributed by the engine: the earlier answers are rescored with that one answer
changed (or skipped, or newly given), and the fits it moves are its share. Measured one at a time,
the shares need not add up exactly to the whole move, since a fit's scale depends on what was answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Literal, Protocol

from pydantic import Field

from rolefit.data.answers import answer_problem
from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.data.models import MAX_ITEMS, Item
from rolefit.scoring import engine
from rolefit.scoring.result import AnswerValue, BankRef, Count, Out, Points, Result, Score
from rolefit.types import Answer, Verdict

COMPARISON_VERSION = 1
Attribution = Literal["rescored", "different-banks", "bank-changed", "bank-unavailable"]


class Side(Out):
    """One of the two results compared: where it came from and its outcome."""

    number: int | None = Field(description="its number in the history; null for a result file")
    file: str | None = Field(description="the result file it was read from; null for a kept result")
    saved: str | None = Field(description="when it was kept in the history (ISO 8601, UTC); null for a file")
    bank: BankRef
    verdict: Verdict
    role: str | None
    margin: Score


class FitMove(Out):
    """One role's fit before and after (null where that result did not score the role)."""

    role: str
    name: str
    before: Score | None
    after: Score | None
    change: Points | None


class AnswerMove(Out):
    """One answer that differs, in words, and how far it alone moved each role's fit."""

    item: str
    before: AnswerValue | None = Field(description="the earlier answer; null when it was skipped")
    after: AnswerValue | None = Field(description="the later answer; null when it was skipped")
    text: str
    moved: dict[str, Points] = Field(description="role id -> fit points this change alone moved; empty if not rescored")


class Comparison(Out):
    """``rolefit compare A B --json``: what moved between two results, and which answers moved it."""

    version: Annotated[int, Field(strict=True, ge=1)] = COMPARISON_VERSION
    before: Side
    after: Side
    fits: list[FitMove] = Field(max_length=20)
    changed: Count = Field(description="how many answers differ")
    attribution: Attribution = Field(
        description="rescored: each change was rescored with the engine; otherwise why it could not be"
    )
    answers: Annotated[list[AnswerMove], Field(max_length=MAX_ITEMS)] = Field(
        description="the answers that differ, the one that moved the fits most first"
    )


class MovePhrasing(Protocol):
    """How one changed answer reads; the views layer supplies it."""

    def move_text(self, item: Item, before: Answer | None, after: Answer | None) -> str:
        """The item and its two answers (either may be a skip) in words."""
        ...


@dataclass(frozen=True)
class Compared:
    """A result with where it came from."""

    result: Result
    number: int | None = None
    file: str | None = None
    saved: str | None = None

    def side(self) -> Side:
        """Its side of a comparison."""
        r = self.result
        return Side(
            number=self.number,
            file=self.file,
            saved=self.saved,
            bank=r.bank,
            verdict=r.recommendation.verdict,
            role=r.recommendation.role,
            margin=r.margin,
        )


def compare_results(
    before: Compared, after: Compared, bank: LoadedBank | None, profiles: ProfileSet, *, phrasing: MovePhrasing
) -> Comparison:
    """Compare two results; attribute each changed answer with the engine when both came from this bank's content."""
    a, b = before.result, after.result
    names = {fit.role: fit.name for fit in (*b.fits, *a.fits)}
    old = {fit.role: fit.score for fit in a.fits}
    new = {fit.role: fit.score for fit in b.fits}
    fits = [
        FitMove(
            role=role,
            name=names[role],
            before=old.get(role),
            after=new.get(role),
            change=round(new[role] - old[role], 1) if role in old and role in new else None,
        )
        for role in names
    ]
    differ = [item for item in sorted({*a.answers, *b.answers}) if a.answers.get(item) != b.answers.get(item)]
    attribution = _attribution(a, b, bank)
    answers: list[AnswerMove] = []
    if attribution == "rescored" and bank is not None:
        answers = _moves(a.answers, b.answers, differ, bank, profiles, phrasing)
    return Comparison(
        version=COMPARISON_VERSION,
        before=before.side(),
        after=after.side(),
        fits=fits,
        changed=len(differ),
        attribution=attribution,
        answers=answers,
    )


def _attribution(a: Result, b: Result, bank: LoadedBank | None) -> Attribution:
    if a.bank.id != b.bank.id:
        return "different-banks"
    if bank is None:
        return "bank-unavailable"
    if not (a.bank.hash == b.bank.hash == bank.hash) or not _fit(a, bank) or not _fit(b, bank):
        return "bank-changed"
    return "rescored"


def _fit(result: Result, bank: LoadedBank) -> bool:
    """Whether every answer of a result is a valid answer to an item of this bank (a hand-edited file may not be)."""
    known = {item.id for item in bank.items}
    return all(
        item in known and answer_problem(bank.item(item), value) is None for item, value in result.answers.items()
    )


def _moves(
    old: Mapping[str, Answer],
    new: Mapping[str, Answer],
    differ: list[str],
    bank: LoadedBank,
    profiles: ProfileSet,
    phrasing: MovePhrasing,
) -> list[AnswerMove]:
    """Each differing answer changed alone in the earlier answers, rescored; the biggest mover first."""
    model = engine.compile_model(bank.items, profiles.traits, profiles.profiles)
    base = engine.score(model, old).fits
    moves = []
    for item_id in differ:
        trial = dict(old)
        if item_id in new:
            trial[item_id] = new[item_id]
        else:
            trial.pop(item_id, None)
        fits = engine.score(model, trial).fits
        moved = {role: round(fits[r] - base[r], 1) for r, role in enumerate(model.roles)}
        text = phrasing.move_text(bank.item(item_id), old.get(item_id), new.get(item_id))
        moves.append(AnswerMove(item=item_id, before=old.get(item_id), after=new.get(item_id), text=text, moved=moved))
    return sorted(moves, key=lambda move: -max((abs(p) for p in move.moved.values()), default=0.0))
