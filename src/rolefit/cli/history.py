"""The history commands: ``rolefit history [list|show|delete]`` and ``rolefit compare A B``."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from rolefit.cli.conventions import Command
from rolefit.cli.options import BankOption, JsonOption, ProfilesOption
from rolefit.cli.reporting import reporting

history_app = typer.Typer(
    invoke_without_command=True,
    rich_markup_mode=None,
)
RefArgument = Annotated[str, typer.Argument(metavar="N|last", help="A result's number in `rolefit history`, or last.")]


@history_app.callback()
def history(ctx: typer.Context, json_out: JsonOption = False, profiles: ProfilesOption = None) -> None:
    """Results kept on this machine.

    List them (the default), reopen one, delete them.

    Each finished interactive quiz is kept (unless --no-save); `rolefit history` lists the number, date, bank,
    verdict and fits of each.

    Examples:

        rolefit history

        rolefit history show last

        rolefit history delete 1 --yes
    """
    if ctx.invoked_subcommand is None:
        history_list(json_out, profiles)


@history_app.command("list", cls=Command)
def history_list(json_out: JsonOption = False, profiles: ProfilesOption = None) -> None:
    """List the kept results, oldest first."""
    with reporting() as env:
        from rolefit.commands.history import list_history
        from rolefit.views.output import render

        render(list_history(profiles, env), env, json_out=json_out)


@history_app.command("show", cls=Command)
def history_show(ref: RefArgument, json_out: JsonOption = False, profiles: ProfilesOption = None) -> None:
    """Reopen a kept result in the quiz's own view."""
    with reporting() as env:
        from rolefit.commands.history import show_history
        from rolefit.views.output import render

        render(show_history(ref, profiles, env), env, json_out=json_out)


@history_app.command("delete", cls=Command)
def history_delete(
    ref: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional at runtime on 3.11
        typer.Argument(metavar="N|last", help="The result to delete; leave it out with --all."),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Delete every kept result.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Delete a kept result, or all of them (asking first on a terminal)."""
    with reporting() as env:
        from rolefit.commands.history import delete_history

        delete_history(ref, every=every, yes=yes, env=env)


def compare(
    before: Annotated[str, typer.Argument(metavar="A", help="The earlier result: a number, last, or a result file.")],
    after: Annotated[str, typer.Argument(metavar="B", help="The later result: a number, last, or a result file.")],
    json_out: JsonOption = False,
    bank: BankOption = None,
    profiles: ProfilesOption = None,
) -> None:
    """What moved between two results.

    Each fit, the verdict, and which answers moved them.

    A and B are numbers from `rolefit history`, last, or result JSON files (write ./3 for a file named 3).

    Examples:

        rolefit compare 1 last

        rolefit compare before.json after.json --json
    """
    with reporting() as env:
        from rolefit.commands.compare import compare as compare_results
        from rolefit.views.output import render

        render(compare_results(before, after, bank, profiles, env), env, json_out=json_out)
