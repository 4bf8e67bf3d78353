"""Both roles readable: ``rolefit profile show ROLE`` tells the role, ``rolefit roles`` puts the roles side by side."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.data.catalog import load_profiles
from rolefit.data.models import ListBlock, Profile, TextBlock
from rolefit.views import wording

runner = CliRunner()
PROFILES = load_profiles()
THIRD_ROLE = Path(__file__).parent / "fixtures" / "third_role"


def shown(*args: str, width: int = 100) -> str:
    """What a command prints for people at a terminal width, after checking it succeeded with a quiet stderr."""
    done = runner.invoke(app, list(args), env={"COLUMNS": str(width), "NO_COLOR": "1", "TERM": "dumb"})
    assert done.exit_code == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def flat(text: str) -> str:
    """Text with every run of whitespace made one space."""
    return " ".join(text.split())


def lines_of(block: ListBlock | TextBlock) -> list[str]:
    """A profile block's lines as a reader would look for them."""
    return list(block.items) if isinstance(block, ListBlock) else [block.text]


def article(profile_block: ListBlock | TextBlock) -> str:
    """The name a block's source is shown by."""
    found = PROFILES.article(profile_block.source.file)
    return wording.source_name(found.title, found.publisher)


@pytest.mark.parametrize("profile", PROFILES.profiles, ids=lambda p: p.id)
def test_profile_show_tells_the_role_with_sources_by_title(profile: Profile) -> None:
    """`profile show ROLE` shows the role's day to day, metrics, reporting line, career path and interview loop (and
    the next steps), each with its source named by title, and keeps the weights under their own heading, last."""
    text = shown("profile", "show", profile.id)
    body = flat(text)
    assert body.startswith(f"{profile.name} ({profile.short_name})")
    assert flat(profile.summary.text) in body
    for title, block in wording.role_life(profile):
        assert re.search(rf"^{re.escape(title)}$", text, re.MULTILINE), title
        for line in lines_of(block):
            assert flat(line) in body
        assert f"Source: {flat(article(block))}" in body
    for block in (profile.preparation, profile.mistakes, profile.borrow_skills):
        assert all(flat(line) in body for line in lines_of(block))
    assert body.index("Interview loop") < body.index("Trait weights")
    for trait in PROFILES.traits:
        assert flat(profile.trait_facts[trait.id].text) in body.split("Trait weights", 1)[1]
    assert ".txt" not in body
    assert all(line == line.rstrip() for line in text.splitlines())


@pytest.mark.parametrize("width", [100, 140])
def test_roles_shows_the_roles_side_by_side_when_wide(width: int) -> None:
    """At 100 columns or more each role has a column: a header line names both roles, and each aspect's row starts
    with its title and holds both roles' first lines on one line."""
    text = shown("roles", width=width)
    assert max(len(line) for line in text.splitlines()) <= width
    pm, pmm = PROFILES.profiles
    header = next(line for line in text.splitlines() if pm.name in line)
    assert re.fullmatch(rf"\s*{pm.name}\s+{pmm.name}\s*", header)
    assert pmm.name in header and header.index(pm.name) < header.index(pmm.name)
    lines = text.splitlines()
    for title, block in wording.role_life(pm):
        row = next(line for line in lines if line.startswith(title + "  "))
        first_pm = lines_of(block)[0].split()[0]
        first_pmm = lines_of(dict(wording.role_life(pmm))[title])[0].split()[0]
        assert first_pm in row and first_pmm in row, (title, row)
    for heading in ("PM and PMM side by side", "Next steps for each role"):
        assert re.search(rf"^{heading} ─+$", text, re.MULTILINE)


def test_roles_shows_one_role_after_the_other_when_narrow() -> None:
    """Below 100 columns the roles follow each other: all of PM's content, then all of PMM's, nothing cut."""
    text = shown("roles", width=80)
    assert max(len(line) for line in text.splitlines()) <= 80
    body = flat(text)
    pm, pmm = PROFILES.profiles
    assert not any(re.fullmatch(rf"\s*{pm.name}\s+{pmm.name}\s*", line) for line in text.splitlines())
    assert re.search(rf"^{pm.name}$", text, re.MULTILINE) and re.search(rf"^{pmm.name}$", text, re.MULTILINE)
    both = text.split("Next steps for each role")[0]
    starts = [m.start() for m in re.finditer(rf"^({pm.name}|{pmm.name})$", both, re.MULTILINE)]
    assert len(starts) == 2 and flat(pm.interview_loop.items[-1]) in flat(both[starts[0] : starts[1]])
    for profile in (pm, pmm):
        for _, block in wording.role_life(profile):
            assert all(flat(line) in body for line in lines_of(block))
        assert all(flat(line) in body for line in lines_of(profile.preparation))


def test_roles_json_is_every_profile_and_the_sources() -> None:
    """`roles --json` is every role's profile (as `profile show --json` prints it) and the sources registry."""
    data = json.loads(shown("roles", "--json"))
    assert [role["id"] for role in data["roles"]] == [p.id for p in PROFILES.profiles]
    alone = json.loads(shown("profile", "show", "product-manager", "--json"))
    assert data["roles"][0] == alone
    assert {s["file"] for s in data["sources"]} == {a.file for a in PROFILES.shared.sources}


def test_roles_takes_a_third_role_from_profiles() -> None:
    """With a third profile every role gets a column (wide) or a turn (narrow)."""
    three = load_profiles(THIRD_ROLE)
    text = shown("roles", "--profiles", str(THIRD_ROLE), width=160)
    header = next(line for line in text.splitlines() if "Product Manager" in line)
    assert all(profile.name in header for profile in three.profiles)
    assert "The roles side by side" in text


def test_roles_is_listed_in_help() -> None:
    """The top-level help names the new command with its one-line purpose."""
    assert "roles" in shown("--help") and "side by side" in flat(shown("--help"))


@pytest.mark.parametrize(
    ("answers", "other"), [("clear-pm", "product-marketing-manager"), ("lean-pmm", "product-manager")]
)
def test_a_lean_or_clear_result_says_in_one_line_how_to_read_the_other_role(
    tmp_path: Path, answers: str, other: str
) -> None:
    """The quiz's result ends its role section with one line naming the command for the other role; that command
    works and tells the other role."""
    from tests.test_words import ANSWER_SETS

    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"bank": "core", "answers": ANSWER_SETS[answers]}), encoding="utf-8")
    text = shown("quiz", "--answers", str(path), width=120)
    pointers = [line for line in text.splitlines() if "rolefit profile show" in line]
    assert len(pointers) == 1 and pointers[0].endswith(f"rolefit profile show {other}")
    assert "--json" not in pointers[0]
    command = pointers[0].split("run: ", 1)[1].split()[1:]
    assert flat(shown(*command)).startswith(next(p.name for p in PROFILES.profiles if p.id == other))
