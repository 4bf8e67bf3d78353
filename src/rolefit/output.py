"""Where output goes: data (JSON) to stdout through the json module, everything for people to stderr."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console


def write_json(data: Any, stream: TextIO | None = None) -> None:
    """Write JSON, never through a console that would wrap it at the terminal width."""
    stream = stream or sys.stdout
    stream.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    stream.flush()


def console(*, stderr: bool = True, plain: bool = False, width: int | None = None) -> Console:
    """A rich console; stderr by default, colourless with NO_COLOR, TERM=dumb or --plain."""
    from rich.console import Console

    no_color = plain or bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Console(stderr=stderr, no_color=no_color, highlight=False, emoji=False, width=width)


def error(message: str) -> None:
    """One line on stderr, never a traceback (and nothing at all if stderr is already gone)."""
    try:
        sys.stderr.write(message.rstrip("\n") + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
