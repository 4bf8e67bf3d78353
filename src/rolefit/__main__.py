"""`python -m rolefit` and the `rolefit` console script: signal handling first, then the CLI.

This module imports nothing heavy, so Ctrl-C or SIGTERM while typer, pydantic or rich are still being imported
is reported like any other interrupt: one line, exit 130.
"""

import os
import signal
import sys

from rolefit.errors import EXIT_INTERRUPTED, announce_interrupt


def _interrupt(signum: int, frame: object) -> None:
    announce_interrupt()
    raise KeyboardInterrupt


def main() -> None:
    """Install the interrupt handlers, then run the CLI."""
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    # No pydantic plugins for rolefit's own models (typer builds its adapters the same way): looking for plugins
    # reads the metadata of every installed distribution, a few milliseconds of every run. A value set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        from rolefit.cli import run

        run()
    except KeyboardInterrupt:
        announce_interrupt()
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
