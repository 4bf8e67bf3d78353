"""Every JSON shape rolefit prints matches the schema `rolefit schema` publishes for it, and only that shape does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from rolefit.cli import SHAPE_NAMES, app
from rolefit.commands.schema import SHAPES

runner = CliRunner()


def published(name: str) -> dict[str, Any]:
    """The schema `rolefit schema NAME` prints, checked to be a valid JSON Schema."""
    done = runner.invoke(app, ["schema", name])
    assert done.exit_code == 0, done.stderr
    schema: dict[str, Any] = json.loads(done.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"urn:rolefit:{name}:{SHAPES[name].version}"
    return schema


def printed(*args: str, stdin: str | None = None) -> str:
    """What a command prints on stdout, after checking it succeeded."""
    done = runner.invoke(app, list(args), input=stdin)
    assert done.exit_code == 0, done.stderr
    return done.stdout


LINE = json.dumps({"bank": "core", "answers": {"enjoys-writing-specs": 5}, "id": "x-1"})
TEAMS: tuple[dict[str, str], ...] = (
    {"roadmap": "pm", "personas": "nobody"},
    {"roadmap": "one-person", "personas": "one-person"},
    {},
)
# Each shape: the runs of the commands that print it, as (arguments, stdin); ANSWERS is an answers file's path.
RUNS: dict[str, list[tuple[tuple[str, ...], str | None]]] = {
    "result": [(("quiz", "--answers", "ANSWERS", "--json"), None)],
    "score-line": [(("score",), f"{LINE}\n{json.dumps({'bank': 'core', 'answers': {}})}\n")],
    "score-summary": [(("score", "--summary"), f"{LINE}\n")],
    "analysis": [
        (("analyze", "--bank", "quick", "--json", "-n", "300"), None),
        (("analyze", "--json", "-n", "300", "--adaptive", "3"), None),
    ],
    "bank-list": [(("bank", "list", "--json"), None)],
    "bank": [(("bank", "show", bank, "--json"), None) for bank in ("core", "quick")],
    "profile-list": [(("profile", "list", "--json"), None)],
    "profile": [
        (("profile", "show", role, "--json"), None) for role in ("product-manager", "product-marketing-manager")
    ],
    "validation": [(("validate", "--json"), None)],
    "tasks": [(("tasks", "--json"), None)],
    "roles": [(("roles", "--json"), None)],
    "team-result": [(("team", "--answers", "-", "--json"), json.dumps({"team": team})) for team in TEAMS],
    "gap-map": [
        (("matrix", "--answers", "-", "--json"), json.dumps({"matrix": {"roadmap": "done", "personas": "some"}})),
        (("matrix", "--answers", "-", "--json"), json.dumps({"matrix": {}})),
    ],
}


def documents(name: str, tmp_path: Path) -> list[Any]:
    """Real output of every command that prints the shape (score prints one document per line)."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"bank": "core", "answers": {"enjoys-writing-specs": 5}}), encoding="utf-8")
    if name in ("history-list", "history-entry", "comparison"):
        return kept_documents(name, answers, tmp_path)
    found = []
    for args, stdin in RUNS[name]:
        out = printed(*(str(answers) if arg == "ANSWERS" else arg for arg in args), stdin=stdin)
        found += [json.loads(row) for row in out.splitlines()] if name == "score-line" else [json.loads(out)]
    return found


def kept_documents(name: str, answers: Path, tmp_path: Path) -> list[Any]:
    """The history's shapes, from two kept results (a different answer the second time)."""
    later = tmp_path / "later.json"
    later.write_text(json.dumps({"bank": "core", "answers": {"enjoys-writing-specs": 1}}), encoding="utf-8")
    printed("quiz", "--answers", str(answers), "--save", "--json")
    printed("quiz", "--answers", str(later), "--save", "--json")
    if name == "history-list":
        return [json.loads(printed("history", "--json"))]
    if name == "history-entry":
        return [json.loads(printed("history", "show", ref, "--json")) for ref in ("1", "last")]
    return [json.loads(printed("compare", "1", "last", "--json"))]


@pytest.mark.parametrize("name", list(SHAPES))
def test_real_output_matches_its_published_schema(name: str, tmp_path: Path) -> None:
    """The real output of each command validates against the schema published for its shape."""
    validator = jsonschema.Draft202012Validator(published(name))
    for document in documents(name, tmp_path):
        errors = [error.message for error in validator.iter_errors(document)]
        assert errors == [], errors


@pytest.mark.parametrize("name", list(SHAPES))
def test_each_schema_refuses_a_document_of_another_shape(name: str, tmp_path: Path) -> None:
    """A schema is not a blank cheque: a document of any other shape fails it."""
    validator = jsonschema.Draft202012Validator(published(name))
    others = {"result": "score-line", "score-line": "score-summary", "score-summary": "bank", "analysis": "result"}
    other = others.get(name, "analysis")
    assert not validator.is_valid(documents(other, tmp_path)[0])


def test_schema_lists_every_shape_and_refuses_an_unknown_one() -> None:
    """`rolefit schema --list` names each shape with its version (completion offers the same names); an unknown
    name is a usage error naming them."""
    listed = json.loads(printed("schema", "--list"))
    assert [entry["name"] for entry in listed] == list(SHAPES) == list(SHAPE_NAMES)
    assert all(entry["version"] >= 1 and entry["printed_by"].startswith("rolefit ") for entry in listed)
    done = runner.invoke(app, ["schema", "nope"])
    assert done.exit_code == 2
    assert done.stderr.startswith("rolefit: no JSON shape 'nope': choose one of result, score-line")


def test_the_result_schema_requires_each_reason_source_by_file_and_title() -> None:
    """A reason's source in the published result schema holds the seed file, the fact, the title and a publisher
    that may be null, all required, so a consumer can rely on the title being there."""
    schema = published("result")
    source = schema["$defs"][schema["$defs"]["Reason"]["properties"]["source"]["$ref"].rsplit("/", 1)[1]]
    assert source["required"] == ["file", "fact", "title", "publisher"]
    assert source["properties"]["title"]["type"] == "string"
    assert {"type": "null"} in source["properties"]["publisher"]["anyOf"]
    assert source["additionalProperties"] is False
