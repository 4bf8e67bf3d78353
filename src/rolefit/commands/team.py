"""``rolefit team``: who does each task today -> which role to hire first, with the work left undone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rolefit.data.catalog import LoadedBank, ProfileSet, load_profiles
from rolefit.data.tasks import load_tasks, read_team, role_covers, team_bank
from rolefit.env import Environment
from rolefit.errors import StdoutClosed, UsageError
from rolefit.scoring.team import TeamResult, assess_team
from rolefit.views.blocks import Section
from rolefit.views.output import Rendered, render, wrote
from rolefit.views.report import sections_format, write_sections_report
from rolefit.views.team import team_headline, team_sections

if TYPE_CHECKING:
    from rich.console import RenderableType


@dataclass(frozen=True)
class TeamAssessment:
    """``rolefit team``'s result: its JSON is the TeamResult, its view the team's sections."""

    data: TeamResult

    def view(self) -> RenderableType:
        """The team result, top to bottom."""
        from rolefit.views.terminal import render_sections

        return render_sections(team_sections(self.data))


@dataclass(frozen=True)
class AskOptions:
    """How ``rolefit team`` and ``rolefit matrix`` get their answers: a file, or asking in the terminal."""

    answers: str | None = None
    json_out: bool = False
    profiles: Path | None = None
    resume: bool | None = None  # None: ask; True: --resume; False: --restart
    plain: bool = False
    report: Path | None = None  # also write a report: .md, .html or .json


def take_team(options: AskOptions, env: Environment) -> TeamAssessment:
    """Score who does each task (from ``--answers``, or asked task by task) and show the result."""
    if options.report is not None:
        sections_format(options.report)  # a wrong extension is a usage error now, not after the questions
    profiles = load_profiles(options.profiles, cache=env.cache_dir)
    matrix = load_tasks(profiles, options.profiles, cache=env.cache_dir)
    done = None
    if options.answers is not None:
        team = read_team(options.answers, matrix, profiles, stdin=env.stdin)
    else:
        roles = role_covers(profiles)
        answers, done = ask_in_terminal(team_bank(matrix, profiles), profiles, options, env, "team: TASK_ID: WHO")
        team = {task: roles.get(str(value), str(value)) for task, value in answers.items()}
    assessment = TeamAssessment(assess_team(matrix, profiles, team))
    show(assessment, team_sections(assessment.data), team_headline(assessment.data), options, env)
    if done is not None:
        done()  # the progress goes only once the result is out
    return assessment


def show(shown: Rendered, sections: list[Section], headline: str, options: AskOptions, env: Environment) -> None:
    """The result on stdout (JSON or its view), then the report the user named, announced; a failing stdout still
    leaves the report written."""
    failed: Exception | None = None
    try:
        render(shown, env, json_out=options.json_out)
    except Exception as error:  # `| head`, a full or closed stdout: still write the report, then fail
        failed = error
    if options.report is not None:
        write_sections_report(options.report, sections, shown.data, headline)
        wrote("the report", options.report, env)
    if failed is not None:
        raise failed


def ask_in_terminal(
    questions: LoadedBank, profiles: ProfileSet, options: AskOptions, env: Environment, shape: str
) -> tuple[dict[str, int | str], Callable[[], None]]:
    """Ask a questionnaire through the quiz's screens (keys, back, skip, progress kept); its answers, and the call
    that lets the saved progress go once the result is out."""
    if not env.stdin_isatty:
        raise UsageError(f"stdin is not a terminal, so there is no one to ask: pass --answers FILE with {shape}")
    if env.stdout is None:
        raise StdoutClosed
    from rolefit.quiz.interactive import ask

    session, store = ask(questions, profiles, resume=options.resume, plain=options.plain, env=env)
    return dict(session.final_answers()), store.discard
