"""The result screen after an interactive quiz: the summary first, each section a key away, the whole text paged.

Each view is one of keyboard's small prompt_toolkit screens (``_run_screen``), drawn by rich: the
summary (views.summary) with a keys line under it, and a section in a scrollable view. ``p`` hands
the full text to a pager, as git does; ``r`` writes a report. On leaving, the summary is printed
once more to the normal screen, so the verdict and both fits stay in the terminal's scrollback.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rich.text import Text

from rolefit.data.catalog import ProfileSet
from rolefit.env import Environment
from rolefit.errors import RolefitError
from rolefit.files import output_path
from rolefit.quiz.keyboard import _bindings, _exit_keys, _run_screen, fit
from rolefit.quiz.screens import to_ansi
from rolefit.quiz.shown import Page, Shown, quiz_shown
from rolefit.quiz.ui import Action
from rolefit.scoring.result import Result
from rolefit.textsafe import clean
from rolefit.views.blocks import Section
from rolefit.views.output import console, wrote
from rolefit.views.summary import Summary, render_summary
from rolefit.views.terminal import render_sections

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.output import Output

GLOBAL_KEYS = (("p", "read it all"), ("r", "write a report"), ("q", "quit"))
SECTION_KEYS = "↑/↓ scroll · PgUp/PgDn page · q or Esc back to the summary"
REPORT_HINT = "A report is a {formats} file. Enter writes it, Esc cancels."
REPORT_PROMPT = "Write the report to: "
MOVES = {"up": -1, "k": -1, "down": 1, "j": 1, "c-p": -1, "c-n": 1}
PAGE_MOVES = {
    **{key: ("page", 1) for key in ("pagedown", "space", "c-f")},
    **{key: ("page", -1) for key in ("pageup", "c-b")},
    **{key: ("end", -1) for key in ("home", "g")},
    **{key: ("end", 1) for key in ("end", "G")},
}


def keys_line(shown: list[Page], width: int) -> Text:
    """The keys of the summary screen, each key in bold, wrapped between keys (never inside one) to ``width``."""
    line = Text(style="dim")
    used = 0
    for key, label in [(page.key, page.label) for page in shown] + list(GLOBAL_KEYS):
        item = Text.assemble((key, "bold"), f" {clean(label)}")
        if used and used + 3 + item.cell_len > width:
            line.append("\n")
            used = 0
        elif used:
            line.append(" · ")
            used += 3
        line.append_text(item)
        used += item.cell_len
    return line


def summary_parts(
    summary: Summary, shown: list[Page], notice: str | None, *, width: int, color: bool
) -> tuple[str, str, None]:
    """The summary screen as the keyboard front end draws it: the summary, and under it a notice and the keys."""
    footer = [*([Text(clean(notice), style="yellow")] if notice else []), keys_line(shown, width)]
    body = to_ansi(render_summary(summary), width=width, color=color)
    return body, "".join(to_ansi(part, width=width, color=color) for part in footer), None


def summary_screen(
    summary: Summary, shown: list[Page], notice: str | None, *, width: int, rows: int, color: bool
) -> str:
    """The summary screen as ANSI text: the summary, a notice if any, the keys line pinned under it."""
    return fit(*summary_parts(summary, shown, notice, width=width, color=color)[:2], rows, None)


def section_lines(section: Section, *, width: int, color: bool) -> list[str]:
    """A section drawn at a width, as lines, without the blank lines above its title."""
    lines = to_ansi(render_sections([section]), width=width, color=color).rstrip("\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return lines


def section_parts(lines: list[str], top: int, *, width: int, rows: int, color: bool) -> tuple[str, str, None]:
    """A window of a section's lines from ``top``, and under it the scroll keys and where the window is."""
    room = max(1, rows - 3)
    shown = lines[top : top + room]
    where = f" · lines {top + 1}-{top + len(shown)} of {len(lines)}" if len(lines) > room else ""
    keys = SECTION_KEYS if len(lines) > room else "q or Esc back to the summary"
    return "\n".join(shown), to_ansi(Text(keys + where, style="dim"), width=width, color=color).rstrip("\n"), None


def section_screen(lines: list[str], top: int, *, width: int, rows: int, color: bool) -> str:
    """The section window as ANSI text."""
    body, footer, _ = section_parts(lines, top, width=width, rows=rows, color=color)
    return fit(body, footer, rows, None)


# ---- the screen ---------------------------------------------------------------------------------


class ResultScreen:
    """The summary and its sections on a terminal; keys open sections, page the whole text, write a report."""

    def __init__(self, shown: Shown, env: Environment, terminal: IO[str]):
        self.shown, self.env, self.terminal = shown, env, terminal
        self.summary = shown.summary
        self.unsaved = shown.summary.saved  # what the summary says while nothing is kept or written
        self.pages = shown.pages
        self.color = not env.no_color
        self.notice: str | None = None
        self.written: list[Path] = []

    def run(self, keys: Input) -> Summary:
        """Show the summary until the user leaves (q, Ctrl-C, Ctrl-D, a hangup); the summary as it ends."""
        with contextlib.suppress(KeyboardInterrupt, EOFError):
            action = self._summary()
            while action[0] != "quit":
                if action[0] == "open":
                    action = self._section(action[1])
                    continue
                if action[0] == "page":
                    with keys.cooked_mode():
                        self.notice = self._page()
                elif action[0] == "report":
                    self._report()
                action = self._summary()
        return self.summary

    def _summary(self) -> Action:
        """The summary screen; returns what to do next."""
        kb = _bindings()
        _exit_keys(kb, {page.key: ("open", page) for page in self.pages})
        _exit_keys(kb, {"p": ("page", None), "r": ("report", None)})  # not Esc: a second Esc out of a section
        notice, self.notice = self.notice, None

        def draw(width: int, rows: int) -> tuple[str, str, None]:
            return summary_parts(self.summary, self.pages, notice, width=width, color=self.color)

        return _run_screen(draw, kb)

    def _section(self, page: Page) -> Action:
        """One section, scrollable; q or Esc goes back to the summary, another section's key opens that one."""
        drawn: dict[int, list[str]] = {}
        top = [0]
        rows_seen = [24]

        def lines(width: int) -> list[str]:
            if width not in drawn:
                drawn[width] = section_lines(page.section, width=width, color=self.color)
            return drawn[width]

        def scroll(unit: str, amount: int) -> Callable[[Any], None]:
            def move(event: Any) -> None:
                room = max(1, rows_seen[0] - 3)
                last = max(0, len(lines(max(20, event.app.output.get_size().columns - 1))) - room)
                step = {"line": amount, "page": amount * max(1, room - 1), "end": amount * (last + 1)}[unit]
                top[0] = min(max(top[0] + step, 0), last)

            return move

        kb = _scrolling(scroll)
        _exit_keys(kb, {other.key: ("open", other) for other in self.pages if other.key != page.key})
        _exit_keys(kb, {"q": ("back", None), "escape": ("back", None), "left": ("back", None)})

        def draw(width: int, rows: int) -> tuple[str, str, None]:
            rows_seen[0] = rows
            return section_parts(lines(width), top[0], width=width, rows=rows, color=self.color)

        action = _run_screen(draw, kb)
        return self._summary() if action[0] in ("back", "quit") else action

    def _page(self) -> str | None:
        """The full text through the pager (as git picks it), or printed; a notice when the pager fails."""
        try:
            width = os.get_terminal_size(self.terminal.fileno()).columns
        except (OSError, ValueError):
            width = self.env.width or 80
        text = to_ansi(self.shown.full(), width=width, color=self.color)
        command = self.env.pager if self.env.pager is not None else ("less -R" if shutil.which("less") else "")
        if command.strip() in ("", "cat"):
            self.terminal.write(text)
            self.terminal.flush()
            return None
        self.terminal.flush()
        try:
            done = subprocess.run(command, shell=True, input=text.encode("utf-8"), stdout=self.terminal, check=False)
        except OSError as failure:
            return f"rolefit: the pager {command!r} could not start ({failure.strerror}): set PAGER to another"
        if done.returncode not in (0, 141):  # 141: the pager was left early and the pipe closed, as less may do
            return f"rolefit: the pager {command!r} failed (exit {done.returncode}): set PAGER to another, or PAGER=cat"
        return None

    def _report(self) -> None:
        """Ask for a file name (today's default), write the report there and say where; an error is a notice."""

        def above(width: int, rows: int) -> str:
            formats = ", ".join(self.shown.formats[:-1]) + f" or {self.shown.formats[-1]}"
            hint = to_ansi(Text(REPORT_HINT.format(formats=formats), style="dim"), width=width, color=self.color)
            body = to_ansi(render_summary(self.summary), width=width, color=self.color)
            return fit(body, hint, rows - 1, None)

        name = _ask(above, REPORT_PROMPT, str(default_report_name(Path.cwd(), stem=self.shown.report_stem)))
        if name is None:
            self.notice = "No report written."
            return
        try:
            path = output_path(name.strip(), "the report name", f"{self.shown.report_stem}.md")
            assert path is not None
            self.shown.write(path)
        except (RolefitError, OSError) as failure:
            self.notice = f"rolefit: {failure}"
            return
        self.written.append(path)
        self.notice = f"Wrote the report to {path}."
        where = f"Report written to {path}."
        saved = self.summary.saved
        self.summary = replace(self.summary, saved=where if saved == self.unsaved else f"{saved} {where}")


def default_report_name(folder: Path, today: datetime.date | None = None, *, stem: str = "rolefit-result") -> Path:
    """rolefit-result-YYYY-MM-DD.md (or the stem given), -2, -3... when a report of that name is already there."""
    stem = f"{stem}-{(today or datetime.date.today()).isoformat()}"
    name, number = Path(f"{stem}.md"), 2
    while (folder / name).exists():
        name, number = Path(f"{stem}-{number}.md"), number + 1
    return name


def _scrolling(scroll: Callable[[str, int], Callable[[Any], None]]) -> KeyBindings:
    """The scroll keys of a section view: by a line, by a page, to either end."""
    kb = _bindings()
    steps = {**{key: ("line", step) for key, step in MOVES.items()}, **PAGE_MOVES}
    for key, (unit, amount) in steps.items():
        kb.add(key)(scroll(unit, amount))
    return kb


def _ask(above: Callable[[int, int], str], message: str, default: str) -> str | None:
    """One line of input with a default, under a screen drawn for the terminal's size; None when cancelled."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.application import get_app
    from prompt_toolkit.formatted_text import ANSI
    from prompt_toolkit.key_binding import KeyBindings

    kb = KeyBindings()

    @kb.add("escape", eager=True)
    def _cancel(event: Any) -> None:
        event.app.exit(result=None)

    def prompt() -> ANSI:
        size = get_app().output.get_size()
        return ANSI(above(max(20, size.columns - 1), size.rows) + "\n" + message)

    try:
        answer: str | None = PromptSession(key_bindings=kb, erase_when_done=True).prompt(prompt, default=default)
    except (KeyboardInterrupt, EOFError):
        return None
    return answer if answer and answer.strip() else None


# ---- the entry point ----------------------------------------------------------------------------


def show_result(
    result: Result,
    profiles: ProfileSet,
    env: Environment,
    *,
    saved: str | None = None,
    to_stderr: bool = False,
    input: Input | None = None,  # tests pass a pipe input
    output: Output | None = None,
) -> None:
    """A quiz result's screen on the terminal the result goes to; on leaving, the summary stays printed there."""
    show_screen(quiz_shown(result, profiles, saved), env, to_stderr=to_stderr, input=input, output=output)


def show_screen(
    shown: Shown,
    env: Environment,
    *,
    to_stderr: bool = False,
    input: Input | None = None,  # tests pass a pipe input
    output: Output | None = None,
) -> None:
    """The result screen on the terminal the result goes to; on leaving, the summary stays printed there."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_input
    from prompt_toolkit.output import create_output

    terminal: IO[str] | None = env.stderr if to_stderr else env.stdout
    assert terminal is not None  # the caller shows the screen only on a terminal
    screen = ResultScreen(shown, env, terminal)
    with contextlib.ExitStack() as stack:
        keys = input or create_input()
        screen_output = output or create_output(stdout=terminal)  # type: ignore[arg-type]  # any text stream
        stack.enter_context(create_app_session(input=keys, output=screen_output))
        stack.enter_context(keys.raw_mode())  # keys typed between screens are neither echoed nor held back
        summary = screen.run(keys)
    if summary.saved == screen.unsaved:  # "press r" no longer holds
        summary = replace(summary, saved=shown.unsaved_left)
    console(env, stderr=to_stderr).print(render_summary(summary))
    for path in screen.written:
        wrote("the report", path, env)
