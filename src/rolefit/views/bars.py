"""Bars drawn with full and light blocks, so they read without colour: the one bar drawer of every view."""

from __future__ import annotations

FULL, EMPTY = "█", "░"


def filled_cells(fraction: float, width: int) -> int:
    """How many of ``width`` cells a fraction from 0 to 1 fills, rounded to the nearest, clamped to the bar."""
    return max(0, min(width, round(fraction * width)))


def bar_text(fraction: float, width: int) -> str:
    """A bar as plain text: full blocks for the fraction, light blocks for the rest."""
    filled = filled_cells(fraction, width)
    return FULL * filled + EMPTY * (width - filled)
