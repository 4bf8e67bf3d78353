"""Where output goes: data (JSON, through rolefit.jsonout) to stdout, everything for people to stderr."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any, Protocol

from rolefit.env import Environment
from rolefit.errors import StdoutClosed, writing_to
from rolefit.jsonout import write_json

if TYPE_CHECKING:
    from pathlib import Path

    from pydantic import BaseModel
    from rich.console import Console, RenderableType


class Rendered(Protocol):
    """What a command returns: its data (a JSON shape that ``rolefit schema`` publishes) and a view of it."""

    @property
    def data(self) -> BaseModel:
        """The data, as a pydantic model of its JSON shape."""
        ...

    def view(self) -> RenderableType:
        """The data for people."""
        ...


def render(result: Rendered, env: Environment, *, json_out: bool, view_on_stderr: bool = False) -> None:
    """The one way a command's result is shown: its JSON shape on stdout, or its view for people.

    ``view_on_stderr`` is for a view that only reports on the work (validate's ok lines), not data.
    """
    if json_out:
        # what a command left unset (analyze's optional parts) stays out of the JSON, as it always has
        write_json(result.data.model_dump(mode="json", exclude_unset=True), env.stdout)
    else:
        console(env, stderr=view_on_stderr).print(result.view())


def console(env: Environment, *, stderr: bool = True, plain: bool = False, width: int | None = None) -> Console:
    """A rich console on the environment's stderr (or stdout); colourless with NO_COLOR, TERM=dumb or --plain.

    A console on a closed stdout is StdoutClosed at once; a failed write is OutputFailed, a reader that left
    a BrokenPipeError.
    """
    from rich.console import Console

    name = "stderr" if stderr else "stdout"

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """Raise instead of exiting (rich's default), so files the user named are still written."""
            self.quiet = True
            raise BrokenPipeError

        def print(self, *objects: Any, **options: Any) -> None:
            """Print, and say which stream failed when a write does."""
            with writing_to(name):
                super().print(*objects, **options)

    stream = env.stderr if stderr else env.stdout
    if stream is None and not stderr:
        raise StdoutClosed
    return _Console(
        file=stream,
        stderr=stderr and stream is None,
        no_color=plain or env.no_color,
        highlight=False,
        emoji=False,
        width=width,
    )


def wrote(what: str, path: Path, env: Environment) -> None:
    """Say on stderr which file was just written: every file a command writes for the user is named."""
    error(f"rolefit: wrote {what} to {path}", env.stderr)


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
