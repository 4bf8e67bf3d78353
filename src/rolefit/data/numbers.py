"""Numbers as rolefit reads them, from YAML and JSON alike, and the one JSON reader for data files.

Python refuses to turn more than 4,300 digits into an int (a ``ValueError`` deep inside a parser,
which would stop a whole stream). So every parser reads integers through ``read_int``: one too long
becomes an ``OutOfRange`` value instead, which reaches validation like any other wrong value and is
reported there at its place, in the words of the field that holds it. Non-finite floats (``1e400``
overflows to infinity, YAML's ``.nan``, Python json's ``NaN``) are read as floats and refused by the
models, whose every float is finite and bounded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MAX_DIGITS = 4300  # Python's default int-string limit: the most digits any JSON reader in Python reads back


@dataclass(frozen=True)
class OutOfRange:
    """An integer written with more digits than rolefit reads (Python's int-string limit)."""

    digits: int

    def __str__(self) -> str:
        return f"a {self.digits}-digit number (more than {MAX_DIGITS} digits)"

    __repr__ = __str__  # messages show a value with !r: this one reads as words, never as 5,000 digits


def read_int(text: str) -> int | OutOfRange:
    """A decimal integer's value, or OutOfRange past MAX_DIGITS digits (where int() would raise ValueError)."""
    digits = len(text.lstrip("+-"))
    return OutOfRange(digits) if digits > MAX_DIGITS else int(text)


class DuplicateKey(ValueError):
    """A JSON object names the same key twice (the json module would silently keep the last)."""

    def __init__(self, key: str) -> None:
        self.key = key


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for json.loads that raises DuplicateKey instead of dropping a value."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKey(key)
        result[key] = value
    return result


def loads(text: str, parse_constant: Callable[[str], Any] | None = None) -> Any:
    """Parse JSON text as rolefit reads it: duplicate keys raise DuplicateKey, over-long integers are OutOfRange.

    Raises json.JSONDecodeError and RecursionError as json.loads does, never the int-string ValueError.
    ``parse_constant`` handles NaN and Infinity (by default floats, which the models refuse at their place).
    """
    return json.loads(text, object_pairs_hook=no_duplicate_keys, parse_int=read_int, parse_constant=parse_constant)


@dataclass(frozen=True)
class Written:
    """A JSON number exactly as written, for echoing it back digit for digit."""

    text: str


def loads_written(text: str) -> Any:
    """Parse JSON text keeping every number as written (a ``Written``); for text ``loads`` already accepted."""
    return json.loads(text, parse_int=Written, parse_float=Written, parse_constant=Written)
