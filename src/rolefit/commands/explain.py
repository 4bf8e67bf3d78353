"""``rolefit explain``: read a saved result, check it, and draw it again (and write a report of it when asked)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rolefit import __version__
from rolefit.data.catalog import load_profiles
from rolefit.data.loader import compose, describe_json_error, locate, read_text, validate
from rolefit.env import Environment
from rolefit.errors import DataError, Problem
from rolefit.scoring.result import Result
from rolefit.views.report import report_format, write_report


def read_result(path: Path) -> Result:
    """Read a saved result JSON; every problem is one line naming the file (and line:col when known)."""
    label = str(path)
    text = read_text(path, label)
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError([Problem(label, error.lineno, error.colno, "", describe_json_error(error))]) from None
    except RecursionError:
        raise DataError([Problem(label, 0, 0, "", "invalid JSON: nested too deeply")]) from None
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
    if version != 1:
        message = f"{version!r} is not a result schema rolefit {__version__} reads (1): upgrade rolefit"
        raise DataError([locate(compose(text), label, ("schema_version",), message)])
    return validate(Result, data, text, label)


def explain_file(result_file: Path, profiles_dir: Path | None, report: Path | None, env: Environment) -> None:
    """Render a saved result in the terminal again, and write a report of it when asked."""
    from rolefit.views.output import console
    from rolefit.views.terminal import render_result

    if report is not None:
        report_format(report)  # a bad extension is a usage error: say so before doing anything
    result = read_result(result_file)
    profiles = load_profiles(profiles_dir, cache=env.cache_dir)
    console(env, stderr=False).print(render_result(result, profiles))
    if report is not None:
        write_report(result, profiles, report)
