"""`python -m rolefit` and the `rolefit` console script: signal handling first, then the CLI.

This module imports nothing heavy, so Ctrl-C or SIGTERM while typer, pydantic or rich are still being imported
is reported like any other interrupt: one line, exit 130.
"""

import os
import signal
import sys

from rolefit.errors import EXIT_ERROR, EXIT_INTERRUPTED, announce_interrupt


def _interrupt(signum: int, frame: object) -> None:
    announce_interrupt()
    raise KeyboardInterrupt


def _stderr_took_everything() -> bool:
    """Flush stderr now, while rolefit still chooses the exit code; False when it cannot take what it holds.

    Python flushes stderr at exit too, and a failure there (``2>/dev/full``) makes the exit code 120, outside
    the documented ones. What stderr cannot take is dropped (fd 2 goes to /dev/null), so that last flush succeeds.
    """
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
        return True
    except (OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        return False


def _version() -> int:
    """``rolefit --version`` alone, answered before typer builds the whole command tree (start-up: bench/run.py).

    It fails as the full CLI would: one ``rolefit:`` line and exit 1 for a full or closed stdout, quietly for a
    reader that left (``| head``).
    """
    from rolefit import __version__
    from rolefit.env import ClosedStdout
    from rolefit.errors import OutputFailed, RolefitError, writing_to

    if sys.stdout is None:
        sys.stdout = ClosedStdout()
    try:
        with writing_to("stdout"):
            sys.stdout.write(f"rolefit {__version__}\n")
            sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_ERROR
    except RolefitError as failure:
        if isinstance(failure, OutputFailed):
            _discard_stdout()
        from rolefit.views.output import error

        error(f"rolefit: {failure}", sys.stderr)
        return failure.exit_code
    return 0


def _discard_stdout() -> None:
    """Point fd 1 at /dev/null, so what stdout still holds cannot fail again at exit (as cli.reporting does)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)


def main() -> None:
    """Install the interrupt handlers, then run the CLI; exit 1 when its messages could not reach stderr."""
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    # No pydantic plugins for rolefit's own models (typer builds its adapters the same way): looking for plugins
    # reads the metadata of every installed distribution, a few milliseconds of every run. A value set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code: int | str | None = 0
    try:
        if sys.argv[1:] in (["--version"], ["-V"]):
            code = _version()
        else:
            from rolefit.cli import run

            run()
    except SystemExit as done:
        code = done.code
    except KeyboardInterrupt:
        announce_interrupt()
        code = EXIT_INTERRUPTED
    if not _stderr_took_everything() and not code:
        code = EXIT_ERROR  # the run's messages (or the report validate gives there) were lost
    sys.exit(code)


if __name__ == "__main__":
    main()
