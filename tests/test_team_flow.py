"""``rolefit team`` and ``rolefit matrix`` asked in the terminal: the quiz's screens, keys, saving and resume."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pexpect
import pytest

from rolefit.commands.asking import AskOptions
from rolefit.commands.gaps import map_experience
from rolefit.commands.team import take_team
from rolefit.data.catalog import load_profiles
from rolefit.data.tasks import Cover, load_tasks, role_covers
from rolefit.env import Environment
from rolefit.errors import Interrupted, UsageError
from tests.helpers import ROLEFIT
from tests.test_pty import environment, finish

PROFILES = load_profiles()
MATRIX = load_tasks(PROFILES)
PM, PMM = "product-manager", "product-marketing-manager"
TEAM_ANSWERS = [*role_covers(PROFILES), *(cover.value for cover in Cover)]  # the order the screen numbers them
NOBODY = str(TEAM_ANSWERS.index(Cover.NOBODY.value) + 1)
THE_PM = str(TEAM_ANSWERS.index("pm") + 1)


def typed(tmp_path: Path, lines: list[str]) -> Environment:
    """An environment whose terminal types these lines (the plain front end reads them), JSON out to a buffer."""
    stdin = io.StringIO("".join(line + "\n" for line in lines))
    return Environment(
        stdin=stdin, stdout=io.StringIO(), stderr=io.StringIO(), stdin_isatty=True, stdout_isatty=False, state=tmp_path
    )


def pm_does_all_but_pmm_work() -> list[str]:
    """Per task, in matrix order: nobody for PMM tasks, the PM for the rest."""
    return [NOBODY if task.owner == PMM else THE_PM for task in MATRIX.tasks]


def test_the_team_is_asked_task_by_task_and_the_role_nobody_covers_is_recommended(tmp_path: Path) -> None:
    env = typed(tmp_path, ["", *pm_does_all_but_pmm_work(), ""])  # Enter starts; Enter at the review confirms
    taken = take_team(AskOptions(json_out=True, plain=True), env)
    result = json.loads(env.stdout.getvalue())  # type: ignore[union-attr]
    assert result["recommendation"]["role"] == PMM == taken.data.recommendation.role
    assert result["answered"] == len(MATRIX.tasks)
    shown = env.stderr.getvalue()  # type: ignore[union-attr]
    assert "Which role does your team need?" in shown and "who does this on your team today?" in shown
    assert not (tmp_path / "progress" / "team.json").exists()  # the result is out, so the progress goes


def test_quitting_the_team_keeps_progress_and_the_next_run_resumes_it(tmp_path: Path) -> None:
    answers = pm_does_all_but_pmm_work()
    with pytest.raises(Interrupted, match="run `rolefit team` to resume"):
        take_team(AskOptions(plain=True), typed(tmp_path, ["", *answers[:3], "q"]))
    assert (tmp_path / "progress" / "team.json").exists()
    env = typed(tmp_path, ["", *answers[3:], ""])  # Enter resumes; the first three stay answered
    assert take_team(AskOptions(json_out=True, plain=True), env).data.answered == len(MATRIX.tasks)


def test_the_matrix_is_asked_task_by_task_and_maps_the_gaps(tmp_path: Path) -> None:
    levels = ["1" if task.owner == PM else "3" for task in MATRIX.tasks]  # 1 done, 3 not yet
    env = typed(tmp_path, ["", *levels, ""])
    gaps = map_experience(AskOptions(json_out=True, plain=True), None, env).data
    assert gaps.role == PM and gaps.chosen_by == "coverage" and gaps.gaps == []
    assert next(c for c in gaps.coverage if c.role == PM).coverage == 100


def test_with_no_terminal_to_ask_the_team_needs_an_answers_file(tmp_path: Path) -> None:
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), state=tmp_path)
    with pytest.raises(UsageError, match="pass --answers FILE"):
        take_team(AskOptions(), env)


def answered_by_keys(tmp_path: Path, command: str, keys: list[str]) -> Any:
    """``rolefit COMMAND --restart`` in an 80x24 pseudo-terminal: Enter starts, one key per task, c confirms."""
    child = pexpect.spawn(
        str(ROLEFIT),
        [command, "--restart"],
        env=environment(tmp_path, 80, 24),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=20,
        cwd=str(tmp_path),
    )
    child.expect("Press Enter to start")
    child.send("\r")
    for number, key in enumerate(keys, start=1):
        child.expect_exact(f"Question {number}/{len(MATRIX.tasks)}")
        child.send(key)
    child.expect("Review your answers")
    child.send("c")
    return child


@pytest.mark.slow
def test_the_team_flow_in_a_real_terminal(tmp_path: Path) -> None:
    """Keys in a real terminal: digits answer, c confirms the review, the result's summary names the hire."""
    child = answered_by_keys(tmp_path, "team", pm_does_all_but_pmm_work())
    child.expect("Hire a Product Marketing Manager first")
    child.expect_exact(" write a report")
    child.send("q")
    assert finish(child) == 0
    assert not (tmp_path / "state" / "rolefit" / "progress" / "team.json").exists()


@pytest.mark.slow
def test_the_matrix_flow_in_a_real_terminal(tmp_path: Path) -> None:
    """The matrix asked by keys: 1 done for the PM's tasks, 3 not yet for the rest."""
    child = answered_by_keys(tmp_path, "matrix", ["1" if task.owner == PM else "3" for task in MATRIX.tasks])
    child.expect("You have done every Product Manager task")
    child.expect_exact(" how to close them")
    child.send("n")
    child.expect("Close the gaps")
    child.send("q")
    child.expect_exact(" write a report")
    child.send("q")
    assert finish(child) == 0


def test_the_team_intro_names_the_digits_its_six_answers_take(tmp_path: Path) -> None:
    env = typed(tmp_path, ["q"])
    with pytest.raises(Interrupted):
        take_team(AskOptions(plain=True), env)
    assert "from 1 to 6" in env.stderr.getvalue()  # type: ignore[union-attr]
