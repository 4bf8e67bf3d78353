"""The SVG report: a 1200x630 card to share (the size link previews use).

A quiz's card is drawn from the result's sections: the verdict in plain words, each fit as a bar with what the
numbers mean, the top three reasons, the date and the bank. A team result's or a gap map's card is drawn from
its summary (views.summary.Summary), so that screen, card and report say the same thing: the headline, the
bars and what their numbers mean, then the summary's reasons and, if there is room, its change. The drawing
(frame, lines wrapped by estimated width, bars, footer) is views.drawing's.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rolefit.data.catalog import ProfileSet
from rolefit.scoring.result import Result
from rolefit.types import Verdict
from rolefit.views import blocks
from rolefit.views import sections as sec
from rolefit.views.drawing import (
    FOOT,
    INK,
    LEFT,
    MUTED,
    PAD,
    RIGHT,
    SPLIT,
    TOP_BAR,
    WIDTH,
    Card,
    room_for,
    sentences,
    text_width,
    wrap,
)
from rolefit.views.html import bank_words, long_date

if TYPE_CHECKING:
    from rolefit.views.summary import Summary

__all__ = ["card_report", "summary_card", "text_width", "wrap"]  # text_width and wrap: as before the split

UNDER_TITLE, ROW_GAP, NEXT_TITLE = 40, 38, 52  # baseline to baseline: title to its first row, row to row, to a title
ACCENT = {"clear": "#1f7a4d", "lean": "#8a5a00", "close-call": "#7b3f8c", "neither": "#3a6ea5", "undetermined": INK}


def card_report(result: Result, profiles: ProfileSet, made: dt.date) -> str:
    """The summary card of a result, as a standalone SVG document."""
    parts = sec.result_sections(result, profiles)
    headline = parts[0]
    verdict = next(b for b in headline.blocks if isinstance(b, blocks.VerdictLine))
    fits = next((b for b in headline.blocks if isinstance(b, blocks.FitBars)), None)
    notes = [b.text for b in headline.blocks if isinstance(b, blocks.Para)]
    card = Card()
    accent = ACCENT.get(verdict.verdict.value if verdict.verdict else "", INK)
    card.frame(accent)
    said = wrap(verdict.text, WIDTH - 2 * PAD, 48, bold=True, most=3)
    y = card.lines(PAD, 136, said, 48, bold=True, fill=accent)
    if fits is not None and notes:  # the margin in words, unless a long verdict needs its room
        margin = notes.pop(0)
        if len(said) < 3:
            y = card.lines(PAD, y + 50, wrap(margin, WIDTH - 2 * PAD, 26, most=1), 26, fill=INK)
    top = y + 64
    bottom = card.bars(fits, top) if fits is not None else top - 30
    size = 18 if fits is not None else 22  # under bars, the scale note says what the numbers mean
    room = 1 + int((FOOT - 24 - (bottom + 34)) // round(size * 1.3))
    card.lines(PAD, bottom + 34, sentences(notes, LEFT, size, most=room), size, fill=MUTED if fits else INK)
    _reasons(card, parts, top, close=verdict.verdict == Verdict.CLOSE_CALL)
    card.footer(f"Made on {long_date(made)} · {bank_words(result)}")
    return card.document(f"rolefit: {sec.headline(result)}")


def _reasons(card: Card, parts: list[blocks.Section], top: float, *, close: bool) -> None:
    """The three strongest reasons, one line each; with none, what the next section says instead."""
    groups = [b for s in parts for b in s.blocks if isinstance(b, blocks.ReasonGroup)]
    entries = [entry for group in groups for entry in group.reasons]  # the lead role's first
    if close:  # a close call: the strongest either way
        entries.sort(key=lambda entry: -entry.points)
    entries = entries[:3]
    x = SPLIT
    if entries:
        y = card.lines(x, top, ["Top reasons"], 26, bold=True)
        for number, entry in enumerate(entries, 1):
            # no-break spaces keep "by 9.1 points" together when the line wraps
            line = f"{number}. {entry.trait} favours {entry.role}\u00a0by\u00a0{entry.points:.1f}\u00a0points"
            y = card.lines(x, y + 44, wrap(line, RIGHT, 22, most=2), 22)
        return
    rest = next((s for s in parts[1:] if s.title is not None), None)
    if rest is None:
        return
    body = [b.text for b in rest.blocks if isinstance(b, blocks.Para)]
    y = card.lines(x, top, wrap(rest.title or "", RIGHT, 26, bold=True, most=1), 26, bold=True)
    card.lines(x, y + 40, sentences(body, RIGHT, 21, most=int((FOOT - 24 - y - 40) // 27) + 1), 21)


# ---- a team result's or a gap map's card, from its summary ---------------------------------------


def summary_card(summary: Summary, made: dt.date, about: str) -> str:
    """The card of a summary (a team result's, a gap map's), as a standalone SVG document; the footer says it
    was made on ``made`` and what it is (``about``, in words: "rolefit team: 21 of 21 tasks answered")."""
    card = Card()
    accent = ACCENT.get(summary.verdict.value, INK) if summary.verdict is not None else TOP_BAR
    card.frame(accent)
    # the largest size that keeps the headline to two lines, leaving the reasons and the change their room
    two = (size for size in (48, 40, 36) if len(wrap(summary.headline, WIDTH - 2 * PAD, size, bold=True, most=3)) <= 2)
    size = next(two, 36)
    said = wrap(summary.headline, WIDTH - 2 * PAD, size, bold=True, most=3)
    top = card.lines(PAD, 136, said, size, bold=True, fill=accent) + 64
    below = card.bars(summary.fits, top, accent) + 34 if summary.fits is not None else top
    last = None  # the left column's last baseline
    if summary.scale is not None:  # what the numbers mean, as the screen says it
        scale = sentences([summary.scale], LEFT, 18, most=room_for(below, 18))
        last = card.lines(PAD, below, scale, 18, fill=MUTED)
    if summary.fits is not None:  # the reasons on the right of the bars
        x, y, width = SPLIT, top, RIGHT
    else:  # nothing to draw on the left: one column under the headline
        x, y, width = PAD, top if last is None else last + 56, WIDTH - 2 * PAD
    if summary.reasons_title or summary.reasons:
        y = _titled(card, (x, y, width), summary.reasons_title, list(summary.reasons)) + NEXT_TITLE
    if summary.change is not None and y + UNDER_TITLE <= FOOT - 24:  # its title and a line at least, or nothing
        _titled(card, (x, y, width), summary.change_title, [summary.change], whole=True)
    card.footer(f"Made on {long_date(made)} · {about}")
    return card.document(f"rolefit: {summary.headline}")


def _titled(
    card: Card, at: tuple[float, float, float], title: str | None, rows: list[str], *, whole: bool = False
) -> float:
    """A bold title at ``at`` (x, baseline, width) over its rows: bulleted, up to two lines each, or (``whole``)
    one text a size smaller, as many of its sentences as there is room for. Returns the last baseline drawn."""
    x, y, width = at
    last, gap = y, 0.0  # with no title, the first row sits at y
    if title:
        last, gap = card.lines(x, y, wrap(title, width, 26, bold=True, most=2), 26, bold=True), UNDER_TITLE
    for row in rows:
        below, gap = last + gap, ROW_GAP
        if below > FOOT - 24:  # no room left above the footer
            break
        if whole:  # a paragraph (an overload's warning) rather than a list: smaller, so that it can be said whole
            return card.lines(x, below, sentences([row], width, 20, most=room_for(below, 20)), 20)
        room = room_for(below, 22)
        card.lines(x, below, ["•"], 22, fill=MUTED)
        last = card.lines(x + 26, below, wrap(row, width - 26, 22, most=min(2, room)), 22)
    return last
