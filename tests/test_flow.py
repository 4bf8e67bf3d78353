"""The quiz flow: problems with where output goes are caught before asking, and never cost the result."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from rolefit.catalog import LoadedBank, ProfileSet
from rolefit.cli import app
from tests.helpers import extreme

runner = CliRunner()


def test_a_bad_report_extension_is_refused_before_any_answer_is_read(tmp_path: Path) -> None:
    """`--report x.pdf` is a usage error found up front, not after the quiz."""
    missing = tmp_path / "answers-that-do-not-exist.yaml"
    result = runner.invoke(app, ["quiz", "--answers", str(missing), "--report", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert ".pdf" in result.stderr and "answers-that-do-not-exist" not in result.stderr


def test_a_report_that_cannot_be_written_still_gives_the_result(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> None:
    """If the report's directory is missing, the JSON result still reaches stdout, then exit 1 says why."""
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({"bank": "core", "answers": extreme(core, profiles, "product-manager")}), encoding="utf-8")
    report = tmp_path / "missing-dir" / "report.md"
    result = runner.invoke(app, ["quiz", "--answers", str(path), "--json", "--report", str(report)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["recommendation"]["role"] == "product-manager"
    assert "missing-dir" in result.stderr and len(result.stderr.strip().splitlines()) == 1
