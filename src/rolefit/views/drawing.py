"""The SVG card's drawing, shared by the quiz's card and the summary card of a team result or a gap map.

A 1200x630 canvas (the size link previews use): the frame with its accent stripe and top line, text lines,
labelled 0-100 bars, the footer with the date. SVG does not wrap text, so lines are wrapped here by an
estimate of their width (kept generous, and checked in a real browser by tests/test_html_browser.py); what does
not fit ends in an ellipsis. Every data string goes through ``html.text``; the card loads nothing.
"""

from __future__ import annotations

import re
import unicodedata

from rolefit.views import blocks
from rolefit.views.html import text

WIDTH, HEIGHT, PAD = 1200, 630, 64
FOOT = 566  # the rule above the footer line
SPLIT = 660  # the fits on the left of it, the reasons on the right
LEFT, RIGHT = SPLIT - PAD - 24, WIDTH - SPLIT - PAD  # the two columns' widths
FONT = "'DejaVu Sans', Verdana, 'Segoe UI', Arial, sans-serif"
INK, MUTED, TRACK, OTHER = "#1c2230", "#566072", "#e6e9ef", "#3a6ea5"
TOP_BAR = "#1f7a4d"
KICKER = "ROLEFIT · PM OR PMM"
BAR_STEP = 72  # from one bar's label to the next


class Card:
    """SVG elements in drawing order."""

    def __init__(self) -> None:
        self.out: list[str] = []

    def add(self, element: str) -> None:
        """One element, drawn over those before it."""
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

    def frame(self, accent: str) -> None:
        """The white card, its accent stripe on the left, and the top line saying what made it."""
        self.add(f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>')
        self.add(f'<rect width="16" height="{HEIGHT}" fill="{accent}"/>')
        self.lines(PAD, 74, [KICKER], 22, fill=MUTED, extra='letter-spacing="3"')

    def bars(self, fits: blocks.FitBars, top: float, lead: str = TOP_BAR) -> float:
        """Up to three rows as labelled bars with their number out of 100, the top row's bar in ``lead``, a mark
        at 50 when 50 means something (a quiz's fits); returns the bottom of the last bar."""
        y = top
        for row in fits.rows[:3]:
            score = max(0.0, min(100.0, row.score))
            self.lines(PAD, y, wrap(row.name, LEFT - 110, 26, bold=row.top, most=1), 26, bold=row.top)
            self.add(
                f'<text x="{PAD + LEFT}" y="{y}" text-anchor="end" font-family="{FONT}" font-size="26" '
                f'font-weight="700" fill="{INK}">{score:.0f}/100</text>'
            )
            bar = y + 14
            self.add(f'<rect x="{PAD}" y="{bar}" width="{LEFT}" height="22" rx="4" fill="{TRACK}"/>')
            self.add(
                f'<rect x="{PAD}" y="{bar}" width="{LEFT * score / 100:.1f}" height="22" rx="4" '
                f'fill="{lead if row.top else OTHER}"/>'
            )
            if fits.midline:
                middle = PAD + LEFT / 2
                self.add(
                    f'<line x1="{middle}" y1="{bar - 4}" x2="{middle}" y2="{bar + 26}" stroke="{INK}" '
                    'stroke-dasharray="3 3"/>'
                )
            y += BAR_STEP
        return y - BAR_STEP + 36

    def footer(self, words: str) -> None:
        """The rule above the footer, and the footer's one line (when it was made, and from what)."""
        self.add(f'<line x1="{PAD}" y1="{FOOT}" x2="{WIDTH - PAD}" y2="{FOOT}" stroke="{TRACK}" stroke-width="2"/>')
        self.lines(PAD, 604, wrap(words, WIDTH - 2 * PAD, 20, most=1), 20, fill=MUTED)

    def document(self, label: str) -> str:
        """The card as a standalone SVG document, named by ``label`` for screen readers and link previews."""
        named = text(label)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{named}">\n'
            f"<title>{named}</title>\n" + "\n".join(self.out) + "\n</svg>\n"
        )


def room_for(top: float, size: int) -> int:
    """How many lines of ``size`` fit from baseline ``top`` down to the footer's margin (at least one)."""
    return max(1, 1 + int((FOOT - 24 - top) // round(size * 1.3)))


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
