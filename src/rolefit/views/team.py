"""A team result as sections of the one section model (views.blocks), for the terminal and report writers."""

from __future__ import annotations

from rolefit.data.tasks import COVER_TEXT, Cover
from rolefit.scoring.team import RoleNeed, TeamResult
from rolefit.types import Verdict
from rolefit.views.blocks import Block, Bullets, FitBars, FitRow, Para, Section, SourceLine, Subheading, VerdictLine
from rolefit.views.summary import Summary
from rolefit.views.wording import count_tasks, source_name

TEAM_NOT_SAVED = "Not saved yet: press r for a report (or run rolefit team with --report FILE)."
TEAM_NOT_SAVED_LEFT = "Not saved: rolefit team --report FILE writes a report with the result."
TEAM_PAGES = [  # the sections the summary screen opens: (key, section key, label)
    ("w", "why", "the work nobody does"),
    ("o", "overload", "one person doing both jobs"),
    ("a", "alignment", "where the roles meet"),
    ("n", "next-steps", "next steps"),
]


def team_headline(result: TeamResult) -> str:
    """The team's outcome in plain words."""
    name = result.recommendation.name
    verdict = result.recommendation.verdict
    if verdict == Verdict.UNDETERMINED:
        return f"Too few tasks answered to say which role to hire: answer at least {result.recommendation.needed} more."
    if verdict == Verdict.NEITHER:
        return "No hire needed for this work: every task of both roles is done by someone today."
    if verdict == Verdict.CLOSE_CALL:
        return f"A close call: both roles have work nobody does, {name}'s slightly more."
    if verdict == Verdict.LEAN:
        return f"Lean towards hiring a {name} first."
    return f"Hire a {name} first: most of the work nobody does today is theirs."


def team_about(result: TeamResult) -> str:
    """What a team result is, in words, for the foot of its card."""
    return f"rolefit team: {result.answered} of {result.tasks} tasks answered"


def team_sections(result: TeamResult) -> list[Section]:
    """The team result from the verdict down: the work left undone, overload, where the roles meet, next steps."""
    sections = [_headline(result)]
    if result.recommendation.verdict != Verdict.UNDETERMINED:
        sections.append(_undone(result))
    if result.overload is not None:
        overload = result.overload
        sections.append(
            Section(
                "overload",
                "One person doing both jobs",
                (
                    Para(overload.text),
                    Para("The tasks that one person carries today:"),
                    Bullets(tuple(task.name for task in overload.tasks)),
                    _source(
                        overload.source.file, overload.source.title, overload.source.publisher, overload.source.fact
                    ),
                ),
            )
        )
    sections += [_alignment(result), _next_steps(result)]
    return sections


def _headline(result: TeamResult) -> Section:
    blocks: list[Block] = [VerdictLine(team_headline(result), result.recommendation.verdict)]
    if result.recommendation.verdict != Verdict.UNDETERMINED:
        top = result.recommendation.role
        blocks += [
            FitBars(
                tuple(FitRow(need.name, need.need, need.role == top) for need in result.needs),
                "Work undone today, per role",
                "Undone",
                midline=False,
            ),
            Para(
                "Each number is how much of that role's work goes undone today: 100 = none of its tasks is done, "
                "0 = all of them are. A task done by one person who also does the other role's work, or by the other role, counts as half done.",
                "dim",
            ),
        ]
    blocks.append(Para(f"Based on {result.answered} of {result.tasks} tasks answered.", "dim"))
    return Section("headline", None, tuple(blocks))


def _undone(result: TeamResult) -> Section:
    blocks: list[Block] = []
    for need in result.needs:
        blocks += _role_undone(need)
    if result.uncovered_shared:
        blocks += [
            Subheading("Shared work nobody does"),
            Bullets(tuple(task.name for task in result.uncovered_shared)),
        ]
    if result.outside:
        blocks += [
            Subheading("Done by someone outside the two roles"),
            Bullets(tuple(task.name for task in result.outside)),
        ]
    return Section("why", "The work nobody does today", tuple(blocks))


def _role_undone(need: RoleNeed) -> list[Block]:
    if not (need.uncovered or need.one_person or need.borrowed):
        return [Subheading(f"{need.name}: all {need.tasks} of its tasks are done today")]
    blocks: list[Block] = [Subheading(f"{need.name}: {len(need.uncovered)} of {need.tasks} tasks nobody does")]
    if need.uncovered:
        blocks.append(Bullets(tuple(task.name for task in need.uncovered)))
    if need.one_person:
        blocks += [
            Para("Done by one person who also does the other role's work:"),
            Bullets(tuple(task.name for task in need.one_person)),
        ]
    if need.borrowed:
        blocks += [
            Para("Done by another role beside its own work:"),
            Bullets(tuple(task.name for task in need.borrowed)),
        ]
    return blocks


def _alignment(result: TeamResult) -> Section:
    alignment = result.alignment
    who = [f"{task.name}: {_who(alignment.covered_by.get(task.id), result)}" for task in alignment.shared]
    return Section(
        "alignment",
        "Where the PM and PMM work must meet",
        (
            Para("These tasks belong to both roles, or to neither; whoever you hire, agree who does each:"),
            Bullets(tuple(who)),
            Para("And keep the two roles aligned:"),
            Bullets(tuple(alignment.advice)),
            _source(alignment.source.file, alignment.source.title, alignment.source.publisher, alignment.source.fact),
        ),
    )


def _who(answer: str | None, result: TeamResult) -> str:
    if answer is None:
        return "not answered"
    names = {need.role: need.name for need in result.needs}
    if answer in names:
        return names[answer]
    words = COVER_TEXT.get(Cover(answer), answer)  # the words the question offered it in
    return words[:1].lower() + words[1:]


def _next_steps(result: TeamResult) -> Section:
    role = result.recommendation.role
    steps = []
    if role is not None:
        steps += [
            f"Read what the role is like day to day: rolefit profile show {role}",
            "Write the job description around the tasks nobody does today, listed above.",
        ]
    if result.overload is not None:
        steps.append("Split the work of the person doing both jobs before it costs you the tasks that slip.")
    steps.append("Ask a candidate, or yourself, which of these tasks they have done: rolefit matrix")
    return Section("next-steps", "Next steps", (Bullets(tuple(steps)),))


def _source(file: str, title: str, publisher: str | None, fact: str) -> SourceLine:
    return SourceLine(file, source_name(title, publisher), fact)


def team_summary(result: TeamResult) -> Summary:
    """The team result on one screen: the verdict, each role's work undone, where it goes undone, any overload."""
    head = _headline(result).blocks
    undetermined = result.recommendation.verdict == Verdict.UNDETERMINED
    reasons = [] if undetermined else [_undone_line(need) for need in result.needs if need.uncovered]
    if result.uncovered_shared and not undetermined:
        reasons.append(f"Shared work: {count_tasks(len(result.uncovered_shared))} nobody does")
    overload = result.overload
    return Summary(
        verdict=result.recommendation.verdict,
        headline=team_headline(result),
        fits=next((block for block in head if isinstance(block, FitBars)), None),
        scale=None if undetermined else "Each number: how much of that role's work goes undone (100 = all of it).",
        coverage=f"Based on {result.answered} of {result.tasks} tasks answered.",
        limits=(),
        reasons_title=None if undetermined else "The work nobody does today",
        reasons=tuple(reasons or ([] if undetermined else ["Every task you answered about is done by someone."])),
        change_title="One person doing both jobs" if overload else None,
        change=(
            f"One person does both roles' work today, on {count_tasks(len(overload.tasks))}; each role is demanding on "
            "its own, so in a combined role some of that work would not get done."
            if overload
            else None
        ),
        saved=TEAM_NOT_SAVED,
    )


def _undone_line(need: RoleNeed) -> str:
    return f"{need.name}: {len(need.uncovered)} of {need.tasks} tasks nobody does"
