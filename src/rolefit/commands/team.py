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
from rolefit.views.output import render
from rolefit.views.team import team_sections

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


def take_team(options: AskOptions, env: Environment) -> TeamAssessment:
    """Score who does each task (from ``--answers``, or asked task by task) and show the result."""
    profiles = load_profiles(options.profiles, cache=env.cache_dir)
    matrix = load_tasks(profiles, options.profiles, cache=env.cache_dir)
    if options.answers is not None:
        assessment = TeamAssessment(
            assess_team(matrix, profiles, read_team(options.answers, matrix, profiles, stdin=env.stdin))
        )
        render(assessment, env, json_out=options.json_out)
        return assessment
    roles = role_covers(profiles)
    answers, done = ask_in_terminal(team_bank(matrix, profiles), profiles, options, env, "team: TASK_ID: WHO")
    assessment = TeamAssessment(
        assess_team(matrix, profiles, {task: roles.get(str(v), str(v)) for task, v in answers.items()})
    )
    render(assessment, env, json_out=options.json_out)
    done()  # the progress goes only once the result is out
    return assessment


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
