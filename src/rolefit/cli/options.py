"""The options more than one command takes, declared once so each reads and helps the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer

from rolefit.cli.conventions import complete_bank
from rolefit.errors import UsageError

BankOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional at runtime on 3.11
    typer.Option(
        "--bank",
        "-b",
        metavar="ID|FILE",
        help="Question bank: a shipped id (see: rolefit bank list) or a YAML file.",
        autocompletion=complete_bank,
    ),
]


def _profiles_dir(value: str) -> Path:
    """``--profiles DIR``: an empty name is no directory (not the current one), as ``--bank ''`` is no bank."""
    if value == "":
        raise UsageError("no profiles directory '': name a directory of role profiles, or leave --profiles out")
    return Path(value)


def named_path(what: str, fix: str) -> Callable[[str], Path]:
    """A parser for a path argument: an empty name is a usage error, since ``Path("")`` is the current directory."""

    def parse(value: str) -> Path:
        if value == "":
            raise UsageError(f"{what} is empty: {fix}")
        return Path(value)

    return parse


ProfilesOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--profiles",
        metavar="DIR",
        parser=_profiles_dir,
        help="Directory of role profiles (with shared.yaml) instead of the shipped ones.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Write JSON to stdout instead of a rendered view.")]
