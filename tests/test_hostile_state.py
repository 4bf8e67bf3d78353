"""Hostile files and state: symlink loops, hostile saved progress and caches, and data past rolefit's size limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolefit.cli import app

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent
LOOPING = "cannot be read (Too many levels of symbolic links): check the path"


def run(*args: str):  # type: ignore[no-untyped-def]
    """Run rolefit in-process; a traceback would show up as an exception that is not SystemExit."""
    done = runner.invoke(app, list(args))
    assert done.exception is None or isinstance(done.exception, SystemExit), repr(done.exception)
    assert "Traceback" not in done.stderr
    return done


def one_line(done, code: int = 1) -> str:  # type: ignore[no-untyped-def]
    """The single line a failed command wrote on stderr, after checking its exit code."""
    assert done.exit_code == code, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return str(lines[0])


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh working directory, so paths print as the user typed them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def profiles_copy(directory: Path) -> Path:
    """A copy of the shipped profiles directory."""
    directory.mkdir()
    for path in (REPO / "profiles").glob("*.yaml"):
        (directory / path.name).write_bytes(path.read_bytes())
    return directory


# ---- symlink loops ------------------------------------------------------------------------------


def test_validate_of_a_looping_symlink_names_the_file(here: Path) -> None:
    """`rolefit validate loop.yaml` on a symlink to itself: one line naming it, exit 1."""
    (here / "loop.yaml").symlink_to("loop.yaml")
    assert one_line(run("validate", "loop.yaml")) == f"loop.yaml: {LOOPING}"


def test_a_symlink_cycle_of_two_files_names_the_file(here: Path) -> None:
    """a.yaml -> b.yaml -> a.yaml is a loop too: one line, exit 1."""
    (here / "a.yaml").symlink_to("b.yaml")
    (here / "b.yaml").symlink_to("a.yaml")
    assert one_line(run("validate", "a.yaml")) == f"a.yaml: {LOOPING}"


@pytest.mark.parametrize(
    "args",
    [
        ("quiz", "--bank", "loop.yaml", "--answers", "answers.json", "--json"),
        ("bank", "show", "loop.yaml"),
        ("analyze", "--bank", "loop.yaml"),
        ("score", "--bank", "loop.yaml", "answers.json"),
    ],
)
def test_a_looping_bank_path_names_the_file(here: Path, args: tuple[str, ...]) -> None:
    """--bank or `bank show` with a looping symlink: one line naming it, exit 1."""
    (here / "loop.yaml").symlink_to("loop.yaml")
    (here / "answers.json").write_text('{"bank": "loop", "answers": {}}', encoding="utf-8")
    assert one_line(run(*args)) == f"loop.yaml: {LOOPING}"


def test_a_looping_file_in_a_profiles_directory_names_the_file(here: Path) -> None:
    """A looping *.yaml inside --profiles DIR: one line naming that file, exit 1."""
    profiles_copy(here / "roles")
    (here / "roles" / "analyst.yaml").symlink_to("analyst.yaml")
    assert one_line(run("profile", "list", "--profiles", "roles")) == f"roles/analyst.yaml: {LOOPING}"
    assert one_line(run("validate", "roles")) == f"roles/analyst.yaml: {LOOPING}"


def test_a_looping_profiles_directory_names_it(here: Path) -> None:
    """--profiles naming a symlink loop: one line naming the directory, exit 1."""
    (here / "roles").symlink_to("roles")
    assert one_line(run("profile", "list", "--profiles", "roles")) == "roles: no such directory: check the path"


def test_a_looping_base_bank_names_the_base(here: Path) -> None:
    """A select bank whose base file beside it is a symlink loop: one line at its base field, exit 1."""
    (here / "loop.yaml").symlink_to("loop.yaml")
    (here / "pick.yaml").write_text(
        "id: pick\nversion: 1\ntitle: Pick\ndescription: A selection.\nbase: loop\nselect: [a]\n", encoding="utf-8"
    )
    line = one_line(run("validate", "pick.yaml"))
    assert line.startswith("pick.yaml:5:7: base: ") and "loop.yaml" in line
