"""``rolefit team``: who does each task today -> which role to hire first, with the work left undone."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rolefit.commands.asking import AskOptions, ask_in_terminal, show
from rolefit.data.catalog import load_profiles
from rolefit.data.tasks import load_tasks, read_team, role_covers, team_bank
from rolefit.env import Environment
from rolefit.scoring.team import TeamResult, assess_team
from rolefit.views.report import sections_format
from rolefit.views.team import TEAM_NOT_SAVED_LEFT, TEAM_PAGES, team_about, team_sections, team_summary

if TYPE_CHECKING:
    from rich.console import RenderableType

    from rolefit.quiz.result_screen import Shown


@dataclass(frozen=True)
class TeamAssessment:
    """``rolefit team``'s result: its JSON is the TeamResult, its view the team's sections."""

    data: TeamResult
    plain: bool = False  # --plain: words only

    def view(self) -> RenderableType:
        """The team result, top to bottom."""
        from rolefit.views.terminal import render_sections

        return render_sections(team_sections(self.data), plain=self.plain)

    def screen(self, saved: str | None) -> Shown:
        """The team result on the result screen; ``saved`` says where a report was written (None: nowhere)."""
        from rolefit.quiz.result_screen import sections_shown

        summary = team_summary(self.data)
        summary = replace(summary, saved=saved) if saved else summary
        sections = team_sections(self.data)
        return sections_shown(
            summary,
            sections,
            self.data,
            TEAM_PAGES,
            about=team_about(self.data),
            stem="rolefit-team",
            unsaved_left=TEAM_NOT_SAVED_LEFT,
        )


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
    assessment = TeamAssessment(assess_team(matrix, profiles, team), plain=options.plain)
    result = assessment.data
    show(assessment, team_sections(result), team_summary(result), team_about(result), options, env)
    if done is not None:
        done()  # the progress goes only once the result is out
    return assessment
