"""The SVG report: a 1200x630 summary card to share (the size link previews use), drawn from the result's sections.

It holds the verdict in plain words, each fit as a bar with what the numbers mean, the top three reasons, the
date and the bank. SVG does not wrap text, so lines are wrapped here by an estimate of their width (kept
generous, and checked in a real browser by tests/test_html_browser.py); what does not fit ends in an ellipsis.
Every data string goes through ``html.text``; the card loads nothing (no fonts, no images).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from rolefit.data.catalog import ProfileSet
from rolefit.scoring.result import Result
from rolefit.types import Verdict
from rolefit.views import blocks
from rolefit.views import sections as sec
from rolefit.views.html import bank_words, long_date, text

WIDTH, HEIGHT, PAD = 1200, 630, 64
FOOT = 566  # the rule above the footer line
SPLIT = 660  # the fits on the left of it, the reasons on the right
LEFT, RIGHT = SPLIT - PAD - 24, WIDTH - SPLIT - PAD  # the two columns' widths
FONT = "'DejaVu Sans', Verdana, 'Segoe UI', Arial, sans-serif"
INK, MUTED, TRACK, OTHER = "#1c2230", "#566072", "#e6e9ef", "#3a6ea5"
ACCENT = {"clear": "#1f7a4d", "lean": "#8a5a00", "close-call": "#7b3f8c", "neither": "#3a6ea5", "undetermined": INK}
TOP_BAR = "#1f7a4d"


def card_report(result: Result, profiles: ProfileSet, made: dt.date) -> str:
    """The summary card of a result, as a standalone SVG document."""
    parts = sec.result_sections(result, profiles)
    headline = parts[0]
    verdict = next(b for b in headline.blocks if isinstance(b, blocks.VerdictLine))
    fits = next((b for b in headline.blocks if isinstance(b, blocks.FitBars)), None)
    notes = [b.text for b in headline.blocks if isinstance(b, blocks.Para)]
    card = _Card()
    accent = ACCENT.get(verdict.verdict.value if verdict.verdict else "", INK)
    card.add(f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>')
    card.add(f'<rect width="16" height="{HEIGHT}" fill="{accent}"/>')
    card.lines(PAD, 74, ["ROLEFIT · PM OR PMM"], 22, fill=MUTED, extra='letter-spacing="3"')
    said = wrap(verdict.text, WIDTH - 2 * PAD, 48, bold=True, most=3)
    y = card.lines(PAD, 136, said, 48, bold=True, fill=accent)
    if fits is not None and notes:  # the margin in words, unless a long verdict needs its room
        margin = notes.pop(0)
        if len(said) < 3:
            y = card.lines(PAD, y + 50, wrap(margin, WIDTH - 2 * PAD, 26, most=1), 26, fill=INK)
    top = y + 64
    bottom = _fits(card, fits, top) if fits is not None else top - 30
    size = 18 if fits is not None else 22  # under bars, the scale note says what the numbers mean
    room = 1 + int((FOOT - 24 - (bottom + 34)) // round(size * 1.3))
    card.lines(PAD, bottom + 34, sentences(notes, LEFT, size, most=room), size, fill=MUTED if fits else INK)
    _reasons(card, parts, top, close=verdict.verdict == Verdict.CLOSE_CALL)
    card.add(f'<line x1="{PAD}" y1="{FOOT}" x2="{WIDTH - PAD}" y2="{FOOT}" stroke="{TRACK}" stroke-width="2"/>')
    footer = f"Made on {long_date(made)} · {bank_words(result)}"
    card.lines(PAD, 604, wrap(footer, WIDTH - 2 * PAD, 20, most=1), 20, fill=MUTED)
    label = text(f"rolefit: {sec.headline(result)}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{label}">\n'
        f"<title>{label}</title>\n" + "\n".join(card.out) + "\n</svg>\n"
    )


class _Card:
    """SVG elements in drawing order."""

    def __init__(self) -> None:
        self.out: list[str] = []

    def add(self, element: str) -> None:
        self.out.append(element)

    def lines(
        self, x: float, y: float, rows: list[str], size: int, *, bold: bool = False, fill: str = INK, extra: str = ""
    ) -> float:
        """Text lines from baseline ``y``, one below the other; returns the last baseline."""
        step = round(size * 1.3)
        weight = ' font-weight="700"' if bold else ""
        more = f" {extra}" if extra else ""
        for number, row in enumerate(rows):
            self.add(
                f'<text x="{x}" y="{y + number * step}" font-family="{FONT}" font-size="{size}"{weight} '
                f'fill="{fill}"{more}>{text(row)}</text>'
            )
        return y + (len(rows) - 1) * step


def _fits(card: _Card, fits: blocks.FitBars, top: float) -> float:
    """Up to three fits as labelled bars with a mark at 50; returns the bottom of the last bar."""
    y = top
    for row in fits.rows[:3]:
        score = max(0.0, min(100.0, row.score))
        card.lines(PAD, y, wrap(row.name, LEFT - 110, 26, bold=row.top, most=1), 26, bold=row.top)
        card.add(
            f'<text x="{PAD + LEFT}" y="{y}" text-anchor="end" font-family="{FONT}" font-size="26" '
            f'font-weight="700" fill="{INK}">{score:.0f}/100</text>'
        )
        bar = y + 14
        card.add(f'<rect x="{PAD}" y="{bar}" width="{LEFT}" height="22" rx="4" fill="{TRACK}"/>')
        card.add(
            f'<rect x="{PAD}" y="{bar}" width="{LEFT * score / 100:.1f}" height="22" rx="4" '
            f'fill="{TOP_BAR if row.top else OTHER}"/>'
        )
        middle = PAD + LEFT / 2
        card.add(
            f'<line x1="{middle}" y1="{bar - 4}" x2="{middle}" y2="{bar + 26}" stroke="{INK}" stroke-dasharray="3 3"/>'
        )
        y += 72
    return y - 72 + 36


def _reasons(card: _Card, parts: list[blocks.Section], top: float, *, close: bool) -> None:
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


# ---- wrapping by estimated width ----------------------------------------------------------------


def text_width(line: str, size: float, *, bold: bool = False) -> float:
    """A generous estimate of a line's width in pixels: wide (East Asian) characters count double."""
    em = 0.62 if bold else 0.57
    units = sum(2.0 if unicodedata.east_asian_width(c) in "WF" else 1.0 for c in line)
    return units * em * size


def wrap(words: str, width: float, size: float, *, bold: bool = False, most: int) -> list[str]:
    """``words`` as at most ``most`` lines that fit ``width``; a word longer than a line is cut; an ellipsis
    ends the last line when some text is left over."""
    lines: list[str] = []
    current = ""
    pending = [word for word in re.split(r"[ \t\r\n]+", words) if word]  # a no-break space joins
    while pending:
        word = pending.pop(0)
        joined = f"{current} {word}" if current else word
        if text_width(joined, size, bold=bold) <= width:
            current = joined
            continue
        if current:
            lines.append(current)
            pending.insert(0, word)
            current = ""
        else:  # one word wider than the line: cut it
            cut = _fitting(word, width, size, bold)
            lines.append(word[:cut])
            pending.insert(0, word[cut:])
        if len(lines) == most:
            return _ellipsis(lines, width, size, bold)
    if current:
        lines.append(current)
    return lines


def sentences(paragraphs: list[str], width: float, size: float, *, most: int) -> list[str]:
    """As many whole sentences of the paragraphs as fit in ``most`` lines (at least the first, shortened)."""
    split = [part for para in paragraphs for part in re.split(r"(?<=[.!?])\s+", " ".join(para.split())) if part]
    kept: list[str] = []
    for sentence in split:
        trial = wrap(" ".join([*kept, sentence]), width, size, most=most + 1)
        if len(trial) > most:
            break
        kept.append(sentence)
    return wrap(" ".join(kept or split[:1]), width, size, most=most)


def _fitting(word: str, width: float, size: float, bold: bool) -> int:
    cut = len(word)
    while cut > 1 and text_width(word[:cut], size, bold=bold) > width:
        cut -= 1
    return cut


def _ellipsis(lines: list[str], width: float, size: float, bold: bool) -> list[str]:
    last = lines[-1]
    while last and text_width(last + "…", size, bold=bold) > width:
        last = last[:-1]
    return [*lines[:-1], last.rstrip() + "…"]
