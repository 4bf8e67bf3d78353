"""Where output goes: data (JSON, through rolefit.jsonout) to stdout, everything for people to stderr."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def console(*, stderr: bool = True, plain: bool = False, width: int | None = None) -> Console:
    """A rich console; stderr by default, colourless with NO_COLOR, TERM=dumb or --plain."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """Raise instead of exiting (rich's default), so files the user named are still written."""
            self.quiet = True
            raise BrokenPipeError

    no_color = plain or bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return _Console(stderr=stderr, no_color=no_color, highlight=False, emoji=False, width=width)


def error(message: str) -> None:
    """One line on stderr, never a traceback (and nothing at all if stderr is already gone)."""
    try:
        from rolefit.textsafe import clean

        sys.stderr.write("\n".join(clean(line) for line in message.rstrip("\n").split("\n")) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
