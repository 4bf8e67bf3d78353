"""Strict, safe YAML: plain data only, every problem reported as ``file:line:col: field: message``.

PyYAML implements YAML 1.1, which guesses types and forgives a lot. This loader refuses what a
bank author almost never means: duplicate keys, aliases (and so alias bombs), tags that build
objects, ``yes``/``no``/``on``/``off`` as booleans, and nesting past a depth cap. Files are read (under
a size cap) by ``rolefit.data.reading``; problems are placed in the text by ``rolefit.data.positions``.
"""

from __future__ import annotations

import contextlib
import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

from rolefit.data.numbers import MAX_DIGITS, DuplicateKey, OutOfRange, loads, read_int
from rolefit.data.positions import problem_at, safe_loader
from rolefit.data.reading import line_col, looks_like_json
from rolefit.errors import DataError, Problem

if TYPE_CHECKING:
    import yaml

    from rolefit.data.positions import Mark

# PyYAML is imported on first use, not here: rolefit reads the shipped data from a parsed cache
# (see catalog.py) and JSON answers without it, and the import is a good part of start-up.

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
_MAY_TAG = r"(?:^|[\s\[{,])!"  # a '!' where a token starts: perhaps a tag (a '!' inside text is never one)
_TAG_AS_WRITTEN = r"!<[^>]*>|![^\s,\[\]{}]*"
TAG_FIX = "rolefit reads plain data only: remove the tag and write the value plainly"


class _Refused(Exception):
    """Raised inside the loader for a construct rolefit refuses, with its position."""

    def __init__(self, mark: Mark | None, message: str) -> None:
        self.mark = mark
        self.message = message


@cache
def _strict_loader() -> type[yaml.SafeLoader]:
    """Build the strict loader class (once, on first use)."""
    import yaml

    base = safe_loader()

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


def parse(text: str, label: str) -> Any:
    """Parse YAML (or JSON, a subset) into plain data, or raise DataError with the position."""
    import yaml

    loader = _strict_loader()(text)
    try:
        _refuse_deep_nesting(text)
        _refuse_tags(text)
        return loader.get_single_data()
    except _Refused as refused:
        mark = _first_alias(text) if "alias" in refused.message else refused.mark
        raise DataError([problem_at(label, mark or refused.mark, "", refused.message)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or "syntax error").strip()
        message = f"invalid YAML: {problem}"
        if mark is not None and isinstance(error, yaml.scanner.ScannerError | yaml.parser.ParserError):
            from rolefit.data.describe import describe_yaml_error  # only a failure needs the error wording

            message = f"invalid YAML: {describe_yaml_error(problem, text, mark.line, mark.column, mark.index)}"
        if problem == "but found another document":
            message = f"invalid YAML: {error.context}, {problem}: keep one document per file"
        if "constructor for the tag" in message:
            tag = _tag_of(message)
            if tag in ("!!value", "!!merge"):  # a bare = or <<, which YAML 1.1 gives a meaning
                value = "=" if tag == "!!value" else "<<"
                message = f"{value!r} has a special meaning in YAML 1.1: quote it ({value!r})"
            else:
                message = f"tag {tag} is not allowed: {TAG_FIX}"
        raise DataError([problem_at(label, mark, "", message)]) from None
    except yaml.reader.ReaderError as error:
        line, col = line_col(text, error.position)
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


def _refuse_tags(text: str) -> None:
    """Refuse the first explicit tag, standard ones included, at the tag as written.

    The constructors catch tags that build objects, but ``!!int "3"`` builds an int from quoted text, and
    ``!!str 3`` text from a number: silent coercion either way. The composed nodes no longer say whether a tag
    was written, so the events are read for it, and only when a '!' stands where a token may start.
    """
    if not re.search(_MAY_TAG, text, re.MULTILINE):
        return
    import yaml

    try:
        for event in yaml.parse(text, Loader=safe_loader()):
            if isinstance(event, yaml.NodeEvent) and getattr(event, "tag", None) is not None and event.start_mark:
                written = re.compile(_TAG_AS_WRITTEN).search(text, event.start_mark.index)
                tag = written.group() if written else str(getattr(event, "tag", ""))
                raise _Refused(event.start_mark, f"tag {tag} is not allowed: {TAG_FIX}")
    except yaml.YAMLError:
        return  # invalid before any tag: the real parse reports the syntax error


def check_depth(text: str, label: str) -> None:
    """Refuse text (YAML or JSON) nested deeper than MAX_DEPTH, at the place it goes too deep."""
    if _depth_bound(text) <= MAX_DEPTH:
        return  # the common case, without importing PyYAML
    try:
        _refuse_deep_nesting(text)
    except _Refused as refused:
        raise DataError([problem_at(label, refused.mark, "", refused.message)]) from None


def _first_alias(text: str) -> Mark | None:
    """Where the first alias stands (the C composer hands back the anchored node instead)."""
    import yaml

    for event in yaml.parse(text, Loader=safe_loader()):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark
    return None


def _tag_of(message: str) -> str:
    found = re.search(r"'([^']+)'", message)
    return found.group(1).replace("tag:yaml.org,2002:", "!!") if found else "(unknown)"


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
