"""The history's rows: a result into its two tables, and rows back into checked entries (quiz.history uses them)."""

from __future__ import annotations

import sqlite3
from typing import Any

from pydantic import ValidationError

from rolefit.scoring.history import HistoryEntry
from rolefit.scoring.result import Fit, Result


def insert_result(db: sqlite3.Connection, result: Result, text: str, saved: str) -> int:
    """One result's row and its fits' rows (inside the caller's transaction); its number."""
    rec = result.recommendation
    cursor = db.execute(
        "INSERT INTO results (saved, bank, bank_hash, verdict, role, margin, result) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (saved, result.bank.id, result.bank.hash, rec.verdict.value, rec.role, result.margin, text),
    )
    number = cursor.lastrowid
    assert number is not None
    db.executemany(
        "INSERT INTO fits (number, rank, role, name, score) VALUES (?, ?, ?, ?, ?)",
        [(number, rank, fit.role, fit.name, fit.score) for rank, fit in enumerate(result.fits)],
    )
    return number


def fits_by_number(db: sqlite3.Connection) -> dict[Any, list[tuple[Any, ...]]]:
    """Every kept result's fits, best first, by its number."""
    fits: dict[Any, list[tuple[Any, ...]]] = {}
    for number, role, name, score in db.execute("SELECT number, role, name, score FROM fits ORDER BY number, rank"):
        fits.setdefault(number, []).append((role, name, score))
    return fits


def entry_of_row(row: tuple[Any, ...], fits: list[tuple[Any, ...]]) -> HistoryEntry | None:
    """A row as a checked entry; None when a hand-edited row holds what rolefit never writes."""
    number, saved, bank, verdict, role, margin = row
    try:
        return HistoryEntry(
            number=number,
            saved=saved,
            bank=bank,
            verdict=verdict,
            role=role,
            margin=float(margin) if isinstance(margin, int) else margin,
            fits=[Fit(role=r, name=n, score=float(s) if isinstance(s, int) else s) for r, n, s in fits],
        )
    except (ValidationError, TypeError, ValueError):
        return None
