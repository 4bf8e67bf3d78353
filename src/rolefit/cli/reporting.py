"""The one place a command's errors become one line on stderr and an exit code."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from rolefit.env import Environment
from rolefit.errors import EXIT_INTERRUPTED, DataError, OutputFailed, RolefitError, announce_interrupt, writing_to


@contextmanager
def reporting() -> Iterator[Environment]:
    """Make the command's Environment, and turn rolefit's errors and interrupts into one line and an exit code.

    stdout is flushed here, inside the translator, so a write that fails late (``> /dev/full`` fails at the
    flush) is one line too, never a traceback at exit.
    """
    from rolefit.views.output import error

    env = Environment.from_process()
    try:
        yield env
        with writing_to("stdout"):
            if env.stdout is not None:
                env.stdout.flush()
    except RolefitError as failure:
        if isinstance(failure, OutputFailed):
            discard_stdout()
        error(str(failure) if isinstance(failure, DataError) else f"rolefit: {failure}", env.stderr)
        raise typer.Exit(failure.exit_code) from None
    except KeyboardInterrupt:
        announce_interrupt()
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from complaining at exit.
        discard_stdout()
        raise typer.Exit(1) from None


def discard_stdout() -> None:
    """Point fd 1 at /dev/null, so what stdout still holds cannot fail again when Python flushes it at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
