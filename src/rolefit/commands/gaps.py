"""``rolefit matrix``: which tasks of each role a person has done, and the gaps for the role they lean to."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rolefit.commands.asking import AskOptions, ask_in_terminal, show
from rolefit.data.catalog import load_profiles
from rolefit.data.tasks import Experience, load_tasks, matrix_bank, read_matrix
from rolefit.env import Environment
from rolefit.scoring.gaps import ChosenBy, GapMap, map_gaps
from rolefit.views.gaps import MATRIX_NOT_SAVED_LEFT, MATRIX_PAGES, gap_about, gap_sections, gap_summary
from rolefit.views.report import sections_format

if TYPE_CHECKING:
    from rich.console import RenderableType

    from rolefit.quiz.result_screen import Shown


@dataclass(frozen=True)
class GapMapping:
    """``rolefit matrix``'s result: its JSON is the GapMap, its view the gap map's sections."""

    data: GapMap
    plain: bool = False  # --plain: words only

    def view(self) -> RenderableType:
        """The gap map, top to bottom."""
        from rolefit.views.terminal import render_sections

        return render_sections(gap_sections(self.data), plain=self.plain)

    def screen(self, saved: str | None) -> Shown:
        """The gap map on the result screen; ``saved`` says where a report was written (None: nowhere)."""
        from rolefit.quiz.result_screen import sections_shown

        summary = gap_summary(self.data)
        summary = replace(summary, saved=saved) if saved else summary
        sections = gap_sections(self.data)
        return sections_shown(
            summary,
            sections,
            self.data,
            MATRIX_PAGES,
            about=gap_about(self.data),
            stem="rolefit-matrix",
            unsaved_left=MATRIX_NOT_SAVED_LEFT,
        )


def map_experience(options: AskOptions, result: Path | None, env: Environment) -> GapMapping:
    """Map a person's experience (from ``--answers``, or asked task by task) to the matrix, and show it; for the
    role a quiz result recommends (``--result``, else the last kept result), else the one covered most."""
    if options.report is not None:
        sections_format(options.report)  # a wrong extension is a usage error now, not after the questions
    profiles = load_profiles(options.profiles, cache=env.cache_dir)
    matrix = load_tasks(profiles, options.profiles, cache=env.cache_dir)
    role, chosen_by = _recommended(result, env)
    if role is not None:
        profiles.profile(role)  # a result for a role these profiles lack is a usage error naming them
    done = None
    if options.answers is not None:
        experience = read_matrix(options.answers, matrix, stdin=env.stdin)
    else:
        answers, done = ask_in_terminal(matrix_bank(matrix), profiles, options, env, "matrix: TASK_ID: LEVEL")
        experience = {task: Experience(str(level)) for task, level in answers.items()}
    mapping = GapMapping(map_gaps(matrix, profiles, experience, role, chosen_by=chosen_by), plain=options.plain)
    gaps = mapping.data
    show(mapping, gap_sections(gaps), gap_summary(gaps), gap_about(gaps), options, env)
    if done is not None:
        done()  # the progress goes only once the result is out
    return mapping


def _recommended(result: Path | None, env: Environment) -> tuple[str | None, ChosenBy | None]:
    """The role a quiz recommends: from --result, else from the last result kept in the history (if any)."""
    if result is not None:
        from rolefit.commands.explain import read_result

        return read_result(result).recommendation.role, "result"
    from rolefit.commands.history import open_history
    from rolefit.quiz.history import HistoryError

    try:
        with open_history(env) as history:
            kept = history.entries().results
    except HistoryError:  # no usable history: the gaps are for the role covered most
        return None, None
    last = kept[-1].role if kept else None
    return (last, "history") if last is not None else (None, None)
