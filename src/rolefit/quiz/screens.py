"""What each quiz screen shows, drawn with rich: intro and one question (the review is quiz.review). No keys, no I/O.

Bank and profile text is data: it goes through ``textsafe.clean`` into ``Text(...)``, never into
markup, so a bank cannot style or drive the terminal. ``highlight=None`` draws a screen for
``--plain`` mode: numbered options and no cursor marker.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console, Group, RenderableType
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
PLAIN_QUESTION = "Type a number from 1 to {n} and press Enter to answer; b goes back, s skips, q quits ({kept})."


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
    kept: bool = True,
) -> RenderableType:
    """The first screen: what the quiz measures, its size, the keys, where answers stay, saved progress.

    ``expected`` is set in adaptive mode: about how many questions it will ask before it stops.
    """
    return Group(
        intro_body(bank, profiles, progress_file=progress_file, expected=expected, kept=kept),
        Text(""),
        intro_keys(progress_file, plain=plain, answers=most_answers(bank)),
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
    kept: bool = True,
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
    parts.append(Text(bank.purpose or f"It measures whether the work you enjoy fits the {roles} role better."))
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
    if bank.command is None and kept:  # the quiz itself
        parts.append(Text("Results are kept on this machine too, in the local history (rolefit history).", style="dim"))
    elif bank.command is None:
        parts.append(Text("This result is not kept in the local history (--no-save).", style="dim"))
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


def most_answers(bank: LoadedBank) -> int:
    """The most answers any of the bank's questions offers (5 for a statement): what the digits go up to."""
    return max((len(choices(item)) for item in bank.items), default=5)


def intro_keys(progress_file: Path | None, *, plain: bool, answers: int = 5) -> Text:
    """The intro's line of keys (digits up to ``answers``), saying whether quitting keeps progress."""
    kept = KEPT if progress_file else NOT_KEPT
    keys = PLAIN_QUESTION.format(n=answers, kept=kept) if plain else KEYS_QUESTION.format(n=answers, kept=kept)
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
    terms: Sequence[tuple[str, str]] = (),
    keys: bool = True,
    gaps: bool = True,
) -> RenderableType:
    """One question: progress, the text, its options (the highlighted one marked), the keys (saying whether
    quitting keeps progress); under the text, a line defining each field term it uses (``terms``).

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
    parts += [Text(clean(f"{term[:1].upper()}{term[1:]}: {definition}"), style="italic") for term, definition in terms]
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
