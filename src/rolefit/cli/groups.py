"""The data listings: the groups ``rolefit bank list|show`` and ``rolefit profile list|show``, and ``rolefit roles``
and ``rolefit tasks`` beside them."""

from __future__ import annotations

from typing import Annotated

import typer

from rolefit.cli.conventions import Command, complete_bank, complete_role
from rolefit.cli.options import JsonOption, ProfilesOption
from rolefit.cli.reporting import reporting

bank_app = typer.Typer(help="List and inspect question banks.", no_args_is_help=True, rich_markup_mode=None)
profile_app = typer.Typer(help="List and inspect role profiles.", no_args_is_help=True, rich_markup_mode=None)


@bank_app.command("list", cls=Command)
def bank_list(json_out: JsonOption = False) -> None:
    """List the shipped question banks."""
    with reporting() as env:
        from rolefit.commands.listing import list_banks
        from rolefit.views.output import render

        render(list_banks(env), env, json_out=json_out)


@bank_app.command("show", cls=Command)
def bank_show(
    bank_id: Annotated[
        str, typer.Argument(metavar="ID|FILE", help="A shipped bank id or a bank file.", autocompletion=complete_bank)
    ],
    json_out: JsonOption = False,
    profiles: ProfilesOption = None,
) -> None:
    """Show a bank's items, their sources and their trait effects."""
    with reporting() as env:
        from rolefit.commands.listing import show_bank
        from rolefit.views.output import render

        render(show_bank(bank_id, profiles, env), env, json_out=json_out)


@profile_app.command("list", cls=Command)
def profile_list(json_out: JsonOption = False, profiles: ProfilesOption = None) -> None:
    """List the role profiles."""
    with reporting() as env:
        from rolefit.commands.listing import list_profiles
        from rolefit.views.output import render

        render(list_profiles(profiles, env), env, json_out=json_out)


@profile_app.command("show", cls=Command)
def profile_show(
    role: Annotated[
        str, typer.Argument(metavar="ID", help="A role id, e.g. product-manager.", autocompletion=complete_role)
    ],
    json_out: JsonOption = False,
    profiles: ProfilesOption = None,
) -> None:
    """Show a role: day to day, metrics, reporting line, career path, interview loop and next steps, then its trait
    weights."""
    with reporting() as env:
        from rolefit.commands.listing import show_profile
        from rolefit.views.output import render

        render(show_profile(role, profiles, env), env, json_out=json_out)


def roles(json_out: JsonOption = False, profiles: ProfilesOption = None) -> None:
    """PM and PMM side by side.

    What each role is like day to day, how it is measured, its career path and interviews, and how to prepare.

    Examples:

        rolefit roles

        rolefit roles --json | jq '.roles[].name'
    """
    with reporting() as env:
        from rolefit.commands.roles import show_roles
        from rolefit.views.output import render

        render(show_roles(profiles, env), env, json_out=json_out)


def tasks(json_out: JsonOption = False, profiles: ProfilesOption = None) -> None:
    """The tasks each role owns.

    The responsibility matrix: the tasks PM and PMM work is made of, and which role owns each.

    The ids are what `rolefit team --answers` and `rolefit matrix --answers` take.

    Examples:

        rolefit tasks

        rolefit tasks --json | jq '.tasks[].id'
    """
    with reporting() as env:
        from rolefit.commands.tasks import list_tasks
        from rolefit.views.output import render

        render(list_tasks(profiles, env), env, json_out=json_out)
