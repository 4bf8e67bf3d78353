"""The suite's own rules hold: the quick loop starts no process, and the floors are pinned exactly."""

from __future__ import annotations

import re
import subprocess
import tomllib

import pytest

from tests.conftest import REPO


def test_an_unmarked_test_may_not_start_a_process() -> None:
    """Outside `slow`, starting a process fails the test with the fix named, so `-m "not slow"` stays quick."""
    with pytest.raises(pytest.fail.Exception, match=r"starts a process: mark it @pytest\.mark\.slow"):
        subprocess.run(["true"], check=False)


def normal(version: str) -> str:
    """A version without trailing zero parts: 4, 4.0 and 4.0.0 are one version."""
    return re.sub(r"(\.0)+$", "", version)


def floors() -> dict[str, str]:
    """Each runtime dependency's declared minimum version, by lower-cased name."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = {}
    for requirement in project["dependencies"]:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)(?:,<[0-9.]+)?", requirement)
        assert match, f"{requirement}: declare a floor as NAME>=VERSION"
        found[match[1].lower()] = normal(match[2])
    return found


def test_the_minimum_versions_file_pins_every_floor_exactly() -> None:
    """.ci/minimum-versions.txt pins each runtime dependency at exactly its declared floor, and nothing else."""
    pins = {}
    for line in (REPO / ".ci" / "minimum-versions.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower()] = normal(version)
    assert pins == floors()
