"""``rolefit matrix``: a person's experience mapped to each role's tasks, and the gaps for the role they lean to."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.data.catalog import load_bank, load_profiles
from rolefit.data.tasks import SHARED_OWNER, Experience, load_tasks
from rolefit.scoring.gaps import GapMap, map_gaps
from rolefit.views.gaps import gap_summary
from tests.helpers import assert_summary_card, extreme, result_of

runner = CliRunner()
PROFILES = load_profiles()
MATRIX = load_tasks(PROFILES)
PM, PMM = "product-manager", "product-marketing-manager"


def owned(owner: str) -> list[str]:
    return [task.id for task in MATRIX.owned_by(owner)]


def matrix_json(levels: dict[str, str], *args: str) -> dict[str, Any]:
    done = runner.invoke(app, ["matrix", "--answers", "-", "--json", *args], input=json.dumps({"matrix": levels}))
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_each_roles_gaps_are_its_tasks_not_done() -> None:
    """Without a result, the gaps are for the role covered most: its tasks marked none, and some apart."""
    pm_tasks = owned(PM)
    levels = {t: "done" for t in pm_tasks[2:]} | {pm_tasks[0]: "none", pm_tasks[1]: "some"}
    levels |= {t: "none" for t in owned(PMM)} | {owned(SHARED_OWNER)[0]: "none"}
    gaps = matrix_json(levels)
    assert (gaps["role"], gaps["chosen_by"]) == (PM, "coverage")
    assert [t["id"] for t in gaps["gaps"]] == [pm_tasks[0]]
    assert [t["id"] for t in gaps["partial"]] == [pm_tasks[1]]
    assert [t["id"] for t in gaps["shared_gaps"]] == [owned(SHARED_OWNER)[0]]
    cover = {c["role"]: c for c in gaps["coverage"]}
    done = len(pm_tasks) - 2
    assert cover[PM]["coverage"] == round(100 * (done + 0.5) / len(pm_tasks), 1)
    assert (cover[PM]["done"], cover[PM]["some"], cover[PM]["none"]) == (done, 1, 1)
    assert cover[PMM]["coverage"] == 0
    assert gaps["preparation"]["steps"] == list(PROFILES.profile(PM).preparation.items)


def test_every_role_lists_its_own_gaps_and_the_view_shows_the_other_roles() -> None:
    """Each role's coverage names its tasks not done and done in part; the view lists the other role's too."""
    pm_tasks, pmm_tasks = owned(PM), owned(PMM)
    levels = {t: "done" for t in pm_tasks} | {pmm_tasks[0]: "none", pmm_tasks[1]: "some", pmm_tasks[2]: "done"}
    gaps = matrix_json(levels)
    cover = {c["role"]: c for c in gaps["coverage"]}
    assert gaps["role"] == PM and cover[PM]["gaps"] == [] and cover[PM]["partial"] == []
    assert [t["id"] for t in cover[PMM]["gaps"]] == [pmm_tasks[0]]
    assert [t["id"] for t in cover[PMM]["partial"]] == [pmm_tasks[1]]
    shown = runner.invoke(
        app, ["matrix", "--answers", "-"], input=json.dumps({"matrix": levels}), env={"COLUMNS": "200"}
    )
    assert shown.exit_code == 0, shown.stderr
    text = shown.stdout
    other = text[text.index("Gaps for the other role") :]
    names = {task.id: task.name for task in MATRIX.tasks}
    assert names[pmm_tasks[0]] in other and names[pmm_tasks[1]] in other and names[pmm_tasks[2]] not in other


def test_a_quiz_result_picks_the_role_the_gaps_are_for(tmp_path: Path) -> None:
    """With --result, the gaps are for the role the quiz recommends, even when another is covered more."""
    bank = load_bank("core", PROFILES)
    result = result_of(bank, PROFILES, extreme(bank, PROFILES, PMM))
    assert result.recommendation.role == PMM
    saved = tmp_path / "result.json"
    saved.write_text(result.model_dump_json(), encoding="utf-8")
    levels = {t: "done" for t in owned(PM)} | {t: "none" for t in owned(PMM)}
    gaps = matrix_json(levels, "--result", str(saved))
    assert (gaps["role"], gaps["chosen_by"]) == (PMM, "result")
    assert [t["id"] for t in gaps["gaps"]] == owned(PMM)


def test_the_view_lists_gaps_by_name_and_how_to_close_them() -> None:
    levels = {t: "done" for t in owned(PMM)} | {owned(PMM)[0]: "none", owned(PM)[0]: "none"}
    done = runner.invoke(app, ["matrix", "--answers", "-"], input=json.dumps({"matrix": levels}))
    assert done.exit_code == 0, done.stderr
    shown = done.stderr + done.stdout
    assert "Gaps for the Product Marketing Manager role" in shown and "Close the gaps" in shown
    assert MATRIX.owned_by(PMM)[0].name in shown
    closing = shown[shown.index("Close the gaps") :]
    assert MATRIX.owned_by(PM)[0].name not in closing  # another role's gap is not this role's to close
    assert MATRIX.owned_by(PM)[0].name in shown[shown.index("Gaps for the other role") : shown.index("Close the gaps")]
    assert ".txt" not in shown


def test_a_matrix_report_to_svg_is_the_summary_as_a_card(tmp_path: Path) -> None:
    """rolefit matrix --report F.svg writes the gap map's summary as a card: the headline, each role's work done
    out of 100, the first gaps by name, and when and from what it was made."""
    card = tmp_path / "gaps.svg"
    levels = {t: "done" for t in owned(PM)} | {owned(PM)[0]: "none", owned(PM)[1]: "some", owned(PMM)[0]: "some"}
    done = runner.invoke(
        app, ["matrix", "--answers", "-", "--json", "--report", str(card)], input=json.dumps({"matrix": levels})
    )
    assert done.exit_code == 0, done.stderr
    assert done.stderr == f"rolefit: wrote the report to {card}\n"
    gaps = GapMap.model_validate(json.loads(done.stdout))
    summary = gap_summary(gaps)
    assert gaps.role == PM and MATRIX.owned_by(PM)[0].name in summary.reasons
    rows = [(cover.name, cover.coverage) for cover in gaps.coverage]
    assert_summary_card(card, summary, rows, f"rolefit matrix: {gaps.answered} of {gaps.tasks} tasks answered")


def test_a_matrix_report_names_svg_among_its_formats(tmp_path: Path) -> None:
    done = runner.invoke(app, ["matrix", "--answers", "-", "--report", str(tmp_path / "m.txt")], input="{}")
    assert done.exit_code == 2 and "use one of .md, .html, .svg, .json" in done.stderr
    assert not (tmp_path / "m.txt").exists()


def test_nothing_answered_maps_nothing() -> None:
    gaps = matrix_json({})
    assert gaps["role"] is None and gaps["gaps"] == [] and gaps["preparation"] is None


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ('{"matrix": {"roadmap": "yes"}}', "'yes' is not an answer for task 'roadmap': use one of done, some, none"),
        ('{"matrix": {"roadmp": "done"}}', "no task 'roadmp' (did you mean 'roadmap'?)"),
        ('{"matrix": {"roadmap": true}}', "True (not a word) is not an answer"),
    ],
)
def test_a_bad_matrix_file_is_refused_at_its_place(answers: str, expected: str) -> None:
    done = runner.invoke(app, ["matrix", "--answers", "-"], input=answers)
    assert done.exit_code == 1
    assert "<stdin>:1:" in done.stderr and expected in done.stderr


def test_without_a_result_file_the_last_kept_result_picks_the_role(tmp_path: Path) -> None:
    """The history's last result speaks for the quiz when no --result is given."""
    bank = load_bank("core", PROFILES)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"bank": "core", "answers": extreme(bank, PROFILES, PMM)}), encoding="utf-8")
    assert runner.invoke(app, ["quiz", "--answers", str(answers), "--save", "--json"]).exit_code == 0
    levels = {t: "done" for t in owned(PM)} | {t: "none" for t in owned(PMM)}
    gaps = matrix_json(levels)
    assert (gaps["role"], gaps["chosen_by"]) == (PMM, "history")
    assert [t["id"] for t in gaps["gaps"]] == owned(PMM)


def test_the_quizs_next_steps_point_to_the_matrix() -> None:
    """A result that names a role ends its next steps with the command that maps the person's gaps for it."""
    from rolefit.views.sections import result_sections

    bank = load_bank("core", PROFILES)
    result = result_of(bank, PROFILES, extreme(bank, PROFILES, PM))
    steps = next(section for section in result_sections(result, PROFILES) if section.key == "next-steps")
    assert any("rolefit matrix" in (getattr(block, "text", None) or "") for block in steps.blocks)


def test_a_role_given_without_saying_where_from_counts_as_the_results() -> None:
    """map_gaps spoken to a role with no chosen_by says the role came from a result, and maps that role's gaps."""
    levels = {t: "done" for t in owned(PM)} | {owned(PMM)[0]: "none", owned(PMM)[1]: "some"}
    experience = {task: Experience(level) for task, level in levels.items()}
    gaps = map_gaps(MATRIX, PROFILES, experience, PMM)
    assert (gaps.role, gaps.chosen_by) == (PMM, "result")
    assert [t.id for t in gaps.gaps] == [owned(PMM)[0]] and [t.id for t in gaps.partial] == [owned(PMM)[1]]
    assert map_gaps(MATRIX, PROFILES, experience, PMM, chosen_by="history").chosen_by == "history"


def test_a_role_with_none_of_its_tasks_answered_covers_nothing() -> None:
    """Only PM tasks answered: the PMM's coverage is 0 of 0 tasks, and the gaps are for the PM."""
    pm_tasks = owned(PM)
    gaps = matrix_json({pm_tasks[0]: "done"} | {t: "none" for t in pm_tasks[1:]})
    cover = {c["role"]: c for c in gaps["coverage"]}
    assert cover[PM]["coverage"] == round(100 * 1 / len(pm_tasks), 1)
    assert (cover[PMM]["coverage"], cover[PMM]["done"], cover[PMM]["some"], cover[PMM]["none"]) == (0, 0, 0, 0)
    assert [c["role"] for c in gaps["coverage"]] == [PM, PMM]
    assert (gaps["role"], gaps["chosen_by"]) == (PM, "coverage") and [t["id"] for t in gaps["gaps"]] == pm_tasks[1:]
