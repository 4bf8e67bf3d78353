"""The queue between reading lines and writing results: encoded rows collect until a chunk is full, then are scored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

import numpy as np

from rolefit.errors import writing_to
from rolefit.textsafe import one_line

if TYPE_CHECKING:
    from rolefit.scoring.batch import BatchScorer


@dataclass(frozen=True)
class LineSource:
    """Where lines come from: the label used in messages and its JSON form for the output."""

    label: str
    json: bytes


class Sink:
    """Collects encoded rows until a chunk is full, then scores and emits them; counts failures.

    Subclasses (in rolefit.commands.score) decide what a scored chunk becomes; messages go to ``errors``.
    """

    def __init__(self, scorer: BatchScorer, errors: IO[str] | None) -> None:
        self.scorer = scorer
        self.errors = errors
        self.pending: list[bytes] = []
        self.numbers: list[int] = []
        self.ids: list[bytes] = []
        self.sources: list[LineSource] = []
        self.messages: list[str] = []
        self.failed = 0

    def add(self, row: bytes, source: LineSource, number: int, ident: bytes) -> None:
        """Queue one encoded answer set."""
        self.pending.append(row)
        self.numbers.append(number)
        self.ids.append(ident)
        self.sources.append(source)

    def fail(self, messages: list[str]) -> None:
        """Count one failed answer set and queue its messages for stderr."""
        self.failed += 1
        self.messages.extend(messages)

    def flush(self) -> None:
        """Score and emit what is queued, and write queued messages to stderr."""
        if self.messages:
            if self.errors is not None:
                with writing_to("stderr"):
                    self.errors.write("".join(f"{one_line(message)}\n" for message in self.messages))
                    self.errors.flush()
            self.messages.clear()
        if not self.pending:
            return
        laid_out = np.frombuffer(b"".join(self.pending), dtype=np.int8).reshape(len(self.pending), self.scorer.width)
        rows = laid_out[:, self.scorer.unlayout]
        self.emit(*self.scorer.score(rows))
        for queue in (self.pending, self.numbers, self.ids, self.sources):
            queue.clear()

    def emit(
        self, fits: np.ndarray, order: np.ndarray, margin: np.ndarray, verdict: np.ndarray, answered: np.ndarray
    ) -> None:
        """Handle one scored chunk."""
        raise NotImplementedError

    def close(self) -> None:
        """Finish the output."""
