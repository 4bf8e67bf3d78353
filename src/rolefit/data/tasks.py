"""The responsibility matrix: the tasks PM and PMM work is made of, each owned by a role or shared.

``profiles/tasks.yaml`` lists them. Owners are role ids of the profiles beside it, or ``shared``, so adding a
task, or a third role's tasks, takes no code. ``rolefit tasks`` lists the matrix; ``rolefit team`` and
``rolefit matrix`` ask about it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any

from pydantic import Field, StringConstraints

from rolefit.data import checks
from rolefit.data.answers import SKIP, _read
from rolefit.data.catalog import Document, LoadedBank, ProfileSet, data_dir, shown_path
from rolefit.data.models import Bank, ChoiceItem, Id, ListBlock, Option, Source, Strict, Text
from rolefit.data.positions import MAX_PROBLEMS, validate
from rolefit.errors import DataError, Problem, UsageError, did_you_mean
from rolefit.shipped import TASKS_FILE

SHARED_OWNER = "shared"  # a task both roles do, or that the articles give to neither
MAX_TASKS = 200


class Task(Strict):
    """One task of the matrix: what it is, who owns it, and the article that says so."""

    id: Id
    name: Text
    owner: Id
    source: Source


class TaskFile(Strict):
    """``profiles/tasks.yaml``: the tasks, and the advice for where the roles' work meets."""

    tasks: Annotated[list[Task], Field(min_length=1, max_length=MAX_TASKS)]
    alignment: ListBlock


@dataclass(frozen=True)
class TaskMatrix:
    """The tasks, checked against the roles and the sources registry of one profiles directory."""

    tasks: tuple[Task, ...]
    roles: tuple[str, ...]  # role ids, in profile order
    alignment: ListBlock

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
    return TaskMatrix(tuple(task_file.tasks), roles, task_file.alignment)


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


class Cover(StrEnum):
    """Who does a task today, in ``rolefit team`` (besides a role, named by its short name: ``pm``, ``pmm``)."""

    ONE_PERSON = "one-person"  # one person does both roles' work
    SOMEONE_ELSE = "someone-else"  # someone outside the roles: a founder, sales, an agency
    NOBODY = "nobody"
    NOT_NEEDED = "not-needed"


class Experience(StrEnum):
    """How much of a task a person has done, in ``rolefit matrix``."""

    DONE = "done"
    SOME = "some"
    NONE = "none"


def role_covers(profiles: ProfileSet) -> dict[str, str]:
    """The answers that name a role in ``rolefit team``: its short name in lower case (``pm``) -> its role id."""
    return {profile.short_name.lower(): profile.id for profile in profiles.profiles}


Key = Annotated[str, StringConstraints(strict=True)]


class TeamFile(Strict):
    """A ``rolefit team --answers`` file: ``{team: {TASK_ID: WHO}}``."""

    team: dict[Key, Any]  # each value is checked against the answers a task takes


class MatrixFile(Strict):
    """A ``rolefit matrix --answers`` file: ``{matrix: {TASK_ID: LEVEL}}``."""

    matrix: dict[Key, Any]


def read_team(source: str, matrix: TaskMatrix, profiles: ProfileSet, *, stdin: IO[Any] | None = None) -> dict[str, str]:
    """Who does each task, from a file or ``-``: task id -> a role id or a Cover value; skips left out."""
    roles = role_covers(profiles)
    allowed = [*roles, *(cover.value for cover in Cover)]
    doc = _read_source(source, stdin)
    given = validate(TeamFile, doc.data, doc.text, doc.label).team
    checked = _checked(given, matrix, doc, "team", allowed)
    return {task: roles.get(value, value) for task, value in checked.items()}


def read_matrix(source: str, matrix: TaskMatrix, *, stdin: IO[Any] | None = None) -> dict[str, Experience]:
    """How much of each task a person has done, from a file or ``-``: task id -> an Experience; skips left out."""
    doc = _read_source(source, stdin)
    given = validate(MatrixFile, doc.data, doc.text, doc.label).matrix
    levels = [level.value for level in Experience]
    return {task: Experience(value) for task, value in _checked(given, matrix, doc, "matrix", levels).items()}


def _read_source(source: str, stdin: IO[Any] | None) -> Document:
    if source == "":  # not the working directory
        raise UsageError("--answers is empty: name an answers file, or - to read stdin")
    return _read(source, stdin)


def _checked(
    given: Mapping[str, Any], matrix: TaskMatrix, doc: Document, field: str, allowed: list[str]
) -> dict[str, str]:
    """The answers whose task and value are known, skips left out; every problem reported at once (up to a cap)."""
    known = {task.id for task in matrix.tasks}
    problems: list[Problem] = []
    answers: dict[str, str] = {}
    for task_id, value in given.items():
        if len(problems) == MAX_PROBLEMS:
            problems.append(Problem(doc.label, 0, 0, "", "and more problems like these: fix those first"))
            break
        if task_id not in known:
            message = f"no task {task_id!r}{did_you_mean(task_id, known)}: use a task id from `rolefit tasks`"
            problems.append(doc.problem((field, task_id, "[key]"), message))
        elif value == SKIP:
            continue
        elif not isinstance(value, str) or value not in allowed:
            shown = f"{value!r}" if isinstance(value, str) else f"{value!r} (not a word)"
            hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
            message = f"{shown}{hint} is not an answer for task {task_id!r}: use one of {', '.join(allowed)}, or skip"
            problems.append(doc.problem((field, task_id), message))
        else:
            answers[task_id] = value
    if problems:
        raise DataError(problems)
    return answers


# ---- the matrix as a questionnaire, asked through the quiz's own screens ------------------------------------

TEAM_BANK_ID = "team"
MATRIX_BANK_ID = "matrix"
COVER_TEXT = {
    Cover.ONE_PERSON: "One person who does both roles' work",
    Cover.SOMEONE_ELSE: "Someone outside these roles (a founder, sales, an agency)",
    Cover.NOBODY: "Nobody",
    Cover.NOT_NEEDED: "Not needed on this team",
}
EXPERIENCE_TEXT = {
    Experience.DONE: "Yes, I have done it",
    Experience.SOME: "Some of it, or with help",
    Experience.NONE: "Not yet",
}


def team_bank(matrix: TaskMatrix, profiles: ProfileSet) -> LoadedBank:
    """``rolefit team``'s questions: for each task, who does it today (a role, one person doing both, ...)."""
    roles = [(short, profiles.profile(role)) for short, role in role_covers(profiles).items()]
    answers = [(short, f"A {profile.name} ({profile.short_name})") for short, profile in roles]
    answers += [(cover.value, text) for cover, text in COVER_TEXT.items()]
    return _questionnaire(
        matrix,
        TEAM_BANK_ID,
        "Which role does your team need?",
        "For each task PM and PMM work is made of, say who does it on your team today.",
        "It shows which role to hire first: the one whose work nobody does today.",
        "rolefit team",
        "{task}: who does this on your team today?",
        answers,
    )


def matrix_bank(matrix: TaskMatrix) -> LoadedBank:
    """``rolefit matrix``'s questions: for each task, whether the person has done it."""
    return _questionnaire(
        matrix,
        MATRIX_BANK_ID,
        "Which tasks have you done?",
        "For each task PM and PMM work is made of, say whether you have done it.",
        "It maps your experience to each role's tasks, and shows the gaps to close for the role you lean to.",
        "rolefit matrix",
        "{task}: have you done this?",
        [(level.value, text) for level, text in EXPERIENCE_TEXT.items()],
    )


def _questionnaire(
    matrix: TaskMatrix,
    bank_id: str,
    title: str,
    description: str,
    purpose: str,
    command: str,
    question: str,
    answers: list[tuple[str, str]],
) -> LoadedBank:
    """A bank of one choice item per task, in matrix order, answers in one fixed order.

    Built with ``model_construct``: the items come from the validated matrix, not from a bank file, and a task
    takes more answers (six for a team) than a bank's choice may (five), with no trait effects to score.
    """
    options = [Option.model_construct(id=answer, text=text, effects={}) for answer, text in answers]
    items = tuple(
        ChoiceItem.model_construct(
            id=task.id,
            kind="choice",
            text=question.format(task=task.name),
            help=None,
            options=options,
            source=task.source,
        )
        for task in matrix.tasks
    )
    bank = Bank.model_construct(
        id=bank_id,
        version=1,
        title=title,
        description=description,
        shuffle=False,
        items=list(items),
        base=None,
        select=[],
    )
    return LoadedBank(bank, items, command, purpose=purpose, command=command, fixed_options=True)
