"""The interactive quiz: intro, one question per screen, review; progress saved after every step.

``run_interactive`` drives a ``QuizSession`` with one of two front ends: ``TerminalUI`` (prompt_toolkit
keys, rich screens, all drawn on stderr so stdout stays free for JSON) or ``PlainUI`` (``--plain`` and
``TERM=dumb``: numbered options read as lines, no cursor movement, no colour). Quitting, Ctrl-C,
SIGTERM and SIGHUP save progress and raise ``Interrupted``.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import sys
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.env import Environment
from rolefit.errors import Interrupted, UsageError
from rolefit.quiz import screens
from rolefit.quiz.keyboard import TerminalUI
from rolefit.quiz.plain import PlainUI
from rolefit.quiz.progress import ProgressStore, Saved
from rolefit.quiz.session import NO_SHUFFLE, NextItem, QuizSession, item_order
from rolefit.quiz.ui import HANGUPS, STOPS, UI
from rolefit.types import Answer
from rolefit.views.output import error
from rolefit.views.wording import item_terms

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output


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
    expected: int | None = None,
    kept: bool = True,
) -> tuple[QuizSession, ProgressStore]:
    """Run the quiz to a confirmed review; the progress stays saved until the caller discards it.

    The caller discards it only once the result is safely out, so nothing answered is lost if
    writing the result fails. ``next_item`` replaces the bank's order (adaptive mode); ``expected`` is
    about how many questions it will ask, for the screens to say; ``kept`` whether the result will be kept in the
    history (the quiz's intro says so).
    """
    env = env or Environment.from_process()
    store = store or ProgressStore(bank.id, env.progress_dir, warn=functools.partial(error, stream=env.stderr))
    store.lock()
    try:
        with _hangup_interrupts():
            if plain or env.dumb:
                ui: UI = PlainUI(env.stdin, env.stderr)
                return Quiz(bank, profiles, store, ui, seed, next_item, expected, kept).run(resume), store
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
                return Quiz(bank, profiles, store, ui, seed, next_item, expected, kept).run(resume), store
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
        expected: int | None = None,
        kept: bool = True,
    ) -> None:
        self.bank, self.profiles, self.store, self.ui, self.seed = bank, profiles, store, ui, seed
        self.kept = kept
        self.next_item = next_item
        self.expected = expected if next_item is not None else None
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
            kept = not self.store.memory_only
            item = self.bank.item(session.current)
            terms = item_terms(item, self.profiles.shared.glossary)
            kind, value = self.ui.question(item, session, notice, kept=kept, expected=self.expected, terms=terms)
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
            if self.next_item is not None and len(session.asked) < session.total:  # adaptive mode stopped early
                self.notice = screens.stopped_early(len(session.asked), session.total)
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
            self.notice = f"Bank {self.bank.id!r} keeps its own question order: --seed fixes only the order of each choice's options."
        order = item_order(ids, shuffle=self.bank.bank.shuffle, seed=self.seed)
        return QuizSession(order, self.next_item, option_seed=NO_SHUFFLE if self.bank.fixed_options else self.seed)

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
            return self.ui.intro(self.bank, self.profiles, self.store, saved, self.expected, kept=self.kept)
        except (KeyboardInterrupt, EOFError):
            return "quit"

    def _leave(self) -> None:
        """Save where the user is and raise Interrupted with how to come back."""
        session = self.session
        if session is None:
            raise Interrupted("quit before the first question: nothing to save")
        previous = {signum: signal.getsignal(signum) for signum in STOPS}
        for signum in STOPS:  # leaving already: a second Ctrl-C or a hangup must not cut the last save short
            signal.signal(signum, signal.SIG_IGN)
        try:
            saved = self.store.save(session, self.bank, self.seed)
        finally:  # the caller's handlers again: an in-process caller (or its children) must not inherit SIG_IGN
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        count = f"{len(session.answers)} of {session.total} answered"
        if not saved:
            raise Interrupted(f"progress could not be saved ({count}): {self.store.failure or 'no state directory'}")
        raise Interrupted(f"progress saved ({count}) in {self.store.path}: run `{self._command()}` to resume")

    def _command(self) -> str:
        if self.bank.command is not None:
            return self.bank.command
        if self.bank.id == "core":
            return "rolefit quiz"
        from rolefit.data.catalog import shipped_bank_ids

        where = self.bank.id if self.bank.id in shipped_bank_ids() else self.bank.label
        return f"rolefit quiz --bank {where}"


def _resumable(saved: Saved, *, same: bool) -> screens.Resumable:
    session = saved.session
    return screens.Resumable(len(session.answers), len(session.skipped), session.total, same)


# ---- the terminal front end (prompt_toolkit) ---------------------------------------------------


@contextlib.contextmanager
def _hangup_interrupts() -> Iterator[None]:
    """While the quiz runs, SIGTERM and SIGHUP (a closed terminal) raise KeyboardInterrupt, so progress is saved."""
    previous = {signum: signal.getsignal(signum) for signum in STOPS}
    for signum in HANGUPS:
        signal.signal(signum, _interrupt)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


# ---- the plain front end (--plain, TERM=dumb) ----------------------------------------------------
