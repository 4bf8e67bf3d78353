"""One input line of ``rolefit score`` on the exact path, and the JSON parser lines are read with.

The fast path (``rolefit.scoring.batch``) hands a line here whenever anything about it is unusual:
it is parsed again with the json module and checked with the same models and messages as
``rolefit quiz --answers``, and its id is echoed back exactly as written.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from rolefit.data.answers import AnswerFile, check_answers
from rolefit.data.catalog import Document, LoadedBank
from rolefit.data.describe import describe_error, describe_json_error
from rolefit.data.numbers import DuplicateKey, OutOfRange, Written, loads, loads_written
from rolefit.errors import DataError, Problem
from rolefit.jsonout import escape_unsafe
from rolefit.types import Answers

try:  # orjson parses a line about three times faster than the json module; json is the fallback
    import orjson
except ImportError:  # pragma: no cover - exercised by forcing the fallback in the tests
    orjson = None  # type: ignore[assignment]  # every use checks for None first


def _dumps_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _loads_json(raw: bytes) -> Any:
    return json.loads(raw.decode("utf-8"))


@dataclass
class Parser:
    """The JSON functions lines are read and ids written with: orjson's when installed, else the json module's."""

    dumps: Callable[[Any], bytes]
    loads: Callable[[bytes], Any]


PARSER = Parser(orjson.dumps, orjson.loads) if orjson is not None else Parser(_dumps_json, _loads_json)


def use_parser(fast: bool) -> None:
    """Parse lines with orjson (when installed) or with the json module; for tests and the benchmark."""
    PARSER.dumps, PARSER.loads = (
        (orjson.dumps, orjson.loads) if fast and orjson is not None else (_dumps_json, _loads_json)
    )


@dataclass(frozen=True)
class _LineDocument(Document):
    """One JSON line, so ``check_answers`` reports problems at the line, not inside a YAML node tree."""

    number: int = 0

    def problem(self, loc: tuple[int | str, ...], message: str) -> Problem:
        """A problem at a field path of this line."""
        return Problem(self.label, self.number, 0, _where(loc), message)


def _where(loc: Iterable[int | str]) -> str:
    return ".".join(str(part) for part in loc if part != "[key]")


class _Constant(ValueError):
    def __init__(self, name: str) -> None:
        self.name = name


def _no_constant(name: str) -> Any:
    raise _Constant(name)


def check_line(
    bank: LoadedBank, row: Callable[[Answers], bytes], raw: bytes, label: str, number: int
) -> tuple[bytes, bytes] | list[str]:
    """The exact path: (row, id JSON) for a valid line of ``bank``, else its problems as messages."""
    at = f"{label}:{number}"
    parsed_line = _parse_line(raw, at)
    if isinstance(parsed_line, str):
        return [parsed_line]
    text, data = parsed_line
    messages = []
    ident = b"null"
    if "id" in data:
        found = _id_json(data.pop("id"), text)
        if isinstance(found, str):
            messages.append(f"{at}: id: {found}")
        else:
            ident = found
    try:
        parsed = AnswerFile.model_validate(data)
    except ValidationError as error:
        return messages + [f"{at}: {_where(err['loc'])}: {describe_error(err, in_json=True)}" for err in error.errors()]
    try:
        answers = check_answers(parsed, bank, _LineDocument(label, text, data, number))
    except DataError as error:
        return messages + [f"{at}: {problem.where}: {problem.message}" for problem in error.problems]
    return messages or (row(answers), ident)


def _parse_line(raw: bytes, at: str) -> tuple[str, dict[str, Any]] | str:
    """A line's text and its JSON object, or the one message that says why it is not one."""
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return f"{at}: is not UTF-8 text: save it as UTF-8"
    try:
        data = loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        return f"{at}:{error.colno}: {describe_json_error(error, line=True)}"
    except DuplicateKey as duplicate:
        return f"{at}: duplicate key {duplicate.key!r}: keep one"
    except _Constant as constant:
        return f"{at}: invalid JSON: {constant.name} is not a number in JSON: write a finite number, or a string"
    except RecursionError:
        return f"{at}: invalid JSON: nested too deeply: an answer set is one object of item ids and answers"
    if not isinstance(data, dict):
        return f'{at}: a line must be a JSON object: {{"bank": ..., "answers": {{...}}}}'
    return text, data


def _id_json(ident: Any, text: str) -> bytes | str:
    """An id echoed back as JSON (a number exactly as written in ``text``), or why it cannot be."""
    if isinstance(ident, OutOfRange):
        return f"{ident} is too long to be an id: write it as a string"
    if type(ident) in (int, float):
        written: Written = loads_written(text)["id"]
        if isinstance(ident, float) and not math.isfinite(ident):
            return f"{written.text} is beyond the range of a number: write it as a string"
        return written.text.encode("ascii")
    if type(ident) is str:
        try:  # inert, as all rolefit's JSON
            return escape_unsafe(bytes(PARSER.dumps(ident)).decode("utf-8")).encode("utf-8")
        except (TypeError, ValueError):  # a lone surrogate cannot be written as UTF-8
            pass
    return "must be a string or a number"
