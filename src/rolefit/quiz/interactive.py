"""The interactive quiz: intro, one question per screen, review; progress saved after every step.

``run_interactive`` drives a ``QuizSession`` with one of two front ends: ``TerminalUI`` (prompt_toolkit
keys, rich screens, all drawn on stderr so stdout stays free for JSON) or ``PlainUI`` (``--plain`` and
``TERM=dumb``: numbered options read as lines, no cursor movement, no colour). Quitting, Ctrl-C,
SIGTERM and SIGHUP save progress and raise ``Interrupted``.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from collections.abc import Callable, Iterator
from types import FrameType
from typing import IO, TYPE_CHECKING, Any, Protocol, TextIO

from rich.text import Text

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.data.models import Item
from rolefit.env import Environment
from rolefit.errors import Interrupted, UsageError
from rolefit.quiz import screens
from rolefit.quiz.progress import ProgressStore, Saved
from rolefit.quiz.session import NextItem, QuizSession, item_order
from rolefit.types import Answer

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.output import Output

# ("answer", value), ("skip", None), ("back", None), ("jump", index), ("confirm", None) or ("quit", None)
Action = tuple[str, Any]
QUIT: Action = ("quit", None)


class UI(Protocol):
    """A front end: shows a screen and returns what the user chose."""

    def intro(
        self, bank: LoadedBank, profiles: ProfileSet, store: ProgressStore, saved: screens.Resumable | None
    ) -> str:
        """The intro screen; returns "start", "resume", "restart" or "quit"."""

    def question(self, item: Item, session: QuizSession, notice: str | None) -> Action:
        """One question screen."""

    def review(self, bank: LoadedBank, session: QuizSession, cursor: int, notice: str | None) -> Action:
        """The review screen."""


def run_interactive(
    bank: LoadedBank,
    profiles: ProfileSet,
    *,
    resume: bool | None = None,
    plain: bool = False,
    seed: int | None = None,
    input: Input | None = None,  # tests pass a pipe input
    output: Output | None = None,
    store: ProgressStore | None = None,
) -> dict[str, Answer]:
    """Ask every question in the terminal and return the confirmed answers (skipped items absent)."""
    session, store = ask(bank, profiles, resume=resume, plain=plain, seed=seed, input=input, output=output, store=store)
    store.discard()
    return session.final_answers()


def ask(
    bank: LoadedBank,
    profiles: ProfileSet,
    *,
    resume: bool | None = None,
    plain: bool = False,
    seed: int | None = None,
    next_item: NextItem | None = None,
    input: Input | None = None,
    output: Output | None = None,
    store: ProgressStore | None = None,
    env: Environment | None = None,
) -> tuple[QuizSession, ProgressStore]:
    """Run the quiz to a confirmed review; the progress stays saved until the caller discards it.

    The caller discards it only once the result is safely out, so nothing answered is lost if
    writing the result fails. ``next_item`` replaces the bank's order (adaptive mode).
    """
    env = env or Environment.from_process()
    store = store or ProgressStore(bank.id, env.progress_dir)
    store.lock()
    try:
        with _hangup_interrupts():
            if plain or env.dumb:
                ui: UI = PlainUI(env.stdin, env.stderr)
                return Quiz(bank, profiles, store, ui, seed, next_item).run(resume), store
            from prompt_toolkit.application import create_app_session
            from prompt_toolkit.input import create_input
            from prompt_toolkit.output import create_output

            with contextlib.ExitStack() as stack:
                keys = input or create_input()
                screen = output or create_output(stdout=_terminal(stack, env))
                stack.enter_context(create_app_session(input=keys, output=screen))
                # Raw between screens too, so a key typed while one screen gives way to the next is neither
                # echoed nor held back for a newline, and Ctrl-C stays a key the next screen handles.
                stack.enter_context(keys.raw_mode())
                ui = TerminalUI(color=not env.no_color)
                return Quiz(bank, profiles, store, ui, seed, next_item).run(resume), store
    finally:
        store.unlock()


def _terminal(stack: contextlib.ExitStack, env: Environment) -> TextIO:
    """Where screens go: stderr, or the controlling terminal when stderr is redirected (never stdout)."""
    stderr: TextIO = env.stderr or sys.__stderr__  # type: ignore[assignment]  # None only when closed
    if env.stderr_isatty:
        return stderr
    try:
        tty = open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115 - closed by the stack
    except OSError:
        return stderr
    stack.callback(_close_quietly, tty)
    return tty


def _close_quietly(stream: TextIO) -> None:
    with contextlib.suppress(OSError):  # a terminal that was closed cannot take the last flush
        stream.close()


class Quiz:
    """Runs one quiz: chooses resume or a fresh start, applies each action, saves after each."""

    def __init__(
        self,
        bank: LoadedBank,
        profiles: ProfileSet,
        store: ProgressStore,
        ui: UI,
        seed: int | None,
        next_item: NextItem | None = None,
    ) -> None:
        self.bank, self.profiles, self.store, self.ui, self.seed = bank, profiles, store, ui, seed
        self.next_item = next_item
        self.session: QuizSession | None = None
        self.notice: str | None = None
        self.review_cursor = 0

    def run(self, resume: bool | None) -> QuizSession:
        """The whole quiz, to a confirmed review; Interrupted when the user leaves before confirming."""
        try:
            session = self.session = self._start(resume)
            self.store.save(session, self.bank, self.seed)
            while not session.finished:
                self._step(session)
        except (KeyboardInterrupt, EOFError):
            self._leave()
        return session

    def _step(self, session: QuizSession) -> None:
        notice, self.notice = self.notice, None
        from_review = session.reviewing or session.returning
        if session.reviewing:
            kind, value = self.ui.review(self.bank, session, self.review_cursor, notice)
        else:
            assert session.current is not None
            kind, value = self.ui.question(self.bank.item(session.current), session, notice)
        if kind == "quit":
            raise KeyboardInterrupt
        if kind == "answer":
            session.answer(value)
        elif kind == "skip":
            session.skip()
        elif kind == "back" and not session.back():
            self.notice = "This is the first question: there is nothing before it."
        elif kind == "jump":
            session.jump(value)
            self.review_cursor = value + 1
        elif kind == "confirm":
            session.confirm()
            return
        if session.reviewing and not from_review:
            self.review_cursor = 0
        self.store.save(session, self.bank, self.seed)

    def _start(self, resume: bool | None) -> QuizSession:
        """The session to run: saved progress resumed, or a fresh start after the intro."""
        saved = self.store.load(self.bank)
        if saved is not None:
            session = self._settle_saved(saved, resume)
            if session is not None:
                return session
        elif resume is True:
            self.notice = f"No saved progress for bank {self.bank.id!r}: starting from the first question."
        if (resume is not None or saved is None) and self._intro(None) == "quit":
            raise Interrupted("quit before the first question: nothing to save")
        ids = [item.id for item in self.bank.items]
        if self.seed is not None and not self.bank.bank.shuffle:
            self.notice = f"Bank {self.bank.id!r} keeps its own order, so --seed has no effect."
        return QuizSession(item_order(ids, shuffle=self.bank.bank.shuffle, seed=self.seed), self.next_item)

    def _settle_saved(self, saved: Saved, resume: bool | None) -> QuizSession | None:
        """Resume saved progress or discard it, as ``resume`` or the user decides; None starts afresh."""
        same = saved.matches(self.bank)
        if resume is True and same:
            return self._resumed(saved.session)
        if resume is True:
            raise UsageError(
                f"saved progress for bank {self.bank.id!r} was made with a different version of the bank, "
                f"so it cannot be resumed: run `{self._command()} --restart` to start over"
            )
        if resume is None:
            choice = self._intro(_resumable(saved, same=same))
            if same and choice == "resume":
                return self._resumed(saved.session)
            if choice == "quit" and same:
                raise Interrupted(
                    f"progress kept ({saved.answered} of {saved.session.total} answered): "
                    f"run `{self._command()}` to resume"
                )
            if choice == "quit":
                raise Interrupted(
                    "saved progress kept, but it belongs to another version of this bank: "
                    f"run `{self._command()} --restart` to start over"
                )
        self.store.discard()
        return None

    def _resumed(self, session: QuizSession) -> QuizSession:
        """A saved session, asking in this run's way (adaptive or not) from here on."""
        if self.next_item is None:
            return session
        return QuizSession.from_dict(session.to_dict(), self.next_item)

    def _intro(self, saved: screens.Resumable | None) -> str:
        try:
            return self.ui.intro(self.bank, self.profiles, self.store, saved)
        except (KeyboardInterrupt, EOFError):
            return "quit"

    def _leave(self) -> None:
        """Save where the user is and raise Interrupted with how to come back."""
        for signum in _STOPS:  # leaving already: a second Ctrl-C or a hangup must not cut the last save short
            signal.signal(signum, signal.SIG_IGN)
        session = self.session
        if session is None:
            raise Interrupted("quit before the first question: nothing to save")
        saved = self.store.save(session, self.bank, self.seed)
        count = f"{len(session.answers)} of {session.total} answered"
        if not saved:
            raise Interrupted(f"progress could not be saved ({count}): the state directory is not writable")
        raise Interrupted(f"progress saved ({count}): run `{self._command()}` to resume")

    def _command(self) -> str:
        if self.bank.id == "core":
            return "rolefit quiz"
        from rolefit.data.catalog import shipped_bank_ids

        where = self.bank.id if self.bank.id in shipped_bank_ids() else self.bank.label
        return f"rolefit quiz --bank {where}"


def _resumable(saved: Saved, *, same: bool) -> screens.Resumable:
    session = saved.session
    return screens.Resumable(len(session.answers), len(session.skipped), session.total, same)


# ---- the terminal front end (prompt_toolkit) ---------------------------------------------------


class TerminalUI:
    """Screens drawn by rich into a small prompt_toolkit application on stderr; keys map to actions."""

    def __init__(self, color: bool = True) -> None:
        self.color = color

    def intro(
        self, bank: LoadedBank, profiles: ProfileSet, store: ProgressStore, saved: screens.Resumable | None
    ) -> str:
        """The intro; Enter starts (or resumes), y/n/r choose, q quits."""
        progress_file = None if store.memory_only else store.path
        keys = {"enter": "start"}
        if saved is not None and saved.same_bank:
            keys = {"enter": "resume", "y": "resume", "n": "restart"}
        elif saved is not None:
            keys = {"r": "restart"}
        kb = _bindings()
        for key, choice in keys.items():
            kb.add(key)(lambda event, choice=choice: event.app.exit(result=(choice, None)))

        def draw(width: int, rows: int) -> str:
            shown = screens.intro(bank, profiles, progress_file=progress_file, saved=saved, plain=False)
            return screens.to_ansi(shown, width=width, color=self.color)

        choice = _run_screen(draw, kb)[0]
        return str(choice)

    def question(self, item: Item, session: QuizSession, notice: str | None) -> Action:
        """Arrows move, Enter or a digit answers, b back, s skip, q quit."""
        options = screens.choices(item)
        values = [value for value, _ in options]
        current = session.answers.get(item.id)
        # A fresh statement starts on Neutral, so a stray Enter never records an extreme answer.
        start = values.index(3) if item.kind == "likert" else 0
        cursor = [values.index(current) if current in values else start]
        kb = _bindings()

        @kb.add("up")
        @kb.add("k")
        def _up(event: Any) -> None:
            cursor[0] = (cursor[0] - 1) % len(values)

        @kb.add("down")
        @kb.add("j")
        def _down(event: Any) -> None:
            cursor[0] = (cursor[0] + 1) % len(values)

        @kb.add("enter")
        def _enter(event: Any) -> None:
            event.app.exit(result=("answer", values[cursor[0]]))

        for number, value in enumerate(values, start=1):
            kb.add(str(number))(lambda event, value=value: event.app.exit(result=("answer", value)))
        _exit_keys(kb, {"b": ("back", None), "c-h": ("back", None), "left": ("back", None), "s": ("skip", None)})

        def draw(width: int, rows: int) -> str:
            shown = screens.question(item, session, highlight=cursor[0], width=width, notice=notice)
            return screens.to_ansi(shown, width=width, color=self.color)

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

        def draw(width: int, rows: int) -> str:
            shown = screens.review(bank, session, cursor=at[0], rows=rows, notice=notice)
            return screens.to_ansi(shown, width=width, color=self.color)

        return _run_screen(draw, kb)


def _bindings() -> KeyBindings:
    """Key bindings every screen shares: q and Ctrl-D quit, Ctrl-C (and SIGINT) interrupt."""
    from prompt_toolkit.key_binding import KeyBindings

    kb = KeyBindings()
    _exit_keys(kb, {"q": QUIT, "c-d": QUIT, "c-c": ("interrupt", None), "<sigint>": ("interrupt", None)})
    return kb


def _exit_keys(kb: KeyBindings, actions: dict[str, Action]) -> None:
    for key, action in actions.items():
        kb.add(key)(lambda event, action=action: event.app.exit(result=action))


def _run_screen(draw: Callable[[int, int], str], kb: KeyBindings) -> Action:
    """Show one screen until a key exits it; the screen is redrawn on resize and erased when done."""
    from prompt_toolkit.application import Application, get_app
    from prompt_toolkit.formatted_text import ANSI
    from prompt_toolkit.layout import FormattedTextControl, Layout, Window

    def content() -> ANSI:
        size = get_app().output.get_size()
        return ANSI(draw(max(20, size.columns - 1), size.rows))

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
        for signum in _HANGUPS:
            loop.add_signal_handler(signum, lambda: app.future is None or app.future.done() or app.exit(result=QUIT))

    previous = {signum: signal.getsignal(signum) for signum in _HANGUPS}
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

_HANGUPS = (signal.SIGTERM, signal.SIGHUP)
_STOPS = (signal.SIGINT, *_HANGUPS)


@contextlib.contextmanager
def _hangup_interrupts() -> Iterator[None]:
    """While the quiz runs, SIGTERM and SIGHUP (a closed terminal) raise KeyboardInterrupt, so progress is saved."""
    previous = {signum: signal.getsignal(signum) for signum in _STOPS}
    for signum in _HANGUPS:
        signal.signal(signum, _interrupt)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


# ---- the plain front end (--plain, TERM=dumb) ----------------------------------------------------


class PlainUI:
    """Linear and screen-reader friendly: screens printed as plain lines on stderr, answers typed as lines."""

    def __init__(self, stdin: IO[Any] | None, stderr: IO[Any] | None) -> None:
        self.stdin = stdin or io.StringIO()  # a closed stdin reads as end of input
        self.out = stderr or io.StringIO()  # a closed stderr swallows the screens

    def intro(
        self, bank: LoadedBank, profiles: ProfileSet, store: ProgressStore, saved: screens.Resumable | None
    ) -> str:
        """The intro, then a line: Enter starts (or resumes), y/n/r choose, q quits."""
        progress_file = None if store.memory_only else store.path
        self._show(screens.intro(bank, profiles, progress_file=progress_file, saved=saved, plain=True))
        choices = {"": "start", "q": "quit"}
        if saved is not None and saved.same_bank:
            choices = {"": "resume", "y": "resume", "yes": "resume", "n": "restart", "no": "restart", "q": "quit"}
        elif saved is not None:
            choices = {"r": "restart", "q": "quit"}
        while True:
            reply = self._ask("> ")
            if reply in choices:
                return choices[reply]
            self._say(f"Please type one of: {', '.join(repr(c) if c else 'Enter' for c in choices)}.")

    def question(self, item: Item, session: QuizSession, notice: str | None) -> Action:
        """The question with numbered options; a number answers, Enter keeps the current answer."""
        options = screens.choices(item)
        current = session.answers.get(item.id)
        self._say("")
        self._show(screens.question(item, session, highlight=None, width=self._width(), notice=notice))
        if current is not None:
            self._say("Press Enter alone to keep your answer.")
        while True:
            reply = self._ask(f"Answer (1-{len(options)}; b back, s skip, q quit): ")
            if reply.isdigit() and 1 <= int(reply) <= len(options):
                return ("answer", options[int(reply) - 1][0])
            if reply == "" and current is not None:
                return ("answer", current)
            action = _WORDS.get(reply)
            if action is not None and action[0] != "confirm":
                return action
            self._say(f"Please type a number from 1 to {len(options)}, or b (back), s (skip), q (quit).")

    def review(self, bank: LoadedBank, session: QuizSession, cursor: int, notice: str | None) -> Action:
        """Every answer listed; a number changes that answer, c or Enter confirms."""
        self._say("")
        self._show(screens.review(bank, session, cursor=None, rows=0, notice=notice))
        self._say("")
        self._show(Text(screens.PLAIN_REVIEW))
        while True:
            reply = self._ask("> ")
            if reply.isdigit() and 1 <= int(reply) <= len(session.asked):
                return ("jump", int(reply) - 1)
            if reply == "":
                return ("confirm", None)
            if reply in _WORDS:
                return _WORDS[reply]
            self._say(f"Please type a question number (1 to {len(session.asked)}), c (confirm), b (back) or q (quit).")

    def _show(self, renderable: Any) -> None:
        self.out.write(screens.to_plain(renderable, width=self._width()))
        self.out.flush()

    def _say(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    def _ask(self, prompt: str) -> str:
        self.out.write(prompt)
        self.out.flush()
        try:
            line = self.stdin.readline()
        except KeyboardInterrupt:
            self._say("")
            raise
        if not line:
            self._say("")
            raise EOFError
        return line.strip().lower()

    def _width(self) -> int:
        try:
            return min(100, os.get_terminal_size(self.out.fileno()).columns)
        except (OSError, ValueError, AttributeError):
            return 80


_WORDS: dict[str, Action] = {
    "b": ("back", None),
    "back": ("back", None),
    "s": ("skip", None),
    "skip": ("skip", None),
    "q": QUIT,
    "quit": QUIT,
    "c": ("confirm", None),
    "confirm": ("confirm", None),
}
