"""``rolefit team``: who does each task today -> which role to hire first, with the work left undone."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rolefit.data.catalog import load_profiles
from rolefit.data.tasks import load_tasks, read_team
from rolefit.env import Environment
from rolefit.errors import UsageError
from rolefit.scoring.team import TeamResult, assess_team
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


def assess(answers: str | None, profiles_dir: Path | None, env: Environment) -> TeamAssessment:
    """Score who does each task (from ``--answers``) against the responsibility matrix."""
    if answers is None:
        raise UsageError("pass --answers FILE (or - for stdin): a file whose team: maps each TASK_ID to who does it")
    profiles = load_profiles(profiles_dir, cache=env.cache_dir)
    matrix = load_tasks(profiles, profiles_dir, cache=env.cache_dir)
    team = read_team(answers, matrix, profiles, stdin=env.stdin)
    return TeamAssessment(assess_team(matrix, profiles, team))
