"""``rolefit quiz`` and ``rolefit explain``: taking the quiz, and showing a saved result again."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from rolefit.cli.options import BankOption, JsonOption, ProfilesOption, named_path
from rolefit.cli.reporting import reporting

AnswersOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional at runtime on 3.11
    typer.Option(
        "--answers", "-a", metavar="FILE", help="Take answers from a YAML or JSON file (- for stdin) instead of asking."
    ),
]
OutputOption = Annotated[
    Optional[str],  # noqa: UP045 - text, not Path: Path("dir/") would drop the slash (see files.output_path)
    typer.Option("--output", "-o", metavar="FILE", help="Write the result JSON to FILE instead of stdout."),
]
ReportOption = Annotated[
    Optional[str],  # noqa: UP045 - text, as --output
    typer.Option(
        "--report",
        metavar="FILE",
        help="Also write a report; the extension picks the format: .md, .html, .svg or .json.",
    ),
]
ResumeOption = Annotated[
    Optional[bool],  # noqa: UP045
    typer.Option(
        "--resume/--restart", help="Resume saved progress, or start over, without asking.", show_default=False
    ),
]
PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain", help="Linear, screen-reader-friendly mode: numbered options, no colour, no cursor movement."
    ),
]
SeedOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--seed", metavar="N", help="Shuffle the questions reproducibly (when the bank allows it)."),
]
SaveOption = Annotated[
    Optional[bool],  # noqa: UP045
    typer.Option(
        "--save/--no-save",
        help="Keep the result in the local history (rolefit history). Interactive runs do unless --no-save; "
        "--answers runs only with --save.",
        show_default=False,
    ),
]
AdaptiveOption = Annotated[
    bool,
    typer.Option("--adaptive", help="Ask the most informative question next and stop once the verdict is settled."),
]


def quiz(
    answers: AnswersOption = None,
    json_out: JsonOption = False,
    output: OutputOption = None,
    report: ReportOption = None,
    bank: BankOption = None,
    profiles: ProfilesOption = None,
    resume: ResumeOption = None,
    plain: PlainOption = False,
    seed: SeedOption = None,
    adaptive: AdaptiveOption = False,
    save: SaveOption = None,
) -> None:
    """Take the quiz and get a recommendation with its reasons.

    Keys: arrows and Enter choose, 1-5 choose directly, b goes back, s skips, q quits (answers are saved when the state directory takes them).

    Examples:

        rolefit quiz

        rolefit quiz --json | jq .recommendation

        rolefit quiz --answers answers.yaml --json

        rolefit quiz --bank quick --report result.md
    """
    with reporting() as env:
        from rolefit.commands.quiz import QuizOptions, take_quiz
        from rolefit.files import output_path

        take_quiz(
            QuizOptions(
                answers=answers,
                json_out=json_out,
                output=output_path(output, "--output"),
                report=output_path(report, "--report", "result.md"),
                bank=bank,
                profiles=profiles,
                resume=resume,
                plain=plain,
                seed=seed,
                adaptive=adaptive,
                save=save,
            ),
            env,
        )


def explain(
    result_file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            readable=False,
            parser=named_path("the result file name", "name a result saved with `rolefit quiz --output FILE.json`"),
            help="A result saved with --json, --output or --report.",
        ),
    ],
    profiles: ProfilesOption = None,
    report: Annotated[
        Optional[str],  # noqa: UP045 - text, as quiz's --report
        typer.Option("--report", metavar="FILE", help="Also write a report (.md, .html, .svg or .json)."),
    ] = None,
) -> None:
    """Render a saved result JSON in the terminal again.

    Examples:

        rolefit quiz --answers answers.yaml --output result.json

        rolefit explain result.json
    """
    with reporting() as env:
        from rolefit.commands.explain import explain_file
        from rolefit.files import output_path

        explain_file(result_file, profiles, output_path(report, "--report", "result.md"), env)
