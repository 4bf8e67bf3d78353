"""The summary of a result and the result screen's views, in-process: what fits on 80x24, and what each key opens.

Expected texts come from the result and the section model, never from a copy of the output.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
from pathlib import Path
from typing import IO, Any

import pytest

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.quiz import result_screen
from rolefit.quiz.result_screen import keys_line, section_lines, summary_screen
from rolefit.quiz.screens import to_plain
from rolefit.quiz.shown import pages
from rolefit.scoring.result import Result
from rolefit.types import Verdict
from rolefit.views import wording
from rolefit.views.sections import Roles, headline, result_sections
from rolefit.views.summary import NOT_SAVED, build_summary, side_by_side, summary_text
from tests.answer_sets import CLEAR_PM, CLOSE_CALL, FEW_ANSWERS, LEAN_PMM
from tests.helpers import avoiding_everything, result_of

SCREEN_WIDTH = 79  # what keyboard._run_screen draws at on an 80-column terminal
ROWS = 24
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
VERDICTS = ["clear", "lean", "close-call", "neither", "undetermined", "capped"]


def answers_for(name: str, core: LoadedBank) -> dict[str, int | str]:
    """An answer set to the core bank giving the named kind of result."""
    if name == "neither":
        return dict(avoiding_everything(core))
    if name == "undetermined":
        return dict(list(CLEAR_PM.items())[:3])
    return {"clear": CLEAR_PM, "lean": LEAN_PMM, "close-call": CLOSE_CALL, "capped": FEW_ANSWERS}[name]


@pytest.fixture(params=VERDICTS)
def result(request: pytest.FixtureRequest, core: LoadedBank, profiles: ProfileSet) -> Result:
    """A result of each kind: every verdict, and a lean held down by a limit."""
    found = result_of(core, profiles, answers_for(request.param, core))
    expected = {"capped": "lean"}.get(request.param, request.param)
    assert found.recommendation.verdict == expected  # the answer set still gives what the test is named for
    return found


def plain(text: str) -> str:
    """ANSI text without its escapes."""
    return ANSI.sub("", text)


def flat(text: str) -> str:
    """Whitespace runs made one space, so wrapped sentences can be searched."""
    return " ".join(text.split())


def written_to(stream: IO[Any] | None) -> str:
    """What the screen wrote to one of the environment's streams."""
    assert isinstance(stream, io.StringIO)
    return stream.getvalue()


def fit_line(name: str, score: float) -> re.Pattern[str]:
    """A fit as the bars show it: the role's name, its bar, its score out of 100."""
    return re.compile(rf"^{re.escape(name)}\s+[█░]+\s+{score + 0.0:.0f}/100$", re.MULTILINE)


# ---- the summary ---------------------------------------------------------------------------------


def test_the_summary_screen_fits_80x24_with_its_keys_and_a_notice(result: Result, profiles: ProfileSet) -> None:
    """Summary, a two-line notice and the keys line take at most 23 of 24 rows at 80 columns: nothing is cut."""
    summary = build_summary(result, profiles, saved="Saved the result in a-rather-long-folder-name/result.json.")
    notice = "rolefit: cannot write a report to x.txt: it has extension '.txt'; use one of .md, .html, .svg, .json"
    whole = plain(summary_screen(summary, pages(result, profiles), notice, width=SCREEN_WIDTH, rows=1000, color=True))
    assert len(whole.split("\n")) <= ROWS - 1, whole
    shown = plain(summary_screen(summary, pages(result, profiles), notice, width=SCREEN_WIDTH, rows=ROWS, color=True))
    assert shown == whole and "more below" not in shown
    assert all(len(line) <= SCREEN_WIDTH for line in shown.split("\n"))


def test_the_summary_holds_the_verdict_and_both_fits(result: Result, profiles: ProfileSet) -> None:
    """The verdict in plain words and each fit with its score; undetermined shows no fits (too few answers)."""
    text = summary_text(build_summary(result, profiles), width=SCREEN_WIDTH)
    assert text.splitlines()[0] == headline(result)
    if result.recommendation.verdict == Verdict.UNDETERMINED:
        assert "/100" not in text
        needed = result.recommendation.needed
        assert needed is not None and f"{needed} more answers" in flat(text)
        return
    for fit in result.fits:
        assert fit_line(fit.name, fit.score).search(text), (fit, text)
    assert "-0/100" not in text  # a fit of -0.0 reads as 0
    assert "out of 100; 50 is neither for nor against" in flat(text)


def test_the_scale_line_names_the_lead_in_points(core: LoadedBank, profiles: ProfileSet) -> None:
    """A named verdict says who leads whom by how many points, the short names from the profiles."""
    found = result_of(core, profiles, LEAN_PMM)
    roles = Roles(found, profiles)
    runner = roles.runner_up
    assert runner is not None
    text = flat(summary_text(build_summary(found, profiles), width=SCREEN_WIDTH))
    assert f"{roles.short(roles.top)} leads {roles.short(runner)} by {found.margin:.1f} points" in text


@pytest.mark.parametrize("answers", [CLEAR_PM, LEAN_PMM, FEW_ANSWERS], ids=["clear", "lean", "capped"])
def test_top_three_reasons_are_the_strongest_for_the_verdict_one_line_each(
    core: LoadedBank, profiles: ProfileSet, answers: dict[str, int | str]
) -> None:
    """A clear or lean result lists its three strongest reasons for the recommended role, in order, a line each."""
    found = result_of(core, profiles, answers)
    roles = Roles(found, profiles)
    strongest = [reason for reason in found.reasons if reason.role == roles.top][:3]
    summary = build_summary(found, profiles)
    assert [line.split(" points to ")[0] for line in summary.reasons] == [reason.name for reason in strongest]
    text = summary_text(summary, width=SCREEN_WIDTH)
    bullets = [line for line in text.splitlines() if line.startswith("• ")]
    assert len(bullets) == 3 and all(f"points to {roles.short(roles.top)}" in line for line in bullets)


def test_a_close_call_lists_reasons_both_ways(core: LoadedBank, profiles: ProfileSet) -> None:
    """What pulls each way: the strongest reason for each of the two roles, taking turns."""
    found = result_of(core, profiles, CLOSE_CALL)
    roles = Roles(found, profiles)
    named = [line.split(" points to ")[1].split(":")[0] for line in build_summary(found, profiles).reasons]
    assert named[:2] == [roles.short(fit.role) for fit in found.fits[:2]]


def test_the_change_that_matters_most_is_the_biggest_one(core: LoadedBank, profiles: ProfileSet) -> None:
    """The one change shown is the answer change that takes the most points off the lead, toward the runner-up."""
    found = result_of(core, profiles, CLEAR_PM)
    changes = [*found.what_would_change.weaken, *found.what_would_change.flip]
    biggest = max(changes, key=lambda change: change.points)
    summary = build_summary(found, profiles)
    assert summary.change == biggest.text
    runner = Roles(found, profiles).runner_up
    assert summary.change_title is not None and summary.change_title.endswith(
        f"toward {Roles(found, profiles).short(runner or '')}"
    )


def test_a_neither_result_says_what_the_answers_do_seek(core: LoadedBank, profiles: ProfileSet) -> None:
    """Neither: no reasons for a role, but the section's own note on what the answers seek."""
    found = result_of(core, profiles, avoiding_everything(core))
    seeks = next(section for section in result_sections(found, profiles) if section.key == "seeks")
    summary = build_summary(found, profiles)
    assert summary.reasons_title == seeks.title
    assert "points to" not in " ".join(summary.reasons)


def test_saved_shows_the_callers_line_or_a_hint_naming_report(core: LoadedBank, profiles: ProfileSet) -> None:
    """Where the result was kept is the caller's line; with none, a hint that --report FILE keeps one."""
    found = result_of(core, profiles, CLEAR_PM)
    assert "Saved as result 3 in the history." in summary_text(
        build_summary(found, profiles, saved="Saved as result 3 in the history."), width=SCREEN_WIDTH
    )
    hint = summary_text(build_summary(found, profiles), width=SCREEN_WIDTH)
    assert NOT_SAVED in hint and "--report FILE" in NOT_SAVED and "press r" in NOT_SAVED


def test_the_summary_shows_no_ids_or_file_names(result: Result, profiles: ProfileSet) -> None:
    """Nothing a person reads names an item id or a seed file."""
    text = summary_text(build_summary(result, profiles), width=SCREEN_WIDTH)
    assert ".txt" not in text
    assert not [item for item in result.answers if item in text]


# ---- the section views ---------------------------------------------------------------------------


def test_every_section_but_the_headline_is_a_key_away(result: Result, profiles: ProfileSet) -> None:
    """Each section of the result has its key, plus both roles side by side; keys are distinct and in the keys line."""
    offered = pages(result, profiles)
    keys = [page.key for page in offered]
    assert len(keys) == len(set(keys))
    sections = {section.key for section in result_sections(result, profiles)} - {"headline", "missing"}
    assert sections <= {page.section.key for page in offered}
    assert "o" in keys  # both roles side by side: a close call's own section, else the two best
    line = to_plain(keys_line(offered, SCREEN_WIDTH), width=SCREEN_WIDTH)
    for page in offered:
        assert f"{page.key} {page.label}" in flat(line)
    assert all(len(row) <= SCREEN_WIDTH for row in line.splitlines())
    assert "p read it all" in flat(line) and "r write a report" in flat(line) and "q quit" in flat(line)


def test_the_keys_line_wraps_between_keys(core: LoadedBank, profiles: ProfileSet) -> None:
    """At any width each key stays beside its label on one line."""
    offered = pages(result_of(core, profiles, CLEAR_PM), profiles)
    for width in (40, 50, 79):
        rows = to_plain(keys_line(offered, width), width=width).splitlines()
        assert len(rows) > 1 and all(len(row) <= width for row in rows)
        for page in offered:
            assert any(f"{page.key} {page.label}" in row for row in rows), (page, rows)


def test_both_roles_side_by_side_aspect_by_aspect(core: LoadedBank, profiles: ProfileSet) -> None:
    """The other role beside the recommended one: each aspect of the role's life for both, with sources by title."""
    found = result_of(core, profiles, CLEAR_PM)
    section = side_by_side(found, profiles)
    assert section is not None
    text = flat(plain("\n".join(section_lines(section, width=SCREEN_WIDTH, color=False))))
    for profile in profiles.profiles:
        assert profile.name in text
        for title, block in wording.role_life(profile):
            assert title in text
            first = block.items[0] if hasattr(block, "items") else block.text
            assert flat(first)[:30] in text
    assert ".txt" not in text


def test_no_side_by_side_without_both_profiles(core: LoadedBank, profiles: ProfileSet) -> None:
    """With one role's profile missing there is nothing to set beside it, and no key for it."""
    found = result_of(core, profiles, CLEAR_PM)
    one = dataclasses.replace(profiles, profiles=profiles.profiles[:1])
    assert side_by_side(found, one) is None
    assert "both" not in {page.section.key for page in pages(found, one)}


def test_the_default_report_name_is_dated_and_never_overwrites(tmp_path: Path) -> None:
    """rolefit-result-YYYY-MM-DD.md, then -2, -3 when those are taken."""
    day = datetime.date(2026, 12, 1)
    assert result_screen.default_report_name(tmp_path, day) == Path("rolefit-result-2026-12-01.md")
    (tmp_path / "rolefit-result-2026-12-01.md").write_text("")
    (tmp_path / "rolefit-result-2026-12-01-2.md").write_text("")
    assert result_screen.default_report_name(tmp_path, day) == Path("rolefit-result-2026-12-01-3.md")


def test_a_third_role_from_a_profile_file_shows_on_the_summary_too() -> None:
    """With a third role's profile, every fit shows, the screen still fits, and both roles means the two best."""
    from rolefit.data.catalog import load_bank, load_profiles
    from tests.answer_sets import ANALYST

    three = load_profiles(Path(__file__).parent / "fixtures" / "third_role")
    found = result_of(load_bank("core", three), three, ANALYST)
    assert len(found.fits) == 3
    summary = build_summary(found, three)
    text = summary_text(summary, width=SCREEN_WIDTH)
    for fit in found.fits:
        assert fit_line(fit.name, fit.score).search(text), text
    screen = plain(summary_screen(summary, pages(found, three), None, width=SCREEN_WIDTH, rows=1000, color=False))
    assert len(screen.split("\n")) <= ROWS - 1
    both = side_by_side(found, three)
    shorts = [Roles(found, three).short(fit.role) for fit in found.fits[:2]]
    assert both is not None and both.title == f"{shorts[0]} and {shorts[1]} side by side"


@pytest.mark.parametrize("answers", [CLEAR_PM, LEAN_PMM, CLOSE_CALL], ids=["clear", "lean", "close-call"])
def test_the_recommended_roles_fit_is_the_one_marked_top(
    core: LoadedBank, profiles: ProfileSet, answers: dict[str, int | str]
) -> None:
    """The fit bars mark the recommended role's row (drawn bold and green), and only that row."""
    found = result_of(core, profiles, answers)
    fits = build_summary(found, profiles).fits
    assert fits is not None
    assert [row.name for row in fits.rows if row.top] == [found.recommendation.name]
