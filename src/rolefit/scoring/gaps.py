"""``rolefit matrix``: a person's experience of each task -> their coverage of each role, and the gaps to close.

Seed 003's checklist asks a candidate to "map your past experiences to the PM or PMM responsibility matrix
and identify gaps". A role's **coverage** is ``100 * (tasks done + 0.5 * tasks partly done) / the role's
answered tasks``. The gaps are the tasks of the role spoken to that the person has not done: the role a
quiz result recommends (a file given, else the last result kept in the history), else the role they cover most.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from rolefit import __version__
from rolefit.data.catalog import ProfileSet
from rolefit.data.models import CitedSource
from rolefit.data.tasks import SHARED_OWNER, Experience, TaskMatrix
from rolefit.scoring.team import TaskRef

GAP_SCHEMA_VERSION: Literal[1] = 1
SOME_SHARE = 0.5  # a task done in part counts as half done
Share = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
ChosenBy = Literal["result", "history", "coverage"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Coverage(_Out):
    """How much of one role's tasks a person has done."""

    role: str
    name: str
    coverage: Share
    done: int = Field(ge=0)
    some: int = Field(ge=0)
    none: int = Field(ge=0)
    gaps: list[TaskRef] = Field(description="the role's tasks not done at all")
    partial: list[TaskRef] = Field(description="the role's tasks done in part")


class Preparation(_Out):
    """How to prepare for the role spoken to: its profile's preparation steps, with their source."""

    steps: list[str]
    source: CitedSource


class GapMap(_Out):
    """The outcome of ``rolefit matrix``: rolefit's JSON contract for it (``rolefit schema gap-map``)."""

    schema_version: Literal[1] = GAP_SCHEMA_VERSION
    rolefit_version: str = __version__
    role: str | None = Field(description="the role the gaps are for; null when nothing was answered")
    name: str | None
    chosen_by: ChosenBy | None = Field(
        description="result: the role a given quiz result recommends; history: the one the last kept result does; "
        "coverage: the role covered most"
    )
    coverage: list[Coverage] = Field(description="highest coverage first")
    gaps: list[TaskRef] = Field(description="the role spoken to: its tasks not done at all")
    partial: list[TaskRef] = Field(description="the role spoken to: its tasks done in part")
    shared_gaps: list[TaskRef] = Field(description="shared tasks not done at all")
    preparation: Preparation | None
    answered: int = Field(ge=0)
    tasks: int = Field(ge=0)
    matrix: dict[str, Experience]


def map_gaps(
    matrix: TaskMatrix,
    profiles: ProfileSet,
    experience: Mapping[str, Experience],
    role: str | None = None,
    *,
    chosen_by: ChosenBy | None = None,
) -> GapMap:
    """The gap map for a person's experience (task id -> level; unanswered absent), spoken to ``role`` if given
    (``chosen_by`` says where that role came from: a result file, the default, or the history)."""
    refs = {task.id: TaskRef(id=task.id, name=task.name, owner=task.owner) for task in matrix.tasks}
    names = {profile.id: profile.name for profile in profiles.profiles}

    def level(owner: str, wanted: Experience) -> list[TaskRef]:
        return [refs[t.id] for t in matrix.owned_by(owner) if experience.get(t.id) == wanted]

    coverage = sorted(
        (_coverage(r, names[r], matrix, experience, level) for r in matrix.roles), key=lambda c: -c.coverage
    )
    if role is not None:
        chosen_by = chosen_by or "result"
    elif experience:
        role, chosen_by = coverage[0].role, "coverage"

    preparation = None
    if role is not None:
        block = profiles.profile(role).preparation
        preparation = Preparation(steps=list(block.items), source=profiles.cite(block.source))
    return GapMap(
        schema_version=GAP_SCHEMA_VERSION,
        rolefit_version=__version__,
        role=role,
        name=names[role] if role else None,
        chosen_by=chosen_by,
        coverage=coverage,
        gaps=level(role, Experience.NONE) if role else [],
        partial=level(role, Experience.SOME) if role else [],
        shared_gaps=level(SHARED_OWNER, Experience.NONE),
        preparation=preparation,
        answered=len(experience),
        tasks=len(matrix.tasks),
        matrix=dict(experience),
    )


def _coverage(
    role: str,
    name: str,
    matrix: TaskMatrix,
    experience: Mapping[str, Experience],
    level: Callable[[str, Experience], list[TaskRef]],
) -> Coverage:
    answered = [experience[t.id] for t in matrix.owned_by(role) if t.id in experience]
    counts = {level: answered.count(level) for level in Experience}
    done = counts[Experience.DONE] + SOME_SHARE * counts[Experience.SOME]
    share = 100 * done / len(answered) if answered else 0.0
    return Coverage(
        role=role,
        name=name,
        coverage=round(share, 1),
        done=counts[Experience.DONE],
        some=counts[Experience.SOME],
        none=counts[Experience.NONE],
        gaps=level(role, Experience.NONE),
        partial=level(role, Experience.SOME),
    )
