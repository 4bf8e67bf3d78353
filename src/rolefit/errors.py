"""rolefit's error types and exit codes; the CLI turns each error into one line on stderr."""

from __future__ import annotations

import errno
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

EXIT_OK = 0
EXIT_ERROR = 1  # bad data, bad answers, runtime failure
EXIT_USAGE = 2  # wrong flags or arguments, no terminal to ask in
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM


class RolefitError(Exception):
    """Base of every error rolefit reports to a user; carries its exit code."""

    exit_code = EXIT_ERROR

    def __str__(self) -> str:
        """The message as one inert line: a file name or id in it can neither drive a terminal nor start a line."""
        from rolefit.textsafe import one_line

        return one_line(super().__str__())


class UsageError(RolefitError):
    """The command line asked for something impossible."""

    exit_code = EXIT_USAGE


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` naming the known id nearest to a mistyped one, or "" when none is near."""
    import difflib

    if not isinstance(name, str):
        return ""
    nearest = difflib.get_close_matches(name, list(known), n=1, cutoff=0.8)
    return f" (did you mean {nearest[0]!r}?)" if nearest else ""


class StdoutClosed(RolefitError):
    """stdout was closed (``>&-``) and a command has output to write there."""

    def __init__(self) -> None:
        super().__init__(
            "stdout is closed, so there is nowhere to write the output: "
            "redirect it to a file (> FILE), or to /dev/null to discard it"
        )


class OutputFailed(RolefitError):
    """Writing to a standard stream failed (``> /dev/full``, an I/O error); a reader that left is not this."""

    def __init__(self, stream: str, error: OSError) -> None:
        self.stream = stream
        reason = error.strerror or type(error).__name__
        if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            advice = f"free some space, or redirect {stream} elsewhere"
        else:
            advice = f"redirect {stream} to a file"
        super().__init__(f"cannot write to {stream} ({reason}): {advice}")


@contextmanager
def writing_to(stream: str) -> Iterator[None]:
    """Turn an OSError while writing to a standard stream into OutputFailed; a closed pipe stays a BrokenPipeError."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputFailed(stream, error) from None


@dataclass(frozen=True)
class Problem:
    """One problem found in a data file, at a place in it."""

    path: str
    line: int  # 1-based; 0 when no position is known
    col: int
    where: str  # dotted field path, "" for the whole file
    message: str

    def __str__(self) -> str:
        """One line, made inert: a path, field name or message from the data can neither drive a terminal nor
        start a line of its own."""
        from rolefit.textsafe import one_line

        place = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        return one_line(f"{place}: {self.where}: {self.message}" if self.where else f"{place}: {self.message}")


class DataError(RolefitError):
    """One or more problems in a bank, profile or answers file, all reported at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))

    def __str__(self) -> str:
        """One line per problem, each inert on its own."""
        return "\n".join(str(problem) for problem in self.problems)


_interrupt_announced = False


def announce_interrupt() -> None:
    """Write "rolefit: interrupted" to stderr once per run, wherever the interrupt is noticed first."""
    global _interrupt_announced
    if not _interrupt_announced:
        _interrupt_announced = True
        import os

        os.write(2, b"rolefit: interrupted\n")


class Interrupted(RolefitError):
    """The user stopped the quiz (q, Ctrl-C, SIGTERM); whatever they answered is saved."""

    exit_code = EXIT_INTERRUPTED
