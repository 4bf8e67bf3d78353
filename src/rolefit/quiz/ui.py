"""What the quiz driver and its front ends share: the actions a screen returns, and the front-end protocol."""

from __future__ import annotations

import signal
from collections.abc import Sequence
from typing import Any, Protocol

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.data.models import Item
from rolefit.quiz import screens
from rolefit.quiz.progress import ProgressStore
from rolefit.quiz.session import QuizSession

HANGUPS = (signal.SIGTERM, signal.SIGHUP)  # signals that end the quiz like q does, progress kept
STOPS = (signal.SIGINT, *HANGUPS)

# ("answer", value), ("skip", None), ("back", None), ("jump", index), ("confirm", None) or ("quit", None)
Action = tuple[str, Any]
QUIT: Action = ("quit", None)


class UI(Protocol):
    """A front end: shows a screen and returns what the user chose."""

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
        """The intro screen; returns "start", "resume", "restart" or "quit". ``expected``: adaptive mode's estimate;
        ``kept``: whether the result will be kept in the history."""

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
        """One question screen; ``kept`` is False once progress can no longer be saved; ``terms`` are the
        glossary's definitions of the field terms the question uses."""

    def review(self, bank: LoadedBank, session: QuizSession, cursor: int, notice: str | None) -> Action:
        """The review screen."""
