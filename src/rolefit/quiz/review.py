"""The review screen, drawn with rich: every question asked with its answer in full, before the result.

Rows wrap rather than cut; a two-option question shows the choice made, not its stem. Only as many rows
as fit are shown, scrolled to the cursor. No keys, no I/O (the front ends in keyboard and plain).
"""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from rolefit.data.catalog import LoadedBank
from rolefit.data.models import LikertItem
from rolefit.quiz.screens import answer_text, choices
from rolefit.quiz.session import QuizSession
from rolefit.textsafe import clean

WIDE_REVIEW = 70  # from this width a review row sets question and answer side by side
KEYS_REVIEW = "↑/↓ move · Enter change the highlighted answer · c confirm and see your result · b back · q quit"
PLAIN_REVIEW = (
    "Press Enter (or type c) to confirm and see your result; "
    "type a question number to change that answer, b to go back, or q to quit."
)


def review(
    bank: LoadedBank,
    session: QuizSession,
    *,
    cursor: int | None,
    rows: int,
    notice: str | None = None,
    width: int = 80,
    keys: bool = True,
) -> RenderableType:
    """Every question asked, with its answer (in full, wrapped) or "skipped"; ``cursor`` 0 is the confirm row, n is
    question n.

    Only as many rows as fit in ``rows`` lines are shown, scrolled to keep the cursor in view; ``keys=False``
    leaves the keys line out (the terminal front end pins it). ``cursor=None`` is the plain list: one question
    after another, each answer on its own line.
    """
    answered, skipped = len(session.answers), len(session.skipped)
    head: list[RenderableType] = [
        Text("Review your answers", style="bold"),
        Text(
            f"{answered} answered, {skipped} skipped of {session.total}. Skipped questions are left out of the result.",
            style="dim",
        ),
    ]
    lines = review_lines(bank, session)
    if cursor is None:
        parts = [*head, Text("")]
        for number, text, answer in lines[1:]:
            parts += [Text(f"{number} {text}"), Padding(Text(f"Your answer: {answer}"), (0, 0, 0, 4))]
        if notice:
            parts += [Text(""), Text(notice, style="yellow")]
        return Group(*parts)
    tail: list[RenderableType] = [Text(""), Text(notice, style="yellow")] if notice else []
    if keys:
        tail += [Text(""), Text(KEYS_REVIEW, style="dim")]
    used = sum(_height(part, width) for part in (*head, *tail))
    return Group(*head, *_review_rows(lines, cursor, max(3, rows - 1 - used), width), *tail)


def _height(renderable: RenderableType, width: int) -> int:
    """How many lines a renderable takes at a width."""
    console = Console(file=io.StringIO(), width=max(20, width), color_system=None, highlight=False, emoji=False)
    return len(console.render_lines(renderable, console.options, pad=False))


def _review_rows(lines: list[tuple[str, str, str]], cursor: int, room: int, width: int) -> list[RenderableType]:
    """The rows that fit in ``room`` lines, each wrapped in full, scrolled to the cursor, with "more" marks."""
    answers = max(10, *(cell_len(answer) for _, _, answer in lines))
    drawn = [_review_row(lines, row, row == cursor, width, answers) for row in range(len(lines))]
    heights = [_height(row, width) for row in drawn]
    if sum(heights) + 1 <= room:
        return [Text(""), *drawn]
    room -= 2  # the two "more" lines
    start = stop = cursor
    used = heights[cursor]
    stop += 1
    while True:  # grow around the cursor, below first, while rows still fit
        grew = False
        if stop < len(lines) and used + heights[stop] <= room:
            used, stop, grew = used + heights[stop], stop + 1, True
        if start > 0 and used + heights[start - 1] <= room:
            used, start, grew = used + heights[start - 1], start - 1, True
        if not grew:
            break
    above = Text(f"  ↑ {start} more" if start else "", style="dim")  # a blank line until scrolled
    below = Text(f"  ↓ {len(lines) - stop} more" if stop < len(lines) else "", style="dim")
    return [above, *drawn[start:stop], below]


def _review_row(lines: list[tuple[str, str, str]], row: int, on: bool, width: int, answers: int) -> RenderableType:
    """One review row: marker and number, the question and the answer side by side when there is room, else the
    answer on a line of its own under the question; both wrapped, never cut."""
    number, text, answer = lines[row]
    digits = len(str(len(lines))) + 1
    text_style = "reverse" if on else "bold" if row == 0 else ""
    answer_style = "reverse" if on else "dim" if answer == "skipped" else ""
    lead = Text.assemble(("›" if on else " ", "bold"), " ", (number.rjust(digits), "cyan"))
    room = max(10, width - digits - 3)
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, width=digits + 2)
    if width >= WIDE_REVIEW and answer:
        answer_width = min(answers, room * 2 // 5)  # as wide as the longest answer needs, at most two fifths
        table.add_column(width=room - answer_width - 1)
        table.add_column(width=answer_width)
        table.add_row(lead, Text(text, style=text_style), Text(answer, style=answer_style))
        return table
    table.add_column(width=room)
    table.add_row(lead, Text(text, style=text_style))
    if answer:
        table.add_row(Text(""), Text.assemble(("→ ", "dim"), (answer, answer_style)))
    return table


def review_lines(bank: LoadedBank, session: QuizSession) -> list[tuple[str, str, str]]:
    """Rows of the review: (number, question, answer); row 0 confirms.

    A two-option question shows the choice made rather than its stem (its stems repeat: "Which would you
    rather..."): the option chosen, and the one it was chosen over.
    """
    rows = [("", "✓ Confirm and see my result", "")]
    for number, item_id in enumerate(session.asked, start=1):
        item = bank.item(item_id)
        answer = session.answers.get(item_id)
        text, shown = clean(item.text), answer_text(item, answer)
        if not isinstance(item, LikertItem) and item.kind == "forced_choice":
            labels = [label for _, label in choices(item, session.option_seed)]
            if answer is None:
                text = " or ".join(labels)
            else:
                other = next(label for value, label in choices(item) if value != answer)
                text, shown = shown, f"chosen over: {other}"
        rows.append((f"{number}.", text, shown))
    return rows
