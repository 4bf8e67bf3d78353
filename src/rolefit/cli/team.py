"""``rolefit team`` (for a manager: which role to hire first) and ``rolefit matrix`` (for a person: their gaps)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from rolefit.cli.options import JsonOption, ProfilesOption
from rolefit.cli.quiz import PlainOption, ResumeOption
from rolefit.cli.reporting import reporting

SectionsReportOption = Annotated[
    Optional[str],  # noqa: UP045 - text, as quiz's --report
    typer.Option(
        "--report",
        metavar="FILE",
        help="Also write a report; the extension picks the format: .md, .html, .svg or .json.",
    ),
]


def named_report(name: str | None) -> Path | None:
    """--report FILE as a path; an empty name, or one that can only be a directory, is a usage error."""
    from rolefit.files import output_path

    return output_path(name, "--report", "team.md")


TeamAnswersOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional at runtime on 3.11
    typer.Option(
        "--answers",
        "-a",
        metavar="FILE",
        help="Take who does each task from a YAML or JSON file (- for stdin): under team:, TASK_ID: WHO.",
    ),
]


def team(
    answers: TeamAnswersOption = None,
    json_out: JsonOption = False,
    profiles: ProfilesOption = None,
    resume: ResumeOption = None,
    plain: PlainOption = False,
    report: SectionsReportOption = None,
) -> None:
    """Which role should your team hire first?

    Say who does each task today, one task at a time (the quiz's keys: arrows and Enter, digits, b back, s skip,
    q quit with progress kept), or from a file; see the work nobody does, grouped by role.

    WHO is pm, pmm, one-person (one person does both roles' work), someone-else, nobody or not-needed;
    `rolefit tasks` lists the task ids.

    Examples:

        rolefit team

        rolefit team --answers team.yaml

        rolefit team --answers team.yaml --json | jq .recommendation
    """
    with reporting() as env:
        from rolefit.commands.asking import AskOptions
        from rolefit.commands.team import take_team

        take_team(AskOptions(answers, json_out, profiles, resume, plain, named_report(report)), env)


MatrixAnswersOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional at runtime on 3.11
    typer.Option(
        "--answers",
        "-a",
        metavar="FILE",
        help="Take which tasks you have done from a YAML or JSON file (- for stdin): under matrix:, TASK_ID: LEVEL.",
    ),
]
ResultOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--result", metavar="FILE", help="A saved quiz result: map the gaps for the role it recommends."),
]


def matrix(
    answers: MatrixAnswersOption = None,
    result: ResultOption = None,
    json_out: JsonOption = False,
    profiles: ProfilesOption = None,
    resume: ResumeOption = None,
    plain: PlainOption = False,
    report: SectionsReportOption = None,
) -> None:
    """Your experience against each role's tasks.

    Say whether you have done each task, one at a time (the quiz's keys) or from a file; see how much of each
    role's tasks you have done, and the gaps to close for the role you lean to.

    LEVEL is done, some or none; `rolefit tasks` lists the task ids.

    Examples:

        rolefit matrix

        rolefit matrix --answers done.yaml

        rolefit matrix --answers done.yaml --result result.json
    """
    with reporting() as env:
        from rolefit.commands.asking import AskOptions
        from rolefit.commands.gaps import map_experience

        map_experience(AskOptions(answers, json_out, profiles, resume, plain, named_report(report)), result, env)
