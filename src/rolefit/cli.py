"""The ``rolefit`` command line: parses options and hands each command to one core call.

Heavy libraries (pydantic, yaml, rich, prompt_toolkit) are imported inside the commands, so
``--version``, ``--help`` and shell completion start fast.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from rolefit import __version__
from rolefit.errors import EXIT_INTERRUPTED, DataError, RolefitError, UsageError

if TYPE_CHECKING:
    from rolefit.catalog import ProfileSet
    from rolefit.result import Result

EPILOG = (
    "Exit codes: 0 ok, 1 bad data or runtime error, 2 usage error, 130 interrupted.  "
    "Docs: README.md in the rolefit repository."
)
app = typer.Typer(
    name="rolefit",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
bank_app = typer.Typer(help="List and inspect question banks.", no_args_is_help=True, rich_markup_mode="markdown")
profile_app = typer.Typer(help="List and inspect role profiles.", no_args_is_help=True, rich_markup_mode="markdown")
app.add_typer(bank_app, name="bank")
app.add_typer(profile_app, name="profile")

BankOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional at runtime on 3.11
    typer.Option("--bank", "-b", metavar="ID|PATH", help="Question bank: a shipped id (`rolefit bank list`) or a YAML file."),
]
ProfilesOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--profiles", metavar="DIR", help="Directory of role profiles (with shared.yaml) instead of the shipped ones."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Write JSON to stdout instead of a rendered view.")]


@contextmanager
def reporting() -> Iterator[None]:
    """Turn rolefit's errors and interrupts into one line on stderr and a documented exit code."""
    from rolefit.output import error

    try:
        yield
    except RolefitError as failure:
        error(str(failure) if isinstance(failure, DataError) else f"rolefit: {failure}")
        raise typer.Exit(failure.exit_code) from None
    except KeyboardInterrupt:
        error("rolefit: interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(1) from None


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"rolefit {__version__}\n")
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


@app.command()
def quiz(
    answers: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--answers", "-a", metavar="FILE", help="Take answers from a YAML or JSON file (`-` for stdin) instead of asking."),
    ] = None,
    json_out: JsonOption = False,
    bank: BankOption = None,
    profiles: ProfilesOption = None,
) -> None:
    """Take the quiz and get a recommendation with its reasons.

    Examples:

        rolefit quiz

        rolefit quiz --json | jq .recommendation

        rolefit quiz --answers answers.yaml --json

        echo '{"bank": "quick", "answers": {}}' | rolefit quiz --bank quick --answers -
    """
    with reporting():
        from rolefit.answers import read_answers
        from rolefit.catalog import load_bank, load_profiles
        from rolefit.result import build_result

        if answers is None and not sys.stdin.isatty():
            raise UsageError("stdin is not a terminal, so there is no one to ask: pass --answers FILE (or - for stdin)")
        if answers is None:
            raise UsageError("the interactive quiz needs a terminal session; pass --answers FILE for now")
        profile_set = load_profiles(profiles)
        loaded = load_bank(bank, profile_set)
        result = build_result(loaded, profile_set, read_answers(answers, loaded))
        _show_result(result, profile_set, json_out)


def _show_result(result: Result, profile_set: ProfileSet, json_out: bool) -> None:
    from rolefit.output import console, write_json
    from rolefit.render import render_result

    if json_out:
        write_json(result.model_dump(mode="json"))
    else:
        console(stderr=False).print(render_result(result, profile_set))


@app.command()
def validate(
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(metavar="[PATH]...", help="Bank files or profile directories; the shipped data when none."),
    ] = None,
    profiles: ProfilesOption = None,
) -> None:
    """Check banks and profiles strictly; report every problem as file:line:col.

    Examples:

        rolefit validate

        rolefit validate questions/my-bank.yaml

        rolefit validate --profiles my-profiles/ my-bank.yaml
    """
    with reporting():
        from rolefit.validate import validate_paths

        validate_paths(paths or [], profiles)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the result JSON (`rolefit quiz --json`)."""
    with reporting():
        from rolefit.output import write_json
        from rolefit.result import Result

        write_json(Result.model_json_schema())


@bank_app.command("list")
def bank_list(json_out: JsonOption = False) -> None:
    """List the shipped question banks."""
    with reporting():
        from rolefit.listing import list_banks

        list_banks(json_out)


@bank_app.command("show")
def bank_show(
    bank_id: Annotated[str, typer.Argument(metavar="ID|PATH", help="A shipped bank id or a bank file.")],
    json_out: JsonOption = False,
    profiles: ProfilesOption = None,
) -> None:
    """Show a bank's items, their sources and their trait effects."""
    with reporting():
        from rolefit.listing import show_bank

        show_bank(bank_id, profiles, json_out)


@profile_app.command("list")
def profile_list(json_out: JsonOption = False, profiles: ProfilesOption = None) -> None:
    """List the role profiles."""
    with reporting():
        from rolefit.listing import list_profiles

        list_profiles(profiles, json_out)


@profile_app.command("show")
def profile_show(
    role: Annotated[str, typer.Argument(metavar="ID", help="A role id, e.g. product-manager.")],
    json_out: JsonOption = False,
    profiles: ProfilesOption = None,
) -> None:
    """Show a role profile: its trait weights and the content its result shows."""
    with reporting():
        from rolefit.listing import show_profile

        show_profile(role, profiles, json_out)


def main() -> None:
    """Entry point of the ``rolefit`` console script."""
    signal.signal(signal.SIGTERM, _terminate)
    app()


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
