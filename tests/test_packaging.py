"""The installed command finds its banks and profiles, from the editable checkout and from a wheel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

BIN = Path(sys.executable).parent
# Three of the quick bank's twelve items, all toward PM: a quarter answered, enough for a result.
ANSWERS = (
    '{"bank": "quick", "answers": {"digs-into-usage-data": 5, "wants-to-decide-what-gets-built": 5, '
    '"energised-by-engineering-syncs": 4}}'
)


def rolefit(executable: Path, *args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run an installed rolefit from a directory that is not the checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.run(
        [str(executable), *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def check_installed(executable: Path, cwd: Path) -> None:
    """validate, bank show and a non-interactive quiz all work from an unrelated directory."""
    validated = rolefit(executable, "validate", cwd=cwd)
    assert validated.returncode == 0, validated.stderr
    assert "bank 'core', " in validated.stderr
    shown = rolefit(executable, "bank", "show", "core", "--json", cwd=cwd)
    assert json.loads(shown.stdout)["id"] == "core"
    quiz = rolefit(executable, "quiz", "--bank", "quick", "--answers", "-", "--json", cwd=cwd, stdin=ANSWERS)
    assert quiz.returncode == 0, quiz.stderr
    assert json.loads(quiz.stdout)["recommendation"]["role"] == "product-manager"


@pytest.mark.slow
def test_the_development_install_finds_the_checkout_data(tmp_path: Path) -> None:
    """The console script of this environment works from an unrelated directory."""
    executable = shutil.which("rolefit", path=str(BIN))
    if executable is None:
        pytest.skip("rolefit is not installed in this environment (pip install -e .)")
    check_installed(Path(executable), tmp_path)


@pytest.mark.slow
def test_a_wheel_in_a_fresh_environment_carries_its_data(tmp_path: Path) -> None:
    """A built wheel holds questions/ and profiles/, and works installed into a new virtual environment."""
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if built.returncode != 0 and "Could not find a version" in built.stderr:
        pytest.skip("no package index reachable to fetch the build backend")
    assert built.returncode == 0, built.stderr
    wheel = next(dist.glob("rolefit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "rolefit/questions/core.yaml" in names and "rolefit/profiles/shared.yaml" in names
    fresh = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(fresh)
    fresh_python = fresh / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [str(fresh_python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    # The dependencies come from this environment; rolefit itself only from the wheel.
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    script = fresh / "bin" / "rolefit"
    script.write_text(f"#!{fresh_python}\nfrom rolefit.__main__ import main\nmain()\n", encoding="utf-8")
    script.chmod(0o755)
    located = subprocess.check_output(
        [str(fresh_python), "-c", "from rolefit.data.catalog import data_dir; print(data_dir('questions'))"],
        cwd=tmp_path,
        text=True,
    )
    assert Path(located.strip()).is_relative_to(site)
    check_installed(script, tmp_path)
