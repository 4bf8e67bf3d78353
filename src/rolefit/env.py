"""The environment a command runs in, read once: the standard streams, terminals, colour, width, the state directory.

Made once by the CLI (``Environment.from_process()``) and handed down, as httpie's ``context.Environment``
is, so no module below reads ``sys.std*``, ``os.environ`` or platformdirs itself, and a test can run
any command against streams of its own by building an Environment.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any


class ClosedStdout:
    """What ``sys.stdout`` becomes when the shell closed it (``>&-``): writing raises StdoutClosed.

    Python leaves ``sys.stdout`` None then, and click's help and typer's output quietly print nothing to
    None; this stand-in makes every writer outside a command fail with one line instead. The Environment
    still sees it as closed (``stdout`` None).
    """

    encoding = "utf-8"
    errors = "strict"
    closed = False

    def write(self, text: str) -> int:
        """Refuse: there is nowhere to write."""
        from rolefit.errors import StdoutClosed

        raise StdoutClosed

    def flush(self) -> None:
        """Nothing is ever held."""

    def isatty(self) -> bool:
        """Not a terminal."""
        return False


def _stdout() -> IO[Any] | None:
    """sys.stdout, or None when the shell closed it."""
    return None if sys.stdout is None or isinstance(sys.stdout, ClosedStdout) else sys.stdout


def _isatty(stream: IO[Any] | None) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (OSError, ValueError):  # a closed stream
        return False


def _state_dir() -> Path:
    """The platform's per-user state directory for rolefit.

    On Linux and the BSDs this is the XDG rule (``$XDG_STATE_HOME``, else ``~/.local/state``), written out
    here because importing platformdirs costs more start-up than the rule itself (it parses user-dirs files
    rolefit never needs); other platforms ask platformdirs.
    """
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        base = os.environ.get("XDG_STATE_HOME", "").strip()
        root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "state"
        return root / "rolefit"
    import platformdirs

    return Path(platformdirs.user_state_path("rolefit"))


@dataclass
class Environment:
    """Streams (None when closed), whether each is a terminal, colour, width and where rolefit keeps its state."""

    stdin: IO[Any] | None = None
    stdout: IO[Any] | None = None
    stderr: IO[Any] | None = None
    stdin_isatty: bool = False
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    no_color: bool = False  # NO_COLOR set, or TERM=dumb
    dumb: bool = False  # TERM=dumb: no cursor movement, no interactivity
    width: int | None = None  # COLUMNS when set, else the terminal's own
    state: Path | None = None  # where rolefit keeps its state; None: the platform's (found on first use)
    pager: str | None = None  # $PAGER as set (None: unset), for paging the full result

    @classmethod
    def from_process(cls) -> Environment:
        """The environment of this process, as the shell gave it."""
        columns = os.environ.get("COLUMNS", "")
        term = os.environ.get("TERM", "")
        stdout = _stdout()
        return cls(
            stdin=sys.stdin,
            stdout=stdout,
            stderr=sys.stderr,
            stdin_isatty=_isatty(sys.stdin),
            stdout_isatty=_isatty(stdout),
            stderr_isatty=_isatty(sys.stderr),
            no_color=bool(os.environ.get("NO_COLOR")) or term == "dumb",
            dumb=term == "dumb",
            width=int(columns) if columns.isdigit() and int(columns) > 0 else None,
            pager=os.environ.get("PAGER"),
        )

    def draws_screens(self, *, stderr: bool = False) -> bool:
        """Whether a result screen can be drawn where the result goes (stdout, or stderr): a terminal that can
        move its cursor (not TERM=dumb)."""
        return not self.dumb and (self.stderr_isatty if stderr else self.stdout_isatty)

    @property
    def state_dir(self) -> Path:
        """The state directory: ``$XDG_STATE_HOME/rolefit`` on Linux, unless this environment names another."""
        if self.state is None:
            self.state = _state_dir()
        return self.state

    @property
    def progress_dir(self) -> Path:
        """Where quiz progress is saved."""
        return self.state_dir / "progress"

    @property
    def cache_dir(self) -> Path:
        """Where the parsed form of the shipped data is cached."""
        return self.state_dir / "parsed"
