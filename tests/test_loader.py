"""The strict YAML loader refuses what a bank author almost never means, at the exact place."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolefit.data import loader
from rolefit.data.loader import parse
from rolefit.data.reading import MAX_BYTES, read_text
from rolefit.errors import DataError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", "f.yaml:3:1: duplicate key 'a' (first at line 1): keep one"),
        ("a: &x [1, 2]\nb: *x\n", "f.yaml:2:4: YAML aliases (*name) are not allowed: write the value out"),
        ('a: &a ["lol", "lol"]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\n', "f.yaml:2:8: YAML aliases (*name)"),
        ("a: !!python/object/apply:os.system [ls]\n", "f.yaml:1:4: tag !!python/object/apply:os.system is not allowed"),
        ("a: !!python/name:os.system\n", "f.yaml:1:4: tag !!python/name:os.system is not allowed"),
        ("b:\n  <<: {y: 2}\n", "f.yaml:2:3: merge keys (<<) are not allowed"),
        ("a: [1, 2\nb: 3\n", "f.yaml:2:2: invalid YAML: did not find expected ',' or ']'"),
        ("id: no\n", "f.yaml:1:5: 'no' means false/true in YAML 1.1 but text in YAML 1.2: quote it ('no')"),
        ("options: [yes, On]\n", "f.yaml:1:11: 'yes' means false/true in YAML 1.1"),
        ("[" * 100_000 + "]" * 100_000, "f.yaml:1:65: nested deeper than 64 levels"),
        ("".join(" " * i + "a:\n" for i in range(100)) + " " * 100 + "1\n", "nested deeper than 64 levels"),
        # past libyaml's own limit (about 1,000 levels in PyYAML 6.0.4), rolefit's message and place still win
        (
            "".join(" " * i + "a:\n" for i in range(2000)) + " " * 2000 + "1\n",
            "f.yaml:65:65: nested deeper than 64 levels",
        ),
        ("- " * 2000 + "1\n", "f.yaml:1:129: nested deeper than 64 levels"),
        ("{a: " * 2000 + "1" + "}" * 2000, "f.yaml:1:257: nested deeper than 64 levels"),
        ("a:\n  " + "[" * 2000 + "]" * 2000 + "\n", "f.yaml:2:66: nested deeper than 64 levels"),
    ],
)
def test_refused_constructs_are_named_at_their_place(text: str, expected: str) -> None:
    """Duplicate keys, aliases, object tags, merge keys, YAML 1.1 booleans and deep nesting are errors."""
    with pytest.raises(DataError) as caught:
        parse(text, "f.yaml")
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_construct_time_limit_agrees_with_the_pre_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the pre-parse check bypassed, the loader's own depth limit names the same place and message."""
    text = "id: deep\nitems:\n" + "".join("  " * (n + 1) + "a:\n" for n in range(100)) + "  " * 101 + "1\n"
    with pytest.raises(DataError) as before:
        parse(text, "f.yaml")
    monkeypatch.setattr(loader, "_depth_bound", lambda _text: 0)
    with pytest.raises(DataError) as after:
        parse(text, "f.yaml")
    assert str(before.value) == str(after.value) == "f.yaml:66:129: nested deeper than 64 levels"


def test_sixty_four_levels_are_allowed() -> None:
    """Exactly MAX_DEPTH levels load whole, in flow and in block style; one more is refused in either."""
    assert loader.MAX_DEPTH == 64
    lists: object = []
    for _ in range(63):
        lists = [lists]
    assert parse("[" * 64 + "]" * 64, "f.yaml") == lists
    mappings: object = 1
    for _ in range(64):
        mappings = {"a": mappings}
    block = "".join(" " * i + "a:\n" for i in range(64)) + " " * 64 + "1\n"
    assert parse(block, "f.yaml") == mappings
    with pytest.raises(DataError, match="nested deeper than 64 levels"):
        parse("[" * 65 + "]" * 65, "f.yaml")
    with pytest.raises(DataError, match="nested deeper than 64 levels"):
        parse("".join(" " * i + "a:\n" for i in range(65)) + " " * 65 + "1\n", "f.yaml")


def test_plain_data_loads_as_plain_data() -> None:
    """Quoted YAML 1.1 booleans stay text; true/false stay booleans; numbers stay numbers."""
    assert parse("a: 'no'\nb: true\nc: 1.5\nd: [x, 'on']\n", "f.yaml") == {
        "a": "no",
        "b": True,
        "c": 1.5,
        "d": ["x", "on"],
    }


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"a: \xff\xfe\n", "is not UTF-8 text: save it as UTF-8"),
        (b"a: 1\x00\n", "holds binary data"),
        (b"a" * (MAX_BYTES + 1), "is larger than 1024 KiB"),
    ],
)
def test_unreadable_files_are_one_line_errors(tmp_path: Path, content: bytes, expected: str) -> None:
    """Non-UTF-8, binary and oversized files are refused before parsing."""
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    with pytest.raises(DataError, match=expected):
        read_text(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    """A missing path and a directory each get their own fix."""
    with pytest.raises(DataError, match="no such file: check the path"):
        read_text(tmp_path / "nope.yaml")
    with pytest.raises(DataError, match="is a directory, not a file"):
        read_text(tmp_path)
