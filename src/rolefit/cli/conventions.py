"""What every rolefit command does the same way at the command line, whatever typer's defaults.

- Help names each argument by its plain metavar (FILE, PATH, ID), never by an internal type
  (``<path>``, ``<list[str]>``), and the usage line reads ``[PATH]...``, not ``[[PATH]...]...``.
- A usage error (an unknown option or command, a bad value) is one line that starts with ``rolefit:``,
  exit 2, like every other error rolefit reports.
- Shell completion offers the shipped bank ids and role ids, read from file names (see rolefit.shipped),
  and leaves paths to the shell's own file completion.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from rolefit.errors import EXIT_ERROR, RolefitError, UsageError


class PlainArgument(TyperArgument):
    """An argument shown in help by its metavar alone."""

    def display_type(self, ctx: Any) -> str:
        """No type name after the metavar: FILE says it already."""
        return ""

    def _rich_display_name(self) -> str:
        """The metavar, with ``...`` when it takes several."""
        return self.display_name_raw + ("..." if self.nargs != 1 else "")

    def _usage_display_name(self) -> str:
        """``FILE`` when required, ``[FILE]`` when not, ``[PATH]...`` for several."""
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")


class Command(TyperCommand):
    """A rolefit command: its arguments shown by plain metavars."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument):
                param.__class__ = PlainArgument  # typer builds the argument; only its help display changes


class Group(TyperGroup):
    """The rolefit program: typer's usage errors become one ``rolefit:`` line on stderr."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; as the program (standalone), exit with its code and report usage errors in one line."""

        def run() -> Any:
            return super(Group, self).main(
                args, prog_name, complete_var, standalone_mode=False, windows_expand_args=windows_expand_args, **extra
            )

        if not standalone_mode:
            return run()
        try:
            code = run()
        except typer.TyperException as failure:  # click's exceptions: usage errors, bad values
            if type(failure).__name__ == "NoArgsIsHelpError":  # `rolefit bank` alone: the help is the answer
                failure.show()  # type: ignore[attr-defined]  # every click exception has show()
            else:
                usage_line(failure, sys.stderr)
            sys.exit(getattr(failure, "exit_code", EXIT_ERROR))
        except UsageError as mistake:  # raised by an option's parser, before any command runs
            from rolefit.views.output import error

            error(f"rolefit: {mistake}", sys.stderr)
            sys.exit(mistake.exit_code)
        except typer.Abort:
            usage_line(typer.TyperException("aborted"), sys.stderr)
            sys.exit(EXIT_ERROR)
        sys.exit(code if isinstance(code, int) else 0)


def usage_message(failure: typer.TyperException) -> str:
    """A click error as rolefit words it: lower case, its suggestion as "did you mean", where to find help."""
    from rolefit.textsafe import one_line  # what was typed is data: inert, and on one line

    message = one_line(failure.format_message()).strip()
    message = re.sub(r"\. Did you mean (.+)\?$", r" (did you mean \1?)", message)
    message = re.sub(r" \(Possible options: ([^)]+)\)$", r" (did you mean \1?)", message)
    message = message.replace(  # a number past Python's int-string limit, in the parser's words
        "Unable to parse input string as an integer, exceeded maximum size",
        "a number of more than 4300 digits: write a whole number of ordinary size",
    )
    message = message.rstrip(".")
    message = message[:1].lower() + message[1:]
    ctx = getattr(failure, "ctx", None)
    if ctx is not None:
        message += f": see `{ctx.command_path} --help`"
    return f"rolefit: {message}"


def usage_line(failure: typer.TyperException, stream: Any) -> None:
    """Write the usage error's one line, made inert (an option name typed by the user is data too)."""
    from rolefit.views.output import error

    error(usage_message(failure), stream)


# ---- completion -----------------------------------------------------------------------------------


def _looks_like_path(incomplete: str) -> bool:
    return incomplete.startswith((".", "/", "~")) or "/" in incomplete


def complete_bank(incomplete: str) -> list[str]:
    """``--bank``: the shipped ids that start so; a path (or nothing matching) is left to the shell's file completion."""
    if _looks_like_path(incomplete):
        return []
    from rolefit.shipped import bank_ids

    return [bank for bank in bank_ids() if bank.startswith(incomplete)]


def complete_role(ctx: typer.Context, incomplete: str) -> list[str]:
    """``profile show``: the role ids of ``--profiles DIR`` when given, else the shipped ones."""
    from rolefit.shipped import role_ids

    directory = ctx.params.get("profiles")
    try:
        roles = role_ids(Path(directory) if directory else None)
    except (OSError, RolefitError):  # a completion must never print a traceback into the shell
        return []
    return [role for role in roles if role.startswith(incomplete)]
