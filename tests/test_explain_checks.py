"""`rolefit explain` checks a saved result against the bank it names (when rolefit has that bank and version) and
against the profiles it is drawn with, so nothing is drawn from a result rolefit could not have made."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.data.catalog import LoadedBank, ProfileSet, load_bank, load_profiles
from tests.answer_sets import CLEAR_PM
from tests.helpers import result_of

FIX = "save a new one with `rolefit quiz --output FILE.json`"
Edit = Callable[[dict[str, Any]], None]


@pytest.fixture
def saved(core: LoadedBank, profiles: ProfileSet) -> dict[str, Any]:
    """A result of a complete core quiz, as JSON data."""
    return result_of(core, profiles, CLEAR_PM).model_dump(mode="json")


def _explain(tmp_path: Path, data: dict[str, Any]) -> tuple[int, str]:
    """Run `rolefit explain` on the data, written as a result file: the exit code and stderr."""
    path = tmp_path / "result.json"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(path)])
    return result.exit_code, result.stderr


def _uncited(data: dict[str, Any], kind: type) -> str:
    """An answered item whose answer is of this kind (int: a statement) and that no reason or change cites."""
    cited = {e["item"] for r in data["reasons"] for e in r["evidence"]} | {
        c["item"] for kind_of in ("weaken", "flip") for c in data["what_would_change"][kind_of]
    }
    return str(next(i for i, v in data["answers"].items() if isinstance(v, kind) and i not in cited))


def _answer(kind: type | None, value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        """Set one uncited answer of the kind to the value, or (kind None) add an answer the bank has no item for."""
        item = _uncited(data, kind) if kind is not None else "juggles-chainsaws"
        data["answered"] += item not in data["answers"]
        data["answers"][item] = value
        data["_item"] = item

    return edit


def _set(*path: str | int, to: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        """Set the field at the path."""
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = to

    return edit


BAD = {
    "likert-answered-with-text": (
        _answer(int, "zzz"),
        "answers.{item}: 'zzz' is not an answer to likert item '{item}': use 1 to 5, "
        f"or skip; this result does not match bank 'core' version {{version}}: {FIX}",
    ),
    "choice-answered-with-an-unknown-option": (
        _answer(str, "nap"),
        "answers.{item}: 'nap' is not an option of item '{item}'",
    ),
    "an-item-the-bank-lacks": (
        _answer(None, 3),
        f"answers.juggles-chainsaws: no item 'juggles-chainsaws' in bank 'core' version {{version}}; {FIX}",
    ),
    "a-trait-the-profiles-lack": (
        _set("traits", 0, "trait", to="juggling"),
        "traits.0.trait: 'juggling' is not a trait of the profiles it is drawn with: pass --profiles DIR with the "
        f"profiles the result was made with, or {FIX}",
    ),
    "another-banks-id": (
        _set("bank", "id", to="quick"),
        "bank.hash: does not match version {quick_version} of bank 'quick'",
    ),
    "a-hash-rolefit-never-writes": (
        _set("bank", "hash", to="zzz"),
        f"bank.hash: 'zzz' is not a bank hash rolefit writes ('sha256:' and 16 hex digits); {FIX}",
    ),
    "a-hash-of-other-content": (
        _set("bank", "hash", to="sha256:0123456789abcdef"),
        "bank.hash: does not match version {version} of bank 'core' (sha256:",
    ),
}


@pytest.mark.parametrize(("edit", "says"), BAD.values(), ids=BAD.keys())
def test_explain_refuses_a_result_that_does_not_match_its_bank(
    tmp_path: Path, saved: dict[str, Any], edit: Edit, says: str
) -> None:
    """Exit 1, one line per problem at the field, naming the fix; nothing is drawn."""
    edit(saved)
    says = says.replace("{item}", saved.pop("_item", ""))
    versions = {"{version}": load_bank("core", load_profiles()).bank.version}
    versions["{quick_version}"] = load_bank("quick", load_profiles()).bank.version
    for name, version in versions.items():  # the shipped banks' own versions, so a version bump keeps the test
        says = says.replace(name, str(version))
    code, stderr = _explain(tmp_path, saved)
    assert code == 1
    assert any(says in line for line in stderr.splitlines()), stderr
    assert all(line.startswith(str(tmp_path / "result.json")) for line in stderr.splitlines()), stderr


def test_explain_draws_a_result_that_matches(tmp_path: Path, saved: dict[str, Any]) -> None:
    """The control: the unedited result is drawn (exit 0, nothing on stderr)."""
    assert _explain(tmp_path, saved) == (0, "")


def test_explain_draws_a_result_of_a_bank_version_rolefit_does_not_have(tmp_path: Path, saved: dict[str, Any]) -> None:
    """A result saved from another version of a bank cannot be checked against it, and is drawn from itself."""
    saved["bank"]["version"] = 7
    saved["bank"]["hash"] = "sha256:0123456789abcdef"
    saved["answers"]["an-item-of-version-7"] = 3
    saved["answered"] += 1
    assert _explain(tmp_path, saved) == (0, "")
