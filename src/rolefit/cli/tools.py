"""The commands for bank authors and integrators: ``validate``, ``schema``, ``score`` and ``analyze``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from rolefit.cli.options import BankOption, JsonOption, ProfilesOption, named_path
from rolefit.cli.reporting import reporting

# The shapes `rolefit schema` knows, for completion without importing pydantic (tests keep it equal to SHAPES).
SHAPE_NAMES = (
    "result",
    "score-line",
    "score-summary",
    "analysis",
    "bank-list",
    "bank",
    "profile-list",
    "profile",
    "roles",
    "validation",
    "tasks",
    "team-result",
    "gap-map",
    "history-list",
    "history-entry",
    "comparison",
)


def validate(
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer needs Optional at runtime on 3.11
        typer.Argument(
            metavar="PATH",
            readable=False,
            parser=named_path(
                "a path to validate", "name a bank file or a profiles directory, or none to check the shipped data"
            ),
            help="Bank files or profile directories; the shipped data when none.",
        ),
    ] = None,
    profiles: ProfilesOption = None,
    json_out: JsonOption = False,
) -> None:
    """Check banks and profiles; report every problem as file:line:col.

    Examples:

        rolefit validate

        rolefit validate questions/my-bank.yaml

        rolefit validate --profiles my-profiles/ my-bank.yaml
    """
    with reporting() as env:
        from rolefit.commands.validate import validate_paths
        from rolefit.views.output import render

        render(validate_paths(paths or [], profiles), env, json_out=json_out, view_on_stderr=True)


def schema(
    name: Annotated[
        str,
        typer.Argument(
            metavar="SHAPE",
            help="Which JSON shape: result (the default), or see --list.",
            autocompletion=lambda: list(SHAPE_NAMES),
        ),
    ] = "result",
    list_shapes: Annotated[
        bool, typer.Option("--list", help="List the shapes, their versions and who prints them.")
    ] = False,
) -> None:
    """The JSON Schema of what rolefit prints.

    Print the JSON Schema of a JSON shape rolefit prints (the result, by default).

    Examples:

        rolefit schema

        rolefit schema score-line

        rolefit schema --list
    """
    with reporting() as env:
        from rolefit.commands.schema import schema_of, shape_list
        from rolefit.jsonout import write_json

        write_json(shape_list() if list_shapes else schema_of(name), env.stdout)


def score(
    files: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            metavar="FILE",
            help="Answer files, or JSON Lines streams (one answer set per line); - or none reads stdin.",
        ),
    ] = None,
    bank: BankOption = None,
    profiles: ProfilesOption = None,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary",
            help="Print a cohort summary (count per verdict, mean fit per role) instead of one result per line.",
        ),
    ] = False,
) -> None:
    """Score many answer sets: one JSON result per line.

    A bad line is reported on stderr with its line number and the rest carry on; the exit code is 1 if any line failed.

    Examples:

        rolefit score cohort.jsonl > results.jsonl

        cat cohort.jsonl | rolefit score --summary
    """
    with reporting() as env:
        from rolefit.commands.score import score_files

        code = score_files(files or ["-"], bank, profiles, env, summary=summary)
    raise typer.Exit(code)


def analyze(
    bank: BankOption = None,
    profiles: ProfilesOption = None,
    json_out: JsonOption = False,
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Seed for the simulated respondents.")] = 0,
    respondents: Annotated[
        int,
        typer.Option(
            "--respondents",
            "-n",
            metavar="N",
            min=100,
            max=1_000_000,
            help="Simulated respondents in all (at most 1,000,000).",
        ),
    ] = 30000,
    adaptive: Annotated[
        int,
        typer.Option(
            "--adaptive",
            metavar="N",
            min=0,
            max=10_000,
            help="Also test adaptive mode against the full bank on N respondents (at most 1,000 for a 40-item bank, fewer for a bigger one).",
        ),
    ] = 0,
    panel: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--panel",
            metavar="DIR",
            help="Also score a validation panel (answer files of described respondents, as in tests/panel).",
        ),
    ] = None,
) -> None:
    """For bank authors: how well a bank measures.

    Each item's swing and separation, keying and first-option balance, dead items, a seeded simulation,
    and with --panel the confusion table of real descriptions answered item by item (docs/validation.md).

    Examples:

        rolefit analyze

        rolefit analyze --bank quick --json --seed 7

        rolefit analyze --adaptive 300

        rolefit analyze --panel panel/
    """
    with reporting() as env:
        from rolefit.commands.analyze import analyze_bank
        from rolefit.views.output import render

        report = analyze_bank(bank, profiles, env, seed=seed, respondents=respondents, adaptive=adaptive, panel=panel)
        render(report, env, json_out=json_out)
