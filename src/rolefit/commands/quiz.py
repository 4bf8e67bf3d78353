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
from rolefit.views.output import error as say

if TYPE_CHECKING:
    from rolefit.scoring.adaptive import AdaptivePlan
    from rolefit.scoring.history import HistoryEntry


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
    save: bool | None = None  # keep the result in the history; None: interactive runs do, --answers runs do not


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
        kept=options.save is not False,  # an interactive result is kept unless --no-save
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
    json_on_stdout = options.json_out and options.output is None
    kept = _keep(result, options, env, interactive=interactive)  # first: a terminal that dies mid-result loses nothing
    comparison = _compared(result, profiles, kept)
    if interactive and _on_screen(options, env, to_stderr=json_on_stdout):
        _emit_on_screen(result, profiles, options, env, to_stderr=json_on_stdout, kept=kept, comparison=comparison)
        return
    data = result.model_dump(mode="json")
    failed: Exception | None = None
    try:
        if interactive or not json_on_stdout:
            from rich.text import Text

            from rolefit.views.terminal import render_result

            console_ = console(env, stderr=json_on_stdout, plain=options.plain)
            console_.print(render_result(result, profiles, plain=options.plain))
            if comparison:  # the last line of the result, so it stays on screen; said once
                console_.print(Text(f"\n{comparison}"))
                comparison = None
        if json_on_stdout:
            write_json(data, env.stdout)
    except Exception as error:  # `| head`, a full or closed stdout: still write the files the user named, then fail
        failed = error
    if kept is not None:
        from rolefit.views.history import saved_line

        say("\n".join(filter(None, [comparison, f"rolefit: {saved_line(kept[0])}"])), env.stderr)
    if options.output is not None:
        atomic_write(options.output, json_text(data))
        wrote("the result JSON", options.output, env)
    if options.report is not None:
        from rolefit.views.report import write_report

        write_report(result, profiles, options.report)
        wrote("the report", options.report, env)
    if failed is not None:
        raise failed


def _keep(
    result: Result, options: QuizOptions, env: Environment, *, interactive: bool
) -> tuple[int, HistoryEntry | None] | None:
    """Keep the result in the history when asked to (interactive runs by default); its number and the last one's."""
    if not (interactive if options.save is None else options.save):
        return None
    from rolefit.quiz.history import keep

    return keep(result, env, lambda message: say(message, env.stderr))


def _compared(result: Result, profiles: ProfileSet, kept: tuple[int, HistoryEntry | None] | None) -> str | None:
    """How this result compares with the last one kept on its bank, in one line; None when there is none."""
    if kept is None or kept[1] is None:
        return None
    from rolefit.scoring.history import entry_of
    from rolefit.views.history import compare_line, short_names

    return compare_line(kept[1], entry_of(result, kept[0], ""), short_names(profiles))


def _saved_text(kept: tuple[int, HistoryEntry | None] | None, written: dict[str, Path]) -> str | None:
    """The summary's line on where the result was kept (the history) and written (--output, --report)."""
    from rolefit.views.history import saved_line

    where = [saved_line(kept[0])] if kept is not None else []
    where += [f"{what} written to {path}" for what, path in written.items()]
    if not where:
        return None
    text = "; ".join(where)
    return text[0].upper() + text[1:] + "."


def _on_screen(options: QuizOptions, env: Environment, *, to_stderr: bool) -> bool:
    """Whether the result opens on the result screen: the text goes to a terminal that can draw one."""
    return not options.plain and env.draws_screens(stderr=to_stderr)


def _emit_on_screen(
    result: Result,
    profiles: ProfileSet,
    options: QuizOptions,
    env: Environment,
    *,
    to_stderr: bool,
    kept: tuple[int, HistoryEntry | None] | None,
    comparison: str | None,
) -> None:
    """The result screen (summary first), with --output and --report written before it so it can say where.

    A file that cannot be written still never costs the user the result: the screen shows, then the error.
    """
    from rolefit.quiz.result_screen import show_result

    data = result.model_dump(mode="json")
    written: dict[str, Path] = {}
    failed: Exception | None = None
    try:
        if options.output is not None:
            atomic_write(options.output, json_text(data))
            written["the result JSON"] = options.output
        if options.report is not None:
            from rolefit.views.report import write_report

            write_report(result, profiles, options.report)
            written["the report"] = options.report
    except Exception as error:  # shown after the screen, as emit does
        failed = error
    show_result(result, profiles, env, saved=_saved_text(kept, written), to_stderr=to_stderr)
    if comparison:  # under the summary left on the terminal
        say(comparison, env.stderr)
    if to_stderr:
        write_json(data, env.stdout)
    for what, path in written.items():
        wrote(what, path, env)
    if failed is not None:
        raise failed
