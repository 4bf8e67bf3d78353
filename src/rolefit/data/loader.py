"""Strict, safe YAML: plain data only, every problem reported as ``file:line:col: field: message``.

PyYAML implements YAML 1.1, which guesses types and forgives a lot. This loader refuses what a
bank author almost never means: duplicate keys, aliases (and so alias bombs), tags that build
objects, ``yes``/``no``/``on``/``off`` as booleans, and files above a size cap.
"""

from __future__ import annotations

import contextlib
import json
import re
import stat
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, TypeVar

from pydantic import BaseModel, ValidationError

from rolefit.data.numbers import MAX_DIGITS, DuplicateKey, OutOfRange, loads, read_int
from rolefit.errors import DataError, Problem

if TYPE_CHECKING:
    import yaml
    import yaml._yaml

    Mark = yaml.Mark | yaml._yaml.Mark  # the pure-Python and the C parser each have their own

# PyYAML is imported on first use, not here: rolefit reads the shipped data from a parsed cache
# (see catalog.py) and JSON answers without it, and the import is a good part of start-up.

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
_BRACKETS = re.compile(r"[\[\]{}]")
_LINE_PREFIX = re.compile(r"^(?:[ \t]|[-?:](?=[ \t]|$))+", re.MULTILINE)
_BOOL = "tag:yaml.org,2002:bool"
_YAML11_BOOL = "tag:rolefit,2026:yaml11-bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
# Numbers written plainly, as JSON writes them; YAML 1.1 also reads +3, 0x3, 0o3, 03, 0_3, 0b11, 1:30, .5, 1_0.5.
# Patterns, not compiled here: only a YAML parse uses them, and `re` compiles each once, on first use.
_PLAIN_INT = r"-?(?:0|[1-9][0-9]*)"
_PLAIN_FLOAT = r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?"
_NOT_FINITE = r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"  # read as floats; the models refuse them
Model = TypeVar("Model", bound=BaseModel)


class _Refused(Exception):
    """Raised inside the loader for a construct rolefit refuses, with its position."""

    def __init__(self, mark: Mark | None, message: str) -> None:
        self.mark = mark
        self.message = message


def _base() -> type[yaml.SafeLoader]:
    """The C loader when PyYAML has it (about ten times faster), else the pure-Python one."""
    import yaml

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return base


@cache
def _strict_loader() -> type[yaml.SafeLoader]:
    """Build the strict loader class (once, on first use)."""
    import yaml

    base = _base()

    class StrictLoader(base):  # type: ignore[valid-type,misc]
        """A safe loader that rejects duplicate keys, aliases, merge keys and YAML 1.1 booleans."""

        yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, re.Pattern[str]]]]] = {
            first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
            for first, resolvers in base.yaml_implicit_resolvers.items()
        }
        _depth = 0

        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            """Build one value; a node met twice is an alias, which is refused."""
            if node in self.constructed_objects or node in self.recursive_objects:
                raise _Refused(node.start_mark, "YAML aliases (*name) are not allowed: write the value out")
            level = 0 if isinstance(node, yaml.ScalarNode) else 1  # depth counts collections, as the pre-check does
            self._depth += level
            try:
                if self._depth > MAX_DEPTH:
                    raise _Refused(node.start_mark, f"nested deeper than {MAX_DEPTH} levels")
                return super().construct_object(node, deep=True)
            except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
                kind = node.tag.rsplit(":", 1)[-1]
                shown = repr(node.value) if isinstance(node, yaml.ScalarNode) else f"this {kind}"
                raise _Refused(
                    node.start_mark, f"{shown} is not a valid {kind} ({error}): quote it if it is text"
                ) from None
            finally:
                self._depth -= level

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            """Build a mapping, refusing merge keys and duplicate keys (naming both lines)."""
            mapping: dict[Any, Any] = {}
            key_nodes: dict[Any, yaml.Node] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _Refused(key_node.start_mark, "merge keys (<<) are not allowed: write the keys out")
                key = self.construct_object(key_node)
                if not isinstance(key, str | int | float | bool) or key is None:
                    raise _Refused(key_node.start_mark, "a key must be plain text")
                if key in key_nodes:
                    first = key_nodes[key].start_mark.line + 1
                    raise _Refused(key_node.start_mark, f"duplicate key {key!r} (first at line {first}): keep one")
                key_nodes[key] = key_node
                mapping[key] = self.construct_object(value_node)
            return mapping

    StrictLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    StrictLoader.add_implicit_resolver(
        _YAML11_BOOL, re.compile(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$"), list("yYnNoO")
    )
    StrictLoader.add_constructor(_YAML11_BOOL, _refuse_yaml11_bool)
    StrictLoader.add_constructor(_INT, _plain_int)
    StrictLoader.add_constructor(_FLOAT, _plain_float)
    return StrictLoader


def __getattr__(name: str) -> Any:
    """``StrictLoader`` is built on first use, so importing this module does not import PyYAML."""
    if name == "StrictLoader":
        return _strict_loader()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _refuse_yaml11_bool(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    raise _Refused(
        node.start_mark,
        f"{node.value!r} means false/true in YAML 1.1 but text in YAML 1.2: quote it ('{node.value}'), or write true/false",
    )


def unreadable(error: OSError) -> str:
    """Why a file could not be read, with the fix: the one wording for every reader."""
    if isinstance(error, FileNotFoundError):
        return "no such file: check the path"
    if isinstance(error, PermissionError):
        return "cannot be read (permission denied): check its permissions"
    return f"cannot be read ({error.strerror}): check the path"


def source_is_stream(path: Path, label: str, wanted: str) -> bool:
    """Whether a file to read is a stream (a pipe, FIFO or character device) rather than a regular file.

    What cannot be read as either (nothing there, a directory, a socket) is refused in one line, naming ``wanted``.
    Streams are read like files, under the same caps: ``read_text`` reads at most MAX_BYTES of any source.
    """
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise DataError([Problem(label, 0, 0, "", unreadable(error))]) from None
    if stat.S_ISDIR(mode):
        raise DataError([Problem(label, 0, 0, "", f"is a directory, not a file: name {wanted}")])
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return True
    if not stat.S_ISREG(mode):
        raise DataError([Problem(label, 0, 0, "", f"is not a file, a pipe or a FIFO: name {wanted}")])
    return False


def _plain_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | OutOfRange:
    """An integer written plainly (an OutOfRange past MAX_DIGITS digits); YAML 1.1's other forms are refused."""
    if re.fullmatch(_PLAIN_INT, node.value):
        return read_int(node.value)
    _loose_number(loader, node)


def _plain_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    """A float written plainly (or .inf/.nan, left to the models to refuse); YAML 1.1's other forms are refused."""
    if re.fullmatch(_PLAIN_FLOAT, node.value) or re.fullmatch(_NOT_FINITE, node.value):
        value: float = loader.construct_yaml_float(node)
        return value
    _loose_number(loader, node)


def _loose_number(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> NoReturn:
    """Refuse a number in one of YAML 1.1's loose forms, which YAML 1.2 reads otherwise or as text."""
    text = node.value
    value: Any = None
    if sum(char.isdigit() for char in text) <= MAX_DIGITS:
        with contextlib.suppress(ValueError, OverflowError):
            value = loader.construct_yaml_int(node) if node.tag == _INT else loader.construct_yaml_float(node)
    shown = repr(text) if len(text) <= 40 else f"{text[:40]!r}…"
    if isinstance(value, int | float):
        message = f"{shown} is a loose YAML 1.1 number ({value!r}): write {value!r}, or quote it if it is text"
    else:
        message = f"{shown} is a loose YAML 1.1 number: write it with digits only, or quote it if it is text"
    raise _Refused(node.start_mark, message)


def read_text(path: Path, label: str | None = None) -> str:
    """Read a data file as UTF-8 text, refusing directories, huge and binary files in one line each."""
    label = label or str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise DataError([Problem(label, 0, 0, "", "is a directory, not a file: name a YAML or JSON file")]) from None
    except OSError as error:
        raise DataError([Problem(label, 0, 0, "", unreadable(error))]) from None
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(label, 0, 0, "", f"is larger than {MAX_BYTES // 1024} KiB: split it or trim it")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError([Problem(label, line, 1, "", "is not UTF-8 text: save it as UTF-8")]) from None
    if "\x00" in text:
        line, col = _line_col(text, text.index("\x00"))
        raise DataError([Problem(label, line, col, "", "holds binary data (NUL bytes): name a text file")])
    return text.removeprefix("\ufeff")


def parse(text: str, label: str) -> Any:
    """Parse YAML (or JSON, a subset) into plain data, or raise DataError with the position."""
    import yaml

    loader = _strict_loader()(text)
    try:
        _refuse_deep_nesting(text)
        return loader.get_single_data()
    except _Refused as refused:
        mark = _first_alias(text) if "alias" in refused.message else refused.mark
        raise DataError([_at(label, mark or refused.mark, "", refused.message)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or "syntax error").strip()
        message = f"invalid YAML: {problem}"
        if problem == "but found another document":
            message = f"invalid YAML: {error.context}, {problem}: keep one document per file"
        if "constructor for the tag" in message:
            tag = _tag_of(message)
            if tag in ("!!value", "!!merge"):  # a bare = or <<, which YAML 1.1 gives a meaning
                value = "=" if tag == "!!value" else "<<"
                message = f"{value!r} has a special meaning in YAML 1.1: quote it ({value!r})"
            else:
                message = f"tag {tag} is not allowed: rolefit reads plain data only"
        raise DataError([_at(label, mark, "", message)]) from None
    except yaml.reader.ReaderError as error:
        line, col = _line_col(text, error.position)
        message = (
            f"invalid YAML: unacceptable character #x{error.character:04x}: control characters are not allowed: "
            f"remove it, or write it as an escape (\\x{error.character:02x}) in double quotes"
        )
        raise DataError([Problem(label, line, col, "", message)]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(label, 0, 0, "", f"invalid YAML: {error}")]) from None
    except RecursionError:
        raise DataError([Problem(label, 0, 0, "", f"nested deeper than {MAX_DEPTH} levels")]) from None
    finally:
        loader.dispose()


def _depth_bound(text: str) -> int:
    """An upper bound on the text's nesting depth, found without parsing it.

    A block collection starts in a line's prefix (its indentation and any ``- ``, ``? `` or ``: ``
    indicators), and each block level starts right of its parent, except a sequence that is a
    mapping's value, which may share the key's column: so block depth is at most twice the widest
    prefix, plus the key on that line. A flow collection adds one level per unclosed bracket.
    Brackets inside strings only make the bound larger, so a small bound proves the text shallow.
    """
    brackets = depth = 0
    for match in _BRACKETS.finditer(text):
        depth = max(depth + (1 if match.group() in "[{" else -1), 0)
        brackets = max(brackets, depth)
    prefix = max((len(found.group()) for found in _LINE_PREFIX.finditer(text)), default=0)
    return 2 * (prefix + 1) + brackets


def _refuse_deep_nesting(text: str) -> None:
    """Refuse nesting past MAX_DEPTH with rolefit's own message, before any recursive parser runs.

    libyaml's composer is recursive (deep input crashed it before PyYAML 6.0.4) and PyYAML 6.0.4
    refuses about 1,000 levels itself, with its own message and position. So when the cheap bound
    says the text may be too deep, the depth is counted on the pure-Python event stream, which
    neither recurses nor limits nesting, and the first event past the limit is the place reported.
    """
    if _depth_bound(text) <= MAX_DEPTH:
        return
    import yaml

    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Refused(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # invalid before it got too deep: the real parse reports the syntax error


def check_depth(text: str, label: str) -> None:
    """Refuse text (YAML or JSON) nested deeper than MAX_DEPTH, at the place it goes too deep."""
    if _depth_bound(text) <= MAX_DEPTH:
        return  # the common case, without importing PyYAML
    try:
        _refuse_deep_nesting(text)
    except _Refused as refused:
        raise DataError([_at(label, refused.mark, "", refused.message)]) from None


def _first_alias(text: str) -> Mark | None:
    """Where the first alias stands (the C composer hands back the anchored node instead)."""
    import yaml

    for event in yaml.parse(text, Loader=_base()):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark
    return None


def validate(model: type[Model], data: Any, text: str, label: str, context: dict[str, Any] | None = None) -> Model:
    """Validate parsed data against a model; every error comes back at once with its position."""
    if not isinstance(data, dict):
        required = ", ".join(name for name, field in model.model_fields.items() if field.is_required())
        fix = f"write a mapping with {required}"
        if data is None:
            raise DataError([Problem(label, 0, 0, "", f"is empty: {fix}")])
        kind = "a list" if isinstance(data, list) else "text" if isinstance(data, str) else "a single value"
        root = compose(text)
        raise DataError(
            [_at(label, root.start_mark if root is not None else None, "", f"is {kind}, not a mapping: {fix}")]
        )
    try:
        return model.model_validate(data, context=context)
    except ValidationError as error:
        from rolefit.data.describe import describe_error

        root = compose(text)
        in_json = looks_like_json(text)
        problems = [locate(root, label, err["loc"], describe_error(err, in_json=in_json)) for err in error.errors()]
        raise DataError(problems) from None


def compose(text: str) -> yaml.Node | None:
    """The node tree of already-parsed text, for positions; None if it cannot be built."""
    import yaml

    try:
        return yaml.compose(text, Loader=_base())
    except yaml.YAMLError:
        return None


def locate_top(text: str, label: str, key: str, message: str) -> Problem:
    """A problem at the value of one top-level key, found by reading events only as far as that key.

    ``locate`` needs the whole node tree, which for a file near the size cap costs as much as parsing it
    again; a refusal made up front (a list past its size limit) should not.
    """
    import yaml

    depth, expect_key, found = 0, False, False
    for event in yaml.parse(text, Loader=_base()):
        if found:
            return _at(label, event.start_mark, key, message)
        starts = isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent)
        ends = isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent)
        if depth == 1 and not ends:  # a key or a value of the root mapping
            found = expect_key and isinstance(event, yaml.ScalarEvent) and event.value == key
            expect_key = not expect_key
        depth += 1 if starts else -1 if ends else 0
        if depth == 1 and starts:  # the root mapping opened: a key comes first
            expect_key = True
    return Problem(label, 0, 0, key, message)


def locate(root: yaml.Node | None, label: str, loc: Sequence[int | str], message: str) -> Problem:
    """Turn a field path into a Problem at the matching node's line and column."""
    import yaml

    node, shown = root, list[str]()
    pairs: dict[Any, tuple[yaml.Node, yaml.Node]] = {}
    for part in loc:
        if part == "[key]":  # pydantic's marker for a problem with the mapping key just named
            if shown and shown[-1] in pairs:
                node = pairs[shown[-1]][0]
            continue
        if isinstance(node, yaml.MappingNode):
            pairs = {key.value: (key, value) for key, value in node.value}
            if part in pairs:
                node = pairs[part][1]
            elif pairs.get("kind", (None, None))[1] is not None and pairs["kind"][1].value == part:
                continue  # pydantic names the union member; it is not a field
            shown.append(str(part))
            if part not in pairs:
                break
            continue
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        shown.append(str(part))
    where = ".".join(shown)
    if node is None:
        return Problem(label, 0, 0, where, message)
    return _at(label, node.start_mark, where, message)


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _at(label: str, mark: Mark | None, where: str, message: str) -> Problem:
    if mark is None:
        return Problem(label, 0, 0, where, message)
    return Problem(label, mark.line + 1, mark.column + 1, where, message)


def _tag_of(message: str) -> str:
    found = re.search(r"'([^']+)'", message)
    return found.group(1).replace("tag:yaml.org,2002:", "!!") if found else "(unknown)"


def looks_like_json(text: str) -> bool:
    """Whether a data file is JSON (an object) rather than YAML; rolefit reads both, and words messages for each."""
    return text.lstrip().startswith("{")


def parse_data(text: str, label: str) -> Any:
    """JSON when it looks like JSON (exact positions and JSON's own words, duplicate keys refused, long integers marked), YAML otherwise."""
    if not looks_like_json(text):
        return parse(text, label)
    check_depth(text, label)
    try:
        return loads(text)  # duplicate keys refused, over-long integers marked (rolefit.data.numbers)
    except json.JSONDecodeError as error:
        from rolefit.data.describe import describe_json_error

        raise DataError([Problem(label, error.lineno, error.colno, "", describe_json_error(error))]) from None
    except RecursionError:
        raise DataError([Problem(label, 0, 0, "", f"nested deeper than {MAX_DEPTH} levels")]) from None
    except DuplicateKey as duplicate:
        parse(text, label)  # the strict YAML loader names the line and column of the second key
        raise DataError([Problem(label, 0, 0, "", f"duplicate key {duplicate.key!r}: keep one")]) from None
