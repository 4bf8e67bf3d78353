"""``rolefit team``: from who does each task today to which role to hire first (pure; the rules in docs/team.md).

A role's **need** is the share of its tasks that nobody does, on a 0 to 100 scale, with a task done by one
person who also does the other role's work, or by the other role beside its own, counted at half (seed 002:
in a combined role some tasks would not get done). The role with the highest need is the one to hire first; the points between the two highest needs
are the margin, and the quiz's margin rule (scoring.verdict) says how clear that is. When no role's tasks go
undone, no role is needed (``neither``); with under a quarter of the tasks answered, nothing is said
(``undetermined``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from rolefit import __version__
from rolefit.data.catalog import ProfileSet
from rolefit.data.models import CitedSource
from rolefit.data.tasks import SHARED_OWNER, Cover, TaskMatrix
from rolefit.scoring import verdict
from rolefit.scoring.engine import UNDETERMINED_SHARE
from rolefit.types import Verdict

TEAM_SCHEMA_VERSION: Literal[1] = 1
ONE_PERSON_SHARE = 0.5  # how much of a task one person doing both roles' work leaves undone
Need = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]  # a share of work undone, 0 to 100


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TaskRef(_Out):
    """A task as a team result names it."""

    id: str
    name: str
    owner: str = Field(description="the role id that owns the task, or shared")


class RoleNeed(_Out):
    """How much one role's work goes undone in the team today."""

    role: str
    name: str
    need: Need
    tasks: int = Field(ge=0, description="the role's tasks the team needs (answered, not not-needed)")
    uncovered: list[TaskRef] = Field(description="the role's tasks nobody does")
    one_person: list[TaskRef] = Field(description="the role's tasks done by one person who also does the other role")
    borrowed: list[TaskRef] = Field(description="the role's tasks another role does beside its own work")


class TeamRecommendation(_Out):
    """Which role to hire first; no role for ``neither`` (every role's work is done) and ``undetermined``."""

    role: str | None
    name: str | None
    verdict: Verdict
    needed: int | None = Field(default=None, ge=1, description="undetermined: how many more tasks to answer; else null")


class Overload(_Out):
    """One person covering both roles' work (seed 002's case against a combined PM and PMM role)."""

    roles: list[str] = Field(description="the roles whose tasks that one person does")
    tasks: list[TaskRef]
    text: str
    source: CitedSource


class Alignment(_Out):
    """Where the team's PM and PMM work must meet: the shared tasks, who does them, and seed 001's advice."""

    shared: list[TaskRef]
    covered_by: dict[str, str] = Field(description="shared task id -> who does it today")
    advice: list[str]
    source: CitedSource


class TeamResult(_Out):
    """The outcome of ``rolefit team``: rolefit's JSON contract for it (``rolefit schema team-result``)."""

    schema_version: Literal[1] = TEAM_SCHEMA_VERSION
    rolefit_version: str = __version__
    recommendation: TeamRecommendation
    margin: Need
    needs: list[RoleNeed] = Field(description="highest need first")
    uncovered_shared: list[TaskRef] = Field(description="shared tasks nobody does")
    outside: list[TaskRef] = Field(description="tasks someone outside the roles does")
    overload: Overload | None
    alignment: Alignment
    answered: int = Field(ge=0)
    tasks: int = Field(ge=0)
    team: dict[str, str] = Field(description="task id -> who does it: a role id, or one-person, someone-else, ...")


def assess_team(matrix: TaskMatrix, profiles: ProfileSet, team: Mapping[str, str]) -> TeamResult:
    """The team result for who does each task (task id -> a role id or a Cover value; unanswered tasks absent)."""
    refs = {task.id: TaskRef(id=task.id, name=task.name, owner=task.owner) for task in matrix.tasks}
    names = {profile.id: profile.name for profile in profiles.profiles}
    needs = sorted(
        (_need(role, names[role], matrix, team, refs) for role in matrix.roles),
        key=lambda need: (-need.need, -len(need.uncovered)),
    )
    margin = needs[0].need - needs[1].need if len(needs) > 1 else needs[0].need
    outcome = _outcome(needs[0].need, margin, answered=len(team), total=len(matrix.tasks))
    top = needs[0] if verdict.recommends(outcome) else None
    return TeamResult(
        schema_version=TEAM_SCHEMA_VERSION,
        rolefit_version=__version__,
        recommendation=TeamRecommendation(
            role=top.role if top else None,
            name=top.name if top else None,
            verdict=outcome,
            needed=_more_needed(len(team), len(matrix.tasks)) if outcome == Verdict.UNDETERMINED else None,
        ),
        margin=round(margin, 1),
        needs=needs,
        uncovered_shared=[refs[t.id] for t in matrix.owned_by(SHARED_OWNER) if team.get(t.id) == Cover.NOBODY],
        outside=[refs[t] for t, who in team.items() if who == Cover.SOMEONE_ELSE],
        overload=_overload(matrix, profiles, team, refs),
        alignment=_alignment(matrix, profiles, team, refs),
        answered=len(team),
        tasks=len(matrix.tasks),
        team=dict(team),
    )


def _need(role: str, name: str, matrix: TaskMatrix, team: Mapping[str, str], refs: dict[str, TaskRef]) -> RoleNeed:
    roles = matrix.roles
    needed = [t.id for t in matrix.owned_by(role) if t.id in team and team[t.id] != Cover.NOT_NEEDED]
    uncovered = [refs[t] for t in needed if team[t] == Cover.NOBODY]
    one_person = [refs[t] for t in needed if team[t] == Cover.ONE_PERSON]
    borrowed = [refs[t] for t in needed if team[t] in roles and team[t] != role]
    undone = len(uncovered) + ONE_PERSON_SHARE * (len(one_person) + len(borrowed))
    need = 100 * undone / len(needed) if needed else 0.0
    return RoleNeed(
        role=role,
        name=name,
        need=round(need, 1),
        tasks=len(needed),
        uncovered=uncovered,
        one_person=one_person,
        borrowed=borrowed,
    )


def _outcome(top_need: float, margin: float, *, answered: int, total: int) -> Verdict:
    """Undetermined under a quarter answered, neither when no role's work goes undone, else the margin's verdict."""
    if answered < UNDETERMINED_SHARE * total:
        return Verdict.UNDETERMINED
    if top_need == 0:
        return Verdict.NEITHER
    return verdict.margin_verdict(margin)


def _more_needed(answered: int, total: int) -> int:
    """How many more answered tasks an undetermined team result needs."""
    return max(1, math.ceil(UNDETERMINED_SHARE * total) - answered)


def _overload(
    matrix: TaskMatrix, profiles: ProfileSet, team: Mapping[str, str], refs: dict[str, TaskRef]
) -> Overload | None:
    """An overload when the one person doing both roles' work carries tasks of two roles or more (a shared task
    is every role's work)."""
    tasks = [refs[task.id] for task in matrix.tasks if team.get(task.id) == Cover.ONE_PERSON]
    roles = [role for role in matrix.roles if any(task.owner in (role, SHARED_OWNER) for task in tasks)]
    if len(roles) < 2:
        return None
    block = profiles.shared.one_person_both_roles
    return Overload(roles=roles, tasks=tasks, text=block.text, source=profiles.cite(block.source))


def _alignment(
    matrix: TaskMatrix, profiles: ProfileSet, team: Mapping[str, str], refs: dict[str, TaskRef]
) -> Alignment:
    shared = matrix.owned_by(SHARED_OWNER)
    return Alignment(
        shared=[refs[task.id] for task in shared],
        covered_by={task.id: team[task.id] for task in shared if task.id in team},
        advice=list(matrix.alignment.items),
        source=profiles.cite(matrix.alignment.source),
    )
