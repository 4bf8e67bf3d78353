"""The cross-checks of loaded data that a model alone cannot make: ids unique, every trait and source known.

Each check yields problems placed by the document they came from (``doc.problem(loc, message)``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel

from rolefit.data.models import ChoiceItem, ForcedChoiceItem, Item, LikertItem, Profile, Shared, Source
from rolefit.errors import Problem, did_you_mean
from rolefit.shipped import SHARED_FILE

if TYPE_CHECKING:
    from rolefit.data.catalog import ProfileSet


class Placed(Protocol):
    """A parsed document that can place a problem at a field path (``catalog.Document``)."""

    def problem(self, loc: tuple[int | str, ...], message: str) -> Problem:
        """A problem at the line and column of a field path."""
        ...


def check_items(items: Iterable[Item], doc: Placed, profiles: ProfileSet) -> Iterable[Problem]:
    traits = {trait.id for trait in profiles.traits}
    seen: set[str] = set()
    likert = {item.id for item in items if isinstance(item, LikertItem)}
    for index, item in enumerate(items):
        where: tuple[int | str, ...] = ("items", index)
        if item.id in seen:
            yield doc.problem((*where, "id"), f"duplicate item id {item.id!r}: item ids must be unique")
        seen.add(item.id)
        yield from check_sources(item, where, doc, profiles._articles)
        if isinstance(item, LikertItem):
            yield from check_effects(item.effects, (*where, "effects"), doc, traits)
            if item.pair is not None and (item.pair not in likert or item.pair == item.id):
                yield doc.problem((*where, "pair"), f"pair {item.pair!r} is not another likert item: check the id")
        if isinstance(item, ChoiceItem | ForcedChoiceItem):
            options: set[str] = set()
            for number, option in enumerate(item.options):
                at = (*where, "options", number)
                if option.id in options:
                    yield doc.problem((*at, "id"), f"duplicate option id {option.id!r}: option ids must be unique")
                options.add(option.id)
                yield from check_effects(option.effects, (*at, "effects"), doc, traits)


def check_effects(
    effects: dict[str, float], where: tuple[int | str, ...], doc: Placed, traits: set[str]
) -> Iterable[Problem]:
    for trait in effects:
        if trait not in traits:
            yield doc.problem((*where, trait, "[key]"), f"unknown trait {trait!r}: use a trait id from {SHARED_FILE}")


def check_shared(shared: Shared, doc: Placed) -> Iterable[Problem]:
    seen: set[str] = set()
    for index, trait in enumerate(shared.traits):
        if trait.id in seen:
            yield doc.problem(("traits", index, "id"), f"duplicate trait id {trait.id!r}: trait ids must be unique")
        seen.add(trait.id)
    files: set[str] = set()
    for index, article in enumerate(shared.sources):
        if article.file in files:
            message = f"source file {article.file!r} is listed twice: list each article once"
            yield doc.problem(("sources", index, "file"), message)
        files.add(article.file)
    yield from check_glossary(shared, doc)
    yield from check_sources(shared, (), doc, files)


def check_glossary(shared: Shared, doc: Placed) -> Iterable[Problem]:
    """Each form of a glossary term (its ``term`` and its ``also`` forms) is listed once, ignoring case."""
    seen: dict[str, str] = {}
    for index, entry in enumerate(shared.glossary):
        forms = [("term", entry.term)] + [(number, form) for number, form in enumerate(entry.also)]
        for field, form in forms:
            key = form.casefold()
            where: tuple[int | str, ...] = ("glossary", index, *((field,) if field == "term" else ("also", field)))
            if key in seen:
                yield doc.problem(where, f"{form!r} is already in the glossary under {seen[key]!r}: list it once")
            else:
                seen[key] = entry.term


def check_sources(
    model: BaseModel, where: tuple[int | str, ...], doc: Placed, files: Collection[str]
) -> Iterable[Problem]:
    """Every source in a model names a file of the sources registry, or is refused at its ``file``."""
    for loc, source in _sources_in(model, where):
        if source.file not in files:
            yield doc.problem(
                (*loc, "file"),
                f"unknown source file {source.file!r}{did_you_mean(source.file, files)}: "
                f"cite a file from the sources list in {SHARED_FILE}, or add the article there",
            )


def _sources_in(value: object, where: tuple[int | str, ...]) -> Iterator[tuple[tuple[int | str, ...], Source]]:
    """Every Source inside a validated model, with its field path, so a new sourced block is checked unasked."""
    if isinstance(value, Source):
        yield where, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _sources_in(getattr(value, name), (*where, name))
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _sources_in(inner, (*where, key))
    elif isinstance(value, list | tuple):
        for index, inner in enumerate(value):
            yield from _sources_in(inner, (*where, index))


def check_profile(profile: Profile, doc: Placed, trait_ids: list[str]) -> Iterable[Problem]:
    for field in ("weights", "trait_facts"):
        given: dict[str, Any] = getattr(profile, field)
        for trait in given:
            if trait not in trait_ids:
                yield doc.problem(
                    (field, trait, "[key]"), f"unknown trait {trait!r}: use a trait id from {SHARED_FILE}"
                )
        missing = [trait for trait in trait_ids if trait not in given]
        if missing:
            yield doc.problem((field,), f"no entry for trait(s) {', '.join(missing)}: add them")
    if profile.weights and not any(profile.weights.values()):
        yield doc.problem(("weights",), "every weight is 0, so this role could never fit: give its traits weight")
