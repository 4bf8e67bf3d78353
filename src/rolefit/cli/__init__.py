"""The ``rolefit`` command line: parses options and hands each command to one core call.

Heavy libraries (pydantic, yaml, rich, prompt_toolkit) are imported inside the commands, so
``--version``, ``--help`` and shell completion start fast.

This module puts the program together, its commands in the order ``--help`` lists them. They live in
``quiz`` (quiz, explain), ``team``, ``tools`` (validate, schema, score, analyze) and ``groups`` (bank, profile, roles, tasks);
``quiz`` (quiz, explain), ``tools`` (validate, schema, score, analyze), ``groups`` (bank, profile) and
``history`` (history, compare);
the options they share in ``options``; the translation of errors into one line and an exit code in ``reporting``.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rolefit import __version__
from rolefit.cli.conventions import Command, Group
from rolefit.cli.groups import bank_app, profile_app, roles, tasks
from rolefit.cli.history import compare, history_app
from rolefit.cli.quiz import explain, quiz
from rolefit.cli.reporting import discard_stdout
from rolefit.cli.team import matrix, team
from rolefit.cli.tools import SHAPE_NAMES, analyze, schema, score, validate
from rolefit.env import ClosedStdout
from rolefit.errors import OutputFailed, RolefitError, writing_to

__all__ = ["SHAPE_NAMES", "app", "run"]

EPILOG = (
    "Exit codes: 0 ok, 1 bad data or runtime error, 2 usage error, 130 interrupted.  "
    "Docs: README.md in the rolefit repository."
)


app = typer.Typer(
    name="rolefit",
    cls=Group,
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def run() -> None:
    """Run the CLI as the ``rolefit`` command: output outside any command (help, --version) fails in one line too.

    A closed stdout becomes a ClosedStdout, so help printed to it is an error rather than silence; the
    Environment still sees stdout as closed. Outside a command rolefit writes only to the standard streams,
    so an OSError that gets here is a failed write to stdout.
    """
    from rolefit.views.output import error

    if sys.stdout is None:
        sys.stdout = ClosedStdout()
    try:
        try:
            with writing_to("stdout"):
                app()
        finally:
            with writing_to("stdout"):
                sys.stdout.flush()
    except RolefitError as failure:
        if isinstance(failure, OutputFailed):
            discard_stdout()
        error(f"rolefit: {failure}", sys.stderr)
        sys.exit(failure.exit_code)
    except BrokenPipeError:
        discard_stdout()
        sys.exit(1)


def _version(value: bool) -> None:
    """``--version``: print it and stop before any command runs."""
    if value:
        with writing_to("stdout"):
            sys.stdout.write(f"rolefit {__version__}\n")
            sys.stdout.flush()
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Find out whether you fit the Product Manager (PM) or the Product Marketing Manager (PMM) role better, and why.

    Examples:

        rolefit quiz                          # the interactive quiz

        rolefit quiz --json | jq .recommendation

        rolefit quiz --answers answers.yaml --json

        rolefit team                          # which role should we hire?

        rolefit validate questions/my-bank.yaml
    """


# The commands, in the order --help lists them; the groups come after them.
app.command(cls=Command)(quiz)
app.command(cls=Command)(explain)
app.command(cls=Command)(compare)
app.command(cls=Command)(team)
app.command(cls=Command)(matrix)
app.command(cls=Command)(roles)
app.command(cls=Command)(tasks)
app.command(cls=Command)(validate)
app.command(cls=Command)(schema)
app.command(cls=Command)(score)
app.command(cls=Command)(analyze)
app.add_typer(bank_app, name="bank")
app.add_typer(profile_app, name="profile")
app.add_typer(history_app, name="history")
