"""The quiz flow: problems with where output goes are caught before asking, and never cost the result."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.env import Environment
from rolefit.errors import RolefitError
from tests.helpers import extreme

runner = CliRunner()


def test_a_bad_report_extension_is_refused_before_any_answer_is_read(tmp_path: Path) -> None:
    """`--report x.pdf` is a usage error found up front, not after the quiz."""
    missing = tmp_path / "answers-that-do-not-exist.yaml"
    result = runner.invoke(app, ["quiz", "--answers", str(missing), "--report", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert ".pdf" in result.stderr and "answers-that-do-not-exist" not in result.stderr


def test_a_report_that_cannot_be_written_still_gives_the_result(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet
) -> None:
    """If the report's directory is missing, the JSON result still reaches stdout, then exit 1 says why."""
    path = tmp_path / "answers.yaml"
    path.write_text(
        yaml.safe_dump({"bank": "core", "answers": extreme(core, profiles, "product-manager")}), encoding="utf-8"
    )
    report = tmp_path / "missing-dir" / "report.md"
    result = runner.invoke(app, ["quiz", "--answers", str(path), "--json", "--report", str(report)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["recommendation"]["role"] == "product-manager"
    assert "missing-dir" in result.stderr and len(result.stderr.strip().splitlines()) == 1


class Typed(io.StringIO):
    """Typed lines on a stdin that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_result_that_cannot_be_written_keeps_the_quiz_resumable(
    tmp_path: Path, quick: LoadedBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If --output fails after the review, the answers stay saved, and --resume finishes the quiz."""
    from rolefit.commands.quiz import QuizOptions, take_quiz
    from rolefit.quiz.progress import ProgressStore

    monkeypatch.setattr("sys.stdin", Typed("\n" + "1\n" * 12 + "\n"))
    broken = QuizOptions(bank="quick", plain=True, output=tmp_path / "missing-dir" / "out.json")
    with pytest.raises(RolefitError, match="missing-dir"):
        take_quiz(broken, Environment.from_process())
    assert ProgressStore(quick.id).path.exists()
    monkeypatch.setattr("sys.stdin", Typed("\n"))
    result = take_quiz(
        QuizOptions(bank="quick", plain=True, resume=True, output=tmp_path / "out.json"), Environment.from_process()
    )
    assert result.answered == 12
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["answered"] == 12
    assert not ProgressStore(quick.id).path.exists()


def test_interactive_adaptive_asks_fewer_questions_and_says_why(
    core: LoadedBank, profiles: ProfileSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`quiz --adaptive` in a terminal stops early, scores the asked items and records why it stopped."""
    from rolefit.commands.quiz import QuizOptions, take_quiz
    from rolefit.quiz import plain

    answers = extreme(core, profiles, "product-marketing-manager")
    monkeypatch.setattr("sys.stdin", Typed(""))
    monkeypatch.setattr(plain.PlainUI, "intro", lambda self, *args, **_: "start")
    monkeypatch.setattr(
        plain.PlainUI, "question", lambda self, item, session, notice, **_: ("answer", answers[item.id])
    )
    monkeypatch.setattr(plain.PlainUI, "review", lambda self, *args: ("confirm", None))
    result = take_quiz(QuizOptions(plain=True, adaptive=True, json_out=True), Environment.from_process())
    assert result.asked is not None and len(result.asked) < len(core.items)
    assert result.answered == len(result.asked)
    assert result.stop_reason is not None and result.stop_reason.startswith(f"stopped after {len(result.asked)} of 40")
    assert result.recommendation.role == "product-marketing-manager"
