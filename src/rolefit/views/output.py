"""Where output goes: data (JSON) to stdout through the json module, everything for people to stderr."""

from __future__ import annotations

import json
import os
import re
import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console


_C1 = re.compile("[\x7f-\x9f]")  # DEL and C1 controls (U+009B is CSI): json escapes only C0 by itself


def write_json(data: Any, stream: TextIO | None = None) -> None:
    """Write JSON, never through a console that would wrap it at the terminal width."""
    stream = stream or sys.stdout
    text = json.dumps(data, indent=2, ensure_ascii=False)
    stream.write(_C1.sub(lambda found: f"\\u{ord(found.group()):04x}", text) + "\n")
    stream.flush()


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
