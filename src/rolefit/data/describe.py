"""Validation and JSON errors in words a bank author can act on, in the terms of the file's own format."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from rolefit.data.models import SOURCE_FILE_PATTERN
from rolefit.data.numbers import OutOfRange

_JSON_FIXES = {
    "Expecting value": "a value is missing here: write a string, number, object or list, and remove any trailing comma",
    "Expecting property name enclosed in double quotes": (
        "a key must be text in double quotes: quote the key, and remove any trailing comma"
    ),
    "Expecting ',' delimiter": "a comma is missing here: put ',' between the items",
    "Expecting ':' delimiter": "a colon is missing here: put ':' between the key and its value",
    "Unterminated string starting at": "this string is never closed: add the closing double quote",
    "Invalid control character at": (
        "a control character (a tab or a line break) stands raw inside a string: write it as \\t or \\n"
    ),
    "Invalid \\escape": "an invalid backslash escape: write a backslash as \\\\",
    "Invalid \\uXXXX escape": "an invalid \\u escape: write exactly four hex digits after \\u",
    "Extra data": "more text after the JSON value ends: keep one JSON object per file",
}


_STREAM = "a stream is JSON Lines, one answer set per line"


_YAML_FIXES = {
    "did not find expected ',' or ']'": "close the list with ']', and put ',' between its entries",
    "did not find expected ',' or '}'": "close the mapping with '}', and put ',' between its entries",
    "did not find expected node content": (
        "a value is missing here: write the value, or remove a trailing ',' (text that holds '#' goes in quotes)"
    ),
    "block sequence entries are not allowed in this context": (
        "a '- ' list cannot start on its key's line: start the list on the next line, indented, or quote the text"
    ),
    "found a tab character that violates indentation": "indent with spaces, not tabs",
    "did not find expected hexdecimal number": (
        "an escape in double quotes needs hex digits: write \\u and four hex digits (\\u00e9), or use single quotes"
    ),
    "found unknown escape character": (
        "in double quotes a backslash starts an escape: write \\\\ for a backslash, or use single quotes"
    ),
    "did not find expected key": (
        "check the indentation here: the keys of one mapping start in the same column (quote a value that holds ': ')"
    ),
    "found unexpected end of stream": "a quoted value is never closed: add the closing quote",
    "did not find expected '-' indicator": (
        "check the indentation here: the entries of one list start with '- ' in the same column"
    ),
    "could not find expected ':'": "put ': ' after the key, or quote a value that runs over several lines",
    "found undefined alias": "YAML aliases (*name) are not allowed: write the value out",
    "did not find expected <document start>": "keep one document per file: remove the '...' or '---' line",
    "found undefined tag handle": "tags are not allowed: rolefit reads plain data only: remove the tag",
}
MAX_KEY = 1024  # YAML's limit on a plain key's length


def describe_yaml_error(problem: str, text: str, line: int, column: int, index: int) -> str:
    """A libyaml syntax error (its ``problem``, at a 0-based place) with the fix, in YAML's own terms."""
    if problem == "found character that cannot start any token":
        char = text[index] if 0 <= index < len(text) else ""
        if char == "\t":
            return f"{problem} (a tab): indent with spaces, not tabs"
        return f"{problem}: {char!r} cannot start a plain value: put the value in quotes"
    if problem == "mapping values are not allowed in this context":
        lines = text.split("\n")
        head = lines[line][:column] if line < len(lines) else ""
        if len(head.lstrip(" -?")) > MAX_KEY and ": " not in head:
            return f"{problem}: a key is at most {MAX_KEY} characters: shorten it"
        return f"{problem}: put a value that holds ': ' in quotes, or check the indentation"
    fix = _YAML_FIXES.get(problem, "check the YAML syntax here: indentation, quotes and brackets")
    return f"{problem}: {fix}"


def describe_json_error(error: json.JSONDecodeError, *, line: bool = False) -> str:
    """A json module error in words that say what is wrong at its place and how to fix it.

    ``line``: the text is one line of a JSON Lines stream (``rolefit score``), so the fix speaks of lines.
    """
    ends_early = not error.doc[error.pos :].strip() and error.msg != "Extra data"
    if line and ends_early:
        return (
            f"invalid JSON: this line ends before its JSON object does: {_STREAM}: write each set on one line, "
            "or name the file (rolefit score FILE) to read it whole"
        )
    if line and error.msg == "Extra data":
        return f"invalid JSON: more text after the line's JSON object ends: {_STREAM}"
    if ends_early:
        return "invalid JSON: the text ends before the JSON does (cut short?): close every open {, [ and string"
    fix = _JSON_FIXES.get(error.msg, f"{error.msg[:1].lower()}{error.msg[1:]}: check the JSON syntax here")
    return f"invalid JSON: {fix}"


def _kind_of(value: Any, *, in_json: bool) -> str:
    if isinstance(value, bool):
        return json.dumps(value) if in_json else repr(value).lower()
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object" if in_json else "a mapping"
    return "null" if in_json else "empty"


def _describe_shape(error: Any, *, in_json: bool) -> str:
    """A value of the wrong kind (a number for text, a list for a mapping) or text that does not fit its pattern."""
    kind, given = error["type"], error.get("input")
    shown = _kind_of(given, in_json=in_json)
    if kind in {"string_type", "string_pattern_mismatch"} and isinstance(given, bool | int | float):
        if in_json:
            literal = json.dumps(given)
            return f'must be a string, not {shown}: write it in double quotes ("{literal}")'
        return f"{error['msg']} (YAML read it as {given!r}): put the value in quotes"
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == SOURCE_FILE_PATTERN:
        return (
            f"{given!r} is not a source file name: give the bare name of a seed article, like "
            "003_d8ee61504b744ef8.txt (letters, digits, '_', '.' and '-', ending in .txt, no directory)"
        )
    if kind == "string_pattern_mismatch":
        return f"{given!r} is not a valid id: use lowercase letters, digits and '-'"
    if kind == "dict_type":
        if in_json:
            return f'must be an object, not {shown}: write it as {{"key": value, ...}}'
        return f"must be a mapping, not {shown}: write one `key: value` per line beneath it"
    if kind == "list_type":
        if in_json:
            return f"must be a list, not {shown}: write it as [value, ...]"
        return f"must be a list, not {shown}: write one `- value` per line beneath it"
    return str(error["msg"])


_NUMBER_AS_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?P<e>[eE])(?P<exponent>[-+]?[0-9]+)")


def _describe_number(error: Any, *, in_json: bool) -> str | None:
    """A number field given what is not a finite number, with the fix; None when the generic words will do."""
    kind, given = error["type"], error.get("input")
    if kind == "finite_number":
        shape = "NaN, Infinity" if in_json else ".inf, .nan"
        return f"Input should be a finite number: write an ordinary number (not {shape}, or one past 1.7e+308)"
    if kind != "float_type":
        return None
    if isinstance(given, bool):
        return f"must be a number, not {_kind_of(given, in_json=in_json)}: write a number such as 0.5"
    if isinstance(given, str) and not in_json and (found := _NUMBER_AS_TEXT.fullmatch(given)):
        if not math.isfinite(float(given)):
            return f"{given!r} is beyond the range of a number: write an ordinary number"
        mantissa = given[: found.start("e")]
        exponent = found["exponent"] if found["exponent"][0] in "+-" else f"+{found['exponent']}"
        written = f"{mantissa if '.' in mantissa else mantissa + '.0'}{found['e']}{exponent}"
        return f"{given!r} is text to YAML 1.1 (an exponent needs a '.' and a sign): write {written}"
    if isinstance(given, str) and in_json:
        return "must be a number, not a string: write it without the double quotes"
    return None


_BOUNDS = {
    "less_than_equal": ("le", "more than", "the most allowed here", "write at most"),
    "less_than": ("lt", "not less than", "the limit here", "write less than"),
    "greater_than_equal": ("ge", "less than", "the least allowed here", "write at least"),
    "greater_than": ("gt", "not more than", "the limit here", "write more than"),
}


def _shown(number: Any) -> str:
    """A bound or value as a person writes it: 1, not 1.0."""
    return (
        str(int(number)) if isinstance(number, float) and number.is_integer() and abs(number) < 1e15 else repr(number)
    )


def _describe_size(kind: str, given: Any, ctx: dict[str, Any]) -> str | None:
    """A number out of its range or too long to read, a list too short, a text empty, too short or too long: what
    it is and the fix."""
    if isinstance(given, OutOfRange):
        fix = "put the value in quotes" if kind.startswith("string") else "write a number of ordinary size"
        return f"{given} is too long to read: {fix}"
    if kind in _BOUNDS and _BOUNDS[kind][0] in ctx:
        key, relation, which, fix = _BOUNDS[kind]
        bound = _shown(ctx[key])
        return f"{_shown(given)} is {relation} {bound}, {which}: {fix} {bound}"
    if kind == "too_short" and "min_length" in ctx and hasattr(given, "__len__"):
        missing = ctx["min_length"] - len(given)
        return f"{_count(len(given), 'entry', 'entries')}, fewer than the {ctx['min_length']} needed here: add {missing} more"
    if kind == "string_too_short" and isinstance(given, str):
        if not given.strip():
            return "is empty: write the text"
        return f"{_count(len(given.strip()), 'character', 'characters')}, fewer than the {ctx['min_length']} needed here: write more"
    if kind == "string_too_long" and isinstance(given, str):
        return f"{_count(len(given.strip()), 'character', 'characters')}, more than the {ctx['max_length']} allowed here: shorten it"
    return None


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def describe_error(error: Any, *, in_json: bool = False) -> str:
    """A pydantic error in words a bank author can act on, in the terms of the file's format (JSON or YAML)."""
    kind, given = error["type"], error.get("input")
    number = _describe_number(error, in_json=in_json)
    if number is not None:
        return number
    if kind == "union_tag_not_found":
        field = error["ctx"]["discriminator"].strip("'")
        return f"required field {field!r} is missing: add {field}: likert, choice or forced_choice"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown field: remove it or check its spelling"
    if kind == "missing":
        return "required field is missing: add it"
    if kind in {"string_type", "string_pattern_mismatch", "dict_type", "list_type"} and not isinstance(
        given, OutOfRange
    ):
        return _describe_shape(error, in_json=in_json)
    if kind == "too_long" and "actual_length" in error.get("ctx", {}):
        ctx = error["ctx"]
        count = ctx["actual_length"]  # None for a mapping (pydantic does not count one): count it here
        if count is None and hasattr(error.get("input"), "__len__"):
            count = len(error["input"])
        shown = f"{count} entries" if count is not None else "too many entries"
        return f"{shown}, more than the {ctx['max_length']} allowed here: remove some"
    sized = _describe_size(kind, given, error.get("ctx", {}))
    if sized is not None:
        return sized
    message: str = error["msg"]
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return message
