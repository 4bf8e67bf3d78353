"""What each quiz screen shows, drawn with rich: intro, one question, review. No keys, no I/O.

Bank and profile text is data: it goes through ``textsafe.clean`` into ``Text(...)``, never into
markup, so a bank cannot style or drive the terminal. ``highlight=None`` draws a screen for
``--plain`` mode: numbered options and no cursor marker.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.data.models import Item, LikertItem
from rolefit.quiz.session import QuizSession, option_order
from rolefit.textsafe import clean
from rolefit.types import LIKERT_LABELS, Answer
from rolefit.views.bars import EMPTY, FULL, filled_cells

SECONDS_PER_QUESTION = 10
KEYS_QUESTION = "↑/↓ move · Enter choose · 1-{n} pick directly · b back · s skip · q quit ({kept})"
KEPT = "progress is kept"
NOT_KEPT = "progress is not saved: quitting loses it"
KEYS_REVIEW = "↑/↓ move · Enter change the highlighted answer · c confirm and see your result · b back · q quit"
PLAIN_QUESTION = "Type a number from 1 to {n} and press Enter to answer; b goes back, s skips, q quits ({kept})."
PLAIN_REVIEW = (
    "Press Enter (or type c) to confirm and see your result; "
    "type a question number to change that answer, b to go back, or q to quit."
)


@dataclass(frozen=True)
class Resumable:
    """What the intro says about saved progress."""

    answered: int
    skipped: int
    total: int
    same_bank: bool  # False: the bank changed since, so the saved answers cannot be used


def choices(item: Item, seed: int | None = None) -> list[tuple[Answer, str]]:
    """An item's answers in display order, each with its label (cleaned); a seed shuffles a choice's options."""
    if isinstance(item, LikertItem):
        return [(value, label) for value, label in enumerate(LIKERT_LABELS, start=1)]
    options = item.options if seed is None else option_order(item.options, item.id, seed)
    return [(option.id, clean(option.text)) for option in options]


def pick_first(count: int) -> str:
    """What Enter on a question with nothing chosen says: nothing was answered, and how to answer."""
    return f"Nothing is chosen yet: move with ↑/↓ and press Enter, or press 1-{count}. None fits? Press s to skip."


def answer_text(item: Item, answer: Answer | None) -> str:
    """An answer as its label, or "skipped"."""
    if answer is None:
        return "skipped"
    return next((label for value, label in choices(item) if value == answer), str(answer))


def minutes(total: int) -> int:
    """An honest estimate: about ten seconds a question, at least a minute."""
    return max(1, round(total * SECONDS_PER_QUESTION / 60))


def _minutes_text(total: int) -> str:
    count = minutes(total)
    return f"{count} minute" if count == 1 else f"{count} minutes"


def intro(
    bank: LoadedBank, profiles: ProfileSet, *, progress_file: Path | None, saved: Resumable | None, plain: bool
) -> RenderableType:
    """The first screen: what the quiz measures, its size, the keys, where answers stay, saved progress."""
    roles = " or the ".join(f"{clean(p.name)} ({clean(p.short_name)})" for p in profiles.profiles)
    total = len(bank.items)
    parts: list[RenderableType] = [
        Text(clean(bank.bank.title), style="bold"),
        Text(clean(bank.bank.description)),
        Text(""),
        Text(f"It measures whether the work you enjoy fits the {roles} role better."),
        Text(
            f"{total} {'question' if total == 1 else 'questions'}, about {_minutes_text(total)}. There are no right answers."
        ),
        Text(""),
    ]
    kept = KEPT if progress_file else NOT_KEPT
    keys = PLAIN_QUESTION.format(n=5, kept=kept) if plain else KEYS_QUESTION.format(n=5, kept=kept)
    parts.append(Text.assemble(("Keys: ", "bold"), keys))
    where = (
        f"Progress is saved after every answer in {progress_file}" if progress_file else "Progress is kept in memory"
    )
    parts.append(Text(f"Your answers stay on this machine. {where}.", style="dim"))
    parts.append(Text("Results are kept on this machine too, in the local history (rolefit history).", style="dim"))
    parts.append(Text(""))
    if saved is None:
        parts.append(
            Text("Press Enter to start, q to quit." if not plain else "Press Enter to start, or type q to quit.")
        )
    elif saved.same_bank:
        parts.append(
            Text(f"Resume your saved progress ({saved.answered} of {saved.total} answered)? [Y/n]", style="bold")
        )
        parts.append(
            Text("y or Enter: resume · n: start over (the saved answers are discarded) · q: quit", style="dim")
        )
    else:
        parts.append(
            Text(
                f"This bank changed since your progress was saved ({saved.answered} answered), "
                "so those answers cannot be used with it.",
                style="bold",
            )
        )
        parts.append(Text("r: start over (the saved answers are discarded) · q: quit and keep them", style="dim"))
    return Group(*parts)


def question(
    item: Item,
    session: QuizSession,
    *,
    highlight: int | None,
    width: int,
    notice: str | None = None,
    kept: bool = True,
) -> RenderableType:
    """One question: progress, the text, its options (the highlighted one marked), the keys (saying whether
    quitting keeps progress)."""
    options = choices(item, session.option_seed)
    current = session.answers.get(item.id)
    header = _progress(session, highlight, width)
    parts: list[RenderableType] = [header, Text(""), Text(clean(item.text), style="bold")]
    if item.help:
        parts.append(Text(clean(item.help), style="italic"))
    if isinstance(item, LikertItem):
        parts.append(Text("How much do you agree?", style="dim"))
    parts.append(Text(""))
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    table.add_column()
    for index, (value, label) in enumerate(options):
        on = index == highlight
        marker = "›" if on else " "
        mark = "" if value != current else " (your answer)" if highlight is None else " ✓"
        style = "reverse" if on else ""
        table.add_row(Text(marker, style="bold"), Text(f"{index + 1}.", style="cyan"), Text(label + mark, style=style))
    parts.append(table)
    if not isinstance(item, LikertItem):
        key = "press s" if highlight is not None else "type s"
        parts.append(Text(f"None of these fits you? Then skipping is the honest answer: {key}.", style="dim"))
    if item.id in session.skipped:
        parts.append(Text("You skipped this question before.", style="dim"))
    if notice:
        parts += [Text(""), Text(notice, style="yellow")]
    if highlight is not None:
        parts.append(Text(""))  # plain mode asks with a prompt line that names the keys
        parts.append(Text(KEYS_QUESTION.format(n=len(options), kept=KEPT if kept else NOT_KEPT), style="dim"))
    return Group(*parts)


def _progress(session: QuizSession, highlight: int | None, width: int) -> Text:
    """``Question n/N``, a bar and the counts; in plain mode words only."""
    done = len(session.answers) + len(session.skipped)
    if highlight is None:
        header = Text(f"Question {session.number} of {session.total}", style="bold")
        header.append(f" ({len(session.answers)} answered, {len(session.skipped)} skipped)")
        return header
    header = Text(f"Question {session.number}/{session.total}", style="bold")
    counts = Text(f"{len(session.answers)} answered, {len(session.skipped)} skipped", style="dim")
    room = width - len(header) - len(counts) - 4
    header.append("  ")
    header.append_text(bar(done, session.total, min(24, max(8, room))))
    header.append("  " if room >= 8 else "\n")
    header.append_text(counts)
    return header


def bar(done: int, total: int, width: int) -> Text:
    """A progress bar that reads without colour: full and empty blocks."""
    filled = filled_cells(done / total if total else 1.0, width)
    return Text(FULL * filled, style="green") + Text(EMPTY * (width - filled), style="dim")


def review(
    bank: LoadedBank, session: QuizSession, *, cursor: int | None, rows: int, notice: str | None = None
) -> RenderableType:
    """Every question asked, with its answer or "skipped"; ``cursor`` 0 is the confirm row, n is question n.

    Only as many rows as fit in ``rows`` lines are shown, scrolled to keep the cursor in view.
    ``cursor=None`` is the plain list: one question after another, each answer on its own line.
    """
    answered, skipped = len(session.answers), len(session.skipped)
    parts: list[RenderableType] = [
        Text("Review your answers", style="bold"),
        Text(
            f"{answered} answered, {skipped} skipped of {session.total}. Skipped questions are left out of the result.",
            style="dim",
        ),
    ]
    lines = review_lines(bank, session)
    if cursor is None:
        parts.append(Text(""))
        for number, text, answer in lines[1:]:
            parts += [Text(f"{number} {text}"), Padding(Text(f"Your answer: {answer}"), (0, 0, 0, 4))]
    else:
        parts += _review_rows(lines, cursor, rows - (2 if notice else 0))
    if notice:
        parts += [Text(""), Text(notice, style="yellow")]
    if cursor is not None:  # plain mode asks with a prompt line that names the keys
        parts += [Text(""), Text(KEYS_REVIEW, style="dim")]
    return Group(*parts)


def _review_rows(lines: list[tuple[str, str, str]], cursor: int, rows: int) -> list[RenderableType]:
    """The rows that fit, scrolled to the cursor, with "more" marks above and below."""
    room = max(3, rows - 11)  # title, counts, keys (two lines each at 50 columns), blank lines, more-marks
    start, stop = 0, len(lines)
    if len(lines) > room:
        start = min(max(0, cursor - room // 2), len(lines) - room)
        stop = start + room
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True)  # marker and number padded here: rich's fixed widths differ across versions
    table.add_column(no_wrap=True, overflow="ellipsis", ratio=3)
    table.add_column(no_wrap=True, overflow="ellipsis", ratio=2)
    digits = len(str(len(lines))) + 1
    for row in range(start, stop):
        number, text, answer = lines[row]
        on = row == cursor
        text_style = "reverse" if on else "bold" if row == 0 else ""
        answer_style = "reverse" if on else "dim" if answer == "skipped" else ""
        table.add_row(
            Text.assemble(("›" if on else " ", "bold"), " ", (number.rjust(digits), "cyan")),
            Text(text, style=text_style),
            Text(answer, style=answer_style),
        )
    above = Text(f"  ↑ {start} more" if start else "", style="dim")  # a blank line until scrolled
    below = Text(f"  ↓ {len(lines) - stop} more" if stop < len(lines) else "", style="dim")
    return [above, table, below] if len(lines) > room else [Text(""), table]


def review_lines(bank: LoadedBank, session: QuizSession) -> list[tuple[str, str, str]]:
    """Rows of the review: (number, question, answer); row 0 confirms."""
    rows = [("", "✓ Confirm and see my result", "")]
    for number, item_id in enumerate(session.asked, start=1):
        item = bank.item(item_id)
        rows.append((f"{number}.", clean(item.text), answer_text(item, session.answers.get(item_id))))
    return rows


def to_ansi(renderable: RenderableType, *, width: int, color: bool) -> str:
    """A renderable as text with ANSI styles at a given width; without colour, only bold/dim/reverse remain."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        width=max(20, width),
        color_system="standard",
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    console.print(renderable)
    return buffer.getvalue()


def to_plain(renderable: RenderableType, *, width: int) -> str:
    """A renderable as plain text: no styles, no escapes at all (for --plain and TERM=dumb)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=max(20, width), color_system=None, highlight=False, emoji=False, markup=False)
    console.print(renderable)
    return buffer.getvalue()
