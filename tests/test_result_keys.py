"""The result screen in-process: keys pressed on its bindings one by one, and when the quiz command opens it.

A stand-in for keyboard._run_screen draws every screen at 80x24 and presses scripted keys, so the
tests see what each key leads to without a terminal (the pty tests in test_result_screen do it for real).
"""

from __future__ import annotations

import datetime
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.keys import Keys
from prompt_toolkit.output import DummyOutput

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.env import Environment
from rolefit.quiz import result_screen
from rolefit.quiz.keyboard import fit as fit_screen
from rolefit.quiz.result_screen import show_result
from rolefit.quiz.shown import pages
from rolefit.scoring.result import Result
from rolefit.views.sections import headline, result_sections
from tests.answer_sets import CLEAR_PM, LEAN_PMM
from tests.helpers import result_of
from tests.test_summary import ROWS, SCREEN_WIDTH, fit_line, flat, plain, written_to

# ---- the screen, driven key by key ---------------------------------------------------------------


class Keyboard:
    """Stands in for keyboard._run_screen: draws each screen at 80x24 and presses scripted keys on its bindings."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self.screens: list[str] = []

    def run_screen(self, draw: Callable[[int, int], tuple[str, str, None]], kb: Any) -> tuple[str, Any]:
        """Draw, press the next key, draw again, until a key leaves the screen with an action."""
        app = _App()
        self.screens.append(plain(fit_screen(*draw(SCREEN_WIDTH, ROWS)[:2], ROWS, None)))
        while app.result is None:
            assert self.keys, f"no keys left; last screen:\n{self.screens[-1]}"
            key = self.keys.pop(0)
            values = {k.value for k in Keys}
            bindings = kb.get_bindings_for_keys((Keys(key) if key in values else key,))
            assert bindings, f"no binding for {key!r}"
            bindings[-1].handler(_Event(app))
            if app.result is None:  # still on this screen: it redraws
                self.screens.append(plain(fit_screen(*draw(SCREEN_WIDTH, ROWS)[:2], ROWS, None)))
        if app.result[0] == "interrupt":
            raise KeyboardInterrupt
        return app.result


class _Output:
    """The terminal's size, as prompt_toolkit's output gives it: 80x24."""

    def get_size(self) -> Any:
        """Columns and rows."""
        return type("Size", (), {"columns": SCREEN_WIDTH + 1, "rows": ROWS})()


class _App:
    """The application a key binding's event names: exit records the action."""

    def __init__(self) -> None:
        self.result: tuple[str, Any] | None = None
        self.output = _Output()

    def exit(self, result: tuple[str, Any]) -> None:
        """Leave the screen with an action."""
        self.result = result

    def invalidate(self) -> None:
        """Redraw (the keyboard draws after every key anyway)."""


class _Event:
    """A key press, as a binding's handler receives it."""

    def __init__(self, app: _App) -> None:
        self.app = app


@pytest.fixture
def drive(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Callable[..., tuple[Keyboard, Environment]]]:
    """Run the result screen of a result with scripted keys; the keyboard (its screens) and the environment."""
    monkeypatch.chdir(tmp_path)

    def run(result: Result, profiles: ProfileSet, keys: list[str], **env: Any) -> tuple[Keyboard, Environment]:
        keyboard = Keyboard(keys)
        monkeypatch.setattr(result_screen, "_run_screen", keyboard.run_screen)
        environment = Environment(stdout=io.StringIO(), stderr=io.StringIO(), no_color=True, **env)
        with create_pipe_input() as pipe:
            show_result(result, profiles, environment, input=pipe, output=DummyOutput())
        return keyboard, environment

    yield run


def test_each_section_key_opens_its_section_and_q_comes_back(
    drive: Callable[..., tuple[Keyboard, Environment]], core: LoadedBank, profiles: ProfileSet
) -> None:
    """Every key of the keys line opens its section (its title on top); q or Esc returns to the summary."""
    found = result_of(core, profiles, CLEAR_PM)
    offered = pages(found, profiles)
    keys = [key for number, page in enumerate(offered) for key in (page.key, "q" if number % 2 else "escape")]
    keyboard, env = drive(found, profiles, [*keys, "q"])
    opened = keyboard.screens[1::2]
    back = keyboard.screens[2::2]
    for page, screen in zip(offered, opened, strict=False):
        assert page.section.title is not None and screen.startswith(page.section.title), (page.key, screen[:200])
    assert all(screen.startswith(headline(found)) for screen in back)
    assert written_to(env.stdout).startswith(headline(found))  # left printed on leaving


def test_a_section_scrolls_by_line_and_page(
    drive: Callable[..., tuple[Keyboard, Environment]], core: LoadedBank, profiles: ProfileSet
) -> None:
    """Down moves one line, PageDown a page, End to the last page, Home back; the footer says where."""
    found = result_of(core, profiles, CLEAR_PM)
    keyboard, _ = drive(found, profiles, ["w", "down", "pagedown", "end", "home", "q", "q"])
    screens = keyboard.screens[1:6]
    starts = [int(re.search(r"lines (\d+)-", screen).group(1)) for screen in screens]  # type: ignore[union-attr]
    total = int(re.search(r"of (\d+)$", screens[0]).group(1))  # type: ignore[union-attr]
    assert starts[0] == 1 and starts[1] == 2 and starts[2] > starts[1] + 10 and starts[4] == 1
    assert starts[3] + ROWS - 3 - 1 == total  # the last page ends on the last line


def test_q_leaves_with_the_summary_printed(
    drive: Callable[..., tuple[Keyboard, Environment]], core: LoadedBank, profiles: ProfileSet
) -> None:
    """On leaving, the summary (verdict and both fits) is printed once to the normal screen; nothing on stderr."""
    found = result_of(core, profiles, LEAN_PMM)
    _, env = drive(found, profiles, ["q"])
    printed = written_to(env.stdout)
    assert printed.splitlines()[0] == headline(found)
    for fit in found.fits:
        assert fit_line(fit.name, fit.score).search("\n".join(line.rstrip() for line in printed.splitlines()))
    assert "press r" not in printed and "--report FILE" in printed  # the screen and its keys are gone
    assert written_to(env.stderr) == ""


def test_p_with_pager_cat_prints_the_full_text(
    drive: Callable[..., tuple[Keyboard, Environment]], core: LoadedBank, profiles: ProfileSet
) -> None:
    """PAGER=cat: the whole result, every section title, goes to the terminal, then back to the summary."""
    found = result_of(core, profiles, CLEAR_PM)
    keyboard, env = drive(found, profiles, ["p", "q"], pager="cat")
    printed = written_to(env.stdout)
    for section in result_sections(found, profiles):
        if section.title is not None:
            assert section.title in printed
    assert keyboard.screens[-1].startswith(headline(found))


def test_r_writes_a_report_where_asked_and_announces_it(
    drive: Callable[..., tuple[Keyboard, Environment]],
    core: LoadedBank,
    profiles: ProfileSet,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """r asks for a name (today's dated default), writes that report, says so on screen, in the summary and on stderr."""
    asked: list[str] = []

    def answer(above: Callable[[int, int], str], message: str, default: str) -> str:
        asked.append(default)
        assert "Write the report to" in message and headline(found) in plain(above(SCREEN_WIDTH, ROWS))
        return default

    monkeypatch.setattr(result_screen, "_ask", answer)
    found = result_of(core, profiles, CLEAR_PM)
    keyboard, env = drive(found, profiles, ["r", "q"])
    name = f"rolefit-result-{datetime.date.today().isoformat()}.md"
    assert asked == [name]
    written = (tmp_path / name).read_text(encoding="utf-8")
    assert headline(found) in written
    assert f"Wrote the report to {name}." in keyboard.screens[-1]
    assert f"Report written to {name}." in flat(written_to(env.stdout))
    assert written_to(env.stderr) == f"rolefit: wrote the report to {name}\n"


@pytest.mark.parametrize(("name", "says"), [("x.txt", "use one of .md"), ("nowhere/x.md", "cannot write nowhere/x.md")])
def test_a_report_that_cannot_be_written_is_a_notice_not_an_exit(
    drive: Callable[..., tuple[Keyboard, Environment]],
    core: LoadedBank,
    profiles: ProfileSet,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    says: str,
) -> None:
    """A wrong extension or a missing folder: one rolefit: line on the summary, and the screen goes on."""
    monkeypatch.setattr(result_screen, "_ask", lambda above, message, default: name)
    found = result_of(core, profiles, CLEAR_PM)
    keyboard, env = drive(found, profiles, ["r", "q"])
    notice = next(line for line in keyboard.screens[-1].splitlines() if line.startswith("rolefit:"))
    assert says in flat(keyboard.screens[-1]), notice
    assert written_to(env.stderr) == ""


# ---- the command: when the result opens on the screen ---------------------------------------------


@pytest.mark.parametrize(
    ("options", "env", "screen"),
    [
        ({}, {"stdout_isatty": True}, True),
        ({"json_out": True}, {"stderr_isatty": True}, True),  # the text goes to stderr's terminal, JSON to stdout
        ({"json_out": True}, {"stdout_isatty": True}, False),  # stderr is no terminal: the text prints there
        ({}, {"stderr_isatty": True}, False),  # stdout is a file or a pipe
        ({"plain": True}, {"stdout_isatty": True}, False),
        ({}, {"stdout_isatty": True, "dumb": True}, False),
    ],
    ids=["terminal", "json-to-a-file", "stderr-redirected", "stdout-redirected", "plain", "dumb"],
)
def test_emit_opens_the_screen_only_on_a_terminal_that_can_draw_it(
    monkeypatch: pytest.MonkeyPatch,
    core: LoadedBank,
    profiles: ProfileSet,
    options: dict[str, Any],
    env: dict[str, Any],
    screen: bool,
) -> None:
    """An interactive quiz's result opens on the screen on a drawing terminal; else the full text prints, as before."""
    from rolefit.commands.quiz import QuizOptions, emit

    shown: list[dict[str, Any]] = []
    monkeypatch.setattr(result_screen, "show_result", lambda *args, **kwargs: shown.append(kwargs))
    found = result_of(core, profiles, CLEAR_PM)
    environment = Environment(stdout=io.StringIO(), stderr=io.StringIO(), no_color=True, **env)
    emit(found, profiles, QuizOptions(**options), environment, interactive=True)
    assert bool(shown) is screen
    printed = written_to(environment.stderr if options.get("json_out") else environment.stdout)
    assert ("Trait breakdown" in printed) is not screen  # the full text, only without the screen
    if options.get("json_out"):
        assert json.loads(written_to(environment.stdout))["margin"] == found.margin


def test_the_screen_says_where_output_and_report_went_and_writes_them_first(
    monkeypatch: pytest.MonkeyPatch, core: LoadedBank, profiles: ProfileSet, tmp_path: Path
) -> None:
    """--output and --report are written before the screen opens, and its saved line names both."""
    from rolefit.commands.quiz import QuizOptions, emit

    out, report = tmp_path / "result.json", tmp_path / "report.md"

    seen: list[str | None] = []

    def show(*args: Any, saved: str | None, **kwargs: Any) -> None:
        assert out.exists() and report.exists()
        seen.append(saved)

    monkeypatch.setattr(result_screen, "show_result", show)
    environment = Environment(stdout=io.StringIO(), stderr=io.StringIO(), stdout_isatty=True)
    emit(
        result_of(core, profiles, CLEAR_PM),
        profiles,
        QuizOptions(output=out, report=report),
        environment,
        interactive=True,
    )
    assert len(seen) == 1 and seen[0] is not None
    assert seen[0].startswith("Saved as result ")  # kept in the history, and the files named after it
    assert seen[0].endswith(f"; the result JSON written to {out}; the report written to {report}.")
    assert (
        written_to(environment.stderr)
        == f"rolefit: wrote the result JSON to {out}\nrolefit: wrote the report to {report}\n"
    )
    assert json.loads(out.read_text(encoding="utf-8"))["answered"] == len(CLEAR_PM)
