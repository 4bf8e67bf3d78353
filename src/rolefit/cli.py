"""The ``rolefit`` command line: parses options and hands each command to one core call.

Heavy libraries (pydantic, yaml, rich, prompt_toolkit) are imported inside the commands, so
``--version``, ``--help`` and shell completion start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from rolefit import __version__
from rolefit.env import ClosedStdout, Environment
from rolefit.errors import (
    EXIT_INTERRUPTED,
    DataError,
    OutputFailed,
    RolefitError,
    announce_interrupt,
    writing_to,
)

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
    "validation",
)
EPILOG = (
    "Exit codes: 0 ok, 1 bad data or runtime error, 2 usage error, 130 interrupted.  "
    "Docs: README.md in the rolefit repository."
)
app = typer.Typer(
    name="rolefit",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
bank_app = typer.Typer(help="List and inspect question banks.", no_args_is_help=True, rich_markup_mode=None)
profile_app = typer.Typer(help="List and inspect role profiles.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(bank_app, name="bank")
app.add_typer(profile_app, name="profile")

BankOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional at runtime on 3.11
    typer.Option(
        "--bank", "-b", metavar="ID|PATH", help="Question bank: a shipped id (see: rolefit bank list) or a YAML file."
    ),
]
ProfilesOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--profiles",
        metavar="DIR",
        readable=False,
        help="Directory of role profiles (with shared.yaml) instead of the shipped ones.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Write JSON to stdout instead of a rendered view.")]


@contextmanager
def reporting() -> Iterator[Environment]:
    """Make the command's Environment, and turn rolefit's errors and interrupts into one line and an exit code.

    stdout is flushed here, inside the translator, so a write that fails late (``> /dev/full`` fails at the
    flush) is one line too, never a traceback at exit.
    """
    from rolefit.views.output import error

    env = Environment.from_process()
    try:
        yield env
        with writing_to("stdout"):
            if env.stdout is not None:
                env.stdout.flush()
    except RolefitError as failure:
        if isinstance(failure, OutputFailed):
            _discard_stdout()
        error(str(failure) if isinstance(failure, DataError) else f"rolefit: {failure}", env.stderr)
        raise typer.Exit(failure.exit_code) from None
    except KeyboardInterrupt:
        announce_interrupt()
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from complaining at exit.
        _discard_stdout()
        raise typer.Exit(1) from None


def _discard_stdout() -> None:
    """Point fd 1 at /dev/null, so what stdout still holds cannot fail again when Python flushes it at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)


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
            _discard_stdout()
        error(f"rolefit: {failure}", sys.stderr)
        sys.exit(failure.exit_code)
    except BrokenPipeError:
        _discard_stdout()
        sys.exit(1)


def _version(value: bool) -> None:
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


AnswersOption = Annotated[
    Optional[str],  # noqa: UP045
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
AdaptiveOption = Annotated[
    bool,
    typer.Option("--adaptive", help="Ask the most informative question next and stop once the verdict is settled."),
]


@app.command()
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
) -> None:
    """Take the quiz and get a recommendation with its reasons.

    Keys: arrows and Enter choose, 1-5 choose directly, b goes back, s skips, q quits (progress is kept).

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
            ),
            env,
        )


@app.command()
def explain(
    result_file: Annotated[
        Path,
        typer.Argument(metavar="RESULT.json", readable=False, help="A result saved with --json, --output or --report."),
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


@app.command()
def validate(
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            metavar="[PATH]...", readable=False, help="Bank files or profile directories; the shipped data when none."
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


@app.command()
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
    """Print the JSON Schema of a JSON shape rolefit prints (the result, by default).

    Examples:

        rolefit schema

        rolefit schema score-line

        rolefit schema --list
    """
    with reporting() as env:
        from rolefit.commands.schema import schema_of, shape_list
        from rolefit.jsonout import write_json

        write_json(shape_list() if list_shapes else schema_of(name), env.stdout)


@app.command()
def score(
    files: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            metavar="[FILE]...",
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


@app.command()
def analyze(
    bank: BankOption = None,
    profiles: ProfilesOption = None,
    json_out: JsonOption = False,
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Seed for the simulated respondents.")] = 0,
    respondents: Annotated[
        int, typer.Option("--respondents", "-n", metavar="N", min=100, help="Simulated respondents in all.")
    ] = 30000,
    adaptive: Annotated[
        int,
        typer.Option(
            "--adaptive", metavar="N", min=0, help="Also test adaptive mode against the full bank on N respondents."
        ),
    ] = 0,
) -> None:
    """For bank authors: how well a bank measures.

    Each item's swing and separation, keying balance, dead items, and a seeded simulation.

    Examples:

        rolefit analyze

        rolefit analyze --bank quick --json --seed 7

        rolefit analyze --adaptive 300
    """
    with reporting() as env:
        from rolefit.commands.analyze import analyze_bank
        from rolefit.views.output import render

        report = analyze_bank(bank, profiles, env, seed=seed, respondents=respondents, adaptive=adaptive)
        render(report, env, json_out=json_out)


@bank_app.command("list")
def bank_list(json_out: JsonOption = False) -> None:
    """List the shipped question banks."""
    with reporting() as env:
        from rolefit.commands.listing import list_banks
        from rolefit.views.output import render

        render(list_banks(env), env, json_out=json_out)


@bank_app.command("show")
def bank_show(
    bank_id: Annotated[str, typer.Argument(metavar="ID|PATH", help="A shipped bank id or a bank file.")],
    json_out: JsonOption = False,
    profiles: ProfilesOption = None,
) -> None:
    """Show a bank's items, their sources and their trait effects."""
    with reporting() as env:
        from rolefit.commands.listing import show_bank
        from rolefit.views.output import render

        render(show_bank(bank_id, profiles, env), env, json_out=json_out)


@profile_app.command("list")
def profile_list(json_out: JsonOption = False, profiles: ProfilesOption = None) -> None:
    """List the role profiles."""
    with reporting() as env:
        from rolefit.commands.listing import list_profiles
        from rolefit.views.output import render

        render(list_profiles(profiles, env), env, json_out=json_out)


@profile_app.command("show")
def profile_show(
    role: Annotated[str, typer.Argument(metavar="ID", help="A role id, e.g. product-manager.")],
    json_out: JsonOption = False,
    profiles: ProfilesOption = None,
) -> None:
    """Show a role profile: its trait weights and the content its result shows."""
    with reporting() as env:
        from rolefit.commands.listing import show_profile
        from rolefit.views.output import render

        render(show_profile(role, profiles, env), env, json_out=json_out)
