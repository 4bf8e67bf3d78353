"""The ``rolefit`` command line: parses options and hands each command to one core call.

Heavy libraries (pydantic, yaml, rich, prompt_toolkit) are imported inside the commands, so
``--version``, ``--help`` and shell completion start fast.

This module puts the program together, its commands in the order ``--help`` lists them. They live in
``quiz`` (quiz, explain), ``tools`` (validate, schema, score, analyze) and ``groups`` (bank, profile);
the options they share in ``options``; the translation of errors into one line and an exit code in ``reporting``.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperGroup

from rolefit import __version__
from rolefit.cli.groups import bank_app, profile_app
from rolefit.cli.quiz import explain, quiz
from rolefit.cli.reporting import discard_stdout
from rolefit.cli.tools import SHAPE_NAMES, analyze, schema, score, validate
from rolefit.env import ClosedStdout
from rolefit.errors import EXIT_ERROR, OutputFailed, RolefitError, UsageError, writing_to

__all__ = ["SHAPE_NAMES", "app", "run"]

EPILOG = (
    "Exit codes: 0 ok, 1 bad data or runtime error, 2 usage error, 130 interrupted.  "
    "Docs: README.md in the rolefit repository."
)


class _Program(TyperGroup):
    """The root command: typer's own usage errors, and rolefit's from option parsers, as one inert line.

    typer (its vendored Click, which exposes no public exception types) prints a usage error as four lines,
    usage, hint, blank and ``Error:``, echoing what was typed raw, right-to-left overrides and line separators
    included. Here it is one line that starts with ``rolefit:``, names the help to read, and shows data inert.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the program; a usage mistake is one line on stderr and exit 2."""
        invoke = functools.partial(super().main, args, prog_name, complete_var, False, windows_expand_args, **extra)
        if not standalone_mode:
            return invoke()
        try:
            outcome = invoke()
        except NoArgsIsHelpError as bare:  # `rolefit bank` alone: the help, as typer shows it
            bare.show()
            sys.exit(bare.exit_code)
        except ClickException as mistake:
            from rolefit.textsafe import one_line  # only a mistake needs these (start-up stays as it was)

            context = getattr(mistake, "ctx", None)
            message = one_line(mistake.format_message()).rstrip(".")
            message = f"rolefit: {message[:1].lower()}{message[1:]}"
            if context is not None:
                message += f": see '{one_line(context.command_path)} {context.help_option_names[0]}'"
            _error(message)
            sys.exit(mistake.exit_code)
        except UsageError as mistake:  # raised by an option's parser, before any command runs
            _error(f"rolefit: {mistake}")
            sys.exit(mistake.exit_code)
        except typer.Abort:
            _error("rolefit: aborted")
            sys.exit(EXIT_ERROR)
        sys.exit(outcome if isinstance(outcome, int) else 0)


def _error(message: str) -> None:
    """One message on stderr, made inert (views.output is imported only when there is one)."""
    from rolefit.views.output import error

    error(message, sys.stderr)


app = typer.Typer(
    name="rolefit",
    cls=_Program,
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

        rolefit validate questions/my-bank.yaml
    """


# The commands, in the order --help lists them; the groups come after them.
app.command()(quiz)
app.command()(explain)
app.command()(validate)
app.command()(schema)
app.command()(score)
app.command()(analyze)
app.add_typer(bank_app, name="bank")
app.add_typer(profile_app, name="profile")
