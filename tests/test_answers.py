"""The answers-file parser, in-process: valid files read exactly, each bad shape refused with its one message."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from rolefit.data import loader
from rolefit.data.answers import answer_problem, read_answers
from rolefit.data.catalog import LoadedBank
from rolefit.data.models import LikertItem
from rolefit.data.numbers import DuplicateKey, no_duplicate_keys
from rolefit.data.reading import MAX_BYTES
from rolefit.errors import DataError, Problem, UsageError

CORPUS = Path(__file__).resolve().parent / "corpus"
OPTIONS = "use one of write-feature-spec, draft-positioning-doc, or skip"
LIKERT = "is not an answer to likert item"


def refusal(source: str, bank: LoadedBank) -> str:
    """The message read_answers refuses a source with (``-`` reads the process's stdin)."""
    with pytest.raises(DataError) as caught:
        read_answers(source, bank, stdin=sys.stdin)
    return str(caught.value)


def problems(source: str, bank: LoadedBank) -> list[Problem]:
    """The problems read_answers refuses a source with, fields and all (batch output prints each field)."""
    with pytest.raises(DataError) as caught:
        read_answers(source, bank, stdin=sys.stdin)
    return caught.value.problems


def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> io.BytesIO:
    """Feed these bytes to read_answers("-"); the raw stream comes back, to see how much was read."""
    raw = io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw, encoding="utf-8"))
    return raw


# fmt: off
CORPUS_CASES = [
    ("answers-likert-zero.yaml", f"answers-likert-zero.yaml:3:25: answers.enjoys-writing-specs: 0 {LIKERT} 'enjoys-writing-specs': use 1 to 5, or skip"),
    ("answers-likert-six.json", f"answers-likert-six.json:5:39: answers.energised-by-engineering-syncs: 6 {LIKERT} 'energised-by-engineering-syncs': use 1 to 5, or skip"),
    ("answers-likert-word.yaml", f"answers-likert-word.yaml:3:25: answers.enjoys-writing-specs: 'five' {LIKERT} 'enjoys-writing-specs': use 1 to 5, or skip"),
    ("answers-likert-fraction.json", f"answers-likert-fraction.json:1:54: answers.enjoys-writing-specs: 4.5 {LIKERT} 'enjoys-writing-specs': use 1 to 5, or skip"),
    ("answers-unknown-item.yaml", "answers-unknown-item.yaml:5:3: answers.energised-by-engineering-sync: no item 'energised-by-engineering-sync' in bank 'core' (did you mean 'energised-by-engineering-syncs'?): use an item id from `rolefit bank show core`"),
    ("answers-unknown-option.yaml", f"answers-unknown-option.yaml:3:28: answers.spec-or-positioning-doc: 'write-the-spec' is not an option of item 'spec-or-positioning-doc': {OPTIONS}"),
    ("answers-option-as-number.yaml", f"answers-option-as-number.yaml:3:28: answers.spec-or-positioning-doc: 1 is not an option of item 'spec-or-positioning-doc': {OPTIONS}"),
    ("answers-other-bank.yaml", "answers-other-bank.yaml:1:7: bank: these answers are for bank 'quick', not 'core': pass --bank quick"),
    ("answers-truncated.json", "answers-truncated.json:1:91: invalid JSON: the text ends before the JSON does (cut short?): close every open {, [ and string"),
    ("answers-two-documents.json", "answers-two-documents.json:2:1: invalid JSON: more text after the JSON value ends: keep one JSON object per file"),
    ("answers-duplicate-key.json", "answers-duplicate-key.json:5:5: duplicate key 'enjoys-writing-specs' (first at line 4): keep one"),
    ("answers-duplicate-key.yaml", "answers-duplicate-key.yaml:4:3: duplicate key 'enjoys-writing-specs' (first at line 3): keep one"),
    ("answers-not-a-mapping.json", "answers-not-a-mapping.json:1:1: is a list, not a mapping: write a mapping with bank, answers"),
    ("answers-empty.yaml", "answers-empty.yaml: is empty: write a mapping with bank, answers"),
    ("answers-missing-bank.yaml", "answers-missing-bank.yaml:1:1: bank: required field is missing: add it"),
    ("answers-unknown-field.yaml", "answers-unknown-field.yaml:2:7: name: unknown field: remove it or check its spelling"),
    ("answers-list-of-answers.yaml", "answers-list-of-answers.yaml:3:3: answers: must be a mapping, not a list: write one `key: value` per line beneath it"),
]
# fmt: on


@pytest.mark.parametrize(("name", "message"), CORPUS_CASES, ids=[name for name, _ in CORPUS_CASES])
def test_each_bad_answers_file_is_refused_with_its_message(
    core: LoadedBank, monkeypatch: pytest.MonkeyPatch, name: str, message: str
) -> None:
    """Every bad shape in the corpus gives exactly its one documented line, naming the file and place."""
    monkeypatch.chdir(CORPUS)
    assert refusal(name, core) == message


def test_a_valid_file_is_read_exactly(core: LoadedBank, monkeypatch: pytest.MonkeyPatch) -> None:
    """A valid answers file gives its answers, values untouched."""
    monkeypatch.chdir(CORPUS)
    assert read_answers("answers-valid.yaml", core) == {
        "enjoys-writing-specs": 4,
        "spec-or-positioning-doc": "write-feature-spec",
    }


def test_skips_are_left_out_and_every_problem_is_reported(core: LoadedBank, tmp_path: Path) -> None:
    """ "skip" leaves an item out; several problems come back together, in file order."""
    path = tmp_path / "answers.json"
    path.write_text(
        '{"bank": "core", "answers": {"enjoys-writing-specs": "skip", "digs-into-usage-data": 5}}', encoding="utf-8"
    )
    assert read_answers(str(path), core) == {"digs-into-usage-data": 5}
    path.write_text(
        '{"bank": "core", "answers": {"nope": 1, "digs-into-usage-data": 0, "enjoys-writing-specs": 2}}',
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        read_answers(str(path), core)
    assert [problem.where for problem in caught.value.problems] == ["answers.nope", "answers.digs-into-usage-data"]
    assert (
        str(caught.value)
        .splitlines()[0]
        .endswith("no item 'nope' in bank 'core': use an item id from `rolefit bank show core`")
    )


def test_json_is_recognised_after_leading_blank_space(core: LoadedBank, tmp_path: Path) -> None:
    """Text whose first non-blank character is { is parsed as JSON, so YAML-only syntax there is invalid JSON."""
    path = tmp_path / "answers.json"
    path.write_text("  \n{bank: core, answers: {}}", encoding="utf-8")
    assert (
        refusal(str(path), core)
        == f"{path}:2:2: invalid JSON: a key must be text in double quotes: quote the key, and remove any trailing comma"
    )
    path.write_text("bank: core\nanswers: {digs-into-usage-data: 2}\n", encoding="utf-8")
    assert read_answers(str(path), core) == {"digs-into-usage-data": 2}


def test_answers_from_stdin(core: LoadedBank, monkeypatch: pytest.MonkeyPatch) -> None:
    """`-` reads stdin as UTF-8 (a byte-order mark dropped), labelled <stdin> in messages."""
    stdin(monkeypatch, "\ufeff".encode() + b'{"bank": "core", "answers": {"digs-into-usage-data": 5}}')
    assert read_answers("-", core, stdin=sys.stdin) == {"digs-into-usage-data": 5}
    stdin(monkeypatch, (CORPUS / "answers-likert-six.json").read_bytes())
    assert refusal("-", core) == (
        f"<stdin>:5:39: answers.energised-by-engineering-syncs: 6 {LIKERT} 'energised-by-engineering-syncs': use 1 to 5, or skip"
    )
    stdin(monkeypatch, b"")
    assert refusal("-", core) == "<stdin>: is empty: write a mapping with bank, answers"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b" " * (MAX_BYTES + 1), "<stdin>: is larger than 1024 KiB: trim it"),
        (b" " * MAX_BYTES, "<stdin>: is empty: write a mapping with bank, answers"),
        (b"bank: core\xff\n", "<stdin>: is not UTF-8 text: send UTF-8"),
    ],
    ids=["over-the-limit", "at-the-limit", "not-utf-8"],
)
def test_stdin_is_refused_when_too_big_or_not_text(
    core: LoadedBank, monkeypatch: pytest.MonkeyPatch, data: bytes, message: str
) -> None:
    """More than 1 MiB on stdin, or bytes that are not UTF-8, are refused with one line; exactly 1 MiB is read."""
    stdin(monkeypatch, data)
    assert refusal("-", core) == message
    if "empty" not in message:
        stdin(monkeypatch, data)
        assert problems("-", core) == [Problem("<stdin>", 0, 0, "", message.removeprefix("<stdin>: "))]


def test_stdin_is_read_no_further_than_the_limit(core: LoadedBank, monkeypatch: pytest.MonkeyPatch) -> None:
    """However much is piped in, at most 1 MiB and one byte is read before refusing it."""
    raw = stdin(monkeypatch, b" " * (MAX_BYTES + 100))
    assert refusal("-", core) == "<stdin>: is larger than 1024 KiB: trim it"
    assert raw.tell() == MAX_BYTES + 1


def test_a_byte_order_mark_does_not_hide_json(core: LoadedBank, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a leading byte-order mark, text starting with { is still JSON, and refused as JSON when it is not."""
    stdin(monkeypatch, "\ufeff{bank: core, answers: {}}".encode())
    assert (
        refusal("-", core)
        == "<stdin>:1:2: invalid JSON: a key must be text in double quotes: quote the key, and remove any trailing comma"
    )
    stdin(monkeypatch, "\ufeff{bank: core, answers: {}}".encode())
    assert problems("-", core)[0].where == ""


def test_a_missing_file_is_named_as_typed(core: LoadedBank, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path is reported exactly as the user wrote it, ./ and all."""
    monkeypatch.chdir(CORPUS)
    assert refusal("./no-such-answers.yaml", core) == "./no-such-answers.yaml: no such file: check the path"


def test_deep_json_is_refused_at_its_place(core: LoadedBank, monkeypatch: pytest.MonkeyPatch) -> None:
    """JSON nested past 64 levels is refused by rolefit's depth check, naming the file, line and column."""
    stdin(monkeypatch, b'{"bank": "core", "answers": {"enjoys-writing-specs": ' + b"[" * 100 + b"]" * 100 + b"}}")
    assert refusal("-", core) == "<stdin>:1:116: nested deeper than 64 levels"


def test_closed_stdin_is_a_usage_error(core: LoadedBank, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no stdin at all, `-` is a usage error that names --answers FILE."""
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(UsageError, match=r"^stdin is closed, so there are no answers to read: pass --answers FILE$"):
        read_answers("-", core, stdin=sys.stdin)


def test_json_nesting_is_refused_even_past_the_depth_check(
    core: LoadedBank, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """If JSON too deep for the parser got past the depth check, it is still refused as too deeply nested."""
    monkeypatch.setattr(loader, "check_depth", lambda text, label: None)
    path = tmp_path / "deep.json"
    path.write_text('{"bank": "core", "answers": {"a": ' + "[" * 100_000 + "]" * 100_000 + "}}", encoding="utf-8")
    assert problems(str(path), core) == [Problem(str(path), 0, 0, "", "nested deeper than 64 levels")]


def test_a_json_duplicate_key_is_refused_even_if_yaml_accepts_the_text(
    core: LoadedBank, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A key written twice in JSON is refused by name even when the YAML loader cannot place it."""
    monkeypatch.setattr(loader, "parse", lambda text, label: None)
    path = tmp_path / "twice.json"
    path.write_text(
        '{"bank": "core", "answers": {"digs-into-usage-data": 1, "digs-into-usage-data": 2}}', encoding="utf-8"
    )
    assert problems(str(path), core) == [Problem(str(path), 0, 0, "", "duplicate key 'digs-into-usage-data': keep one")]


def test_no_duplicate_keys_keeps_every_distinct_key() -> None:
    """The JSON object hook keeps distinct keys in order and names the first key written twice."""
    assert no_duplicate_keys([("a", 1), ("b", 2)]) == {"a": 1, "b": 2}
    with pytest.raises(DuplicateKey) as caught:
        no_duplicate_keys([("a", 1), ("b", 2), ("a", 3)])
    assert caught.value.key == "a"


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_every_likert_value_is_an_answer(core: LoadedBank, value: int) -> None:
    """1 to 5 answer a statement."""
    item = next(i for i in core.items if isinstance(i, LikertItem))
    assert answer_problem(item, value) is None


@pytest.mark.parametrize("value", [0, 6, True, False, "5", 4.0, None, "write-feature-spec"])
def test_anything_else_is_not_a_likert_answer(core: LoadedBank, value: object) -> None:
    """Outside 1-5, booleans, text and floats are refused, with the item named and the fix."""
    item = next(i for i in core.items if isinstance(i, LikertItem))
    shown = "an empty value (null)" if value is None else repr(value)  # null in the file's words, not Python's
    assert answer_problem(item, value) == f"{shown} is not an answer to likert item {item.id!r}: use 1 to 5, or skip"


@pytest.mark.parametrize("value", ["write-the-spec", 1, None, True, "WRITE-FEATURE-SPEC"])
def test_a_choice_takes_only_its_option_ids(core: LoadedBank, value: object) -> None:
    """A choice accepts each of its option ids and nothing else, and the refusal lists the options."""
    item = core.item("spec-or-positioning-doc")
    assert answer_problem(item, "write-feature-spec") is None and answer_problem(item, "draft-positioning-doc") is None
    shown = "an empty value (null)" if value is None else repr(value)
    assert answer_problem(item, value) == f"{shown} is not an option of item 'spec-or-positioning-doc': {OPTIONS}"


def test_stdin_without_a_byte_buffer_is_read_as_text(core: LoadedBank) -> None:
    """A text stream with no ``buffer`` (a test harness's stdin) is read as the UTF-8 text it holds."""
    text = "# réponses, café\nbank: core\nanswers:\n  enjoys-writing-specs: 5\n"
    assert read_answers("-", core, stdin=io.StringIO(text)) == {"enjoys-writing-specs": 5}
    assert read_answers("-", core, stdin=io.BytesIO(text.encode("utf-8"))) == {"enjoys-writing-specs": 5}


def test_a_closed_stdin_names_the_file_option(core: LoadedBank) -> None:
    """With no stdin at all, `--answers -` is a usage error that says to name a file."""
    with pytest.raises(UsageError, match=r"^stdin is closed, so there are no answers to read: pass --answers FILE$"):
        read_answers("-", core, stdin=None)
