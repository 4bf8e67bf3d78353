"""The history's data: one kept result as ``rolefit history`` lists it, and the JSON shapes the history prints.

The store itself (SQLite in the state directory) is ``rolefit.quiz.history``; these are plain data, so the
views can draw them without knowing where they were kept.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from rolefit.scoring.result import Count, Fit, Out, Result, Score
from rolefit.types import Verdict

HISTORY_LIST_VERSION = 1
HISTORY_ENTRY_VERSION = 1
Number = Annotated[int, Field(strict=True, ge=1, description="the result's number in the history")]


class HistoryEntry(Out):
    """One kept result, by its columns: enough to list it without reading the whole result."""

    number: Number
    saved: str = Field(description="when it was saved, ISO 8601 in UTC")
    bank: str = Field(description="the bank id")
    verdict: Verdict
    role: str | None = Field(description="the recommended role's id; null when the verdict names none")
    margin: Score
    fits: list[Fit] = Field(max_length=20, description="highest first")


class HistoryList(Out):
    """``rolefit history --json``: every kept result, oldest first."""

    version: Annotated[int, Field(strict=True, ge=1)] = HISTORY_LIST_VERSION
    results: list[HistoryEntry]
    damaged: Count = Field(default=0, description="rows left out because they could not be read")


class KeptResult(Out):
    """``rolefit history show N --json``: one kept result, its number and date, and the result itself."""

    version: Annotated[int, Field(strict=True, ge=1)] = HISTORY_ENTRY_VERSION
    number: Number
    saved: str = Field(description="when it was saved, ISO 8601 in UTC")
    result: Result


def entry_of(result: Result, number: int, saved: str) -> HistoryEntry:
    """A result as the history lists it."""
    return HistoryEntry(
        number=number,
        saved=saved,
        bank=result.bank.id,
        verdict=result.recommendation.verdict,
        role=result.recommendation.role,
        margin=result.margin,
        fits=list(result.fits),
    )
