"""``rolefit quiz`` end to end: get answers (from a file or by asking), score them, emit the result."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rolefit.data.answers import read_answers
from rolefit.data.catalog import LoadedBank, ProfileSet, load_bank, load_profiles
from rolefit.env import Environment
from rolefit.errors import StdoutClosed, UsageError
from rolefit.files import atomic_write
from rolefit.jsonout import json_text, write_json
from rolefit.scoring.result import Result, build_result
from rolefit.types import Answers
from rolefit.views import wording
from rolefit.views.output import console, wrote

if TYPE_CHECKING:
    from rolefit.scoring.adaptive import AdaptivePlan


@dataclass(frozen=True)
class QuizOptions:
    """Everything ``rolefit quiz`` was asked to do."""

    answers: str | None = None
    json_out: bool = False
    output: Path | None = None
    report: Path | None = None
    bank: str | None = None
    profiles: Path | None = None
    resume: bool | None = None  # None: ask; True: --resume; False: --restart
    plain: bool = False
    seed: int | None = None
    adaptive: bool = False


def take_quiz(options: QuizOptions, env: Environment) -> Result:
    """Run one quiz as the options say and emit its result; return the result."""
    if options.answers is None and not env.stdin_isatty:
        raise UsageError("stdin is not a terminal, so there is no one to ask: pass --answers FILE (or - for stdin)")
    if env.stdout is None:
        raise StdoutClosed  # the result always goes to stdout: say so before asking a single question
    if options.report is not None:
        from rolefit.views.report import report_format

        report_format(options.report)  # a wrong extension is a usage error now, not after the quiz
    profiles = load_profiles(options.profiles, cache=env.cache_dir)
    bank = load_bank(options.bank, profiles, cache=env.cache_dir)
    if options.answers is not None:
        answers = read_answers(options.answers, bank, stdin=env.stdin)
        if options.adaptive:
            result = _replay_adaptive(bank, profiles, answers, options)
        else:
            result = build_result(bank, profiles, answers, phrasing=wording)
        emit(result, profiles, options, env, interactive=False)
        return result
    return _interactive(bank, profiles, options, env)


def _replay_adaptive(bank: LoadedBank, profiles: ProfileSet, answers: Answers, options: QuizOptions) -> Result:
    """Adaptive mode offline: ask only what it would have asked, taking the answers from the file."""
    from rolefit.scoring.adaptive import replay

    plan = _plan(bank, profiles, options)
    used, asked = replay(plan, answers)
    return build_result(bank, profiles, used, asked=asked, stop_reason=str(plan.stop), phrasing=wording)


def _plan(bank: LoadedBank, profiles: ProfileSet, options: QuizOptions) -> AdaptivePlan:
    from rolefit.scoring.adaptive import AdaptivePlan
    from rolefit.scoring.engine import compile_model

    return AdaptivePlan(compile_model(bank.items, profiles.traits, profiles.profiles), seed=options.seed or 0)


def _interactive(bank: LoadedBank, profiles: ProfileSet, options: QuizOptions, env: Environment) -> Result:
    """Ask in the terminal, emit the result, and only then let the saved progress go."""
    from rolefit.quiz.interactive import ask

    plan = _plan(bank, profiles, options) if options.adaptive else None
    expected = None
    if plan is not None:
        from rolefit.scoring.adaptive import expected_questions

        expected = expected_questions(plan.model, profiles, seed=options.seed or 0)
    session, store = ask(
        bank,
        profiles,
        resume=options.resume,
        plain=options.plain,
        seed=options.seed,
        next_item=plan.next_item if plan else None,
        env=env,
        expected=expected,
    )
    if plan is None:
        result = build_result(bank, profiles, session.final_answers(), phrasing=wording)
    else:
        stop = str(plan.stop) if plan.stop else None
        result = build_result(
            bank, profiles, session.final_answers(), asked=list(session.asked), stop_reason=stop, phrasing=wording
        )
    emit(result, profiles, options, env, interactive=True)
    store.discard()
    return result


def emit(result: Result, profiles: ProfileSet, options: QuizOptions, env: Environment, *, interactive: bool) -> None:
    """Show the result first (rendered, and JSON on stdout), then write --output and --report files.

    Files come last so that a file that cannot be written never costs the user the result itself, and they are
    written even when stdout fails (a full disk, a closed pipe), so that failure never costs the files.
    """
    data = result.model_dump(mode="json")
    json_on_stdout = options.json_out and options.output is None
    failed: Exception | None = None
    try:
        if interactive or not json_on_stdout:
            from rolefit.views.terminal import render_result

            shown = render_result(result, profiles, plain=options.plain)
            console(env, stderr=json_on_stdout, plain=options.plain).print(shown)
        if json_on_stdout:
            write_json(data, env.stdout)
    except Exception as error:  # `| head`, a full or closed stdout: still write the files the user named, then fail
        failed = error
    if options.output is not None:
        atomic_write(options.output, json_text(data))
        wrote("the result JSON", options.output, env)
    if options.report is not None:
        from rolefit.views.report import write_report

        write_report(result, profiles, options.report)
        wrote("the report", options.report, env)
    if failed is not None:
        raise failed
