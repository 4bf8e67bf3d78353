"""Problems at their place: validation errors and refusals located in the text as ``file:line:col: field``.

pydantic reports a field path (``items.1.kind``); ``locate`` walks it through the YAML node tree of
the same text (JSON is YAML) to the node's start, so every message names the line and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from rolefit.data.reading import looks_like_json
from rolefit.errors import DataError, Problem

if TYPE_CHECKING:
    import yaml
    import yaml._yaml

    Mark = yaml.Mark | yaml._yaml.Mark  # the pure-Python and the C parser each have their own

Model = TypeVar("Model", bound=BaseModel)


def safe_loader() -> type[yaml.SafeLoader]:
    """The C loader when PyYAML has it (about ten times faster), else the pure-Python one."""
    import yaml

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return base


MAX_PROBLEMS = 50  # problems placed and shown for one file; the rest are counted


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
            [problem_at(label, root.start_mark if root is not None else None, "", f"is {kind}, not a mapping: {fix}")]
        )
    try:
        return model.model_validate(data, context=context)
    except ValidationError as error:
        root = compose(text)
        in_json = looks_like_json(text)
        from rolefit.data.describe import describe_error  # only a failure needs the error wording

        errors = error.errors()
        shown = errors[:MAX_PROBLEMS]  # each is placed by walking the tree: a file of 60,000 bad keys stays quick
        problems = [locate(root, label, err["loc"], describe_error(err, in_json=in_json)) for err in shown]
        if len(errors) > len(shown):
            more = len(errors) - len(shown)
            problems.append(Problem(label, 0, 0, "", f"and {more} more problems like these: fix those first"))
        raise DataError(problems) from None


def compose(text: str) -> yaml.Node | None:
    """The node tree of already-parsed text, for positions; None if it cannot be built."""
    import yaml

    try:
        return yaml.compose(text, Loader=safe_loader())
    except yaml.YAMLError:
        return None


def locate_top(text: str, label: str, key: str, message: str) -> Problem:
    """A problem at the value of one top-level key, found by reading events only as far as that key.

    ``locate`` needs the whole node tree, which for a file near the size cap costs as much as parsing it
    again; a refusal made up front (a list past its size limit) should not.
    """
    import yaml

    depth, expect_key, found = 0, False, False
    for event in yaml.parse(text, Loader=safe_loader()):
        if found:
            return problem_at(label, event.start_mark, key, message)
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
    return problem_at(label, node.start_mark, where, message)


def problem_at(label: str, mark: Mark | None, where: str, message: str) -> Problem:
    """A problem at a parser's mark (0-based), as a 1-based line and column; at the file when there is none."""
    if mark is None:
        return Problem(label, 0, 0, where, message)
    return Problem(label, mark.line + 1, mark.column + 1, where, message)
