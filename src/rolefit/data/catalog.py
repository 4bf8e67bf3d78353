"""Find, load and cross-check rolefit's data: the trait registry, role profiles and question banks."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from rolefit import __version__
from rolefit.data import checks
from rolefit.data.loader import parse_data
from rolefit.data.models import (
    MAX_ITEMS,
    MAX_ROLES,
    MAX_SOURCES,
    MAX_TERMS,
    MAX_TRAITS,
    Article,
    Bank,
    CitedSource,
    Item,
    Profile,
    Shared,
    Source,
    Trait,
)
from rolefit.data.positions import compose, locate, locate_top, validate
from rolefit.data.reading import MAX_BYTES, read_text
from rolefit.errors import DataError, Problem, RolefitError, UsageError, did_you_mean
from rolefit.files import read_state_file
from rolefit.shipped import NOT_ROLES, SHARED_FILE, bank_ids
from rolefit.shipped import data_dir as data_dir  # where it has always been found

_CACHE_FORMAT = 1  # bump when the parsed form changes meaning


@dataclass(frozen=True)
class Document:
    """A parsed data file, kept with its text so problems found later can still name a line."""

    label: str
    text: str
    data: Any

    @classmethod
    def read(cls, path: Path, label: str | None = None, cache: Path | None = None) -> Document:
        """Read and parse one YAML file; a shipped one through the parsed-data cache in ``cache``, when given."""
        label = label or shown_path(path)
        text = read_text(path, label)
        return cls(label, text, _parse_through_cache(path, text, label, cache))

    def problem(self, loc: tuple[int | str, ...], message: str) -> Problem:
        """A problem at a field path of this document."""
        return locate(self._root, self.label, loc, message)

    @cached_property
    def _root(self) -> Any:
        return compose(self.text)


@dataclass(frozen=True)
class ProfileSet:
    """The trait registry and every role profile, checked against each other."""

    shared: Shared
    profiles: tuple[Profile, ...]

    @property
    def traits(self) -> tuple[Trait, ...]:
        """Every trait, in registry order."""
        return tuple(self.shared.traits)

    def article(self, file: str) -> Article:
        """The sources registry's entry for a seed file (every source the loader admits has one)."""
        return self._articles[file]

    def cite(self, source: Source) -> CitedSource:
        """A source with its article's title and publisher, as rolefit prints it."""
        article = self.article(source.file)
        return CitedSource(file=source.file, fact=source.fact, title=article.title, publisher=article.publisher)

    @cached_property
    def _articles(self) -> dict[str, Article]:
        return {article.file: article for article in self.shared.sources}

    def profile(self, role: str) -> Profile:
        """The profile with this role id."""
        for profile in self.profiles:
            if profile.id == role:
                return profile
        ids = [p.id for p in self.profiles]
        raise UsageError(f"no profile {role!r}{did_you_mean(role, ids)}: choose one of {', '.join(ids)}")


@dataclass(frozen=True)
class LoadedBank:
    """A validated bank with its items resolved (a ``select`` bank holds its base's items)."""

    bank: Bank
    items: tuple[Item, ...]
    label: str
    # A questionnaire built from other data (rolefit team, matrix) asks through the quiz's screens: it names its
    # own purpose and command, keeps its answers in one order, and keeps no result in the history.
    purpose: str | None = None
    command: str | None = None
    fixed_options: bool = False

    @property
    def id(self) -> str:
        """The bank id."""
        return self.bank.id

    @cached_property
    def hash(self) -> str:
        """A hash of the bank's content, so saved answers can tell when the bank changed."""
        content = {
            "id": self.bank.id,
            "version": self.bank.version,
            "items": [item.model_dump(mode="json") for item in self.items],
        }
        digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
        return f"sha256:{digest[:16]}"

    def unknown(self, item_id: str) -> str:
        """The message for an item id this bank does not have: the nearest id it has, and where to see them all."""
        return (
            f"no item {item_id!r} in bank {self.id!r}{did_you_mean(item_id, self._by_id)}: "
            f"use an item id from `rolefit bank show {self.label if self.id not in shipped_bank_ids() else self.id}`"
        )

    def item(self, item_id: str) -> Item:
        """The item with this id."""
        return self._by_id[item_id]

    @cached_property
    def _by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}


def load_profiles(directory: Path | None = None, *, cache: Path | None = None) -> ProfileSet:
    """Load ``shared.yaml`` and every other ``*.yaml`` in a profiles directory (but ``tasks.yaml``) as one role each.

    ``cache`` is the directory for the parsed form of the shipped files (Environment.cache_dir); None parses afresh.
    """
    directory = directory or data_dir("profiles")
    try:
        directory.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise DataError([Problem(shown_path(directory), 0, 0, "", "no such directory: check the path")]) from None
    except OSError as error:  # a symlink loop, a directory that cannot be searched
        message = f"cannot be opened ({error.strerror}): point it at a directory of role profiles"
        raise DataError([Problem(shown_path(directory), 0, 0, "", message)]) from None
    if not directory.is_dir():
        raise DataError([Problem(shown_path(directory), 0, 0, "", "is not a directory: --profiles takes a directory")])
    paths = [path for path in sorted(directory.glob("*.yaml")) if path.name not in NOT_ROLES]
    if len(paths) > MAX_ROLES:
        message = f"{len(paths)} role profiles, more than the {MAX_ROLES} a profiles directory may hold: remove some"
        raise DataError([Problem(shown_path(directory), 0, 0, "", message)])
    shared_doc = Document.read(directory / SHARED_FILE, cache=cache)
    _refuse_too_many(shared_doc, "traits", MAX_TRAITS, "traits", "the trait registry may hold: merge some")
    _refuse_too_many(
        shared_doc,
        "sources",
        MAX_SOURCES,
        "articles",
        "the sources registry may hold: list only the articles the data cites",
    )
    _refuse_too_many(shared_doc, "glossary", MAX_TERMS, "terms", "the glossary may hold: keep the field terms only")
    shared = validate(Shared, shared_doc.data, shared_doc.text, shared_doc.label)
    problems = list(checks.check_shared(shared, shared_doc))
    trait_ids = [trait.id for trait in shared.traits]
    files = {article.file for article in shared.sources}
    profiles: list[Profile] = []
    seen: dict[str, str] = {}
    for path in paths:
        doc = Document.read(path, cache=cache)
        try:
            profile = validate(Profile, doc.data, doc.text, doc.label)
        except DataError as error:
            problems.extend(error.problems)
            continue
        problems.extend(checks.check_profile(profile, doc, trait_ids))
        problems.extend(checks.check_sources(profile, (), doc, files))
        if profile.id in seen:
            problems.append(
                doc.problem(("id",), f"role id {profile.id!r} is also used by {seen[profile.id]}: rename one")
            )
        seen[profile.id] = doc.label
        profiles.append(profile)
    if not problems and len(profiles) < 2:
        problems.append(
            Problem(shown_path(directory), 0, 0, "", "needs at least two role profiles (*.yaml) besides shared.yaml")
        )
    if problems:
        raise DataError(problems)
    return ProfileSet(shared, tuple(profiles))


def load_bank(ref: str | None, profiles: ProfileSet, *, cache: Path | None = None) -> LoadedBank:
    """Load a bank by id (shipped) or by path, check every reference, and resolve ``select`` banks."""
    path = _bank_path("core" if ref is None else ref)  # an empty name is no bank, not core
    doc = Document.read(path, cache=cache)
    _refuse_other_kinds(doc)
    _refuse_too_many(doc, "items", MAX_ITEMS, "items", "a bank may hold: split it into smaller banks")
    _refuse_too_many(doc, "select", MAX_ITEMS, "ids", "a bank may hold: select fewer")
    bank = validate(Bank, doc.data, doc.text, doc.label)
    if bank.base is None:
        items = tuple(bank.items)
        problems = list(checks.check_items(items, doc, profiles))
        if not items:
            problems.append(doc.problem(("items",), "a bank needs at least one item: add items, or base + select"))
    else:
        items, problems = _select(bank, _load_base(bank.base, path, doc, profiles, cache), doc)
    if problems:
        raise DataError(problems)
    return LoadedBank(bank, items, doc.label)


def _refuse_other_kinds(doc: Document) -> None:
    """An answers file or a saved result given as a bank: say what it is, not every bank field it lacks."""
    data = doc.data
    if not isinstance(data, dict) or "items" in data or "base" in data:
        return
    if "bank" in data and "answers" in data:
        what = "an answers file, not a bank: answer a quiz with it (rolefit quiz --answers FILE)"
    elif "schema_version" in data and "recommendation" in data:
        what = "a saved result, not a bank: draw it with rolefit explain FILE"
    else:
        return
    raise DataError([Problem(doc.label, 0, 0, "", f"is {what}, or name a bank file instead")])


def _refuse_too_many(doc: Document, field: str, limit: int, noun: str, fix: str) -> None:
    """Refuse a list past its size limit before validating its entries (README, Security: size limits)."""
    given = doc.data.get(field) if isinstance(doc.data, dict) else None
    if isinstance(given, list) and len(given) > limit:
        raise DataError([locate_top(doc.text, doc.label, field, f"{len(given)} {noun}, more than the {limit} {fix}")])


def shipped_bank_ids() -> list[str]:
    """Ids of the banks that ship with rolefit."""
    return bank_ids()


def _bank_path(ref: str) -> Path:
    looks_like_path = "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml", ".json"))
    if looks_like_path:
        return Path(ref)
    path = data_dir("questions") / f"{ref}.yaml"
    if not path.is_file():
        ids = shipped_bank_ids()
        raise UsageError(
            f"no bank {ref!r}{did_you_mean(ref, ids)}: choose one of {', '.join(ids)}, or give a path to a bank file"
        )
    return path


def _load_base(base_id: str, path: Path, doc: Document, profiles: ProfileSet, cache: Path | None) -> LoadedBank:
    """The bank a ``select`` bank draws from: the file ``<base>.yaml`` beside it, which has items of its own."""
    base_path = path.with_name(f"{base_id}.yaml")
    if base_path.is_symlink():
        try:
            base_path.stat()
        except OSError as error:  # a loop, or a link to nothing
            message = f"{base_path.name} beside this one cannot be opened ({error.strerror}): fix the link, or check the base id"
            raise DataError([doc.problem(("base",), message)]) from None
    if _real(base_path) == _real(path) or not base_path.is_file():
        raise DataError([doc.problem(("base",), f"no bank file {base_path.name} beside this one: check the base id")])
    base = load_bank(str(base_path), profiles, cache=cache)
    if base.bank.base is not None:
        raise DataError(
            [doc.problem(("base",), f"bank {base_id!r} selects from another bank itself: use a bank with items")]
        )
    return base


def _select(bank: Bank, base: LoadedBank, doc: Document) -> tuple[tuple[Item, ...], list[Problem]]:
    problems = []
    if bank.items:
        problems.append(
            doc.problem(("items",), "a bank with base + select takes its items from the base: remove items")
        )
    if not bank.select:
        problems.append(doc.problem(("select",), "base needs select: list the base bank's item ids to use"))
    chosen: list[Item] = []
    for index, item_id in enumerate(bank.select):
        if item_id not in base._by_id:
            problems.append(doc.problem(("select", index), base.unknown(item_id)))
        elif any(item.id == item_id for item in chosen):
            problems.append(doc.problem(("select", index), f"item {item_id!r} is selected twice: keep one"))
        else:
            chosen.append(base.item(item_id))
    return tuple(chosen), problems


CACHE_LIMIT = 8 * MAX_BYTES  # a cache entry holds one data file's parsed form, as JSON


def _parse_through_cache(path: Path, text: str, label: str, cache_dir: Path | None) -> Any:
    """Parse a data file; a shipped one through a cache of its parsed form, keyed by the hash of its content.

    Parsing YAML is most of the cost of loading the shipped data (validating is a tenth of it). A cache
    entry is one header line, ``rolefit-parsed KEY DIGEST``, then the parsed data as JSON. KEY hashes the
    file's text (and rolefit's version), DIGEST the JSON below it. An entry whose key or digest does not
    match is ignored and rewritten. The data read back still goes through the same validation and checks
    as freshly parsed YAML, so a cache can never admit what the file itself would not.
    """
    cache = _cache_path(path, cache_dir)
    if cache is None:
        return parse_data(text, label)
    key = hashlib.sha256(f"rolefit {__version__} parsed-yaml {_CACHE_FORMAT}\n{text}".encode()).hexdigest()
    try:
        header, _, payload = read_state_file(cache, CACHE_LIMIT).partition(b"\n")
        if header == _cache_header(key, payload):
            return json.loads(payload)
    except (OSError, ValueError, RecursionError):  # unreadable, damaged or hostile: parse the file afresh
        pass
    data = parse_data(text, label)
    _write_cache(cache, key, data)
    return data


def _cache_header(key: str, payload: bytes) -> bytes:
    return f"rolefit-parsed {key} {hashlib.sha256(payload).hexdigest()}".encode()


def _cache_path(path: Path, cache_dir: Path | None) -> Path | None:
    """Where the parsed form of a shipped data file is cached; None for any other file, or with no cache."""
    if cache_dir is None:
        return None
    folder = _real(path).parent
    for name in ("questions", "profiles"):
        try:
            shipped = data_dir(name)
        except DataError:
            continue
        if folder == _real(shipped):  # the state directory: rolefit writes nowhere else unless told (README)
            return cache_dir / f"{name}-{path.name}.json"
    return None


def _write_cache(cache: Path, key: str, data: Any) -> None:
    """Store parsed data if JSON holds it exactly (no dates, number keys or NaN); failing to is harmless."""
    from rolefit.files import atomic_write

    try:
        payload = json.dumps(data, ensure_ascii=True, allow_nan=False).encode("ascii")
        if json.loads(payload) != data:
            return
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cache, _cache_header(key, payload) + b"\n" + payload, own=True)
    except (RolefitError, OSError, TypeError, ValueError, RecursionError):
        pass


def shown_path(path: Path) -> str:
    """A path as the user would write it: relative to the working directory when it lies below it."""
    try:
        return str(_real(path).relative_to(Path.cwd()))
    except (ValueError, OSError):  # not below the working directory, or the working directory is gone
        return str(path)


def _real(path: Path) -> Path:
    """The path with its symlinks resolved, or only made absolute when they loop (reading it then says so)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # Python 3.11-3.12 raise RuntimeError on a symlink loop, later ones OSError
        return Path(os.path.abspath(path))
