"""``rolefit team``: who does each task today -> which role to hire first, with the work left undone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rolefit.commands.asking import AskOptions, ask_in_terminal, show
from rolefit.data.catalog import load_profiles
from rolefit.data.tasks import load_tasks, read_team, role_covers, team_bank
from rolefit.env import Environment
from rolefit.scoring.team import TeamResult, assess_team
from rolefit.views.report import sections_format
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
