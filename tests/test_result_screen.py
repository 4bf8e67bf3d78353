"""The result screen through a real pseudo-terminal (pexpect, read through pyte at 80x24): what a person sees.

Each test takes the quick quiz at 80x24 with ``--seed`` fixed and answers that favour one role, so the
keys to press are known; what the screen must show is computed from the result the quiz saved
(``--output``), never copied from the screen.
"""

from __future__ import annotations

import contextlib
import json
import shlex
import time
from pathlib import Path
from typing import Any

import pyte
import pytest

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.data.models import LikertItem
from rolefit.quiz.session import item_order, option_order
from rolefit.quiz.shown import pages
from rolefit.scoring.result import Result
from rolefit.views.sections import headline, result_sections
from tests.helpers import ROLEFIT, extreme
from tests.test_pty import environment, finish

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.slow

TIMEOUT = 10
SEED = 7
COLUMNS, ROWS = 80, 24


def keys_for(bank: LoadedBank, profiles: ProfileSet, role: str) -> list[str]:
    """The key to press at each question, in the order --seed asks them, for answers that favour ``role``."""
    answers = extreme(bank, profiles, role)
    keys = []
    for item_id in item_order([item.id for item in bank.items], shuffle=bank.bank.shuffle, seed=SEED):
        item = bank.item(item_id)
        if isinstance(item, LikertItem):
            keys.append(str(answers[item_id]))
        else:
            shown = [option.id for option in option_order(item.options, item_id, SEED)]
            keys.append(str(shown.index(str(answers[item_id])) + 1))
    return keys


class Screen:
    """The terminal as a person sees it: 80x24, kept by pyte from everything the child writes."""

    def __init__(self, child: Any) -> None:
        self.child = child
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.Stream(self.screen)
        self.seen = ""  # everything written, escapes removed by pyte's screen only

    def lines(self) -> list[str]:
        """The visible lines, trailing blanks dropped."""
        return [line.rstrip() for line in self.screen.display]

    def until(self, *texts: str) -> list[str]:
        """Feed the child's output until every text is on the visible screen (as words, across wrapped lines)."""
        deadline = time.monotonic() + TIMEOUT
        while not all(" ".join(text.split()) in " ".join(" ".join(self.lines()).split()) for text in texts):
            assert time.monotonic() < deadline, (texts, self.lines())
            with contextlib.suppress(pexpect.TIMEOUT):
                self.feed(self.child.read_nonblocking(4096, timeout=0.2))
        return self.lines()

    def feed(self, data: str) -> None:
        """Draw what the child wrote."""
        self.seen += data
        self.stream.feed(data)

    def rest(self) -> list[str]:
        """Everything until the child ends, drawn; the final screen."""
        with contextlib.suppress(pexpect.EOF, pexpect.TIMEOUT):
            while True:
                self.feed(self.child.read_nonblocking(4096, timeout=TIMEOUT))
        return self.lines()


def start(tmp_path: Path, *args: str, **env: str) -> tuple[Any, Screen]:
    """The quick quiz in an 80x24 pty, in tmp_path, saving its result to tmp_path/out.json."""
    command = [str(ROLEFIT), "quiz", "--bank", "quick", "--seed", str(SEED), "--output", str(tmp_path / "out.json")]
    command += list(args)
    child = pexpect.spawn(
        command[0],
        command[1:],
        env=environment(tmp_path, COLUMNS, ROWS, **env),
        dimensions=(ROWS, COLUMNS),
        encoding="utf-8",
        codec_errors="replace",
        timeout=TIMEOUT,
        cwd=str(tmp_path),
    )
    return child, Screen(child)


def answer_all(screen: Screen, keys: list[str]) -> None:
    """From the intro to the confirmed review, one key per question."""
    screen.until("Press Enter to start")
    screen.child.send("\r")
    for number, key in enumerate(keys, start=1):
        screen.until(f"Question {number}/{len(keys)}")
        screen.child.send(key)
    screen.until("Review your answers")
    screen.child.send("c")


def saved(tmp_path: Path) -> Result:
    """The result the quiz wrote with --output (before the screen opened)."""
    return Result.model_validate(json.loads((tmp_path / "out.json").read_text(encoding="utf-8")))


def holds_verdict_and_fits(lines: list[str], result: Result) -> None:
    """The verdict's words and each fit, its role's name and score, on the visible screen."""
    text = "\n".join(lines)
    assert headline(result) in text, text
    for fit in result.fits:
        row = next((line for line in lines if line.startswith(fit.name + " ")), None)
        assert row is not None and row.endswith(f"{fit.score + 0.0:.0f}/100"), (fit, text)


@pytest.fixture
def pm_keys(quick: LoadedBank, profiles: ProfileSet) -> list[str]:
    """The keys that answer the quick quiz for the PM role."""
    return keys_for(quick, profiles, "product-manager")


def test_after_the_quiz_the_80x24_screen_holds_the_verdict_and_both_fits(tmp_path: Path, pm_keys: list[str]) -> None:
    """The result opens on one screen that fits: verdict, both fits, where it was saved, and the keys line."""
    child, screen = start(tmp_path)
    answer_all(screen, pm_keys)
    lines = screen.until(" write a report")
    result = saved(tmp_path)
    assert result.recommendation.role == "product-manager"
    holds_verdict_and_fits(lines, result)
    assert "Saved as result 1 in the history" in " ".join(lines) and "more below" not in " ".join(lines)
    child.send("q")
    assert finish(child) == 0


def test_each_section_key_opens_its_section_and_q_or_esc_returns(
    tmp_path: Path, pm_keys: list[str], profiles: ProfileSet
) -> None:
    """Every key in the keys line opens its section at the top of the screen; q or Esc goes back to the summary."""
    child, screen = start(tmp_path)
    answer_all(screen, pm_keys)
    screen.until(" write a report")
    result = saved(tmp_path)
    offered = pages(result, profiles)
    assert {page.key for page in offered} == set("wctdone")
    for number, page in enumerate(offered):
        child.send(page.key)
        assert page.section.title is not None
        lines = screen.until(page.section.title, "back to the summary")
        assert lines[0].startswith(page.section.title), lines
        child.send("q" if number % 2 else "\x1b")
        lines = screen.until(headline(result), " write a report")
    child.send("q")
    assert finish(child) == 0


def test_a_section_scrolls_with_the_arrow_and_page_keys(tmp_path: Path, pm_keys: list[str]) -> None:
    """Down and PageDown move the section's window; its footer says which lines show."""
    child, screen = start(tmp_path)
    answer_all(screen, pm_keys)
    screen.until(" write a report")
    child.send("w")
    screen.until("lines 1-")
    child.send("\x1b[B")  # down
    screen.until("lines 2-")
    child.send("\x1b[6~")  # page down
    lines = screen.until("lines 22-")
    assert all(len(line) <= COLUMNS for line in lines)
    child.send("q")
    screen.until(" write a report")
    child.send("q")
    assert finish(child) == 0


@pytest.mark.parametrize("key", ["q", "\x03"], ids=["q", "ctrl-c"])
def test_q_leaves_with_the_summary_left_on_the_screen(tmp_path: Path, pm_keys: list[str], key: str) -> None:
    """After q (or Ctrl-C: the result is out already) the program ends, exit 0, the verdict and both fits left shown."""
    child, screen = start(tmp_path)
    answer_all(screen, pm_keys)
    screen.until(" write a report")
    child.send(key)
    lines = screen.rest()
    assert finish(child) == 0
    holds_verdict_and_fits(lines, saved(tmp_path))
    assert "write a report" not in " ".join(lines)  # the keys line went with the screen


@pytest.mark.parametrize(
    ("pager", "shown"),
    [("cat", lambda title: title), ("tr a-z A-Z", lambda title: title.upper())],
    ids=["cat", "a-real-pager"],
)
def test_p_pages_the_full_text(
    tmp_path: Path, pm_keys: list[str], profiles: ProfileSet, pager: str, shown: Any
) -> None:
    """p hands the whole result to $PAGER (PAGER=cat prints it): every section's title passes, then the summary."""
    child, screen = start(tmp_path, PAGER=pager, NO_COLOR="1")
    answer_all(screen, pm_keys)
    screen.until(" write a report")
    before = len(screen.seen)
    child.send("p")
    screen.until(" write a report")
    deadline = time.monotonic() + TIMEOUT
    titles = [section.title for section in result_sections(saved(tmp_path), profiles) if section.title]
    while not all(shown(title) in screen.seen[before:] for title in titles):
        assert time.monotonic() < deadline, titles
        with contextlib.suppress(pexpect.TIMEOUT):
            screen.feed(child.read_nonblocking(4096, timeout=0.2))
    child.send("q")
    assert finish(child) == 0


def test_r_writes_a_dated_report_and_says_where(tmp_path: Path, pm_keys: list[str]) -> None:
    """r asks for a file name with today's dated default; Enter writes it there and it is announced."""
    child, screen = start(tmp_path)
    answer_all(screen, pm_keys)
    screen.until(" write a report")
    child.send("r")
    screen.until("Write the report to: rolefit-result-")
    child.send("\r")
    screen.until("Wrote the report to rolefit-result-")
    child.send("q")
    lines = screen.rest()
    assert finish(child) == 0
    reports = list(tmp_path.glob("rolefit-result-*.md"))
    assert len(reports) == 1
    assert headline(saved(tmp_path)) in reports[0].read_text(encoding="utf-8")
    assert f"rolefit: wrote the report to {reports[0].name}" in lines


@pytest.mark.parametrize("how", ["plain", "dumb", "stdout-redirected"])
def test_without_a_screen_the_full_text_prints_linearly(
    tmp_path: Path, pm_keys: list[str], profiles: ProfileSet, how: str
) -> None:
    """--plain, TERM=dumb, or stdout not a terminal: no result screen, the whole text in order, no key to press."""
    if how == "stdout-redirected":
        line = [str(ROLEFIT), "quiz", "--bank", "quick", "--seed", str(SEED), "--output", str(tmp_path / "out.json")]
        child = pexpect.spawn(
            "bash",
            ["-c", "exec " + shlex.join(line) + " > " + shlex.quote(str(tmp_path / "shown.txt"))],
            env=environment(tmp_path, COLUMNS),
            dimensions=(ROWS, COLUMNS),
            encoding="utf-8",
            timeout=TIMEOUT,
        )
        answer_all(Screen(child), pm_keys)
        assert finish(child) == 0
        text = (tmp_path / "shown.txt").read_text(encoding="utf-8")
    else:
        child, _ = start(
            tmp_path, *(["--plain"] if how == "plain" else []), **({"TERM": "dumb"} if how == "dumb" else {})
        )
        child.expect_exact("Press Enter to start")
        child.sendline("")
        for number, key in enumerate(pm_keys, start=1):
            child.expect_exact(f"Question {number} of {len(pm_keys)}")
            child.expect_exact("Answer (")
            child.sendline(key)
        child.expect_exact("to confirm and see your result")
        child.sendline("c")
        child.expect(pexpect.EOF)
        text = child.before
        assert finish(child) == 0
    titles = [section.title for section in result_sections(saved(tmp_path), profiles) if section.title]
    places = [text.find(title) for title in titles]
    assert -1 not in places and places == sorted(places), (titles, places)
    assert "write a report" not in text
