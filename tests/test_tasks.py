"""The responsibility matrix (profiles/tasks.yaml): shipped, sourced, validated strictly, and open to new roles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.data.catalog import load_profiles
from rolefit.data.tasks import SHARED_OWNER, load_tasks
from rolefit.errors import DataError
from tests.conftest import REPO

runner = CliRunner()
# Seed 002's list of what one person doing both jobs would carry, as the matrix's ids.
SEED_002_WORKLOAD = (
    "market-information",
    "personas",
    "pricing",
    "roadmap",
    "backlog",
    "stakeholder-input",
    "win-loss",
    "competitive-research",
    "customer-surveys",
    "sales-tools",
    "public-relations",
    "analyst-relations",
    "sales-training",
)


def tasks_json(*args: str) -> dict:  # type: ignore[type-arg]
    done = runner.invoke(app, ["tasks", "--json", *args])
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def copy_profiles(tmp_path: Path) -> Path:
    target = tmp_path / "profiles"
    shutil.copytree(REPO / "profiles", target)
    return target


def edit_tasks(directory: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = directory / "tasks.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["tasks"])
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_the_shipped_matrix_holds_seed_002s_workload_each_task_sourced_by_title() -> None:
    listed = tasks_json()
    ids = [task["id"] for task in listed["tasks"]]
    assert set(SEED_002_WORKLOAD) <= set(ids)
    assert len(ids) == len(set(ids)) >= 13
    roles = [profile.id for profile in load_profiles().profiles]
    assert listed["owners"] == [*roles, SHARED_OWNER]
    for task in listed["tasks"]:
        assert task["owner"] in listed["owners"]
        assert task["name"].strip() and task["source"]["title"].strip() and task["source"]["fact"].strip()
        assert (REPO.parent / "shared" / "seeds" / task["source"]["file"]).name.endswith(".txt")


def test_each_role_owns_its_core_duties() -> None:
    """The duties seeds 000 and 003 give each role are in the matrix under that role."""
    owner = {task["id"]: task["owner"] for task in tasks_json()["tasks"]}
    assert {owner[t] for t in ("roadmap", "backlog", "feature-specs", "build-with-engineering")} == {"product-manager"}
    pmm = ("messaging-positioning", "go-to-market", "launch-campaigns", "sales-training", "analyst-relations")
    assert {owner[t] for t in pmm} == {"product-marketing-manager"}


def test_the_view_groups_tasks_by_role_name_and_shows_sources_by_title() -> None:
    done = runner.invoke(app, ["tasks"], env={"COLUMNS": "120"})
    assert done.exit_code == 0, done.stderr
    text = done.stderr + done.stdout
    for heading in ("Product Manager: ", "Product Marketing Manager: ", "Shared, or given to neither role: "):
        assert heading in text
    assert "Where Do You Draw the Line?" in text and ".txt" not in text


def test_tasks_yaml_is_not_read_as_a_role_profile() -> None:
    assert "tasks" not in [profile.id for profile in load_profiles().profiles]


def test_a_third_roles_tasks_take_no_code(tmp_path: Path) -> None:
    """A new profile beside the others can own tasks: the matrix lists it between the roles and shared."""
    directory = copy_profiles(tmp_path)
    third = yaml.safe_load((directory / "product-manager.yaml").read_text(encoding="utf-8"))
    third.update(id="technical-writer", name="Technical Writer", short_name="TW")
    (directory / "technical-writer.yaml").write_text(yaml.safe_dump(third, sort_keys=False), encoding="utf-8")
    source = {"file": "002_cdfbf2e43573e4aa.txt", "fact": "A made-up fact for the test."}
    edit_tasks(
        directory,
        lambda tasks: tasks.append({"id": "docs", "name": "Docs", "owner": "technical-writer", "source": source}),
    )
    listed = tasks_json("--profiles", str(directory))
    assert "technical-writer" in listed["owners"] and listed["owners"][-1] == SHARED_OWNER
    assert [t["id"] for t in listed["tasks"] if t["owner"] == "technical-writer"] == ["docs"]


@pytest.mark.parametrize(
    ("change", "where", "expected"),
    [
        (
            lambda t: t[0].update(owner="product-managr"),
            "tasks.0.owner",
            "unknown owner 'product-managr' (did you mean",
        ),
        (lambda t: t[1].update(id=t[0]["id"]), "tasks.1.id", "duplicate task id"),
        (lambda t: t[0]["source"].update(file="009_no.txt"), "tasks.0.source.file", "unknown source file '009_no.txt'"),
        (lambda t: t[0].update(colour="blue"), "tasks.0.colour", "unknown field"),
        (lambda t: t[0].update(owner=True), "tasks.0.owner", "valid string"),
    ],
)
def test_a_bad_matrix_is_refused_at_its_place(tmp_path: Path, change, where: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    directory = copy_profiles(tmp_path)
    edit_tasks(directory, change)
    with pytest.raises(DataError) as raised:
        load_tasks(load_profiles(directory), directory)
    problem = raised.value.problems[0]
    assert problem.path.endswith("tasks.yaml") and problem.line > 0
    assert problem.where == where and expected in problem.message
    done = runner.invoke(app, ["validate", str(directory)])
    assert done.exit_code == 1 and "tasks.yaml:" in done.stderr and expected in done.stderr


def test_a_profiles_directory_without_tasks_says_what_to_add(tmp_path: Path) -> None:
    directory = copy_profiles(tmp_path)
    (directory / "tasks.yaml").unlink()
    assert runner.invoke(app, ["validate", str(directory)]).exit_code == 0  # the matrix is optional for the quiz
    done = runner.invoke(app, ["tasks", "--profiles", str(directory)])
    assert done.exit_code == 1
    assert "no tasks.yaml in this profiles directory: add one" in done.stderr
