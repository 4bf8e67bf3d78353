"""Where output goes: data (JSON, through rolefit.jsonout) to stdout, everything for people to stderr."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from rolefit.env import Environment

if TYPE_CHECKING:
    from rich.console import Console


def console(env: Environment, *, stderr: bool = True, plain: bool = False, width: int | None = None) -> Console:
    """A rich console on the environment's stderr (or stdout); colourless with NO_COLOR, TERM=dumb or --plain."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """Raise instead of exiting (rich's default), so files the user named are still written."""
            self.quiet = True
            raise BrokenPipeError

    stream = env.stderr if stderr else env.stdout
    return _Console(
        file=stream,
        stderr=stderr and stream is None,
        no_color=plain or env.no_color,
        highlight=False,
        emoji=False,
        width=width,
    )


def error(message: str, stream: IO[str] | None) -> None:
    """Lines for people on stderr, made inert, never a traceback (and nothing at all if stderr is already gone)."""
    if stream is None:
        return
    try:
        from rolefit.textsafe import clean

        stream.write("\n".join(clean(line) for line in message.rstrip("\n").split("\n")) + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass
