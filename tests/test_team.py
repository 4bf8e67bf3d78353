"""``rolefit team``: which role to hire first, from who does each task of the responsibility matrix today."""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.data.catalog import load_profiles
from rolefit.data.tasks import SHARED_OWNER, Cover, load_tasks, role_covers
from rolefit.scoring.team import TeamResult, assess_team
from rolefit.types import Verdict
from rolefit.views.team import team_summary
from tests.helpers import assert_summary_card, card_lines

runner = CliRunner()
PROFILES = load_profiles()
MATRIX = load_tasks(PROFILES)
SHORT = {role: short for short, role in role_covers(PROFILES).items()}  # role id -> its answer (pm, pmm)
PM, PMM = "product-manager", "product-marketing-manager"


def owned(owner: str) -> list[str]:
    return [task.id for task in MATRIX.owned_by(owner)]


def everyone_in_place() -> dict[str, str]:
    """Every task done by the role that owns it; shared tasks by the PM."""
    return {task.id: SHORT.get(task.owner, SHORT[PM]) for task in MATRIX.tasks}


def team_json(team: dict[str, str]) -> dict[str, Any]:
    done = runner.invoke(app, ["team", "--answers", "-", "--json"], input=json.dumps({"team": team}))
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(("missing", "other"), [(PMM, PM), (PM, PMM)])
def test_the_role_whose_tasks_nobody_does_is_the_one_to_hire(missing: str, other: str) -> None:
    team = everyone_in_place() | {task: Cover.NOBODY.value for task in owned(missing)}
    result = team_json(team)
    assert result["recommendation"]["role"] == missing
    assert result["recommendation"]["verdict"] == Verdict.CLEAR
    need = {n["role"]: n for n in result["needs"]}
    assert [t["id"] for t in need[missing]["uncovered"]] == owned(missing)
    assert need[other]["uncovered"] == [] and need[other]["need"] == 0


def test_when_every_task_is_covered_no_role_is_needed() -> None:
    result = team_json(everyone_in_place() | {owned(PMM)[0]: Cover.SOMEONE_ELSE.value, owned(PM)[0]: "not-needed"})
    assert result["recommendation"] == {"role": None, "name": None, "verdict": "neither", "needed": None}
    assert [t["id"] for t in result["outside"]] == [owned(PMM)[0]]
    assert result["overload"] is None


def test_one_person_doing_both_roles_work_is_an_overload_warning() -> None:
    both = everyone_in_place() | {owned(PM)[0]: "one-person", owned(PMM)[0]: "one-person"}
    overload = team_json(both)["overload"]
    assert overload["roles"] == [PM, PMM]
    assert [t["id"] for t in overload["tasks"]] == [t.id for t in MATRIX.tasks if t.id in (owned(PM)[0], owned(PMM)[0])]
    assert overload["text"] == PROFILES.shared.one_person_both_roles.text and overload["source"]["title"]
    one_role = everyone_in_place() | {task: "one-person" for task in owned(PM)}
    assert team_json(one_role)["overload"] is None  # one person doing one role's work is that role


def test_one_person_doing_a_shared_task_and_a_roles_task_is_an_overload() -> None:
    """A shared task is both roles' work: one person carrying it beside a PM task carries both roles' work."""
    shared_and_pm = everyone_in_place() | {owned(SHARED_OWNER)[0]: "one-person", owned(PM)[0]: "one-person"}
    assert team_json(shared_and_pm)["overload"]["roles"] == [PM, PMM]
    shared_alone = everyone_in_place() | {owned(SHARED_OWNER)[0]: "one-person"}
    assert team_json(shared_alone)["overload"]["roles"] == [PM, PMM]


def test_the_view_names_tasks_and_roles_in_words_never_ids() -> None:
    team = everyone_in_place() | {task: "nobody" for task in owned(PMM)} | {owned(PM)[0]: "one-person"}
    team |= {owned(PMM)[1]: "one-person"}
    done = runner.invoke(app, ["team", "--answers", "-"], input=json.dumps({"team": team}), env={"COLUMNS": "100"})
    assert done.exit_code == 0, done.stderr
    shown = done.stderr + done.stdout
    assert "Hire a Product Marketing Manager first" in shown
    assert "One person doing both jobs" in shown and "Where the PM and PMM work must meet" in shown
    for task in MATRIX.tasks:
        if "-" in task.id and all(task.id not in t.name for t in MATRIX.tasks):  # not also a word of a name
            assert task.id not in shown
    assert MATRIX.owned_by(PMM)[2].name in shown
    assert ".txt" not in shown


def test_too_few_answers_are_undetermined_and_say_how_many_more() -> None:
    result = team_json({owned(PMM)[0]: "nobody"})
    recommendation = result["recommendation"]
    assert recommendation["verdict"] == "undetermined" and recommendation["role"] is None
    more = recommendation["needed"]
    tasks = [task.id for task in MATRIX.tasks if task.id != owned(PMM)[0]][:more]
    after = team_json({owned(PMM)[0]: "nobody"} | {task: "nobody" for task in tasks})
    assert after["recommendation"]["verdict"] != "undetermined"
    fewer = team_json({owned(PMM)[0]: "nobody"} | {task: "nobody" for task in tasks[:-1]})
    assert fewer["recommendation"]["verdict"] == "undetermined"


COVERS = st.sampled_from([*SHORT.values(), *(c.value for c in Cover)])


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from([task.id for task in MATRIX.tasks]), COVERS), st.sampled_from(owned(PMM)))
def test_a_task_nobody_does_never_lowers_its_roles_need(team: dict[str, str], task: str) -> None:
    before = {n.role: n.need for n in assess_team(MATRIX, PROFILES, team).needs}
    after = {n.role: n.need for n in assess_team(MATRIX, PROFILES, team | {task: "nobody"}).needs}
    assert after[PMM] >= before[PMM]
    assert after[PM] == before[PM]


def test_shared_tasks_nobody_does_are_listed_apart_and_move_no_role() -> None:
    shared = owned(SHARED_OWNER)
    result = team_json(everyone_in_place() | {task: "nobody" for task in shared})
    assert [t["id"] for t in result["uncovered_shared"]] == shared
    assert result["recommendation"]["role"] is None


@pytest.mark.parametrize(
    ("answers", "where", "expected"),
    [
        ('{"team": {"roadmapp": "pm"}}', "team.roadmapp", "no task 'roadmapp' (did you mean 'roadmap'?)"),
        ('{"team": {"roadmap": "nobdy"}}', "team.roadmap", "'nobdy' (did you mean 'nobody'?) is not an answer"),
        ('{"team": {"roadmap": 3}}', "team.roadmap", "3 (not a word) is not an answer"),
        ('{"teams": {}}', "teams", "unknown field"),
    ],
)
def test_a_bad_team_file_is_refused_at_its_place(answers: str, where: str, expected: str) -> None:
    done = runner.invoke(app, ["team", "--answers", "-"], input=answers)
    assert done.exit_code == 1
    lines = [line.removeprefix("rolefit: ") for line in done.stderr.strip().splitlines()]
    assert all(line.startswith("<stdin>:1:") for line in lines)
    assert any(f": {where}: " in line and expected in line for line in lines)


@pytest.mark.parametrize("suffix", [".md", ".html", ".json"])
def test_a_team_report_is_written_and_announced(tmp_path: Path, suffix: str) -> None:
    """--report writes the team result as a document (or its JSON), named on stderr; headings in order."""
    import re

    report = tmp_path / f"team{suffix}"
    team = everyone_in_place() | {task: "nobody" for task in owned(PMM)}
    done = runner.invoke(app, ["team", "--answers", "-", "--report", str(report)], input=json.dumps({"team": team}))
    assert done.exit_code == 0, done.stderr
    assert done.stderr.strip().endswith(f"rolefit: wrote the report to {report}")
    text = report.read_text(encoding="utf-8")
    if suffix == ".json":
        assert json.loads(text)["recommendation"]["role"] == PMM
        return
    levels = (
        [len(m) for m in re.findall(r"^(#+) ", text, re.MULTILINE)]
        if suffix == ".md"
        else [int(level) for level in re.findall(r"<h([1-6])", text)]
    )
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))
    assert "Hire a Product Marketing Manager first" in text
    assert ("| Undone |" if suffix == ".md" else "Work undone today, per role") in text
    assert ".txt" not in text and "Your fit" not in text


def test_a_team_report_in_a_format_it_has_not_is_refused_before_anything(tmp_path: Path) -> None:
    done = runner.invoke(app, ["team", "--answers", "-", "--report", str(tmp_path / "t.pdf")], input='{"team": {}}')
    assert done.exit_code == 2 and "use one of .md, .html, .svg, .json" in done.stderr
    assert done.stdout == "" and not (tmp_path / "t.pdf").exists()


def test_a_team_report_to_svg_is_the_summary_as_a_card(tmp_path: Path) -> None:
    """--report F.svg writes the team's summary as a 1200x630 card: the headline, each role's work undone out of
    100, the work nobody does, the overload, and when and from what it was made."""
    card = tmp_path / "team.svg"
    team = everyone_in_place() | {task: "nobody" for task in owned(PMM)[1:]} | {owned(PMM)[0]: "one-person"}
    team |= {owned(PM)[0]: "one-person"}
    done = runner.invoke(
        app, ["team", "--answers", "-", "--json", "--report", str(card)], input=json.dumps({"team": team})
    )
    assert done.exit_code == 0, done.stderr
    assert done.stderr == f"rolefit: wrote the report to {card}\n"
    result = TeamResult.model_validate(json.loads(done.stdout))
    summary = team_summary(result)
    assert result.overload is not None and summary.change_title and summary.reasons
    rows = [(need.name, need.need) for need in result.needs]
    about = f"rolefit team: {result.answered} of {result.tasks} tasks answered"
    assert_summary_card(card, summary, rows, about)
    assert summary.change_title in " ".join(text for _, text in card_lines(card)[1])


def test_need_counts_one_person_and_borrowed_tasks_at_half_and_the_margin_is_between_the_two_needs() -> None:
    """need = 100 * (nobody + 1/2 * (one person + the other role)) / the role's needed tasks, to one decimal;
    the margin is the points between the two needs, and 5 to 15 of them is a lean."""
    pmm_tasks, pm_tasks = owned(PMM), owned(PM)
    team = everyone_in_place() | {pmm_tasks[0]: "nobody", pmm_tasks[1]: "one-person", pmm_tasks[2]: PM}
    team |= {pm_tasks[0]: "nobody", pm_tasks[1]: "not-needed"}
    result = assess_team(MATRIX, PROFILES, team)
    pmm_need = 100 * (1 + 0.5 * 2) / len(pmm_tasks)
    pm_need = 100 * 1 / (len(pm_tasks) - 1)  # a task not needed leaves the count
    assert [(n.role, n.need, n.tasks) for n in result.needs] == [
        (PMM, round(pmm_need, 1), len(pmm_tasks)),
        (PM, round(pm_need, 1), len(pm_tasks) - 1),
    ]
    pmm = result.needs[0]
    assert [t.id for t in pmm.uncovered] == [pmm_tasks[0]]
    assert [t.id for t in pmm.one_person] == [pmm_tasks[1]]
    assert [t.id for t in pmm.borrowed] == [pmm_tasks[2]]
    margin = round(round(pmm_need, 1) - round(pm_need, 1), 1)
    assert 5 <= margin < 15 and margin != round(margin)  # a lean, with a decimal that rounding must keep
    assert result.margin == margin
    assert (result.recommendation.role, result.recommendation.verdict) == (PMM, Verdict.LEAN)


def test_a_role_none_of_whose_tasks_are_needed_has_nothing_undone() -> None:
    """Every PM task not needed and the rest done: the PM's need is 0 out of 0 tasks, and no role is needed."""
    result = team_json(everyone_in_place() | {task: "not-needed" for task in owned(PM)})
    need = {n["role"]: n for n in result["needs"]}
    assert (need[PM]["need"], need[PM]["tasks"]) == (0, 0)
    assert result["recommendation"]["verdict"] == "neither" and result["recommendation"]["role"] is None


@pytest.mark.parametrize(("whole", "half"), [(PM, PMM), (PMM, PM)])
def test_on_equal_needs_the_role_with_more_tasks_nobody_does_comes_first(whole: str, half: str) -> None:
    """One task nobody does weighs as much as two half done; at equal needs the wholly undone work leads."""
    size = min(len(owned(PM)), len(owned(PMM)))
    team = everyone_in_place() | {task: "not-needed" for role in (PM, PMM) for task in owned(role)[size:]}
    team |= {owned(whole)[0]: "nobody", owned(half)[0]: "one-person", owned(half)[1]: SHORT[whole]}
    result = team_json(team)
    need = round(100 * 1 / size, 1)  # one task of `size` nobody does = two of `size` half done
    assert [(n["role"], n["need"]) for n in result["needs"]] == [(whole, need), (half, need)]
    assert result["margin"] == 0
    assert (result["recommendation"]["role"], result["recommendation"]["verdict"]) == (whole, "close-call")


def test_one_task_short_of_a_quarter_needs_one_more_answer() -> None:
    """Answered one short of a quarter of the tasks (rounded up), one more is needed, and it gives a result."""
    quarter = math.ceil(len(MATRIX.tasks) / 4)
    tasks = [task.id for task in MATRIX.tasks]
    short = team_json({task: "nobody" for task in tasks[: quarter - 1]})["recommendation"]
    assert (short["verdict"], short["needed"]) == ("undetermined", 1)
    assert team_json({task: "nobody" for task in tasks[:quarter]})["recommendation"]["verdict"] != "undetermined"


def test_exactly_a_quarter_answered_is_not_under_a_quarter() -> None:
    """With a matrix of 20 tasks, 5 answered is a quarter: a result; 4 is under it and needs 1 more."""
    dropped = owned(SHARED_OWNER)[-1]
    matrix = dataclasses.replace(MATRIX, tasks=tuple(task for task in MATRIX.tasks if task.id != dropped))
    assert len(matrix.tasks) % 4 == 0
    pmm_tasks = [task.id for task in matrix.owned_by(PMM)]
    quarter = len(matrix.tasks) // 4
    at_quarter = assess_team(matrix, PROFILES, {task: "nobody" for task in pmm_tasks[:quarter]})
    assert (at_quarter.recommendation.role, at_quarter.recommendation.verdict) == (PMM, Verdict.CLEAR)
    under = assess_team(matrix, PROFILES, {task: "nobody" for task in pmm_tasks[: quarter - 1]}).recommendation
    assert (under.verdict, under.needed) == (Verdict.UNDETERMINED, 1)


def test_the_alignment_lists_the_shared_tasks_and_who_does_each() -> None:
    """Where the work must meet: every shared task, who does each answered one (a role by its id), the advice."""
    shared = owned(SHARED_OWNER)
    team = everyone_in_place() | {shared[0]: SHORT[PMM], shared[1]: "one-person", shared[2]: "someone-else"}
    del team[shared[3]]
    alignment = team_json(team)["alignment"]
    assert [t["id"] for t in alignment["shared"]] == shared
    assert alignment["covered_by"] == {shared[0]: PMM, shared[1]: "one-person", shared[2]: "someone-else"}
    assert alignment["advice"] == list(MATRIX.alignment.items) and alignment["source"]["title"]
