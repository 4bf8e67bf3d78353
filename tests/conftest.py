"""Shared fixtures: every test runs with isolated user directories, no colour and a fixed width."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from rolefit.data.catalog import LoadedBank, ProfileSet, load_bank, load_profiles
from rolefit.quiz.progress import ProgressStore

REPO = Path(__file__).resolve().parent.parent

# CI replays the same examples every run, so a red run is reproducible; locally each run explores anew.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the user's state and from CI colour variables."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    for name in ("FORCE_COLOR", "PY_COLORS", "GITHUB_ACTIONS", "CLICOLOR_FORCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "xterm")


@pytest.fixture(autouse=True)
def _processes_only_when_slow(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that starts a process must be marked slow, so `pytest -m "not slow"` stays a quick loop."""
    if request.node.get_closest_marker("slow") is not None:
        return

    def refuse(self: subprocess.Popen[Any], *args: Any, **kwargs: Any) -> None:
        """Fail the test that forgot the marker, naming the fix."""
        pytest.fail(f"{request.node.nodeid} starts a process: mark it @pytest.mark.slow", pytrace=False)

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)


@pytest.fixture(scope="session")
def profiles() -> ProfileSet:
    """The shipped trait registry and role profiles."""
    return load_profiles()


@pytest.fixture(scope="session")
def core(profiles: ProfileSet) -> LoadedBank:
    """The shipped core bank."""
    return load_bank("core", profiles)


@pytest.fixture(scope="session")
def quick(profiles: ProfileSet) -> LoadedBank:
    """The shipped quick bank."""
    return load_bank("quick", profiles)


@pytest.fixture
def warnings() -> list[str]:
    """Collects the one-line warnings a progress store gives."""
    return []


@pytest.fixture
def store(quick: LoadedBank, warnings: list[str]) -> ProgressStore:
    """The progress store of the quick bank, in the test's own state directory."""
    return ProgressStore(quick.id, warn=warnings.append)
