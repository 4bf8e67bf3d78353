"""The README's two commands are the ones CI runs and the ones that work."""

from __future__ import annotations

import re

from tests.conftest import REPO


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run calls the README's test command verbatim."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(python3 -m venv .*)\n```", readme)
    assert len(commands) == 2, commands
    install_and_run, install_and_test = commands
    assert install_and_run.endswith("rolefit quiz") and install_and_test.endswith("pytest")
    assert install_and_test in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
