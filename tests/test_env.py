"""The Environment is read once from the process, and commands use its streams, not the process's own."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from rolefit.commands.quiz import QuizOptions, take_quiz
from rolefit.env import Environment
from tests.conftest import REPO


def test_from_process_reads_colour_terminal_and_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR and TERM=dumb turn colour off, TERM=dumb marks a dumb terminal, COLUMNS sets the width."""
    monkeypatch.setenv("NO_COLOR", "")
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("COLUMNS", "73")
    plain = Environment.from_process()
    assert (plain.no_color, plain.dumb, plain.width) == (False, False, 73)
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("COLUMNS", "wide")
    dumb = Environment.from_process()
    assert (dumb.no_color, dumb.dumb, dumb.width) == (True, True, None)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("NO_COLOR", "1")
    assert Environment.from_process().no_color is True


def test_state_directories_follow_the_state_home(tmp_path: Path) -> None:
    """Progress and the parsed-data cache live under the environment's state directory."""
    env = Environment(state=tmp_path)
    assert (env.progress_dir, env.cache_dir) == (tmp_path / "progress", tmp_path / "parsed")


def test_a_command_writes_only_to_its_environments_streams(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`quiz --answers - --json` reads the Environment's stdin and writes JSON to its stdout; the process's stay empty."""
    stdin = io.StringIO(json.dumps({"bank": "quick", "answers": {"digs-into-usage-data": 5}}))
    stdout, stderr = io.StringIO(), io.StringIO()
    env = Environment(stdin=stdin, stdout=stdout, stderr=stderr, state=tmp_path)
    result = take_quiz(QuizOptions(answers="-", json_out=True, bank="quick"), env)
    assert json.loads(stdout.getvalue())["recommendation"]["role"] == result.recommendation.role
    assert result.answers == {"digs-into-usage-data": 5}
    assert stderr.getvalue() == ""
    assert capsys.readouterr() == ("", "")
    assert sorted(path.name for path in (tmp_path / "parsed").iterdir()) != []  # the shipped data, cached there


def test_only_the_environment_reads_the_process_settings() -> None:
    """No module below the CLI reads os.environ or platformdirs: the Environment carries what they would."""
    readers = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted((REPO / "src" / "rolefit").rglob("*.py"))
        if path.name not in ("env.py", "cli.py", "__main__.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bos\.environ\b|\bplatformdirs\b|\bos\.getenv\b", line)
    ]
    assert readers == []


@pytest.mark.parametrize("state_home", [None, "/tmp/xdg-state", "relative/state", "  "])
def test_the_platform_state_directory_follows_the_xdg_rule(
    monkeypatch: pytest.MonkeyPatch, state_home: str | None
) -> None:
    """On Linux rolefit applies the XDG rule itself (importing platformdirs costs start-up): $XDG_STATE_HOME when it
    is an absolute path, else ~/.local/state (the spec ignores a relative one; platformdirs 4.0, the floor, does not)."""
    import platformdirs

    if state_home is None:
        monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_STATE_HOME", state_home)
    absolute = state_home is not None and state_home.strip().startswith("/")
    expected = Path(state_home) if absolute else Path.home() / ".local" / "state"  # type: ignore[arg-type]
    assert Environment().state_dir == expected / "rolefit"
    if absolute or state_home is None:  # where every platformdirs release agrees
        assert Environment().state_dir == Path(platformdirs.user_state_path("rolefit"))
