"""What ``rolefit team`` and ``rolefit matrix`` share: their options, asking through the quiz's screens, and
showing the result with its report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.env import Environment
from rolefit.errors import StdoutClosed, UsageError
from rolefit.views.blocks import Section
from rolefit.views.output import render, wrote
from rolefit.views.report import write_sections_report
from rolefit.views.summary import Summary, not_saved_left

if TYPE_CHECKING:
    from rich.console import RenderableType

    from rolefit.quiz.shown import Shown


@dataclass(frozen=True)
class AskOptions:
    """How ``rolefit team`` and ``rolefit matrix`` get their answers: a file, or asking in the terminal."""

    answers: str | None = None
    json_out: bool = False
    profiles: Path | None = None
    resume: bool | None = None  # None: ask; True: --resume; False: --restart
    plain: bool = False
    report: Path | None = None  # also write a report: .md, .html, .svg or .json


M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Assessed(Generic[M]):
    """A team result or a gap map, ready to show: its data (the JSON), its sections and summary (the view, the
    screen, the reports) and how the result screen offers it."""

    data: M
    sections: list[Section]
    summary: Summary
    about: str  # what it is, in words, for the foot of its card
    pages: list[tuple[str, str, str]]  # the sections the screen opens: (key, section key, label)
    command: str  # team, matrix: names the default report (rolefit-team-DATE.md) and how to write one later
    plain: bool = False  # --plain: words only

    def view(self) -> RenderableType:
        """The whole result, top to bottom."""
        from rolefit.views.terminal import render_sections

        return render_sections(self.sections, plain=self.plain)

    def screen(self, saved: str | None) -> Shown:
        """The result screen's content; ``saved`` says where a report was written (None: nowhere)."""
        from rolefit.quiz.shown import sections_shown

        summary = replace(self.summary, saved=saved) if saved else self.summary
        return sections_shown(
            summary,
            self.sections,
            self.pages,
            write=self.write_report,
            stem=f"rolefit-{self.command}",
            unsaved_left=not_saved_left(self.command),
        )

    def write_report(self, path: Path) -> None:
        """The report the user named: Markdown, HTML, the SVG card or the JSON."""
        write_sections_report(path, self.sections, self.data, self.summary, self.about)


def show(result: Assessed[Any], options: AskOptions, env: Environment) -> None:
    """The result: on the result screen (summary first) after asking in a terminal that can draw it, as the quiz
    does; else printed whole (JSON or its view), as an ``--answers`` run always is. Then the report the user
    named, announced. A failing stdout still leaves the report written."""
    asked = options.answers is None
    if asked and not options.json_out and not options.plain and env.draws_screens():
        _on_screen(result, options, env)
        return
    failed: Exception | None = None
    try:
        render(result, env, json_out=options.json_out)
    except Exception as error:  # `| head`, a full or closed stdout: still write the report, then fail
        failed = error
    if options.report is not None:
        result.write_report(options.report)
        wrote("the report", options.report, env)
    if failed is not None:
        raise failed


def _on_screen(result: Assessed[Any], options: AskOptions, env: Environment) -> None:
    """The report first, so the summary can say where it is; a report that cannot be written is said after."""
    from rolefit.quiz.result_screen import show_screen

    failed: Exception | None = None
    saved = None
    if options.report is not None:
        try:
            result.write_report(options.report)
            saved = f"Report written to {options.report}."
        except Exception as error:  # shown after the screen, as the quiz does
            failed = error
    show_screen(result.screen(saved), env)
    if saved is not None and options.report is not None:
        wrote("the report", options.report, env)
    if failed is not None:
        raise failed


def ask_in_terminal(
    questions: LoadedBank, profiles: ProfileSet, options: AskOptions, env: Environment, shape: str
) -> tuple[dict[str, int | str], Callable[[], None]]:
    """Ask a questionnaire through the quiz's screens (keys, back, skip, progress kept); its answers, and the call
    that lets the saved progress go once the result is out."""
    if not env.stdin_isatty:
        raise UsageError(f"stdin is not a terminal, so there is no one to ask: pass --answers FILE with {shape}")
    if env.stdout is None:
        raise StdoutClosed
    from rolefit.quiz.interactive import ask

    session, store = ask(questions, profiles, resume=options.resume, plain=options.plain, env=env)
    return dict(session.final_answers()), store.discard
