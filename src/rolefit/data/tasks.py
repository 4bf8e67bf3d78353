"""The responsibility matrix: the tasks PM and PMM work is made of, each owned by a role or shared.

``profiles/tasks.yaml`` lists them. Owners are role ids of the profiles beside it, or ``shared``, so adding a
task, or a third role's tasks, takes no code. ``rolefit tasks`` lists the matrix; ``rolefit team`` and
``rolefit matrix`` ask about it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field

from rolefit.data import checks
from rolefit.data.catalog import Document, ProfileSet, data_dir, shown_path
from rolefit.data.checks import TASKS_FILE
from rolefit.data.models import Id, Source, Strict, Text
from rolefit.data.positions import validate
from rolefit.errors import DataError, Problem, UsageError, did_you_mean

SHARED_OWNER = "shared"  # a task both roles do, or that the articles give to neither
MAX_TASKS = 200


class Task(Strict):
    """One task of the matrix: what it is, who owns it, and the article that says so."""

    id: Id
    name: Text
    owner: Id
    source: Source


class TaskFile(Strict):
    """``profiles/tasks.yaml``."""

    tasks: Annotated[list[Task], Field(min_length=1, max_length=MAX_TASKS)]


@dataclass(frozen=True)
class TaskMatrix:
    """The tasks, checked against the roles and the sources registry of one profiles directory."""

    tasks: tuple[Task, ...]
    roles: tuple[str, ...]  # role ids, in profile order

    def owned_by(self, owner: str) -> tuple[Task, ...]:
        """The tasks one role owns (or the shared ones)."""
        return tuple(task for task in self.tasks if task.owner == owner)

    @property
    def owners(self) -> tuple[str, ...]:
        """Every owner in matrix order: each role that owns a task, then ``shared`` if any task is shared."""
        used = {task.owner for task in self.tasks}
        return tuple(owner for owner in (*self.roles, SHARED_OWNER) if owner in used)

    def task(self, task_id: str) -> Task:
        """The task with this id, or a UsageError naming the nearest one."""
        for task in self.tasks:
            if task.id == task_id:
                return task
        ids = [task.id for task in self.tasks]
        raise UsageError(f"no task {task_id!r}{did_you_mean(task_id, ids)}: see the ids with `rolefit tasks`")


def load_tasks(profiles: ProfileSet, directory: Path | None = None, *, cache: Path | None = None) -> TaskMatrix:
    """Load ``tasks.yaml`` from a profiles directory (the shipped one by default) and check it against the roles."""
    path = (directory or data_dir("profiles")) / TASKS_FILE
    if not path.is_file():
        message = f"no {TASKS_FILE} in this profiles directory: add one (see the shipped profiles/{TASKS_FILE})"
        raise DataError([Problem(shown_path(path), 0, 0, "", message)])
    doc = Document.read(path, cache=cache)
    task_file = validate(TaskFile, doc.data, doc.text, doc.label)
    roles = tuple(profile.id for profile in profiles.profiles)
    problems = list(_check(task_file, doc, roles, {article.file for article in profiles.shared.sources}))
    if problems:
        raise DataError(problems)
    return TaskMatrix(tuple(task_file.tasks), roles)


def _check(task_file: TaskFile, doc: Document, roles: tuple[str, ...], files: set[str]) -> Iterable[Problem]:
    """Ids unique, every owner a role or ``shared``, every source in the registry."""
    owners = [*roles, SHARED_OWNER]
    seen: set[str] = set()
    for index, task in enumerate(task_file.tasks):
        where = ("tasks", index)
        if task.id in seen:
            yield doc.problem((*where, "id"), f"duplicate task id {task.id!r}: task ids must be unique")
        seen.add(task.id)
        if task.owner not in owners:
            message = f"unknown owner {task.owner!r}{did_you_mean(task.owner, owners)}: use one of {', '.join(owners)}"
            yield doc.problem((*where, "owner"), message)
    yield from checks.check_sources(task_file, (), doc, files)
