"""Messages name the place and the fix in the terms of the file's own format: YAML syntax and numbers, streams,
progress that cannot be resumed, and files given where another kind was meant."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.data.catalog import LoadedBank, ProfileSet, load_bank
from rolefit.errors import DataError
from rolefit.quiz.progress import ProgressStore


@pytest.mark.parametrize(
    ("text", "what"),
    [
        (
            json.dumps({"bank": "core", "answers": {"enjoys-writing-specs": 4}}, indent=2),
            "one JSON document over lines",
        ),
        (json.dumps([{"bank": "core", "answers": {}}], indent=1), "one JSON document over lines"),
        ("bank: core\nanswers:\n  enjoys-writing-specs: 4\n", "YAML"),
        ("---\nbank: core\n", "YAML"),
    ],
    ids=["pretty-object", "pretty-list", "yaml", "yaml-document-start"],
)
def test_a_whole_answers_file_in_a_stream_is_one_message_not_one_per_line(text: str, what: str) -> None:
    """`rolefit score - < pretty.json` (or a YAML file): a stream is JSON Lines; one line says so and how to score
    the file, instead of a message for each of its lines."""
    result = CliRunner().invoke(app, ["score", "-"], input=text.encode())
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"<stdin>:1:1: this is {what}, not JSON Lines (one answer set per line): name the file "
        "(rolefit score FILE) to read it whole, or write each set on one line (jq -c .)"
    ]


def test_a_json_lines_stream_with_a_broken_first_line_still_scores_the_rest() -> None:
    """Only a first line that starts a whole document is taken for one: a cohort's broken line is one message."""
    good = json.dumps({"bank": "core", "answers": {"enjoys-writing-specs": 4}})
    result = CliRunner().invoke(app, ["score", "-"], input=f'{{"bank": "core"\n{good}\n'.encode())
    assert result.exit_code == 1 and len(result.stdout.splitlines()) == 1
    assert result.stderr.startswith("<stdin>:1:") and "ends before its JSON object does" in result.stderr


YAML_SYNTAX = {
    "unclosed-list": ("a: [1, 2\nb: 3\n", "2:2", "close the list with ']', and put ',' between its entries"),
    "unclosed-mapping": ("a: {x: 1\nb: 3\n", "2:2", "close the mapping with '}', and put ',' between its entries"),
    "missing-flow-value": ("a: [b, #c]\n", "2:1", "write the value, or remove a trailing ','"),
    "list-on-a-key-line": ("a: - b\n", "1:4", "start the list on the next line"),
    "tab-at-a-line-start": ("a:\n\tb: 1\n", "2:1", "indent with spaces, not tabs"),
    "tab-in-indentation": ("a: 1\n\tb: 2\n", "2:1", "indent with spaces, not tabs"),
    "backtick": ("a: `x`\n", "1:4", "'`' cannot start a plain value: put the value in quotes"),
    "at-sign": ("a: @x\n", "1:4", "'@' cannot start a plain value: put the value in quotes"),
    "bad-unicode-escape": ('a: "\\uZZZZ"\n', "1:7", "write \\u and four hex digits (\\u00e9)"),
    "unknown-escape": ('a: "\\q"\n', "1:5", "write \\\\ for a backslash, or use single quotes"),
    "colon-in-a-value": ("text: Note: this\n", "1:11", "put a value that holds ': ' in quotes"),
    "key-past-1024-characters": ("x" * 1100 + ": 1\n", "1:1101", "a key is at most 1024 characters: shorten it"),
    "key-out-of-line": ("a:\n  b: 1\n c: 2\n", "3:2", "keys of one mapping start in the same column"),
    "unclosed-quote": ('a: "abc\n', "2:1", "add the closing quote"),
    "list-entry-out-of-line": ("- a\nb: 1\n", "2:1", "entries of one list start with '- ' in the same column"),
    "key-without-colon": ("? a\n? b: c\n  d\n", "4:1", "put ': ' after the key"),
}


@pytest.mark.parametrize(("text", "place", "fix"), YAML_SYNTAX.values(), ids=YAML_SYNTAX.keys())
def test_a_yaml_syntax_error_names_the_fix_in_yamls_terms(text: str, place: str, fix: str) -> None:
    """libyaml's words say what it expected; the message goes on to say what to change, in YAML's own terms."""
    with pytest.raises(DataError) as caught:
        parse_yaml(text)
    message = str(caught.value)
    assert message.startswith(f"f.yaml:{place}: invalid YAML: ") and fix in message, message
    assert "\n" not in message


def parse_yaml(text: str) -> object:
    """Parse YAML text as rolefit's strict loader does."""
    from rolefit.data.loader import parse

    return parse(text, "f.yaml")


YAML_NUMBERS = {
    "exponent-without-a-dot": (
        "1e308",
        "'1e308' is text to YAML 1.1 (an exponent needs a '.' and a sign): write 1.0e+308",
    ),
    "tiny-exponent": ("5e-324", "'5e-324' is text to YAML 1.1 (an exponent needs a '.' and a sign): write 5.0e-324"),
    "exponent-without-a-sign": (
        "1.0e308",
        "'1.0e308' is text to YAML 1.1 (an exponent needs a '.' and a sign): write 1.0e+308",
    ),
    "capital-e": ("1E5", "'1E5' is text to YAML 1.1 (an exponent needs a '.' and a sign): write 1.0E+5"),
    "beyond-range-as-text": ("1.0e400", "'1.0e400' is beyond the range of a number: write an ordinary number"),
    "beyond-range": (
        "1.0e+400",
        "Input should be a finite number: write an ordinary number (not .inf, .nan, or one past 1.7e+308)",
    ),
    "infinity": (
        ".inf",
        "Input should be a finite number: write an ordinary number (not .inf, .nan, or one past 1.7e+308)",
    ),
    "bool": ("true", "must be a number, not true: write a number such as 0.5"),
}


@pytest.mark.parametrize(("value", "says"), YAML_NUMBERS.values(), ids=YAML_NUMBERS.keys())
def test_a_number_yaml_cannot_read_names_its_place_and_the_fix(
    tmp_path: Path, profiles: ProfileSet, value: str, says: str
) -> None:
    """YAML 1.1 reads `1e308` as text and `1.0e+400` as infinity: the effect's place, then how to write it."""
    bank = tmp_path / "bank.yaml"
    text = (Path(__file__).parent / "corpus" / "valid-bank.yaml").read_text(encoding="utf-8")
    bank.write_text(text.replace("effects: {prioritisation: 1.0}\n", f"effects: {{prioritisation: {value}}}\n", 1))
    with pytest.raises(DataError) as caught:
        load_bank(str(bank), profiles)
    assert str(caught.value) == f"{bank}:11:31: items.0.effects.prioritisation: {says}"


def test_progress_that_cannot_be_resumed_says_what_happens_next(tmp_path: Path, quick: LoadedBank) -> None:
    """Damaged progress with no good copy: the one line says the quiz starts afresh and what becomes of the file."""
    warnings: list[str] = []
    (tmp_path / f"{quick.id}.json").write_text('{"format": 1, "bank": ', encoding="utf-8")
    assert ProgressStore(quick.id, directory=tmp_path, warn=warnings.append).load(quick) is None
    assert warnings == [
        f"rolefit: saved progress {tmp_path / 'quick.json'} is damaged (not valid JSON, perhaps cut short) and "
        "cannot be resumed: the quiz starts afresh, and its first save replaces the file"
    ]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (
            "bank: core\nanswers: {enjoys-writing-specs: 4}\n",
            "is an answers file, not a bank: answer a quiz with it (rolefit quiz --answers FILE), "
            "or name a bank file instead",
        ),
        (
            '{"schema_version": 2, "recommendation": {}, "fits": []}',
            "is a saved result, not a bank: draw it with rolefit explain FILE, or name a bank file instead",
        ),
    ],
    ids=["answers-file", "result"],
)
def test_validate_of_an_answers_file_or_a_result_says_what_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, says: str
) -> None:
    """Not a screen of missing bank fields: one line that says what the file is and which command reads it."""
    monkeypatch.chdir(tmp_path)
    Path("file.yaml").write_text(content, encoding="utf-8")
    for args in (["validate", "file.yaml"], ["quiz", "--bank", "file.yaml", "--answers", "file.yaml"]):
        result = CliRunner().invoke(app, args)
        assert (result.exit_code, result.stderr) == (1, f"file.yaml: {says}\n"), args


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_bank_that_is_an_endless_device_is_named_as_a_stream(device: str, profiles: ProfileSet) -> None:
    """`--bank /dev/zero` gives more than the cap without ending: the fix is to name a file, not to trim one."""
    with pytest.raises(DataError) as caught:
        load_bank(device, profiles)
    assert str(caught.value) == (
        f"{device}: is a device, and gave more than 1024 KiB without ending: name a file of at most 1024 KiB"
    )


def test_validate_of_a_directory_without_shared_yaml_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory of banks (or of profiles without their registry) is not a profiles directory: one line that says
    so and names both fixes, not `DIR/shared.yaml: no such file`."""
    monkeypatch.chdir(tmp_path)
    Path("banks").mkdir()
    Path("banks/valid-bank.yaml").write_bytes((Path(__file__).parent / "corpus" / "valid-bank.yaml").read_bytes())
    result = CliRunner().invoke(app, ["validate", "banks"])
    assert (result.exit_code, result.stderr) == (
        1,
        "banks: has no shared.yaml, so it is not a profiles directory: add the trait registry (shared.yaml) to it, "
        "or name the bank files in it (banks/*.yaml) to validate them\n",
    )


def test_a_mapping_past_its_size_limit_is_counted_in_the_message() -> None:
    """pydantic counts a list past its limit but not a mapping: the message counts it itself, never says None."""
    from typing import Annotated

    from pydantic import BaseModel, Field, ValidationError

    from rolefit.data.describe import describe_error

    class Capped(BaseModel):
        answers: Annotated[dict[str, int], Field(max_length=2)]

    with pytest.raises(ValidationError) as raised:
        Capped(answers={"a": 1, "b": 2, "c": 3})
    message = describe_error(raised.value.errors()[0], in_json=True)
    assert message == "3 entries, more than the 2 allowed here: remove some"


def test_a_null_answer_is_named_in_the_files_words(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("bank: core\nanswers:\n  enjoys-writing-specs: null\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["quiz", "--answers", str(path), "--json"])
    assert done.exit_code == 1
    assert "an empty value (null) is not an answer to likert item 'enjoys-writing-specs'" in done.stderr
    assert "None" not in done.stderr


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("text", "x" * 2001, "2001 characters, more than the 2000 allowed here: shorten it"),
        ("text", "   ", "is empty: write the text"),
        ("term", "x", "1 character, fewer than the 2 needed here: write more"),
        ("weight", -1.25, "-1.25 is less than -1, the least allowed here: write at least -1"),
        ("weight", 2, "2 is more than 1, the most allowed here: write at most 1"),
    ],
)
def test_sizes_and_ranges_name_the_limit_and_the_fix(kind: str, value: object, expected: str) -> None:
    """pydantic's own words ("Input should be less than or equal to 1") name no fix: rolefit's do."""
    from pydantic import TypeAdapter, ValidationError

    from rolefit.data import models
    from rolefit.data.describe import describe_error

    field = {"text": models.Text, "term": models.TermText, "weight": models.Weight}[kind]
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(field).validate_python(value)
    assert describe_error(caught.value.errors()[0]) == expected


def test_a_whole_document_named_as_json_lines_costs_that_file_only(tmp_path: Path) -> None:
    """`rolefit score pretty.jsonl good.jsonl`: one message for the first (with the fix for a file), the second scored."""
    pretty, good = tmp_path / "pretty.jsonl", tmp_path / "good.jsonl"
    pretty.write_text(json.dumps({"bank": "core", "answers": {}}, indent=2), encoding="utf-8")
    good.write_text(json.dumps({"bank": "core", "answers": {"enjoys-writing-specs": 4}}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(pretty), str(good)])
    assert result.exit_code == 1
    assert [json.loads(line)["file"] for line in result.stdout.splitlines()] == [str(good)]
    assert result.stderr.splitlines() == [
        f"{pretty}:1:1: this is one JSON document over lines, not JSON Lines (one answer set per line): "
        "give it a .json or .yaml name to read it whole, or write each set on one line (jq -c .)"
    ]
