"""``rolefit explain``: read a saved result, check it, and draw it again (and write a report of it when asked)."""

from __future__ import annotations

import re
from json import JSONDecodeError
from pathlib import Path
from typing import Any

from rolefit import __version__
from rolefit.data.answers import answer_problem
from rolefit.data.catalog import LoadedBank, ProfileSet, load_bank, load_profiles, shipped_bank_ids
from rolefit.data.describe import describe_json_error
from rolefit.data.loader import parse
from rolefit.data.numbers import DuplicateKey, loads
from rolefit.data.positions import compose, locate, validate
from rolefit.data.reading import line_col, read_text
from rolefit.env import Environment
from rolefit.errors import DataError, Problem
from rolefit.scoring.result import SCHEMA_VERSION, Loc, Result, inconsistencies
from rolefit.views.report import report_format, write_report

READS = (1, SCHEMA_VERSION)  # the result schema versions explain reads
_HASH = re.compile(r"sha256:[0-9a-f]{16}")  # LoadedBank.hash
_FIX = "save a new one with `rolefit quiz --output FILE.json`"


def read_result(path: Path, profiles: ProfileSet | None = None, cache: Path | None = None) -> Result:
    """Read a saved result JSON and check it agrees with itself; every problem is one line at its place.

    The models refuse a number of the wrong type, out of range or not finite (``"16"``, ``-5``, ``NaN``,
    ``1e308`` for a weight); ``inconsistencies`` refuses numbers that contradict each other, and, given the
    profiles it is drawn with, ``mismatches`` refuses what contradicts them or the bank it names, so nothing
    is drawn from a result rolefit could not have made.
    """
    label = str(path)
    text = read_text(path, label)
    data = _json_of(text, label)
    if not isinstance(data, dict) or "schema_version" not in data or "recommendation" not in data:
        raise DataError(
            [
                Problem(
                    label,
                    0,
                    0,
                    "",
                    "is not a rolefit result: save one with `rolefit quiz --output FILE.json` or `--report FILE.json`",
                )
            ]
        )
    version = data.get("schema_version")
    if type(version) is not int or version not in READS:  # true == 1 in Python
        message = f"{version!r} is not a result schema rolefit {__version__} reads (1 or 2): upgrade rolefit"
        raise DataError([locate(compose(text), label, ("schema_version",), message)])
    # Version 1 is version 2 without `needed` and without the two verdicts that name no role (README, "Result
    # schema 2"); its verdicts were decided before a low best fit meant `neither`.
    result = validate(Result, _upgraded(data) if version == 1 else data, text, label)
    found = inconsistencies(result, neither_rule=version >= 2)
    if found:
        root = compose(text)
        fix = "this result contradicts itself: save a new one with `rolefit quiz --output FILE.json`"
        raise DataError([locate(root, label, loc, f"{message}; {fix}") for loc, message in found])
    mismatched = mismatches(result, profiles, cache) if profiles is not None else []
    if mismatched:
        root = compose(text)
        raise DataError([locate(root, label, loc, message) for loc, message in mismatched])
    return result


def _json_of(text: str, label: str) -> Any:
    """The result file's JSON; what is not JSON (empty, YAML, broken) is one line that says a result is JSON."""
    fix = "explain reads the JSON that `rolefit quiz --output FILE.json` saves"
    if not text.strip():
        raise DataError([Problem(label, 0, 0, "", f"is empty, and a result is JSON: {fix}")])
    try:
        return loads(text)
    except JSONDecodeError as error:
        if not text.lstrip().startswith(("{", "[")):  # a YAML answers file or bank: JSON's words would mislead
            first = line_col(text, len(text) - len(text.lstrip()))
            message = f"is not JSON, and a result is: {fix}; an answers file is read by `rolefit quiz --answers FILE`"
            raise DataError([Problem(label, *first, "", message)]) from None
        raise DataError([Problem(label, error.lineno, error.colno, "", describe_json_error(error))]) from None
    except RecursionError:
        raise DataError([Problem(label, 0, 0, "", f"invalid JSON: nested too deeply: {fix}")]) from None
    except DuplicateKey as duplicate:
        parse(text, label)  # the strict YAML loader names the line and column of the second key
        raise DataError([Problem(label, 0, 0, "", f"duplicate key {duplicate.key!r}: keep one")]) from None


def mismatches(result: Result, profiles: ProfileSet, cache: Path | None) -> list[tuple[Loc, str]]:
    """Where a result contradicts the bank it names (when rolefit has that bank at that version) or the profiles
    it is drawn with, as (field path, message with the fix); empty for every result rolefit makes."""
    found: list[tuple[Loc, str]] = []
    ref = result.bank
    hash_written = bool(_HASH.fullmatch(ref.hash))
    if not hash_written:
        found.append(
            (("bank", "hash"), f"{ref.hash!r} is not a bank hash rolefit writes ('sha256:' and 16 hex digits); {_FIX}")
        )
    found.extend(_unknown_traits(result, profiles))
    bank = _the_bank(ref.id, ref.version, profiles, cache)
    if bank is None:
        return found  # a bank file of the user's own, or another version: nothing to check against
    where = f"bank {ref.id!r} version {ref.version}"
    if hash_written and ref.hash != bank.hash:
        message = (
            f"does not match version {ref.version} of bank {ref.id!r} ({bank.hash}): the result was edited, "
            f"or saved from a changed copy of the bank; {_FIX}"
        )
        found.append((("bank", "hash"), message))
    items = {item.id: item for item in bank.items}
    for item_id, value in result.answers.items():
        if item_id not in items:
            found.append((("answers", item_id), f"no item {item_id!r} in {where}; {_FIX}"))
        elif problem := answer_problem(items[item_id], value):
            found.append((("answers", item_id), f"{problem}; this result does not match {where}: {_FIX}"))
    for index, item_id in enumerate(result.asked or []):
        if item_id not in items:
            found.append((("asked", index), f"no item {item_id!r} in {where}; {_FIX}"))
    return found


def _unknown_traits(result: Result, profiles: ProfileSet) -> list[tuple[Loc, str]]:
    """Traits the profiles lack, when these are the result's profiles (they have every role it ranks)."""
    if not {fit.role for fit in result.fits} <= {profile.id for profile in profiles.profiles}:
        return []  # other profiles: the view says which roles have none loaded
    traits = {trait.id for trait in profiles.traits}
    fix = f"pass --profiles DIR with the profiles the result was made with, or {_FIX}"
    return [
        (("traits", index, "trait"), f"{level.trait!r} is not a trait of the profiles it is drawn with: {fix}")
        for index, level in enumerate(result.traits)
        if level.trait not in traits
    ]


def _the_bank(bank_id: str, version: int, profiles: ProfileSet, cache: Path | None) -> LoadedBank | None:
    """The shipped bank with this id at this version, or None when rolefit does not have it (or these profiles
    cannot load it: it then cannot be the bank the result was made with)."""
    if bank_id not in shipped_bank_ids():
        return None
    try:
        bank = load_bank(bank_id, profiles, cache=cache)
    except DataError:
        return None
    return bank if bank.bank.version == version else None


def _upgraded(data: dict[str, Any]) -> dict[str, Any]:
    """A version 1 result as version 2: its sources named by file only get the file as their title."""
    reasons = data.get("reasons")
    if isinstance(reasons, list):
        reasons = [
            {**r, "source": {"title": r["source"].get("file"), "publisher": None, **r["source"]}}
            if isinstance(r, dict) and isinstance(r.get("source"), dict)
            else r
            for r in reasons
        ]
    return {**data, "schema_version": SCHEMA_VERSION, **({"reasons": reasons} if reasons is not None else {})}


def explain_file(result_file: Path, profiles_dir: Path | None, report: Path | None, env: Environment) -> None:
    """Render a saved result in the terminal again, and write a report of it when asked."""
    from rolefit.views.output import console, wrote
    from rolefit.views.terminal import render_result

    if report is not None:
        report_format(report)  # a bad extension is a usage error: say so before doing anything
    profiles = load_profiles(profiles_dir, cache=env.cache_dir)
    result = read_result(result_file, profiles, env.cache_dir)
    try:
        console(env, stderr=False).print(render_result(result, profiles))
    finally:  # a stdout that fails (full, closed) still gets the report written
        if report is not None:
            write_report(result, profiles, report)
            wrote("the report", report, env)
