"""The JSON shapes of ``rolefit bank list|show``, ``profile list``, ``roles`` and ``tasks`` (``profile show``
prints a Profile)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, RootModel

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.data.models import Article, CitedSource, LikertItem, Option, Profile, Source
from rolefit.data.tasks import TaskMatrix
from rolefit.types import ItemKind


class Shape(BaseModel):
    """Base of the printed shapes: frozen, and strict about their own fields when read back."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class BankEntry(Shape):
    """One shipped bank in ``rolefit bank list --json``."""

    id: str
    version: int
    title: str
    description: str
    items: int


class BankList(RootModel[list[BankEntry]]):
    """``rolefit bank list --json``: the shipped banks."""


class BankItem(Shape):
    """One item of ``rolefit bank show --json``: a statement's effects, or a question's options."""

    id: str
    kind: ItemKind
    text: str
    source: Source
    effects: dict[str, float]
    options: list[Option]


class BankDetail(Shape):
    """``rolefit bank show --json``: a bank and every item, with its source and effects."""

    id: str
    version: int
    hash: str
    title: str
    items: list[BankItem]


class ProfileEntry(Shape):
    """One role in ``rolefit profile list --json``."""

    id: str
    name: str
    short_name: str


class ProfileList(RootModel[list[ProfileEntry]]):
    """``rolefit profile list --json``: the role profiles."""


class TaskEntry(Shape):
    """One task of the responsibility matrix."""

    id: str
    name: str
    owner: str = Field(description="the role id that owns the task, or shared")
    source: CitedSource


class TaskList(Shape):
    """``rolefit tasks --json``: the responsibility matrix, and its owners in order (roles, then shared)."""

    owners: list[str]
    tasks: list[TaskEntry]


class RolesSideBySide(Shape):
    """``rolefit roles --json``: every role profile, and the sources registry that names the articles they cite."""

    roles: list[Profile]
    sources: list[Article]


class Validation(Shape):
    """``rolefit validate --json``: what was checked and found valid (a problem is an error, not a result)."""

    checked: list[str]


def bank_list(banks: list[LoadedBank]) -> BankList:
    """The listing of some banks."""
    return BankList(
        [
            BankEntry(
                id=b.id, version=b.bank.version, title=b.bank.title, description=b.bank.description, items=len(b.items)
            )
            for b in banks
        ]
    )


def bank_detail(bank: LoadedBank) -> BankDetail:
    """A bank as ``rolefit bank show --json`` prints it."""
    items = [
        BankItem(
            id=item.id,
            kind=ItemKind(item.kind),
            text=item.text,
            source=item.source,
            effects=dict(item.effects) if isinstance(item, LikertItem) else {},
            options=[] if isinstance(item, LikertItem) else list(item.options),
        )
        for item in bank.items
    ]
    return BankDetail(id=bank.id, version=bank.bank.version, hash=bank.hash, title=bank.bank.title, items=items)


def profile_list(profiles: ProfileSet) -> ProfileList:
    """The listing of the role profiles."""
    return ProfileList([ProfileEntry(id=p.id, name=p.name, short_name=p.short_name) for p in profiles.profiles])


def task_list(matrix: TaskMatrix, profiles: ProfileSet) -> TaskList:
    """The matrix as ``rolefit tasks --json`` prints it."""
    tasks = [
        TaskEntry(id=task.id, name=task.name, owner=task.owner, source=profiles.cite(task.source))
        for task in matrix.tasks
    ]
    return TaskList(owners=list(matrix.owners), tasks=tasks)


def roles_side_by_side(profiles: ProfileSet) -> RolesSideBySide:
    """Every role side by side, as ``rolefit roles --json`` prints them."""
    return RolesSideBySide(roles=list(profiles.profiles), sources=list(profiles.shared.sources))
