"""End to end through a real pseudo-terminal (pexpect): what a person at a keyboard gets.

Each quiz runs ``rolefit quiz --bank quick`` at 80x24 with its stdout redirected to a file, so the
tests see the terminal (stderr) and the JSON (stdout) separately. Expectations wait on visible text,
never on sleeps.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pyte
import pytest
from rich.cells import cell_len

from rolefit.data.catalog import LoadedBank
from tests.helpers import ROLEFIT

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.slow

TIMEOUT = 10
QUICK_ITEMS = 12


def environment(tmp_path: Path, columns: int = 80, rows: int = 24, **extra: str) -> dict[str, str]:
    """The terminal's environment: isolated state, a plain xterm, no cursor-position requests."""
    env = dict(os.environ)
    env.update(
        XDG_STATE_HOME=str(tmp_path / "state"),
        PROMPT_TOOLKIT_NO_CPR="1",
        TERM="xterm",
        COLUMNS=str(columns),
        LINES=str(rows),
    )
    env.update(extra)
    return env


def quiz(tmp_path: Path, *args: str, stdout: Path | None = None, columns: int = 80, rows: int = 24, **env: str) -> Any:
    """Start ``rolefit quiz --bank quick ARGS`` in a pty; with ``stdout``, stdout goes to that file."""
    command = [str(ROLEFIT), "quiz", "--bank", "quick", *args]
    if stdout is not None:
        line = "exec " + " ".join(shlex.quote(part) for part in command) + " > " + shlex.quote(str(stdout))
        command = ["bash", "-c", line]
    child = pexpect.spawn(
        command[0],
        command[1:],
        env=environment(tmp_path, columns, rows, **env),
        dimensions=(rows, columns),
        encoding="utf-8",
        codec_errors="replace",
        timeout=TIMEOUT,
    )
    return child


def question(child: Any, number: int) -> None:
    """Wait for question ``number`` to be on screen."""
    child.expect_exact(f"Question {number}/{QUICK_ITEMS}")


def finish(child: Any) -> int:
    """Wait for the process to end; its exit status."""
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0))


def leave_result(child: Any) -> None:
    """Leave the result screen that opens after an interactive quiz on a terminal: q, once its keys line shows."""
    child.expect_exact(" write a report")
    child.send("q")


def progress_file(tmp_path: Path) -> dict[str, Any]:
    """The saved progress of the quick bank."""
    saved: dict[str, Any] = json.loads((tmp_path / "state" / "rolefit" / "progress" / "quick.json").read_text())
    return saved


def test_full_quiz_with_back_and_skip_puts_exactly_json_on_stdout(tmp_path: Path) -> None:
    """Answer, go back and change, skip, answer the rest, review, confirm: stdout is exactly the result JSON."""
    out = tmp_path / "out.json"
    child = quiz(tmp_path, "--json", stdout=out)
    child.expect_exact("Press Enter to start")
    child.send("\r")
    question(child, 1)
    child.send("4")
    question(child, 2)
    child.send("5")
    question(child, 3)
    child.send("b")  # back: question 2 again, with 5 marked
    question(child, 2)
    child.expect_exact("Strongly agree ✓")
    child.send("2")
    question(child, 3)
    child.send("s")  # skip
    for number in range(4, QUICK_ITEMS + 1):
        question(child, number)
        child.send("1")
    child.expect_exact("Review your answers")
    child.expect_exact("11 answered, 1 skipped")
    child.send("c")
    leave_result(child)
    assert finish(child) == 0
    text = out.read_text()
    result = json.loads(text)  # the whole of stdout is one JSON document
    assert text == json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    assert result["answered"] == 11 and result["skipped"] == 1
    assert len(result["answers"]) == 11
    assert not (tmp_path / "state" / "rolefit" / "progress" / "quick.json").exists()


def test_quit_then_resume_to_the_end_loses_nothing(tmp_path: Path) -> None:
    """q after three answers saves them (exit 130); the next quiz offers to resume and finishes with all of them."""
    child = quiz(tmp_path)
    child.expect_exact("Press Enter to start")
    child.send("\r")
    for number, key in zip(range(1, 4), "543", strict=True):
        question(child, number)
        child.send(key)
    question(child, 4)
    child.send("q")
    child.expect_exact("progress saved (3 of 12 answered)")
    assert finish(child) == 130
    assert progress_file(tmp_path)["answered"] == 3

    out = tmp_path / "out.json"
    child = quiz(tmp_path, "--json", stdout=out)
    child.expect_exact("Resume your saved progress (3 of 12 answered)? [Y/n]")
    child.send("y")
    for number in range(4, QUICK_ITEMS + 1):
        question(child, number)
        child.send("1")
    child.expect_exact("Review your answers")
    child.send("\r")  # Enter on the first row confirms
    leave_result(child)
    assert finish(child) == 0
    result = json.loads(out.read_text())
    first_three = list(result["answers"].values())[:3]
    assert first_three == [5, 4, 3]
    assert result["answered"] == QUICK_ITEMS


def test_ctrl_c_mid_quiz_leaves_progress_that_resumes(tmp_path: Path) -> None:
    """Ctrl-C saves (exit 130, one line); --resume continues at the next question without asking."""
    child = quiz(tmp_path)
    child.expect_exact("Press Enter to start")
    child.send("\r")
    question(child, 1)
    child.send("2")
    question(child, 2)
    child.send("s")
    question(child, 3)
    child.sendcontrol("c")
    child.expect_exact("progress saved (1 of 12 answered)")
    assert finish(child) == 130
    saved = progress_file(tmp_path)
    assert saved["answered"] == 1 and saved["session"]["skipped"] == ["wants-to-decide-what-gets-built"]

    out = tmp_path / "out.json"
    child = quiz(tmp_path, "--resume", "--output", str(out))
    for number in range(3, QUICK_ITEMS + 1):
        question(child, number)
        child.send("1")
    child.expect_exact("Review your answers")
    child.send("c")
    leave_result(child)
    assert finish(child) == 0
    result = json.loads(out.read_text())
    assert result["answered"] == QUICK_ITEMS - 1 and result["skipped"] == 1


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_hangup_save_progress(tmp_path: Path, signum: int) -> None:
    """A kill or a closed terminal mid-question saves progress and exits 130."""
    child = quiz(tmp_path)
    child.expect_exact("Press Enter to start")
    child.send("\r")
    question(child, 1)
    child.send("3")
    question(child, 2)
    child.send("4")
    question(child, 3)
    child.kill(signum)
    assert finish(child) == 130
    assert progress_file(tmp_path)["answered"] == 2


def test_plain_mode_in_a_terminal_has_no_cursor_movement(tmp_path: Path) -> None:
    """--plain with NO_COLOR: numbered options read as lines; the quiz output holds no escape sequence."""
    child = quiz(tmp_path, "--plain", NO_COLOR="1")
    child.expect_exact("Press Enter to start")
    child.sendline("")
    child.expect_exact("  1. Strongly disagree")
    child.expect_exact("Answer (1-5; b back, s skip, q quit):")
    child.sendline("4")
    child.expect_exact("Question 2 of 12")
    child.sendline("q")
    child.expect_exact("progress saved (1 of 12 answered)")
    shown = child.before
    assert finish(child) == 130
    assert "\x1b" not in shown


def test_a_second_quiz_on_the_same_bank_is_refused(tmp_path: Path) -> None:
    """While one quiz runs, another on the same bank stops with one line and exit 1."""
    first = quiz(tmp_path)
    first.expect_exact("Press Enter to start")
    second = quiz(tmp_path)
    second.expect_exact("another rolefit quiz is running on bank 'quick'")
    assert finish(second) == 1
    first.send("q")
    assert finish(first) == 130


class Screen:
    """What the child draws, kept by a terminal emulator (pyte) far wider than the terminal the child is told of.

    A line drawn past the child's own width would show up here past that width, instead of being
    wrapped or cut by the emulator, so widths measured on this screen are the child's own.
    """

    def __init__(self, child: Any, columns: int = 200, rows: int = 24) -> None:
        self.child = child
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.Stream(self.screen)

    def lines(self) -> list[str]:
        """The screen's lines, trailing blanks dropped."""
        return [line.rstrip() for line in self.screen.display]

    def until(self, *texts: str) -> list[str]:
        """Feed the child's output to the emulator until every text is on screen (as words, across wrapped lines)."""
        deadline = time.monotonic() + TIMEOUT
        while not all(" ".join(text.split()) in " ".join(" ".join(self.lines()).split()) for text in texts):
            assert time.monotonic() < deadline, (texts, self.lines())
            with contextlib.suppress(pexpect.TIMEOUT):
                self.stream.feed(self.child.read_nonblocking(4096, timeout=0.2))
        return self.lines()


def test_fifty_columns(tmp_path: Path, quick: LoadedBank) -> None:
    """At 50 columns every line of the intro and of a question fits in 50 cells, the question wrapped whole; q still quits."""
    child = quiz(tmp_path, columns=50)
    screen = Screen(child)
    first = quick.items[0]
    shown = screen.until("Press Enter to start, q to quit.", "12 questions, about 2 minutes.")
    too_wide = [line for line in shown if cell_len(line) > 50]
    assert too_wide == [], too_wide
    child.send("\r")
    shown = screen.until("Question 1/12", first.text, "5. Strongly agree", "q quit (progress is kept)")
    too_wide = [line for line in shown if cell_len(line) > 50]
    assert too_wide == [], too_wide
    assert cell_len(first.text) > 50  # so it has to wrap to be shown whole
    words = first.text.split()
    holding = [line for line in shown if any(word in line.split() for word in words)]
    assert len(holding) >= 2 and "…" not in "".join(holding), holding
    child.send("q")
    assert finish(child) == 130


def test_stdin_not_a_terminal_exits_2_at_once_naming_answers(tmp_path: Path) -> None:
    """No terminal to ask in: exit 2 with a message naming --answers, quickly, no traceback, nothing on stdout."""
    started = time.monotonic()
    done = subprocess.run(
        [str(ROLEFIT), "quiz", "--bank", "quick"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=environment(tmp_path),
        timeout=TIMEOUT,
        check=False,
    )
    assert time.monotonic() - started < 5
    assert done.returncode == 2
    assert "--answers" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_pressing_enter_through_the_quiz_cannot_give_a_role(tmp_path: Path) -> None:
    """Enter alone answers nothing: the quiz stays on question 1 and says how to answer; skipping all is undetermined."""
    out = tmp_path / "out.json"
    child = quiz(tmp_path, "--json", stdout=out)
    screen = Screen(child, columns=80)
    screen.until("Press Enter to start")
    child.send("\r")
    screen.until("Question 1/12")
    for _ in range(5):
        child.send("\r")
    shown = screen.until("Nothing is chosen yet", "None fits? Press s to skip.")
    assert any("Question 1/12" in line for line in shown)  # still the first question
    child.send("s")
    for number in range(2, QUICK_ITEMS + 1):  # pressing on with Enter and s only: every question skipped
        screen.until(f"Question {number}/12")
        child.send("\r")
        child.send("s")
    screen.until("Review your answers")
    child.send("c")
    leave_result(child)
    assert finish(child) == 0
    result = json.loads(out.read_text())
    assert result["answered"] == 0
    assert result["recommendation"] == {"role": None, "name": None, "verdict": "undetermined", "needed": 3}


# ---- issue 14.6: the review in full, adaptive wording, a short terminal ----------------------------------


def test_the_review_shows_a_long_answer_in_full_at_120_columns(tmp_path: Path, quick: LoadedBank) -> None:
    """At 120 columns a two-option row shows the choice and, wrapped in its own column, the whole other option."""
    from rolefit.quiz import screens
    from rolefit.quiz.session import item_order

    order = item_order([item.id for item in quick.items], shuffle=quick.bank.shuffle, seed=3)
    number, item = next((n, quick.item(i)) for n, i in enumerate(order, 1) if quick.item(i).kind == "forced_choice")
    chosen, other = (label for _, label in screens.choices(item, 3))  # "1" picks the first option shown
    child = quiz(tmp_path, "--seed", "3", columns=120)
    screen = Screen(child, columns=120)
    screen.until("Press Enter to start")
    child.send("\r")
    for _ in range(QUICK_ITEMS):
        child.send("1")
    screen.until("Review your answers")
    child.send("j" * number)
    lines = screen.until(f"› {number:>2}. ")
    first = next(index for index, line in enumerate(lines) if line.startswith(f"› {number:>2}. "))
    assert chosen.split()[0] in lines[first]
    start = lines[first].index("chosen over:")
    column = [lines[first][start:]]
    column += [line[start:] for line in lines[first + 1 :] if line.startswith("      ") and len(line) > start]
    assert " ".join(" ".join(column).split()).startswith(f"chosen over: {' '.join(other.split())}"), column
    assert "…" not in "\n".join(lines)
    child.send("q")
    assert finish(child) == 130


def test_adaptive_says_what_to_expect_and_why_it_stopped(tmp_path: Path) -> None:
    """`--adaptive` says up front that it stops early, counts against the questions it expects, says why it
    stopped, and the result counts only the questions it asked."""
    out = tmp_path / "result.txt"
    command = f"exec {shlex.quote(str(ROLEFIT))} quiz --adaptive --seed 1 > {shlex.quote(str(out))}"
    child = pexpect.spawn(
        "bash", ["-c", command], env=environment(tmp_path), dimensions=(24, 80), encoding="utf-8", timeout=TIMEOUT
    )
    screen = Screen(child, columns=80)
    intro = " ".join(" ".join(screen.until("Press Enter to start", "stops as soon as")).split())
    assert "Forty questions" not in intro and "about 7 minutes" not in intro
    expected = int(intro.split("usually after about ")[1].split()[0])
    child.send("\r")
    for number in range(1, 41):
        index = child.expect_exact([f"Question {number} (", "Review your answers"])
        screen.stream.feed(child.before + child.after + child.buffer)  # what pexpect read, drawn on the emulator
        child.buffer = ""
        if index == 1:
            break
        child.send("1")
    assert 8 <= number - 1 < 40
    screen.until("would almost certainly not change the verdict")
    child.send("c")
    assert finish(child) == 0
    shown = " ".join(out.read_text(encoding="utf-8").split())
    assert f"Based on your answers to the {number - 1} questions adaptive mode chose to ask" in shown
    assert "all 40" not in shown and expected >= 8


def test_eighty_by_twelve_keeps_the_start_prompt_and_the_keys_line(tmp_path: Path) -> None:
    """At 80x12 the intro's start prompt, each question's keys line and the review's keys stay on screen."""
    child = quiz(tmp_path, columns=80, rows=12)
    screen = Screen(child, columns=80, rows=12)
    screen.until("Press Enter to start, q to quit.", "Keys:")
    child.send("\r")
    for number in range(1, QUICK_ITEMS + 1):
        shown = screen.until(f"Question {number}/12", "q quit (progress is kept)")
        assert any(line.lstrip().startswith("1.") for line in shown), shown
        child.send("1")
    screen.until("Review your answers", "c confirm and see your result")
    child.send("q")
    assert finish(child) == 130
