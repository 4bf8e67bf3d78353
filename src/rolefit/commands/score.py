"""``rolefit score``: many answer sets in, one compact JSON result per line out, in constant memory.

Input is JSON Lines (one ``{"bank": ..., "answers": {...}, "id": ...}`` per line) or answer files
(YAML or JSON, one set each), read in blocks; rolefit.scoring.batch validates and scores them in
chunks. A bad line costs one message on stderr, never the rest of the stream.
"""

from __future__ import annotations

import os
import re
import select
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO

import numpy as np

from rolefit.data.answers import read_answers
from rolefit.data.catalog import load_bank, load_profiles
from rolefit.data.reading import source_is_stream
from rolefit.env import Environment
from rolefit.errors import DataError, Problem, StdoutClosed, UsageError, writing_to
from rolefit.jsonout import json_text
from rolefit.scoring import batch
from rolefit.scoring.batch import BatchScorer
from rolefit.scoring.shapes import ScoreSummary
from rolefit.scoring.sink import Sink
from rolefit.scoring.verdict import VERDICTS
from rolefit.types import Verdict

CHUNK = 4096  # lines scored at once: big enough for numpy to pay off, small enough to stream
BLOCK = 1 << 20  # bytes read at once
STREAM_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"


def score_files(
    files: Sequence[str],
    bank_ref: str | None,
    profiles_dir: Path | None,
    env: Environment,
    *,
    summary: bool = False,
) -> int:
    """Score every answer set in the files (``-`` is stdin) and write results to stdout; 1 if any failed."""
    stdout = env.stdout
    if stdout is None:
        raise StdoutClosed
    streams = {name: _check_source(name, env) for name in files}
    profiles = load_profiles(profiles_dir, cache=env.cache_dir)
    bank = load_bank(bank_ref, profiles, cache=env.cache_dir)
    scorer = BatchScorer(bank, profiles)
    with writing_to("stdout"):
        stdout.flush()
    out: BinaryIO | _TextSink = getattr(stdout, "buffer", None) or _TextSink(stdout)
    sink: Sink = SummarySink(scorer, env.stderr, stdout) if summary else LinesSink(scorer, env.stderr, out)
    for name in files:
        if streams[name] or name.lower().endswith(STREAM_SUFFIXES):
            _score_stream(name, scorer, sink, env)
        else:
            _score_answer_file(name, scorer, sink)
    sink.flush()
    sink.close()
    return 1 if sink.failed else 0


def _check_source(name: str, env: Environment) -> bool:
    """Refuse up front what would stop the stream half-way: missing files, directories, a terminal on stdin.

    True when the source is a stream: ``-``, or what is not a regular file (a pipe such as ``/dev/stdin`` or
    ``<(...)``, a FIFO, a character device). A stream is read as JSON Lines, like stdin.
    """
    if name == "":
        raise UsageError("a file name to score is empty: name an answers file or a JSON Lines stream, or - for stdin")
    if name == STDIN:
        if env.stdin is None:
            raise UsageError(
                "stdin is closed, so there are no answer sets to read: pipe them in or name files to score"
            )
        if env.stdin_isatty:
            raise UsageError(
                "stdin is a terminal: pipe answer sets in (one JSON object per line) or name files to score"
            )
        return True
    return source_is_stream(Path(name), name, "a JSON Lines, YAML or JSON file")


def _score_stream(name: str, scorer: BatchScorer, sink: Sink, env: Environment) -> None:
    if name == STDIN:
        stdin: BinaryIO = getattr(env.stdin, "buffer", None) or env.stdin  # type: ignore[assignment]  # open: checked
        _feed(stdin, "<stdin>", scorer, sink)
        return
    try:
        handle = open(name, "rb")  # noqa: SIM115 - closed below; a context manager would hide the OSError source
    except OSError as error:
        raise DataError([Problem(name, 0, 0, "", f"cannot be read ({error.strerror}): check the path")]) from None
    with handle:
        _feed(handle, name, scorer, sink)


def _feed(stream: BinaryIO, label: str, scorer: BatchScorer, sink: Sink) -> None:
    source = scorer.source(label)
    number = 0
    first: bytes | None = None  # the first line that holds anything, once seen
    for lines in read_batches(stream, CHUNK):
        if first is None:
            first = next((line for line in lines if line is None or line.strip()), None)
            refused = _whole_document(first, label) if first is not None else None
            if refused is not None:  # one message for the stream (it counts as one failed set); the next goes on
                sink.fail([refused])
                sink.flush()
                return
        number = scorer.encode_lines(lines, source, number, sink)
        sink.flush()  # a full chunk, or all there is until the writer sends more: results stream out


_YAML_START = re.compile(rb"^(---|[A-Za-z_][\w-]*:(\s|$))")


def _whole_document(first: bytes | None, label: str) -> str | None:
    """The message for a stream whose first line opens a whole document (pretty JSON, YAML), else None: one
    message, not one per line."""
    line = (first or b"").removeprefix(b"\xef\xbb\xbf").strip()
    what = "one JSON document over lines" if line in (b"{", b"[") else "YAML" if _YAML_START.match(line) else None
    if what is None:
        return None
    whole = "name the file (rolefit score FILE)" if label == "<stdin>" else "give it a .json or .yaml name"
    fix = f"{whole} to read it whole, or write each set on one line (jq -c .)"
    return str(Problem(label, 1, 1, "", f"this is {what}, not JSON Lines (one answer set per line): {fix}"))


def _score_answer_file(name: str, scorer: BatchScorer, sink: Sink) -> None:
    """An answers file (YAML or JSON) is one answer set; its problems are reported like a bad line's."""
    try:
        answers = read_answers(name, scorer.bank)
    except DataError as error:
        sink.fail([str(problem) for problem in error.problems])
        return
    sink.add(scorer.row(answers), scorer.source(name), 1, b"null")
    if len(sink.pending) >= CHUNK:
        sink.flush()


def read_batches(stream: BinaryIO, size: int) -> Iterator[list[bytes | None]]:
    """Lines (without their newline) in batches of about ``size``; a short batch whenever a pipe stalls.

    ``None`` stands for a line longer than MAX_LINE, which is skipped without being held in memory.
    """
    fd = _pollable(stream)
    read = getattr(stream, "read1", stream.read)
    pending = b""
    overlong = False
    chunk: list[bytes | None] = []
    while True:
        block = read(BLOCK)
        if not block:
            break
        lines = block.split(b"\n")
        lines[0] = pending + lines[0]
        pending = lines.pop()
        if overlong and lines:
            lines[0] = None  # type: ignore[call-overload]  # the rest of the overlong line
            overlong = False
        chunk += lines
        if len(pending) > batch.MAX_LINE:
            pending, overlong = b"", True
        if len(chunk) >= size or (fd is not None and not _ready(fd)):
            yield chunk
            chunk = []
    if overlong:
        chunk.append(None)
    elif pending:
        chunk.append(pending)
    if chunk:
        yield chunk


def _pollable(stream: BinaryIO) -> int | None:
    """The descriptor to poll for a stalled pipe, or None (regular files never stall; Windows cannot poll pipes)."""
    if os.name == "nt":
        return None
    try:
        fd = stream.fileno()
        return None if stat.S_ISREG(os.fstat(fd).st_mode) else fd
    except (OSError, ValueError, AttributeError):
        return None


def _ready(fd: int) -> bool:
    try:
        return bool(select.select([fd], [], [], 0)[0])
    except (OSError, ValueError):
        return True


class LinesSink(Sink):
    """One JSON result per line, written per chunk through the binary stdout."""

    def __init__(self, scorer: BatchScorer, errors: IO[str] | None, out: BinaryIO | _TextSink) -> None:
        super().__init__(scorer, errors)
        self.out = out

    def emit(
        self, fits: np.ndarray, order: np.ndarray, margin: np.ndarray, verdict: np.ndarray, answered: np.ndarray
    ) -> None:
        """Write one line per scored answer set."""
        ranked = np.take_along_axis(fits, order, axis=1).tolist()
        roles = order.shape[1]
        templates, template, width = self.scorer.templates, self.scorer.template, self.scorer.width
        undetermined = verdict == VERDICTS.index(Verdict.UNDETERMINED)
        if len(VERDICTS) * roles**roles * (width + 2) < 2**62:  # the whole key fits in 64 bits: numpy builds it
            keys = verdict.astype(np.int64)
            for place in range(roles):  # ranking and verdict as one number: the template's key
                keys += order[:, place].astype(np.int64) * (len(VERDICTS) * roles**place)
            # An undetermined line also says how many more answers it needs, so its key holds the answered count.
            keys += np.where(undetermined, (answered.astype(np.int64) + 1) * (len(VERDICTS) * roles**roles), 0)
            key_list = keys.tolist()
        else:  # many roles (16 or more): the same key as a Python int, which does not overflow
            key_list = [
                v
                + sum(r * len(VERDICTS) * roles**place for place, r in enumerate(rank))
                + ((a + 1) * len(VERDICTS) * roles**roles if u else 0)
                for v, rank, a, u in zip(
                    verdict.tolist(), order.tolist(), answered.tolist(), undetermined.tolist(), strict=True
                )
            ]
        lines = [
            (templates.get(k) or template(k)) % (s.json, number, ident, *f, m, a, width - a)
            for k, s, number, ident, f, m, a in zip(
                key_list,
                self.sources,
                self.numbers,
                self.ids,
                ranked,
                margin.tolist(),
                answered.tolist(),
                strict=True,
            )
        ]
        with writing_to("stdout"):
            self.out.write(b"".join(lines))
            self.out.flush()

    def close(self) -> None:
        """Flush stdout."""
        with writing_to("stdout"):
            self.out.flush()


class SummarySink(Sink):
    """The cohort summary: counts per verdict and per recommended role, mean fit per role."""

    def __init__(self, scorer: BatchScorer, errors: IO[str] | None, out: IO[str]) -> None:
        super().__init__(scorer, errors)
        self.out = out
        roles = len(scorer.model.roles)
        self.count = 0
        self.verdicts = np.zeros(len(VERDICTS), dtype=np.int64)
        self.recommended = np.zeros(roles, dtype=np.int64)
        self.fit_sums = np.zeros(roles)

    def emit(
        self, fits: np.ndarray, order: np.ndarray, margin: np.ndarray, verdict: np.ndarray, answered: np.ndarray
    ) -> None:
        """Add a chunk to the totals."""
        self.count += len(fits)
        self.verdicts += np.bincount(verdict, minlength=len(self.verdicts))
        named = verdict <= VERDICTS.index(Verdict.CLOSE_CALL)  # neither and undetermined recommend no role
        self.recommended += np.bincount(order[named, 0], minlength=len(self.recommended))
        self.fit_sums += fits.sum(axis=0)

    def close(self) -> None:
        """Write the summary as one JSON line."""
        roles = self.scorer.model.roles
        summary = ScoreSummary(
            count=self.count,
            failed=self.failed,
            verdicts=dict(zip(VERDICTS, self.verdicts.tolist(), strict=True)),
            recommended=dict(zip(roles, self.recommended.tolist(), strict=True)),
            mean_fit={
                role: round(total / self.count, 1) if self.count else None
                for role, total in zip(roles, self.fit_sums.tolist(), strict=True)
            },
        )
        with writing_to("stdout"):
            self.out.write(json_text(summary.model_dump(mode="json"), indent=None))
            self.out.flush()


@dataclass
class _TextSink:
    """A binary writer over a text stream that has no ``buffer`` (some test harnesses)."""

    stream: Any
    encoding: str = field(default="utf-8")

    def write(self, data: bytes) -> int:
        """Write bytes as text."""
        return int(self.stream.write(data.decode(self.encoding)))

    def flush(self) -> None:
        """Flush the text stream."""
        self.stream.flush()
