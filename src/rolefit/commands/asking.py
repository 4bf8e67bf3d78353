"""What ``rolefit team`` and ``rolefit matrix`` share: their options, asking through the quiz's screens, and
showing the result with its report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.env import Environment
from rolefit.errors import StdoutClosed, UsageError
from rolefit.views.blocks import Section
from rolefit.views.output import Rendered, render, wrote
from rolefit.views.report import write_sections_report

if TYPE_CHECKING:
    from rolefit.quiz.result_screen import Shown
    from rolefit.views.summary import Summary


@dataclass(frozen=True)
class AskOptions:
    """How ``rolefit team`` and ``rolefit matrix`` get their answers: a file, or asking in the terminal."""

    answers: str | None = None
    json_out: bool = False
    profiles: Path | None = None
    resume: bool | None = None  # None: ask; True: --resume; False: --restart
    plain: bool = False
    report: Path | None = None  # also write a report: .md, .html, .svg or .json


class Screened(Rendered, Protocol):
    """A result that also opens on the result screen (a team result, a gap map)."""

    def screen(self, saved: str | None) -> Shown:
        """The result screen's content; ``saved`` says where a report was written."""
        ...


def show(
    result: Screened, sections: list[Section], summary: Summary, about: str, options: AskOptions, env: Environment
) -> None:
    """The result: on the result screen (summary first) when stdout is a terminal that can draw it, else printed
    whole (JSON or its view); then the report the user named, announced (``about`` says what it is, on a card).
    A failing stdout still leaves the report written."""
    if not options.json_out and not options.plain and env.draws_screens():
        _on_screen(result, sections, summary, about, options, env)
        return
    failed: Exception | None = None
    try:
        render(result, env, json_out=options.json_out)
    except Exception as error:  # `| head`, a full or closed stdout: still write the report, then fail
        failed = error
    if options.report is not None:
        write_sections_report(options.report, sections, result.data, summary, about)
        wrote("the report", options.report, env)
    if failed is not None:
        raise failed


def _on_screen(
    result: Screened, sections: list[Section], summary: Summary, about: str, options: AskOptions, env: Environment
) -> None:
    """The report first, so the summary can say where it is; a report that cannot be written is said after."""
    from rolefit.quiz.result_screen import show_screen

    failed: Exception | None = None
    saved = None
    if options.report is not None:
        try:
            write_sections_report(options.report, sections, result.data, summary, about)
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
