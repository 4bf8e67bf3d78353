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


def documents(name: str, tmp_path: Path) -> list[Any]:
    """Real output of every command that prints the shape."""
    line = json.dumps({"bank": "core", "answers": {"enjoys-writing-specs": 5}, "id": "x-1"})
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"bank": "core", "answers": {"enjoys-writing-specs": 5}}), encoding="utf-8")
    if name == "result":
        return [json.loads(printed("quiz", "--answers", str(answers), "--json"))]
    if name == "score-line":
        out = printed("score", stdin=f"{line}\n{json.dumps({'bank': 'core', 'answers': {}})}\n")
        return [json.loads(row) for row in out.splitlines()]
    if name == "score-summary":
        return [json.loads(printed("score", "--summary", stdin=f"{line}\n"))]
    if name == "analysis":
        return [
            json.loads(printed("analyze", "--bank", "quick", "--json", "-n", "300")),
            json.loads(printed("analyze", "--json", "-n", "300", "--adaptive", "3")),
        ]
    if name == "bank-list":
        return [json.loads(printed("bank", "list", "--json"))]
    if name == "bank":
        return [json.loads(printed("bank", "show", bank, "--json")) for bank in ("core", "quick")]
    if name == "profile-list":
        return [json.loads(printed("profile", "list", "--json"))]
    if name == "validation":
        return [json.loads(printed("validate", "--json"))]
    if name == "roles":
        return [json.loads(printed("roles", "--json"))]
    assert name == "profile"
    return [
        json.loads(printed("profile", "show", role, "--json"))
        for role in ("product-manager", "product-marketing-manager")
    ]


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
