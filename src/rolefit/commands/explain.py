"""``rolefit explain``: read a saved result, check it, and draw it again (and write a report of it when asked)."""

from __future__ import annotations

from json import JSONDecodeError
from pathlib import Path
from typing import Any

from rolefit import __version__
from rolefit.data.catalog import load_profiles
from rolefit.data.describe import describe_json_error
from rolefit.data.loader import parse
from rolefit.data.numbers import DuplicateKey, loads
from rolefit.data.positions import compose, locate, validate
from rolefit.data.reading import line_col, looks_like_json, read_text
from rolefit.env import Environment
from rolefit.errors import DataError, Problem
from rolefit.scoring.result import SCHEMA_VERSION, Result, inconsistencies
from rolefit.views.report import report_format, write_report

READS = (1, SCHEMA_VERSION)  # the result schema versions explain reads


def read_result(path: Path) -> Result:
    """Read a saved result JSON and check it agrees with itself; every problem is one line at its place.

    The models refuse a number of the wrong type, out of range or not finite (``"16"``, ``-5``, ``NaN``,
    ``1e308`` for a weight); ``inconsistencies`` refuses numbers that contradict each other, so nothing
    is drawn from a result rolefit could not have made.
    """
    label = str(path)
    text = read_text(path, label)
    fix = "explain reads the JSON that `rolefit quiz --output FILE.json` saves"
    if not text.strip():
        raise DataError([Problem(label, 0, 0, "", f"is empty, and a result is JSON: {fix}")])
    if not looks_like_json(text):  # a YAML answers file or bank: JSON's own words would only mislead
        first = line_col(text, len(text) - len(text.lstrip()))
        message = f"is not JSON, and a result is: {fix}; an answers file is read by `rolefit quiz --answers FILE`"
        raise DataError([Problem(label, *first, "", message)])
    try:
        data: Any = loads(text)
    except JSONDecodeError as error:
        raise DataError([Problem(label, error.lineno, error.colno, "", describe_json_error(error))]) from None
    except RecursionError:
        raise DataError([Problem(label, 0, 0, "", "invalid JSON: nested too deeply")]) from None
    except DuplicateKey as duplicate:
        parse(text, label)  # the strict YAML loader names the line and column of the second key
        raise DataError([Problem(label, 0, 0, "", f"duplicate key {duplicate.key!r}: keep one")]) from None
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
    return result


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
    from rolefit.views.output import console
    from rolefit.views.terminal import render_result

    if report is not None:
        report_format(report)  # a bad extension is a usage error: say so before doing anything
    result = read_result(result_file)
    profiles = load_profiles(profiles_dir, cache=env.cache_dir)
    try:
        console(env, stderr=False).print(render_result(result, profiles))
    finally:  # a stdout that fails (full, closed) still gets the report written
        if report is not None:
            write_report(result, profiles, report)
