"""The plain front end: linear and screen-reader friendly; screens printed as lines on stderr, answers typed as lines."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from typing import IO, Any

from rich.text import Text

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.data.models import Item
from rolefit.quiz import review, screens
from rolefit.quiz.progress import ProgressStore
from rolefit.quiz.session import QuizSession
from rolefit.quiz.ui import QUIT, Action


class PlainUI:
    """Linear and screen-reader friendly: screens printed as plain lines on stderr, answers typed as lines."""

    def __init__(self, stdin: IO[Any] | None, stderr: IO[Any] | None) -> None:
        self.stdin = stdin or io.StringIO()  # a closed stdin reads as end of input
        self.out = stderr or io.StringIO()  # a closed stderr swallows the screens

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
        """The intro, then a line: Enter starts (or resumes), y/n/r choose, q quits."""
        progress_file = None if store.memory_only else store.path
        self._show(
            screens.intro(
                bank, profiles, progress_file=progress_file, saved=saved, plain=True, expected=expected, kept=kept
            )
        )
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
        """The question with numbered options; a number answers, Enter keeps the current answer."""
        options = screens.choices(item, session.option_seed)
        current = session.answers.get(item.id)
        self._say("")
        width = self._width()
        self._show(
            screens.question(item, session, highlight=None, width=width, notice=notice, expected=expected, terms=terms)
        )
        if current is not None:
            self._say("Press Enter alone to keep your answer.")
        while True:
            reply = self._ask(
                f"Answer (1-{len(options)}; b back, s skip, q quit{'' if kept else ' and lose your answers'}): "
            )
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
        self._show(review.review(bank, session, cursor=None, rows=0, notice=notice))
        self._say("")
        self._show(Text(review.PLAIN_REVIEW))
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
