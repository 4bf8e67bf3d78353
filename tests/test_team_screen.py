"""The summary-first result screen of ``rolefit team`` and ``rolefit matrix``: what fits 80x24, what each key opens,
what stays on the terminal after. Expected text is computed from the result itself (``--json`` of the same
answers, or the scoring functions), never copied from the screen."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pexpect
import pytest
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.data.catalog import load_profiles
from rolefit.data.tasks import Cover, Experience, load_tasks, role_covers
from rolefit.quiz.result_screen import summary_screen
from rolefit.quiz.shown import section_pages
from rolefit.scoring.gaps import GapMap, map_gaps
from rolefit.scoring.team import TeamResult
from rolefit.views.gaps import MATRIX_PAGES, gap_headline, gap_sections, gap_summary
from rolefit.views.team import TEAM_PAGES, team_headline, team_sections, team_summary
from tests.helpers import ROLEFIT, assert_summary_card
from tests.test_pty import environment, finish
from tests.test_result_screen import Screen

runner = CliRunner()
PROFILES = load_profiles()
MATRIX = load_tasks(PROFILES)
PM, PMM = "product-manager", "product-marketing-manager"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def pmm_work_undone() -> dict[str, str]:
    """PMM tasks nobody does, one shared task carried by one person, the rest done by the PM."""
    team = {task.id: "nobody" if task.owner == PMM else "pm" for task in MATRIX.tasks}
    shared = next(task.id for task in MATRIX.tasks if task.owner == "shared")
    return team | {shared: "one-person"}


def pm_experience() -> dict[str, str]:
    """Every PM task done, everything else not yet."""
    return {task.id: "done" if task.owner == PM else "none" for task in MATRIX.tasks}


def team_result(team: dict[str, str]) -> TeamResult:
    done = runner.invoke(app, ["team", "--answers", "-", "--json"], input=json.dumps({"team": team}))
    assert done.exit_code == 0, done.stderr
    return TeamResult.model_validate_json(done.stdout)


def gap_map(levels: dict[str, str]) -> GapMap:
    experience = {task: Experience(level) for task, level in levels.items()}
    return map_gaps(MATRIX, PROFILES, experience)


def plain(text: str) -> str:
    return "\n".join(line.rstrip() for line in ANSI.sub("", text).split("\n"))


# ---- the summaries ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "team",
    [pmm_work_undone(), {task.id: "pm" for task in MATRIX.tasks}, {MATRIX.tasks[0].id: "nobody"}],
    ids=["pmm-needed", "neither", "undetermined"],
)
def test_the_team_summary_fits_80x24_with_its_keys(team: dict[str, str]) -> None:
    result = team_result(team)
    summary = team_summary(result)
    offered = section_pages({s.key: s for s in team_sections(result)}, TEAM_PAGES)
    whole = plain(summary_screen(summary, offered, "a notice", width=80, rows=1000, color=True))
    assert len(whole.split("\n")) <= 23, whole
    assert whole.split("\n")[0] in team_headline(result)
    assert all(len(line) <= 80 for line in whole.split("\n"))
    for need in result.needs if result.recommendation.verdict != "undetermined" else []:
        assert re.search(rf"^{re.escape(need.name)}\s+[█░]+\s+{need.need:.0f}/100$", whole, re.MULTILINE), whole


def test_the_team_summary_names_the_work_undone_and_the_overload() -> None:
    result = team_result(pmm_work_undone())
    summary = team_summary(result)
    pmm = next(need for need in result.needs if need.role == PMM)
    assert f"{pmm.name}: {len(pmm.uncovered)} of {pmm.tasks} tasks nobody does" in summary.reasons
    assert result.overload is not None and summary.change_title == "One person doing both jobs"
    assert summary.change is not None and "1 task;" in summary.change
    assert [page.key for page in section_pages({s.key: s for s in team_sections(result)}, TEAM_PAGES)] == list("woan")


def test_the_gap_summary_names_the_first_gaps_and_counts_the_rest() -> None:
    gaps = gap_map({task.id: "none" for task in MATRIX.tasks})
    summary = gap_summary(gaps)
    assert summary.reasons[:2] == tuple(task.name for task in gaps.gaps[:2])
    assert summary.reasons[2] == f"and {len(gaps.gaps) - 2} more"
    whole = plain(
        summary_screen(
            summary,
            section_pages({s.key: s for s in gap_sections(gaps)}, MATRIX_PAGES),
            None,
            width=80,
            rows=1000,
            color=False,
        )
    )
    assert len(whole.split("\n")) <= 23 and gap_headline(gaps).split()[0] in whole


def test_a_gap_done_in_part_says_so_before_its_name() -> None:
    """The summary cuts each line to the screen's width: the mark comes first, so a long task name cannot hide it."""
    levels = {task.id: "some" for task in MATRIX.tasks}
    summary = gap_summary(gap_map(levels))
    shown = [line for line in summary.reasons if not line.startswith("and ")]
    assert shown and all(line.startswith("Done in part: ") for line in shown)


def test_plain_prints_the_team_result_in_words_only(tmp_path: Path) -> None:
    done = runner.invoke(
        app, ["team", "--answers", "-", "--plain"], input=json.dumps({"team": pmm_work_undone()}), env={"COLUMNS": "80"}
    )
    assert done.exit_code == 0, done.stderr
    assert team_headline(team_result(pmm_work_undone())).split(":")[0] in " ".join(done.stdout.split())
    assert not set("█░─") & set(done.stdout), done.stdout


def test_plain_prints_the_gap_map_in_words_only() -> None:
    done = runner.invoke(
        app,
        ["matrix", "--answers", "-", "--plain"],
        input=json.dumps({"matrix": pm_experience()}),
        env={"COLUMNS": "80"},
    )
    assert done.exit_code == 0, done.stderr
    assert "Close the gaps" in done.stdout and not set("█░─") & set(done.stdout), done.stdout


# ---- in a real terminal -------------------------------------------------------------------------


def spawn(tmp_path: Path, *args: str) -> tuple[Any, Screen]:
    child = pexpect.spawn(
        str(ROLEFIT),
        list(args),
        env=environment(tmp_path, 80, 24),
        dimensions=(24, 80),
        encoding="utf-8",
        codec_errors="replace",
        timeout=10,
        cwd=str(tmp_path),
    )
    return child, Screen(child)


def answered(tmp_path: Path, command: str, answers: dict[str, str], *args: str) -> tuple[Any, Screen]:
    """``rolefit team`` or ``rolefit matrix`` asked in an 80x24 terminal: each task answered by its digit, in the
    matrix's order (the questionnaire keeps it), then c confirms the review; the result screen is next."""
    order = [*role_covers(PROFILES), *(c.value for c in Cover)] if command == "team" else [e.value for e in Experience]
    child, screen = spawn(tmp_path, command, "--restart", *args)
    screen.until("Press Enter to start")
    child.send("\r")
    for number, task in enumerate(MATRIX.tasks, start=1):
        screen.until(f"Question {number}/{len(MATRIX.tasks)}")
        child.send(str(order.index(answers[task.id]) + 1))
    screen.until("Review your answers")
    child.send("c")
    return child, screen


@pytest.mark.slow
def test_the_team_screen_opens_each_section_and_leaves_the_summary(tmp_path: Path) -> None:
    result = team_result(pmm_work_undone())
    child, screen = answered(tmp_path, "team", pmm_work_undone())
    first = screen.until("w the work nobody does", "q quit")
    assert " ".join(team_headline(result).split()) in " ".join(" ".join(first).split())
    child.send("w")
    pmm = next(need for need in result.needs if need.role == PMM)
    screen.until("The work nobody does today", pmm.uncovered[0].name, "back to the summary")
    child.send("q")
    screen.until("a where the roles meet")
    child.send("a")
    screen.until("Where the PM and PMM work must meet")
    child.send("q")
    screen.until("o one person doing both jobs")
    child.send("q")
    last = " ".join(" ".join(screen.rest()).split())
    assert "rolefit team --report FILE writes a report" in last and "Not saved yet" not in last
    assert finish(child) == 0


@pytest.mark.slow
def test_the_matrix_screen_writes_a_dated_report_on_r(tmp_path: Path) -> None:
    child, screen = answered(tmp_path, "matrix", pm_experience())
    screen.until("g the gaps", "n how to close them")
    child.send("g")
    screen.until("Gaps for the")
    child.send("q")
    screen.until("r write a report")
    child.send("r")
    name = f"rolefit-matrix-{datetime.date.today().isoformat()}.md"
    screen.until("Write the report to:", name)
    child.send("\r")
    screen.until(f"Wrote the report to {name}.")
    child.send("q")
    assert f"rolefit: wrote the report to {name}" in " ".join(" ".join(screen.rest()).split())
    assert finish(child) == 0
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("# ")


@pytest.mark.slow
def test_a_report_named_on_the_command_line_is_written_before_the_screen_says_so(tmp_path: Path) -> None:
    child, screen = answered(tmp_path, "team", pmm_work_undone(), "--report", "team.html")
    screen.until("Report written to team.html.")
    assert (tmp_path / "team.html").exists()  # before the screen is left
    child.send("q")
    assert "rolefit: wrote the report to team.html" in " ".join(" ".join(screen.rest()).split())
    assert finish(child) == 0


@pytest.mark.slow
def test_r_on_the_team_screen_offers_and_writes_the_card(tmp_path: Path) -> None:
    """The report hint names .svg, and a name ending in .svg writes the team's summary as a card."""
    result = team_result(pmm_work_undone())
    child, screen = answered(tmp_path, "team", pmm_work_undone())
    screen.until("r write a report")
    child.send("r")
    screen.until("A report is a .md, .html, .svg or .json file", "Write the report to:")
    child.send("\x15")  # Ctrl-U: the default name goes
    child.send("team-card.svg\r")
    screen.until("Wrote the report to team-card.svg.")
    child.send("q")
    assert "rolefit: wrote the report to team-card.svg" in " ".join(" ".join(screen.rest()).split())
    assert finish(child) == 0
    rows = [(need.name, need.need) for need in result.needs]
    about = f"rolefit team: {result.answered} of {result.tasks} tasks answered"
    assert_summary_card(tmp_path / "team-card.svg", team_summary(result), rows, about)


@pytest.mark.slow
def test_an_answers_file_on_a_terminal_prints_the_whole_result(tmp_path: Path) -> None:
    """As for the quiz, --answers prints the whole text at once, even to a terminal: no screen, no keys."""
    answers = tmp_path / "team.json"
    answers.write_text(json.dumps({"team": pmm_work_undone()}), encoding="utf-8")
    child, screen = spawn(tmp_path, "team", "--answers", str(answers))
    seen = " ".join(" ".join(screen.rest()).split())
    assert finish(child) == 0
    assert "Where the PM and PMM work must meet" in screen.seen and "q quit" not in seen
