"""Every channel rolefit writes to fails loudly and shows data inert; every message names its place and its fix.

1. stdout that fails (``> /dev/full``, ``>&-``): one line on stderr and exit 1; a reader that left (``| head``)
   stays quiet.
2. Text from data (banks, answers, file names) is inert on every channel: stdout, stderr and error messages.
3. Messages say what is wrong in the terms of the file's own format, and what to do.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from rolefit.data.catalog import LoadedBank, ProfileSet
from tests.helpers import ROLEFIT, env_for, extreme

# ---- 1. stdout that fails -------------------------------------------------------------------------

FULL = "rolefit: cannot write to stdout (No space left on device): free some space, or redirect stdout elsewhere\n"
CLOSED = (
    "rolefit: stdout is closed, so there is nowhere to write the output: "
    "redirect it to a file (> FILE), or to /dev/null to discard it\n"
)
STDOUT_COMMANDS = [
    pytest.param(("quiz", "--answers", "A", "--json"), id="quiz-json"),
    pytest.param(("quiz", "--answers", "A"), id="quiz-rendered"),
    pytest.param(("score", "A"), id="score"),
    pytest.param(("score", "--summary", "A"), id="score-summary"),
    pytest.param(("schema",), id="schema"),
    pytest.param(("bank", "show", "core"), id="bank-show"),
    pytest.param(("bank", "show", "core", "--json"), id="bank-show-json"),
    pytest.param(("bank", "list"), id="bank-list"),
    pytest.param(("explain", "R"), id="explain"),
    pytest.param(("profile", "show", "product-manager"), id="profile-show"),
    pytest.param(("analyze", "--respondents", "100", "--json"), id="analyze-json"),
    pytest.param(("validate", "--json"), id="validate-json"),
    pytest.param(("--version",), id="version"),
    pytest.param(("--help",), id="help"),
    pytest.param(("bank", "--help"), id="bank-help"),
]


@pytest.fixture
def complete(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> Path:
    """A complete, valid answers file (every core item answered) and a saved result of it, in tmp_path."""
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"bank": "core", "answers": extreme(core, profiles, "product-manager")}))
    done = subprocess.run(
        [str(ROLEFIT), "quiz", "--answers", str(path), "--output", "result.json"],
        cwd=tmp_path,
        env=env_for(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stderr == ""
    return path


def _argv(args: tuple[str, ...], tmp_path: Path) -> list[str]:
    named = {"A": str(tmp_path / "answers.json"), "R": str(tmp_path / "result.json")}
    return [str(ROLEFIT), *(named.get(arg, arg) for arg in args)]


def _close_stdout() -> None:
    """In the child: close fd 1, as the shell's `>&-` does."""
    os.close(1)


@pytest.mark.slow
@pytest.mark.parametrize("args", STDOUT_COMMANDS)
def test_a_full_stdout_is_one_line_and_exit_1(tmp_path: Path, complete: Path, args: tuple[str, ...]) -> None:
    """`rolefit ... > /dev/full`: one line on stderr naming stdout and the fix, exit 1, no traceback."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            _argv(args, tmp_path),
            cwd=tmp_path,
            env=env_for(tmp_path / "home"),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert (done.returncode, done.stderr) == (1, FULL)


@pytest.mark.slow
@pytest.mark.parametrize("args", STDOUT_COMMANDS)
def test_a_closed_stdout_is_one_line_and_exit_1(tmp_path: Path, complete: Path, args: tuple[str, ...]) -> None:
    """`rolefit ... >&-`: one line on stderr saying stdout is closed and how to redirect it, exit 1."""
    done = subprocess.run(
        _argv(args, tmp_path),
        cwd=tmp_path,
        env=env_for(tmp_path / "home"),
        stdin=subprocess.DEVNULL,
        stdout=None,
        stderr=subprocess.PIPE,
        preexec_fn=_close_stdout,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (1, CLOSED)


@pytest.mark.slow
def test_a_closed_stdout_leaves_validate_on_stderr_alone(tmp_path: Path) -> None:
    """`rolefit validate >&-` writes only to stderr, so a closed stdout costs it nothing: exit 0."""
    done = subprocess.run(
        [str(ROLEFIT), "validate"],
        cwd=tmp_path,
        env=env_for(tmp_path / "home"),
        stdout=None,
        stderr=subprocess.PIPE,
        preexec_fn=_close_stdout,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("ok  ")


@pytest.mark.slow
@pytest.mark.parametrize("command", ["quiz --answers answers.json --json", "score answers.json", "--help"])
def test_a_reader_that_left_stays_quiet(tmp_path: Path, complete: Path, command: str) -> None:
    """`rolefit ... | head -c1` still says nothing on stderr and exits 0 or 1, as before."""
    script = f'"$0" {command} 2>stderr.txt | head -c1 >/dev/null; echo "${{PIPESTATUS[0]}}" > code.txt'
    subprocess.run(
        ["bash", "-c", script, str(ROLEFIT)],
        cwd=tmp_path,
        env=env_for(tmp_path / "home"),
        timeout=60,
        check=True,
    )
    assert (tmp_path / "stderr.txt").read_text() == ""
    assert (tmp_path / "code.txt").read_text().strip() in {"0", "1"}
