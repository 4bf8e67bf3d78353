"""The keyboard front end: each screen a small prompt_toolkit application drawn by rich on stderr; keys map to actions."""

from __future__ import annotations

import signal
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.text import Text

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.data.models import Item
from rolefit.quiz import review, screens
from rolefit.quiz.progress import ProgressStore
from rolefit.quiz.session import QuizSession
from rolefit.quiz.ui import HANGUPS, QUIT, Action

if TYPE_CHECKING:
    from prompt_toolkit.key_binding import KeyBindings

Screen = tuple[str, str, "int | None"]  # the body and the footer (ANSI), and the body line to keep in view


class TerminalUI:
    """Screens drawn by rich into a small prompt_toolkit application on stderr; keys map to actions."""

    def __init__(self, color: bool = True) -> None:
        self.color = color

    def intro(
        self,
        bank: LoadedBank,
        profiles: ProfileSet,
        store: ProgressStore,
        saved: screens.Resumable | None,
        expected: int | None = None,
        *,
        kept: bool = True,
    ) -> str:
        """The intro; Enter starts (or resumes), y/n/r choose, q quits; ↑/↓ scroll an intro taller than the terminal."""
        progress_file = None if store.memory_only else store.path
        keys = {"enter": "start"}
        if saved is not None and saved.same_bank:
            keys = {"enter": "resume", "y": "resume", "n": "restart"}
        elif saved is not None:
            keys = {"r": "restart"}
        kb = _bindings()
        for key, choice in keys.items():
            kb.add(key)(lambda event, choice=choice: event.app.exit(result=(choice, None)))
        top = [0]
        for key, step in {"up": -1, "down": 1, "pageup": -5, "pagedown": 5}.items():
            kb.add(key)(lambda event, step=step: top.__setitem__(0, max(0, top[0] + step)))
        digits = screens.intro_keys(progress_file, plain=False, answers=screens.most_answers(bank))
        footer = Group(digits, screens.intro_prompt(saved, plain=False))

        def draw(width: int, rows: int) -> Screen:
            def body(gaps: bool) -> RenderableType:
                return screens.intro_body(
                    bank, profiles, progress_file=progress_file, expected=expected, gaps=gaps, kept=kept
                )

            return self._screen(body, footer, width, rows, top=top)

        choice = _run_screen(draw, kb)[0]
        return str(choice)

    def question(
        self,
        item: Item,
        session: QuizSession,
        notice: str | None,
        *,
        kept: bool = True,
        expected: int | None = None,
        terms: Sequence[tuple[str, str]] = (),
    ) -> Action:
        """Arrows move, Enter or a digit answers, b back, s skip, q quit (the footer says whether that keeps progress)."""
        options = screens.choices(item, session.option_seed)
        values = [value for value, _ in options]
        current = session.answers.get(item.id)
        # Nothing is pre-selected on a fresh question (NOTHING), so an answer always takes a deliberate key:
        # Enter alone answers nothing, only an earlier answer can be kept with it.
        cursor = [values.index(current) if current in values else NOTHING]
        shown = [notice]
        kb = _bindings()

        @kb.add("up")
        @kb.add("k")
        def _up(event: Any) -> None:
            cursor[0] = len(values) - 1 if cursor[0] == NOTHING else (cursor[0] - 1) % len(values)

        @kb.add("down")
        @kb.add("j")
        def _down(event: Any) -> None:
            cursor[0] = 0 if cursor[0] == NOTHING else (cursor[0] + 1) % len(values)

        @kb.add("enter")
        def _enter(event: Any) -> None:
            if cursor[0] == NOTHING:
                shown[0] = screens.pick_first(len(values))
                event.app.invalidate()
                return
            event.app.exit(result=("answer", values[cursor[0]]))

        for number, value in enumerate(values, start=1):
            kb.add(str(number))(lambda event, value=value: event.app.exit(result=("answer", value)))
        _exit_keys(kb, {"b": ("back", None), "c-h": ("back", None), "left": ("back", None), "s": ("skip", None)})

        footer = screens.question_keys(len(values), kept=kept)

        def draw(width: int, rows: int) -> Screen:
            def body(gaps: bool) -> RenderableType:
                return screens.question(
                    item,
                    session,
                    highlight=cursor[0],
                    width=width,
                    notice=shown[0],
                    kept=kept,
                    expected=expected,
                    terms=terms,
                    keys=False,
                    gaps=gaps,
                )

            return self._screen(body, footer, width, rows)

        return _run_screen(draw, kb)

    def review(self, bank: LoadedBank, session: QuizSession, cursor: int, notice: str | None) -> Action:
        """Arrows move, Enter opens the highlighted row (row 0 confirms), c confirms, b back, q quit."""
        last = len(session.asked)
        at = [min(max(cursor, 0), last)]
        kb = _bindings()
        moves = {
            "up": -1,
            "k": -1,
            "down": 1,
            "j": 1,
            "pageup": -10,
            "pagedown": 10,
            "home": -last - 1,
            "end": last + 1,
        }
        for key, step in moves.items():
            kb.add(key)(lambda event, step=step: at.__setitem__(0, min(max(at[0] + step, 0), last)))

        @kb.add("enter")
        def _enter(event: Any) -> None:
            event.app.exit(result=("confirm", None) if at[0] == 0 else ("jump", at[0] - 1))

        _exit_keys(kb, {"c": ("confirm", None), "b": ("back", None), "c-h": ("back", None)})

        footer = Text(review.KEYS_REVIEW, style="dim")

        def draw(width: int, rows: int) -> Screen:
            room = rows - _lines(screens.to_ansi(footer, width=width, color=self.color))
            shown = review.review(bank, session, cursor=at[0], rows=room, notice=notice, width=width, keys=False)
            return screens.to_ansi(shown, width=width, color=self.color), self._footer(footer, width), None

        return _run_screen(draw, kb)

    def _footer(self, footer: RenderableType, width: int) -> str:
        return screens.to_ansi(footer, width=width, color=self.color)

    def _screen(
        self,
        body: Callable[[bool], RenderableType],
        footer: RenderableType,
        width: int,
        rows: int,
        top: list[int] | None = None,
    ) -> Screen:
        """A screen with its blank lines when it fits the terminal, else without them; the footer kept apart, so
        it stays pinned to the bottom; the line to keep in view is the highlighted option's."""
        keys = self._footer(footer, width)
        shown = screens.to_ansi(body(True), width=width, color=self.color)
        if _lines(shown) + _lines(keys) > rows - 1:
            shown = screens.to_ansi(body(False), width=width, color=self.color)
        if top is not None:
            return shown, keys, -1 - top[0]  # a negative focus scrolls from the top: the intro pages
        marked = [number for number, line in enumerate(_plain_lines(shown)) if line.startswith("›")]
        return shown, keys, marked[0] if marked else None


NOTHING = -1  # the cursor of a question nothing is chosen on yet: no option is highlighted


def _bindings() -> KeyBindings:
    """Key bindings every screen shares: q and Ctrl-D quit, Ctrl-C (and SIGINT) interrupt."""
    from prompt_toolkit.key_binding import KeyBindings

    kb = KeyBindings()
    _exit_keys(kb, {"q": QUIT, "c-d": QUIT, "c-c": ("interrupt", None), "<sigint>": ("interrupt", None)})
    return kb


def _exit_keys(kb: KeyBindings, actions: dict[str, Action]) -> None:
    for key, action in actions.items():
        kb.add(key)(lambda event, action=action: event.app.exit(result=action))


def _lines(text: str) -> int:
    return len(text.rstrip("\n").split("\n"))


def _plain_lines(text: str) -> list[str]:
    """ANSI text as its lines without escape sequences."""
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text).rstrip("\n").split("\n")


def fit(body: str, footer: str, rows: int, focus: int | None) -> str:
    """The body cut to the rows the footer leaves, keeping line ``focus`` in view (a negative focus, -1 - n,
    starts at line n), with a "more" line where lines are hidden; the footer always shown, at the bottom."""
    lines, keys = body.rstrip("\n").split("\n"), footer.rstrip("\n").split("\n")
    room = max(1, rows - 1 - len(keys))
    if len(lines) < room:  # room for the blank line that sets the keys apart
        return "\n".join([*lines, "", *keys])
    if len(lines) == room:
        return "\n".join(lines + keys)
    room = max(1, room - 1)  # the "more" line
    if focus is not None and focus < 0:
        start = min(-1 - focus, len(lines) - room)
    else:
        start = max(0, min((focus or 0) - room + 2, len(lines) - room))
    shown = lines[start : start + room]
    hidden = [f"{start} above"] if start else []
    if start + len(shown) < len(lines):
        hidden.append(f"{len(lines) - start - len(shown)} below")
    paging = " (↑/↓ to scroll)" if focus is None or focus < 0 else ""
    hint = f"\x1b[2m  … {len(lines) - len(shown)} more lines, {' and '.join(hidden)}{paging}\x1b[0m"
    return "\n".join([*shown, hint, *keys])


def _run_screen(draw: Callable[[int, int], Screen], kb: KeyBindings) -> Action:
    """Show one screen until a key exits it; the screen is redrawn on resize and erased when done.

    The footer (the keys line, the intro's question) stays at the bottom however short the terminal: the body
    gives way, cut around the highlighted line.
    """
    from prompt_toolkit.application import Application, get_app
    from prompt_toolkit.formatted_text import ANSI
    from prompt_toolkit.layout import FormattedTextControl, Layout, Window

    def content() -> ANSI:
        size = get_app().output.get_size()
        body, footer, focus = draw(max(20, size.columns - 1), size.rows)
        return ANSI(fit(body, footer, size.rows, focus))

    app: Application[Action] = Application(
        layout=Layout(Window(FormattedTextControl(content, focusable=True, show_cursor=False), wrap_lines=True)),
        key_bindings=kb,
        full_screen=False,
        erase_when_done=True,
        mouse_support=False,
    )

    def interrupt_on_signals() -> None:
        import asyncio

        loop = asyncio.get_running_loop()
        for signum in HANGUPS:
            loop.add_signal_handler(signum, lambda: app.future is None or app.future.done() or app.exit(result=QUIT))

    previous = {signum: signal.getsignal(signum) for signum in HANGUPS}
    try:
        result = app.run(pre_run=interrupt_on_signals)
    except OSError:  # the terminal went away (window closed, connection lost): like end of input
        raise EOFError from None
    finally:
        for signum, handler in previous.items():  # closing the event loop reset them to the default
            signal.signal(signum, handler)
    if result[0] == "interrupt":
        raise KeyboardInterrupt
    return result


# ---- signals -----------------------------------------------------------------------------------
