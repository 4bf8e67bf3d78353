"""What ``rolefit team`` and ``rolefit matrix`` share: their options, asking through the quiz's screens, and
showing the result with its report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.env import Environment
from rolefit.errors import StdoutClosed, UsageError
from rolefit.views.blocks import Section
from rolefit.views.output import Rendered, render, wrote
from rolefit.views.report import write_sections_report


@dataclass(frozen=True)
class AskOptions:
    """How ``rolefit team`` and ``rolefit matrix`` get their answers: a file, or asking in the terminal."""

    answers: str | None = None
    json_out: bool = False
    profiles: Path | None = None
    resume: bool | None = None  # None: ask; True: --resume; False: --restart
    plain: bool = False
    report: Path | None = None  # also write a report: .md, .html or .json


def show(shown: Rendered, sections: list[Section], headline: str, options: AskOptions, env: Environment) -> None:
    """The result on stdout (JSON or its view), then the report the user named, announced; a failing stdout still
    leaves the report written."""
    failed: Exception | None = None
    try:
        render(shown, env, json_out=options.json_out)
    except Exception as error:  # `| head`, a full or closed stdout: still write the report, then fail
        failed = error
    if options.report is not None:
        write_sections_report(options.report, sections, shown.data, headline)
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
