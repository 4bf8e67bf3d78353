"""Answers files: ``{bank: ID, answers: {ITEM_ID: VALUE}}`` in YAML or JSON, checked against a bank."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Annotated, Any

from pydantic import StringConstraints

from rolefit.data.catalog import Document, LoadedBank
from rolefit.data.loader import parse_data
from rolefit.data.models import Id, Item, LikertItem, Strict
from rolefit.data.positions import MAX_PROBLEMS, validate
from rolefit.data.reading import MAX_BYTES, read_text
from rolefit.errors import DataError, Problem, UsageError
from rolefit.types import LIKERT_VALUES, Answers

SKIP = "skip"


def answer_problem(item: Item, value: object) -> str | None:
    """Why a value is not a valid answer to an item, or None when it is.

    A likert answer is an int, never a bool or a float (``4.0``, ``1e0``), which would compare equal;
    the parsers have already refused YAML 1.1's loose forms (``+3``, ``0x3``, ``0_3``) and read a number
    too long for an int as an OutOfRange, whose repr says so in words.
    """
    if isinstance(item, LikertItem):
        if type(value) is int and value in LIKERT_VALUES:
            return None
        return f"{_shown(value)} is not an answer to likert item {item.id!r}: use 1 to 5, or skip"
    options = [option.id for option in item.options]
    if isinstance(value, str) and value in options:
        return None
    return f"{_shown(value)} is not an option of item {item.id!r}: use one of {', '.join(options)}, or skip"


def _shown(value: object) -> str:
    """A value as the file wrote it: an empty value (YAML's null, JSON's null) in words, not Python's None."""
    return "an empty value (null)" if value is None else repr(value)


class AnswerFile(Strict):
    """The shape of an answers file."""

    bank: Id
    answers: dict[Annotated[str, StringConstraints(strict=True)], Any]  # each value is checked against its item


def read_answers(source: str, bank: LoadedBank, *, stdin: IO[Any] | None = None) -> Answers:
    """Read answers from a file path or ``-`` (the ``stdin`` given; None is a closed stdin), and check each one."""
    if source == "":  # not the working directory
        raise UsageError("--answers is empty: name an answers file, or - to read stdin")
    doc = _read(source, stdin)
    parsed = validate(AnswerFile, doc.data, doc.text, doc.label)
    return check_answers(parsed, bank, doc)


def check_answers(parsed: AnswerFile, bank: LoadedBank, doc: Document) -> dict[str, int | str]:
    """Answers keyed by item id, skips left out; every problem reported at once, none ignored."""
    problems: list[Problem] = []
    if parsed.bank != bank.id:
        problems.append(
            doc.problem(
                ("bank",), f"these answers are for bank {parsed.bank!r}, not {bank.id!r}: pass --bank {parsed.bank}"
            )
        )
        raise DataError(problems)
    answers: dict[str, int | str] = {}
    known = {item.id for item in bank.items}
    for item_id, value in parsed.answers.items():
        if len(problems) == MAX_PROBLEMS:  # each is placed by walking the file: thousands would take minutes
            more = sum(
                1
                for i, v in parsed.answers.items()
                if i not in known or (v != SKIP and answer_problem(bank.item(i), v))
            )
            problems.append(
                Problem(doc.label, 0, 0, "", f"and {more - MAX_PROBLEMS} more problems like these: fix those first")
            )
            break
        if item_id not in known:
            problems.append(doc.problem(("answers", item_id, "[key]"), bank.unknown(item_id)))
        elif value != SKIP:
            problem = answer_problem(bank.item(item_id), value)
            if problem:
                problems.append(doc.problem(("answers", item_id), problem))
            else:
                answers[item_id] = value
    if problems:
        raise DataError(problems)
    return answers


def _read(source: str, stdin: IO[Any] | None) -> Document:
    if source == "-":
        if stdin is None:
            raise UsageError("stdin is closed, so there are no answers to read: pass --answers FILE")
        got = getattr(stdin, "buffer", stdin).read(MAX_BYTES + 1)
        raw = got.encode("utf-8") if isinstance(got, str) else got  # a text stream with no buffer (tests, harnesses)
        label = "<stdin>"
        if len(raw) > MAX_BYTES:
            raise DataError([Problem(label, 0, 0, "", f"is larger than {MAX_BYTES // 1024} KiB: trim it")])
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            raise DataError([Problem(label, 0, 0, "", "is not UTF-8 text: send UTF-8")]) from None
    else:
        label = source
        text = read_text(Path(source), label)
    return Document(label, text, parse_data(text, label))
