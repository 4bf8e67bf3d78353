"""What each quiz screen shows, drawn with rich: intro, one question, review. No keys, no I/O.

Bank and profile text is data: it goes through ``textsafe.clean`` into ``Text(...)``, never into
markup, so a bank cannot style or drive the terminal. ``highlight=None`` draws a screen for
``--plain`` mode: numbered options and no cursor marker.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len
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
WIDE_REVIEW = 70  # from this width a review row sets question and answer side by side
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
    bank: LoadedBank,
    profiles: ProfileSet,
    *,
    progress_file: Path | None,
    saved: Resumable | None,
    plain: bool,
    expected: int | None = None,
) -> RenderableType:
    """The first screen: what the quiz measures, its size, the keys, where answers stay, saved progress.

    ``expected`` is set in adaptive mode: about how many questions it will ask before it stops.
    """
    return Group(
        intro_body(bank, profiles, progress_file=progress_file, expected=expected),
        Text(""),
        intro_keys(progress_file, plain=plain),
        Text(""),
        intro_prompt(saved, plain=plain),
    )


def intro_body(
    bank: LoadedBank,
    profiles: ProfileSet,
    *,
    progress_file: Path | None,
    expected: int | None = None,
    gaps: bool = True,
) -> RenderableType:
    """The intro's text: what the quiz measures, how long it takes, where answers stay; ``gaps=False`` drops the
    blank lines (for a short terminal)."""
    roles = " or the ".join(f"{clean(p.name)} ({clean(p.short_name)})" for p in profiles.profiles)
    total = len(bank.items)
    parts: list[RenderableType] = [Text(clean(bank.bank.title), style="bold")]
    if expected is None:
        parts.append(Text(clean(bank.bank.description)))
    if gaps:
        parts.append(Text(""))
    parts.append(Text(f"It measures whether the work you enjoy fits the {roles} role better."))
    if expected is None:
        parts.append(
            Text(
                f"{total} {'question' if total == 1 else 'questions'}, about {_minutes_text(total)}. "
                "There are no right answers."
            )
        )
    else:
        parts.append(Text(adaptive_note(expected, total)))
    where = (
        f"Progress is saved after every answer in {progress_file}" if progress_file else "Progress is kept in memory"
    )
    parts.append(Text(f"Your answers stay on this machine. {where}.", style="dim"))
    return Group(*parts)


def adaptive_note(expected: int, total: int) -> str:
    """What adaptive mode says up front: it stops early, and about when."""
    return (
        "Adaptive mode: it asks the most telling questions first and stops as soon as the rest could not change "
        f"the verdict, usually after about {expected} of the {total} questions (about {_minutes_text(expected)}). "
        "There are no right answers."
    )


def stopped_early(asked: int, total: int) -> str:
    """Why adaptive mode went to the review before the last question."""
    rest = total - asked
    return (
        f"That is enough to decide: the remaining {rest} {'question' if rest == 1 else 'questions'} would almost "
        f"certainly not change the verdict, so the quiz stopped after {asked} of {total}."
    )


def intro_keys(progress_file: Path | None, *, plain: bool) -> Text:
    """The intro's line of keys, saying whether quitting keeps progress."""
    kept = KEPT if progress_file else NOT_KEPT
    keys = PLAIN_QUESTION.format(n=5, kept=kept) if plain else KEYS_QUESTION.format(n=5, kept=kept)
    return Text.assemble(("Keys: ", "bold"), keys)


def intro_prompt(saved: Resumable | None, *, plain: bool) -> RenderableType:
    """The intro's question: start, resume or start over."""
    if saved is None:
        return Text("Press Enter to start, q to quit." if not plain else "Press Enter to start, or type q to quit.")
    if saved.same_bank:
        return Group(
            Text(f"Resume your saved progress ({saved.answered} of {saved.total} answered)? [Y/n]", style="bold"),
            Text("y or Enter: resume · n: start over (the saved answers are discarded) · q: quit", style="dim"),
        )
    return Group(
        Text(
            f"This bank changed since your progress was saved ({saved.answered} answered), "
            "so those answers cannot be used with it.",
            style="bold",
        ),
        Text("r: start over (the saved answers are discarded) · q: quit and keep them", style="dim"),
    )


def question(
    item: Item,
    session: QuizSession,
    *,
    highlight: int | None,
    width: int,
    notice: str | None = None,
    kept: bool = True,
    expected: int | None = None,
    keys: bool = True,
    gaps: bool = True,
) -> RenderableType:
    """One question: progress, the text, its options (the highlighted one marked), the keys (saying whether
    quitting keeps progress).

    ``keys=False`` leaves the keys line out (the terminal front end pins it to the bottom of the screen);
    ``gaps=False`` drops the blank lines and the agree-scale hint, for a short terminal.
    """
    options = choices(item, session.option_seed)
    current = session.answers.get(item.id)
    blank: list[RenderableType] = [Text("")] if gaps else []
    header = _progress(session, highlight, width, expected)
    parts: list[RenderableType] = [header, *blank, Text(clean(item.text), style="bold")]
    if item.help:
        parts.append(Text(clean(item.help), style="italic"))
    if isinstance(item, LikertItem) and gaps:
        parts.append(Text("How much do you agree?", style="dim"))
    parts += blank
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
        parts += [*blank, Text(notice, style="yellow")]
    if highlight is not None and keys:  # plain mode asks with a prompt line that names the keys
        parts += [*blank, question_keys(len(options), kept=kept)]
    return Group(*parts)


def question_keys(count: int, *, kept: bool) -> Text:
    """The keys of a question screen, saying whether quitting keeps progress."""
    return Text(KEYS_QUESTION.format(n=count, kept=KEPT if kept else NOT_KEPT), style="dim")


def _progress(session: QuizSession, highlight: int | None, width: int, expected: int | None = None) -> Text:
    """``Question n/N``, a bar and the counts; in plain mode words only. Adaptive mode (``expected`` set) counts
    against the questions it expects to ask, not the bank's."""
    done = len(session.answers) + len(session.skipped)
    if expected is None:
        title, goal = f"Question {session.number}/{session.total}", session.total
    else:
        title, goal = adaptive_count(session.number, expected), expected
    if highlight is None:
        header = Text(title.replace("/", " of ") if expected is None else title, style="bold")
        header.append(f" ({len(session.answers)} answered, {len(session.skipped)} skipped)")
        return header
    header = Text(title, style="bold")
    counts = Text(f"{len(session.answers)} answered, {len(session.skipped)} skipped", style="dim")
    room = width - len(header) - len(counts) - 4
    header.append("  ")
    header.append_text(bar(min(done, goal), goal, min(24, max(8, room))))
    header.append("  " if room >= 8 else "\n")
    header.append_text(counts)
    return header


def adaptive_count(number: int, expected: int) -> str:
    """Where an adaptive quiz stands: ``Question 6 (about 12 expected)``."""
    if number <= expected:
        return f"Question {number} (about {expected} expected)"
    return f"Question {number} (a few more than the {expected} expected: the verdict is not settled yet)"


def bar(done: int, total: int, width: int) -> Text:
    """A progress bar that reads without colour: full and empty blocks."""
    filled = filled_cells(done / total if total else 1.0, width)
    return Text(FULL * filled, style="green") + Text(EMPTY * (width - filled), style="dim")


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
