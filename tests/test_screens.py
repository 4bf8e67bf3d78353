"""Quiz screens and the prompt layer, without a terminal: rich renders, prompt_toolkit pipe input, plain mode."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.cells import cell_len

from rolefit.data.catalog import LoadedBank, ProfileSet, load_bank
from rolefit.errors import Interrupted, UsageError
from rolefit.quiz import review, screens
from rolefit.quiz.interactive import run_interactive
from rolefit.quiz.keyboard import TerminalUI
from rolefit.quiz.progress import ProgressStore
from rolefit.quiz.session import QuizSession, item_order
from rolefit.types import LIKERT_LABELS
from tests.helpers import answered

DOWN, UP, ENTER, CTRL_C, BACKSPACE = "\x1b[B", "\x1b[A", "\r", "\x03", "\x7f"

# Markup and escape sequences in a bank are data: YAML's \e is ESC.
HOSTILE_BANK = r"""
id: hostile
version: 1
title: "[bold red]Loud[/] title \e[31mred"
description: "A [link=http://example.com]link[/link] and \e]0;pwned\a a title escape."
items:
  - id: markup-item
    kind: likert
    text: "I like [bold]bold[/bold] claims and \e[31mred\e[0m text."
    effects:
      prioritisation: 1.0
    source:
      file: 001_1b088eba46c19910.txt
      fact: "A fact."
  - id: choice-item
    kind: forced_choice
    text: "Pick [i]one[/i]"
    help: "win rate: the share of [b]deals[/b] won \e[31m."
    options:
      - id: a
        text: "Option \e[2J[red]A[/red]"
        effects:
          messaging: 1.0
      - id: b
        text: "Option B"
        effects:
          prioritisation: 1.0
    source:
      file: 001_1b088eba46c19910.txt
      fact: "A fact."
"""


@pytest.fixture
def hostile(tmp_path: Path, profiles: ProfileSet) -> LoadedBank:
    """A bank whose texts hold rich markup and terminal escape sequences."""
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_BANK)
    return load_bank(str(path), profiles)


def plain(renderable: Any, width: int = 80) -> str:
    """A screen as plain text."""
    return screens.to_plain(renderable, width=width)


# ---- screens ---------------------------------------------------------------------------------


def test_intro_says_what_how_long_the_keys_and_where_answers_stay(quick: LoadedBank, profiles: ProfileSet) -> None:
    """The intro names both roles, the number of questions, minutes, keys, and the local progress file."""
    text = plain(screens.intro(quick, profiles, progress_file=Path("/state/quick.json"), saved=None, plain=False), 200)
    assert "Product Manager (PM)" in text and "Product Marketing Manager (PMM)" in text
    assert "12 questions, about 2 minutes" in text
    for key in ("Enter", "b back", "s skip", "q quit"):
        assert key in text
    assert "stay on this machine" in text and "/state/quick.json" in text


def test_intro_offers_to_resume_with_the_count(quick: LoadedBank, profiles: ProfileSet) -> None:
    """With saved progress for this bank, the intro asks to resume and says how far it got."""
    saved = screens.Resumable(answered=5, skipped=1, total=12, same_bank=True)
    text = plain(screens.intro(quick, profiles, progress_file=None, saved=saved, plain=False), 200)
    assert "Resume your saved progress (5 of 12 answered)? [Y/n]" in text


def test_intro_says_when_the_bank_changed(quick: LoadedBank, profiles: ProfileSet) -> None:
    """Progress from another bank version: the intro says so and offers only restart or quit."""
    saved = screens.Resumable(answered=5, skipped=0, total=12, same_bank=False)
    text = plain(screens.intro(quick, profiles, progress_file=None, saved=saved, plain=False), 200)
    assert "bank changed" in text and "r: start over" in text and "q: quit" in text
    assert "Resume" not in text


def intro_for(core: LoadedBank, profiles: ProfileSet, total: int) -> str:
    """The intro of a bank of the first ``total`` core items, as one line of plain text."""
    bank = LoadedBank(core.bank, core.items[:total], core.label)
    return " ".join(plain(screens.intro(bank, profiles, progress_file=None, saved=None, plain=False), 200).split())


@pytest.mark.parametrize(
    ("total", "estimate"),
    [
        (1, "about 1 minute."),  # 10 seconds: never "0 minutes"
        (3, "about 1 minute."),  # 30 seconds would round to 0: the one-minute minimum holds
        (6, "about 1 minute."),  # exactly a minute, and singular
        (8, "about 1 minute."),  # 80 seconds rounds down
        (10, "about 2 minutes."),  # 100 seconds rounds up, and plural
        (12, "about 2 minutes."),  # the quick bank
        (20, "about 3 minutes."),  # 200 seconds
        (40, "about 7 minutes."),  # 400 seconds: the core bank
    ],
)
def test_minutes_are_about_ten_seconds_a_question(
    core: LoadedBank, profiles: ProfileSet, total: int, estimate: str
) -> None:
    """The intro's estimate is ten seconds a question rounded to whole minutes, never under one minute."""
    text = intro_for(core, profiles, total)
    assert re.search(rf"\b{total} questions?, {re.escape(estimate)} There are no right answers\.", text), text


def test_intro_counts_a_single_question_in_the_singular(core: LoadedBank, profiles: ProfileSet) -> None:
    """A bank of one item is introduced as "1 question", not "1 questions"."""
    assert "1 question, about 1 minute." in intro_for(core, profiles, 1)


def test_question_shows_progress_bar_and_likert_labels_in_order(quick: LoadedBank) -> None:
    """n/N, a bar, the statement and the five labels from Strongly disagree to Strongly agree."""
    session = answered(quick, 3)
    item = quick.item(session.current or "")
    text = plain(screens.question(item, session, highlight=0, width=80))
    assert "Question 4/12" in text and "█" in text and "░" in text
    positions = [text.index(f"{n}. {label}") for n, label in enumerate(LIKERT_LABELS, start=1)]
    assert positions == sorted(positions)
    assert "› 1. Strongly disagree" in text


def test_question_shows_an_items_help_line_under_its_text_literally(hostile: LoadedBank) -> None:
    """A field term's one-line explanation sits right under the question, as data, never markup."""
    session = answered(hostile, 1)
    item = hostile.item("choice-item")
    text = plain(screens.question(item, session, highlight=0, width=80))
    lines = [line.strip() for line in text.splitlines()]
    at = lines.index("Pick [i]one[/i]")
    assert lines[at + 1].startswith("win rate: the share of [b]deals[/b] won")
    assert "\x1b" not in text


def test_question_marks_the_earlier_answer(quick: LoadedBank) -> None:
    """Back on an answered question, its answer is marked (and plain mode says so in words)."""
    session = answered(quick, 2)
    session.back()
    item = quick.item(session.current or "")
    assert "4. Agree ✓" in plain(screens.question(item, session, highlight=3, width=80))
    assert "4. Agree (your answer)" in plain(screens.question(item, session, highlight=None, width=80))


@pytest.mark.parametrize("width", [80, 50])
@pytest.mark.parametrize("bank_id", ["quick", "core"])
def test_every_screen_fits_the_width(width: int, bank_id: str, profiles: ProfileSet) -> None:
    """At 80 and at 50 columns no line of any screen is wider than the terminal."""
    bank = load_bank(bank_id, profiles)
    session = answered(bank)
    shown = [screens.intro(bank, profiles, progress_file=Path("/s/p.json"), saved=None, plain=False)]
    while not session.reviewing:
        shown.append(screens.question(bank.item(session.current or ""), session, highlight=0, width=width - 1))
        session.skip()
    shown.append(review.review(bank, session, cursor=5, rows=24))
    for screen in shown:
        for line in plain(screen, width - 1).splitlines():
            assert cell_len(line) <= width - 1, line


@pytest.mark.parametrize("cursor", [0, 7, 20, 40])
def test_review_fits_24_rows_and_keeps_the_cursor_in_view(core: LoadedBank, cursor: int) -> None:
    """A 40-question review scrolls: at most 23 lines at 80x24, the highlighted row always shown."""
    session = answered(core, 40)
    text = plain(review.review(core, session, cursor=cursor, rows=24))
    assert len(text.splitlines()) <= 23
    marked = [line for line in text.splitlines() if line.startswith("›")]
    assert len(marked) == 1
    assert ("Confirm" in marked[0]) if cursor == 0 else marked[0].startswith(f"› {cursor:>2}.")
    assert "more" in text


def test_review_lists_answers_and_skips(quick: LoadedBank) -> None:
    """Each question with its answer label, or "skipped"; the plain list keeps full texts."""
    session = answered(quick, 2)
    session.skip()
    text = plain(review.review(quick, session, cursor=None, rows=0), 200)
    first = quick.item(session.asked[0])
    assert f"1. {first.text}" in text
    assert "Your answer: Agree" in text
    assert "3. " in text and "Your answer: skipped" in text
    assert "1 skipped" in text


def test_bank_text_prints_literally_never_as_markup_or_escapes(hostile: LoadedBank, profiles: ProfileSet) -> None:
    """Rich markup shows as typed; control characters are replaced, so nothing reaches the terminal raw."""
    session = answered(hostile)
    rendered = [
        screens.to_ansi(
            screens.intro(hostile, profiles, progress_file=None, saved=None, plain=False), width=120, color=True
        ),
        screens.to_ansi(screens.question(hostile.items[0], session, highlight=0, width=120), width=120, color=True),
    ]
    session.answer(3)
    rendered.append(
        screens.to_ansi(screens.question(hostile.items[1], session, highlight=0, width=120), width=120, color=True)
    )
    session.answer("a")
    rendered.append(screens.to_ansi(review.review(hostile, session, cursor=0, rows=24), width=120, color=True))
    text = "".join(rendered)
    assert "[bold red]Loud[/] title" in text
    assert "I like [bold]bold[/bold] claims" in text
    assert "Pick [i]one[/i]" in text
    assert "[red]A[/red]" in text
    for raw in ("\x1b[31mred", "\x1b]0;", "\x07", "\x1b[2J"):
        assert raw not in text
    assert "\N{REPLACEMENT CHARACTER}[31mred" in text
    assert "\x1b" not in plain(screens.question(hostile.items[0], answered(hostile), highlight=None, width=80))


def test_no_color_keeps_bold_and_reverse_but_drops_colour(quick: LoadedBank) -> None:
    """NO_COLOR: no colour codes, while the highlight (reverse video) and the › marker still show."""
    session = answered(quick)
    coloured = screens.to_ansi(screens.question(quick.items[0], session, highlight=1, width=80), width=80, color=True)
    bare = screens.to_ansi(screens.question(quick.items[0], session, highlight=1, width=80), width=80, color=False)
    assert "\x1b[32m" in coloured or "\x1b[36m" in coloured
    assert (
        "\x1b[3" not in bare
        and "\x1b[7m" in bare
        and "› 2." in plain(screens.question(quick.items[0], session, highlight=1, width=80))
    )


# ---- the prompt layer, driven through prompt_toolkit's pipe input -------------------------------


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    """A prompt_toolkit pipe input in an app session that draws nowhere."""
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


def keys_to(pipe: PipeInput, keys: str) -> PipeInput:
    """Queue keys, then close the pipe so running out of keys ends in EOFError instead of a hang."""
    pipe.send_text(keys)
    pipe.close()
    return pipe


@pytest.mark.parametrize(
    ("keys", "action"),
    [
        (ENTER + ENTER + "s", ("skip", None)),  # nothing is pre-selected: Enter alone answers nothing
        (DOWN + ENTER, ("answer", 1)),  # the first move lands on the first answer
        (UP + ENTER, ("answer", 5)),  # or, going up, on the last
        (DOWN * 6 + ENTER, ("answer", 1)),  # wraps around
        ("j" + "j" + "j" + "k" + ENTER, ("answer", 2)),
        ("4", ("answer", 4)),
        ("b", ("back", None)),
        (BACKSPACE, ("back", None)),
        ("s", ("skip", None)),
        ("q", ("quit", None)),
        ("x" + "9" + "2", ("answer", 2)),  # other keys do nothing
    ],
)
def test_question_keys(pipe: PipeInput, quick: LoadedBank, keys: str, action: tuple[str, object]) -> None:
    """Arrows and Enter, digits, b/Backspace, s and q each map to one action."""
    keys_to(pipe, keys)
    session = answered(quick)
    assert TerminalUI().question(quick.items[0], session, None) == action


def test_ctrl_c_in_a_question_interrupts(pipe: PipeInput, quick: LoadedBank) -> None:
    """Ctrl-C is a key in raw mode: it becomes a KeyboardInterrupt for the quiz to save and stop."""
    keys_to(pipe, CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        TerminalUI().question(quick.items[0], answered(quick), None)


def test_enter_accepts_the_preselected_earlier_answer(pipe: PipeInput, quick: LoadedBank) -> None:
    """Back on an answered question the earlier answer is highlighted, so Enter keeps it."""
    keys_to(pipe, ENTER)
    session = answered(quick, 1)
    session.back()
    assert TerminalUI().question(quick.item(session.current or ""), session, None) == ("answer", 4)


def test_choice_items_take_option_ids(pipe: PipeInput, quick: LoadedBank) -> None:
    """On a forced-choice item the digit picks the option shown there; digits past the options do nothing."""
    item = next(item for item in quick.items if item.kind == "forced_choice")
    session = answered(quick)
    shown = [value for value, _ in screens.choices(item, session.option_seed)]
    keys_to(pipe, "3" + "2")
    assert TerminalUI().question(item, session, None) == ("answer", shown[1])


def test_enter_alone_on_a_fresh_question_says_how_to_answer(pipe: PipeInput, quick: LoadedBank) -> None:
    """Enter with nothing chosen records nothing: the screen says how to choose, and that s skips."""
    item = next(item for item in quick.items if item.kind == "forced_choice")
    keys_to(pipe, ENTER + ENTER)
    with pytest.raises(EOFError):  # the keys ran out without an answer
        TerminalUI().question(item, answered(quick), None)
    assert "Nothing is chosen yet" in screens.pick_first(2) and "s to skip" in screens.pick_first(2)


def test_choice_options_are_shuffled_per_respondent_and_kept_for_a_seed(quick: LoadedBank) -> None:
    """Each respondent sees a choice's options in their own order; the same seed gives the same order, always."""
    choices = [item for item in quick.items if item.kind != "likert"]
    orders = {tuple(tuple(v for v, _ in screens.choices(item, seed)) for item in choices) for seed in range(40)}
    assert len(orders) > 20  # many different orders over 40 respondents
    firsts = {screens.choices(choices[0], seed)[0][0] for seed in range(40)}
    assert firsts == {option.id for option in choices[0].options}  # every option comes first for someone
    assert screens.choices(choices[0], 7) == screens.choices(choices[0], 7)
    session = answered(quick, 2)
    again = QuizSession.from_dict(session.to_dict())
    assert again.option_seed == session.option_seed  # kept in the progress file: resume shows the same order


def test_a_choice_offers_skip_as_the_honest_answer(quick: LoadedBank) -> None:
    """A choice says in words that skipping is right when none of the options fits; a statement does not."""
    session = answered(quick)
    choice = next(item for item in quick.items if item.kind != "likert")
    statement = next(item for item in quick.items if item.kind == "likert")
    shown = " ".join(plain(screens.question(choice, session, highlight=0, width=80)).split())
    assert "None of these fits you? Then skipping is the honest answer: press s." in shown
    assert "skipping is the honest answer" not in plain(screens.question(statement, session, highlight=0, width=80))


@pytest.mark.parametrize(
    ("keys", "action"),
    [
        (ENTER, ("confirm", None)),
        ("c", ("confirm", None)),
        (DOWN + ENTER, ("jump", 0)),
        (DOWN * 3 + UP + ENTER, ("jump", 1)),
        ("\x1b[F" + ENTER, ("jump", 11)),  # End
        ("b", ("back", None)),
        ("q", ("quit", None)),
    ],
)
def test_review_keys(pipe: PipeInput, quick: LoadedBank, keys: str, action: tuple[str, object]) -> None:
    """Enter on the first row confirms, on a question jumps to it; c confirms; b and q as elsewhere."""
    keys_to(pipe, keys)
    assert TerminalUI().review(quick, answered(quick, 12), 0, None) == action


@pytest.mark.parametrize(
    ("saved", "keys", "choice"),
    [
        (None, ENTER, "start"),
        (None, "q", "quit"),
        (screens.Resumable(3, 0, 12, True), ENTER, "resume"),
        (screens.Resumable(3, 0, 12, True), "n", "restart"),
        (screens.Resumable(3, 0, 12, False), ENTER + "r", "restart"),  # Enter does not throw changed answers away
        (screens.Resumable(3, 0, 12, False), "q", "quit"),
    ],
)
def test_intro_keys(
    pipe: PipeInput, quick: LoadedBank, profiles: ProfileSet, saved: screens.Resumable | None, keys: str, choice: str
) -> None:
    """Enter starts or resumes; n and r start over; q quits."""
    keys_to(pipe, keys)
    assert TerminalUI().intro(quick, profiles, ProgressStore(quick.id), saved) == choice


# ---- whole quizzes through run_interactive --------------------------------------------------------


def run_keys(bank: LoadedBank, profiles: ProfileSet, keys: str, **options: Any) -> dict[str, int | str]:
    """Run the interactive quiz on a pipe input fed ``keys``."""
    with create_pipe_input() as inp:
        keys_to(inp, keys)
        return run_interactive(bank, profiles, input=inp, output=DummyOutput(), **options)


def saved_file(bank: LoadedBank) -> dict[str, Any]:
    """The bank's progress file as JSON."""
    saved: dict[str, Any] = json.loads(ProgressStore(bank.id).path.read_text())
    return saved


def test_a_full_quiz_with_back_and_skip(quick: LoadedBank, profiles: ProfileSet) -> None:
    """Start, answer, skip, go back, change, answer the rest, confirm: skipped items are absent."""
    answers = run_keys(quick, profiles, ENTER + "2" + "s" + "b" + "b" + "5" + "s" + "1" * 10 + "c")
    order = [item.id for item in quick.items]
    assert answers[order[0]] == 5
    assert order[1] not in answers
    assert len(answers) == 11
    assert not ProgressStore(quick.id).path.exists()  # finished: nothing is offered for resume


def test_quit_saves_and_the_next_run_resumes_with_nothing_lost(quick: LoadedBank, profiles: ProfileSet) -> None:
    """q saves progress and says how to come back; the next quiz offers to resume and keeps every answer."""
    with pytest.raises(
        Interrupted,
        match=r"^progress saved \(3 of 12 answered\) in /\S+/quick\.json: run `rolefit quiz --bank quick` to resume$",
    ) as stop:
        run_keys(quick, profiles, ENTER + "123" + "s" + "q")
    assert stop.value.exit_code == 130
    assert saved_file(quick)["answered"] == 3
    answers = run_keys(quick, profiles, ENTER + "2" * 8 + "c")
    order = [item.id for item in quick.items]
    assert [answers[i] for i in order[:3]] == [1, 2, 3]
    assert order[3] not in answers and len(answers) == 11


def test_ctrl_c_saves_progress_that_can_be_resumed(quick: LoadedBank, profiles: ProfileSet) -> None:
    """Ctrl-C mid-quiz is Interrupted with the answers so far saved; --resume continues without asking."""
    with pytest.raises(Interrupted, match=r"progress saved \(2 of 12 answered\)"):
        run_keys(quick, profiles, ENTER + "45" + CTRL_C)
    answers = run_keys(quick, profiles, "1" * 10 + "c", resume=True)
    assert len(answers) == 12


def test_running_out_of_input_saves_progress(quick: LoadedBank, profiles: ProfileSet) -> None:
    """A closed terminal (end of input) loses no answer either."""
    with pytest.raises(Interrupted, match=r"progress saved \(1 of 12 answered\)"):
        run_keys(quick, profiles, ENTER + "4")


def test_quit_at_the_intro_saves_nothing(quick: LoadedBank, profiles: ProfileSet) -> None:
    """Quitting before the first question leaves no progress file."""
    with pytest.raises(Interrupted, match="nothing to save"):
        run_keys(quick, profiles, "q")
    assert not ProgressStore(quick.id).path.exists()


def test_restart_flag_discards_saved_progress(quick: LoadedBank, profiles: ProfileSet) -> None:
    """--restart starts over without asking (the intro is still shown)."""
    with pytest.raises(Interrupted):
        run_keys(quick, profiles, ENTER + "55" + "q")
    answers = run_keys(quick, profiles, ENTER + "1" * 12 + "c", resume=False)
    order = [item.id for item in quick.items]
    assert answers[order[0]] == 1 and answers[order[1]] == 1  # not the 5s saved before


def test_declining_to_resume_starts_over(quick: LoadedBank, profiles: ProfileSet) -> None:
    """n at the resume question discards the saved answers."""
    with pytest.raises(Interrupted):
        run_keys(quick, profiles, ENTER + "55" + "q")
    answers = run_keys(quick, profiles, "n" + "s" * 12 + "c")  # the intro was the resume question
    assert answers == {}


def test_resume_flag_without_saved_progress_starts_fresh(quick: LoadedBank, profiles: ProfileSet) -> None:
    """--resume with nothing saved is not an error: the quiz starts at the first question."""
    assert len(run_keys(quick, profiles, ENTER + "1" * 12 + "c", resume=True)) == 12


def test_progress_from_a_changed_bank_is_never_mixed(quick: LoadedBank, profiles: ProfileSet) -> None:
    """The bank changed: quit keeps the old file; --resume is refused; r starts over with none of the old answers."""
    with pytest.raises(Interrupted):
        run_keys(quick, profiles, ENTER + "55" + "q")
    newer = LoadedBank(quick.bank.model_copy(update={"version": quick.bank.version + 1}), quick.items, quick.label)
    with pytest.raises(Interrupted, match="another version of this bank"):
        run_keys(newer, profiles, "q")
    assert saved_file(quick)["bank"]["hash"] == quick.hash
    with pytest.raises(UsageError, match="--restart"):
        run_keys(newer, profiles, "", resume=True)
    answers = run_keys(newer, profiles, "r" + "s" * 12 + "c")
    assert answers == {}


def test_review_jump_changes_one_answer(quick: LoadedBank, profiles: ProfileSet) -> None:
    """From the review, Enter on question 2 opens it; the new answer brings the review back; c confirms."""
    answers = run_keys(quick, profiles, ENTER + "1" * 12 + DOWN + DOWN + ENTER + "5" + "c")
    order = [item.id for item in quick.items]
    assert answers[order[1]] == 5 and answers[order[0]] == 1


def test_seed_gives_a_reproducible_order_saved_for_resume(quick: LoadedBank, profiles: ProfileSet) -> None:
    """--seed shuffles a shuffle-allowing bank reproducibly, and the saved order is what resume uses."""
    with pytest.raises(Interrupted):
        run_keys(quick, profiles, ENTER + "4" + "q", seed=11)
    ids = [item.id for item in quick.items]
    expected = item_order(ids, shuffle=True, seed=11)
    assert expected != ids
    assert saved_file(quick)["session"]["order"] == expected
    assert list(saved_file(quick)["session"]["answers"]) == [expected[0]]


def test_default_order_is_the_banks(quick: LoadedBank, profiles: ProfileSet) -> None:
    """Without --seed the bank's own order is used."""
    answers = run_keys(quick, profiles, ENTER + "1" * 12 + "c")
    assert list(answers) == [item.id for item in quick.items]


def test_an_unwritable_state_directory_does_not_stop_the_quiz(
    quick: LoadedBank,
    profiles: ProfileSet,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Progress that cannot be saved: one warning on stderr, and the quiz still finishes."""
    blocker = tmp_path / "state"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    answers = run_keys(quick, profiles, ENTER + "2" * 12 + "c")
    assert len(answers) == 12
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("memory only") == 1


def test_an_unwritable_state_directory_is_told_from_the_intro(
    quick: LoadedBank,
    profiles: ProfileSet,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    typed: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A state directory that cannot be made: the intro's keys already say quitting loses the answers, after the
    one warning, and never that progress is kept."""
    blocker = tmp_path / "state"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    with pytest.raises(Interrupted):
        run_plain(quick, profiles, typed, ["q"])
    err = " ".join(capsys.readouterr().err.split())  # the screen wraps lines
    assert "q quits (progress is not saved: quitting loses it)." in err
    assert "(progress is kept)" not in err and "Progress is saved" not in err
    assert err.count("memory only") == 1 and err.index("memory only") < err.index("Keys:")


def test_the_interactive_quiz_writes_nothing_to_stdout(
    quick: LoadedBank, profiles: ProfileSet, capsys: pytest.CaptureFixture[str]
) -> None:
    """stdout is for the result JSON only."""
    run_keys(quick, profiles, ENTER + "1" * 12 + "c")
    assert capsys.readouterr().out == ""


# ---- --plain and TERM=dumb --------------------------------------------------------------------------


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Make stdin a list of typed lines."""

    def type_lines(lines: list[str]) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))

    return type_lines


def run_plain(bank: LoadedBank, profiles: ProfileSet, typed: Any, lines: list[str]) -> dict[str, int | str]:
    """Run the plain quiz on typed lines."""
    typed(lines)
    return run_interactive(bank, profiles, plain=True)


def test_plain_mode_is_linear_and_writes_only_to_stderr(
    quick: LoadedBank, profiles: ProfileSet, typed: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """--plain: numbered options, typed answers, b and s work, no escape sequences, nothing on stdout."""
    answers = run_plain(quick, profiles, typed, ["", "4", "s", "b", "b", "", "x", "2"] + ["1"] * 10 + ["c"])
    order = [item.id for item in quick.items]
    assert answers[order[0]] == 4 and answers[order[1]] == 2 and len(answers) == 12
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "\x1b" not in captured.err
    assert "  1. Strongly disagree" in captured.err
    assert "Question 2 of 12" in captured.err
    assert "Please type a number from 1 to 5" in captured.err
    assert "Review your answers" in captured.err


def test_plain_review_jumps_by_number(quick: LoadedBank, profiles: ProfileSet, typed: Any) -> None:
    """In the plain review a question number opens it; Enter confirms."""
    answers = run_plain(quick, profiles, typed, [""] + ["1"] * 12 + ["2", "5", ""])
    assert answers[quick.items[1].id] == 5


def test_plain_end_of_input_saves_and_interrupts(quick: LoadedBank, profiles: ProfileSet, typed: Any) -> None:
    """When typed input ends, progress is saved and the quiz stops with Interrupted."""
    with pytest.raises(Interrupted, match=r"progress saved \(2 of 12 answered\)"):
        run_plain(quick, profiles, typed, ["", "3", "3"])
    assert saved_file(quick)["answered"] == 2


def test_term_dumb_uses_plain_mode(
    quick: LoadedBank,
    profiles: ProfileSet,
    typed: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """TERM=dumb cannot move a cursor, so the quiz is asked line by line even without --plain."""
    monkeypatch.setenv("TERM", "dumb")
    typed(["", "q"])
    with pytest.raises(Interrupted):
        run_interactive(quick, profiles, plain=False)
    err = capsys.readouterr().err
    assert "Answer (1-5; b back, s skip, q quit)" in err and "\x1b" not in err


# ---- issue 14.6: the review in full, adaptive wording, plain words only, short terminals -----------------


class Typed(io.StringIO):
    """Typed lines on a stdin that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def review_blocks(text: str) -> dict[str, list[str]]:
    """The review's rows by number: every screen line from a row's number to the next row's."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        start = re.match(r"^[ ›]\s+(\d+)\. ", line)
        if start:
            current = blocks.setdefault(start.group(1), [])
        elif not line.startswith("      "):
            current = None
        if current is not None:
            current.append(line)
    return blocks


@pytest.mark.parametrize("width", [120, 80, 50])
def test_review_shows_every_answer_in_full_wrapped(core: LoadedBank, width: int) -> None:
    """Each review row holds its question and its answer word for word, wrapped (never cut with …), at any width."""
    session = answered(core, 40)
    seen: set[str] = set()
    for cursor in (1, 40):
        text = plain(review.review(core, session, cursor=cursor, rows=60 if cursor == 40 else 400, width=width), width)
        assert "…" not in text
        assert all(cell_len(line) <= width for line in text.splitlines())
        blocks = review_blocks(text)
        for number, question_text, answer in review.review_lines(core, session)[1:]:
            key = number.rstrip(".")
            if key not in blocks:
                continue  # scrolled out of view at this cursor
            seen.add(key)
            words = " ".join(blocks[key]).split()
            needed = [number, *question_text.split(), *answer.split()]
            assert all(words.count(word) >= needed.count(word) for word in needed), (width, blocks[key], answer)
    assert len(seen) == len(core.items)
    if width >= review.WIDE_REVIEW:  # side by side: a short answer sits on its question's first line
        short = [(number.rstrip("."), answer) for number, _, answer in review.review_lines(core, session)[1:]]
        blocks = review_blocks(text)
        assert any(blocks[key][0].rstrip().endswith(f" {answer}") for key, answer in short if key in blocks)


def test_review_shows_a_two_option_choice_not_its_stem(quick: LoadedBank) -> None:
    """A forced-choice row shows the option chosen and the one it was chosen over, not the repeated stem."""
    session = answered(quick, 12)
    forced = [item for item in quick.items if item.kind == "forced_choice"]
    assert forced
    rows = {text: answer for _, text, answer in review.review_lines(quick, session)[1:]}
    for item in forced:
        chosen = screens.answer_text(item, session.answers[item.id])
        other = next(option.text for option in item.options if option.id != session.answers[item.id])
        assert item.text not in rows
        assert rows[chosen] == f"chosen over: {other}"


def test_review_of_a_skipped_two_option_item_shows_both_options(quick: LoadedBank) -> None:
    """Skipped, a forced-choice row names the two options it offered."""
    session = answered(quick, 0)
    while not session.reviewing:
        session.skip()
    forced = next(item for item in quick.items if item.kind == "forced_choice")
    texts = [text for _, text, _ in review.review_lines(quick, session)]
    assert any(all(option.text in text for option in forced.options) for text in texts)


def test_adaptive_intro_says_it_stops_early_and_about_when(core: LoadedBank, profiles: ProfileSet) -> None:
    """Adaptive mode's intro says it stops early after about N questions, and never "Forty questions… 7 minutes"."""
    full = " ".join(plain(screens.intro(core, profiles, progress_file=None, saved=None, plain=False), 200).split())
    assert core.bank.description in full and f"{len(core.items)} questions, about" in full  # the control
    text = " ".join(
        plain(screens.intro(core, profiles, progress_file=None, saved=None, plain=False, expected=12), 200).split()
    )
    assert core.bank.description not in text and f"{len(core.items)} questions, about" not in text
    assert "stops as soon as the rest could not change the verdict" in text
    assert f"about 12 of the {len(core.items)} questions (about 2 minutes)" in text


def test_adaptive_question_counts_against_the_expected_number(core: LoadedBank) -> None:
    """'Question 6 (about 12 expected)', not 'Question 6/40'; past the estimate it says the verdict is not settled."""
    session = answered(core, 5)
    item = core.item(session.current or "")
    for highlight in (0, None):
        shown = plain(screens.question(item, session, highlight=highlight, width=100, expected=12), 100)
        assert "Question 6 (about 12 expected)" in shown and "/40" not in shown and "of 40" not in shown
    later = answered(core, 13)
    shown = plain(screens.question(core.item(later.current or ""), later, highlight=0, width=120, expected=12), 120)
    assert "Question 14 (a few more than the 12 expected" in shown


def test_adaptive_stop_is_explained_on_the_review(
    quick: LoadedBank, profiles: ProfileSet, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """When adaptive mode stops early, the review says why before anything is confirmed."""
    from rolefit.quiz.interactive import ask

    order = [item.id for item in quick.items]

    def three(answers: object, asked: Any) -> str | None:
        return order[len(asked)] if len(asked) < 3 else None

    monkeypatch.setattr("sys.stdin", io.StringIO("\n1\n1\n1\n\n"))
    session, store = ask(quick, profiles, plain=True, next_item=three, expected=3)
    store.discard()
    err = " ".join(capsys.readouterr().err.split())
    assert session.finished and len(session.asked) == 3
    assert "Question 1 (about 3 expected)" in err
    assert "would almost certainly not change the verdict, so the quiz stopped after 3 of 12" in err


def test_a_full_run_stops_without_that_notice(
    quick: LoadedBank, profiles: ProfileSet, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The control: a quiz that asks everything says nothing about stopping early."""
    monkeypatch.setattr("sys.stdin", io.StringIO("\n" + "1\n" * 12 + "\n"))
    run_interactive(quick, profiles, plain=True)
    assert "stopped after" not in capsys.readouterr().err


def test_adaptive_coverage_counts_the_questions_asked() -> None:
    """An adaptive result says how many questions it asked, never 'all N questions'."""
    from rolefit.views import wording

    assert wording.coverage_note(10, 0) == "Based on your answers to all 10 questions."  # the control: a full quiz
    assert wording.coverage_note(10, 0, 10) == "Based on your answers to the 10 questions adaptive mode chose to ask."
    assert "all" not in wording.coverage_note(9, 1, 10) and "(1 skipped)" in wording.coverage_note(9, 1, 10)


BARS_RULES_BOXES = re.compile("[\u2500-\u259f]")  # box drawing, block elements (█ ░ ─ │ ┃ ━ ┏ ╭ ...)


def test_plain_mode_prints_words_only_from_intro_to_result(
    core: LoadedBank, profiles: ProfileSet, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`quiz --plain`: no bars, rules or box characters anywhere, the result included; the fits are words."""
    from rolefit.commands.quiz import QuizOptions, take_quiz
    from rolefit.env import Environment
    from tests.helpers import extreme

    answers = extreme(core, profiles, "product-manager")
    lines = [""]  # Enter at the intro, then each answer's number in the order shown (both shuffled by the seed)
    for item in (
        core.item(item_id) for item_id in item_order([i.id for i in core.items], shuffle=core.bank.shuffle, seed=7)
    ):
        values = [value for value, _ in screens.choices(item, 7)]
        lines.append(str(values.index(answers[item.id]) + 1))
    monkeypatch.setattr("sys.stdin", Typed("\n".join([*lines, ""]) + "\n"))
    result = take_quiz(QuizOptions(plain=True, seed=7), Environment.from_process())
    assert result.recommendation.role == "product-manager"
    out, err = capsys.readouterr()
    assert "Review your answers" in err and "Clear fit" in out
    assert not BARS_RULES_BOXES.search(out + err), BARS_RULES_BOXES.findall(out + err)[:5]
    for fit in result.fits:
        assert f"{fit.name}: {fit.score:.0f} out of 100" in out


def test_without_plain_the_result_still_draws_bars(core: LoadedBank, profiles: ProfileSet) -> None:
    """The control: the ordinary result view draws bars and rules."""
    from rolefit.views.terminal import render_result
    from tests.helpers import extreme, result_of

    result = result_of(core, profiles, extreme(core, profiles, "product-manager"))
    drawn = plain(render_result(result, profiles), 80)
    words = plain(render_result(result, profiles, plain=True), 80)
    assert BARS_RULES_BOXES.search(drawn) and not BARS_RULES_BOXES.search(words)


def test_emphasis_survives_without_bold(
    core: LoadedBank, profiles: ProfileSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TERM=dumb (no bold at all): the heavier weight is starred, and no sentence claims anything is in bold."""
    from typer.testing import CliRunner

    from rolefit.cli import app
    from tests.helpers import extreme

    monkeypatch.setenv("TERM", "dumb")
    answers = io.StringIO(json.dumps({"bank": "core", "answers": extreme(core, profiles, "product-manager")}))
    shown = CliRunner().invoke(app, ["quiz", "--answers", "-"], input=answers.getvalue())
    assert shown.exit_code == 0, shown.stderr
    assert "\x1b" not in shown.stdout and "bold" not in shown.stdout
    assert "the heavier weight is marked *" in " ".join(shown.stdout.split())
    rows = [line for line in shown.stdout.splitlines() if re.search(r"\d\.\d\s+\*?\d\.\d$", line)]
    assert rows and all(re.search(r"\*\d\.\d", row) or row.split()[-1] == row.split()[-2] for row in rows)


def test_a_short_terminal_keeps_the_footer_and_the_focused_line() -> None:
    """At 12 rows a taller body gives way: the footer (keys, the start prompt) stays at the bottom, the focused line
    (the highlighted option) stays in view, and a line says how much is hidden."""
    from rolefit.quiz.keyboard import fit

    body = "\n".join(f"line {number}" for number in range(30))
    footer = "keys one\nkeys two"
    for focus in (0, 20, 29):
        shown = fit(body, footer, 12, focus).split("\n")
        assert len(shown) <= 11 and shown[-2:] == ["keys one", "keys two"]
        assert f"line {focus}" in shown
        assert any("more lines" in line for line in shown)
    paged = fit(body, footer, 12, -1 - 5).split("\n")  # the intro, scrolled down five lines
    assert paged[0] == "line 5" and "(↑/↓ to scroll)" in paged[-3]
    assert fit("a\nb", footer, 12, None).split("\n") == ["a", "b", "", "keys one", "keys two"]  # room: nothing cut


def test_short_screens_drop_their_blank_lines(core: LoadedBank, profiles: ProfileSet) -> None:
    """The compact forms of the intro and of a question hold the same words but no blank lines."""
    session = answered(core)
    item = core.item(session.current or "")
    full = plain(screens.question(item, session, highlight=0, width=79, keys=False), 79)
    compact = plain(screens.question(item, session, highlight=0, width=79, keys=False, gaps=False), 79)
    assert "" in full.splitlines() and "" not in compact.splitlines()
    assert item.text in compact and "Strongly agree" in compact
    intro = plain(screens.intro_body(core, profiles, progress_file=None, gaps=False), 79)
    assert "" not in intro.splitlines() and core.bank.title in intro


def test_a_question_defines_the_field_terms_it_uses(
    core: LoadedBank, profiles: ProfileSet, typed: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """A question that uses a glossary term ("spec") shows its plain definition under the text, in the quiz."""
    from rolefit.views.wording import item_terms

    using = [item for item in core.items if item_terms(item, profiles.shared.glossary)]
    assert using, "no question uses a glossary term its help line leaves undefined"
    item = using[0]
    one = LoadedBank(core.bank.model_copy(update={"items": [item]}), (item,), core.label)
    run_plain(one, profiles, typed, ["", "1", ""])
    shown = " ".join(capsys.readouterr().err.split())
    for term, definition in item_terms(item, profiles.shared.glossary):
        assert f"{term[:1].upper()}{term[1:]}: {' '.join(definition.split())}" in shown
