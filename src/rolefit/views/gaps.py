"""A gap map (``rolefit matrix``) as sections of the one section model (views.blocks)."""

from __future__ import annotations

from rolefit.scoring.gaps import GapMap
from rolefit.views.blocks import Block, Bullets, FitBars, FitRow, Para, Section, SourceLine, Subheading, VerdictLine
from rolefit.views.summary import Summary, not_saved
from rolefit.views.wording import count_tasks, source_name

GAPS_SHOWN = 3  # gaps the summary names; the rest are a key away
MATRIX_PAGES = [  # the sections the summary screen opens: (key, section key, label)
    ("g", "gaps", "the gaps"),
    ("o", "other-gaps", "the other role's gaps"),
    ("n", "next-steps", "how to close them"),
]

SCALE_NOTE = (
    "Each number is how much of that role's tasks you have done: 100 = all of them, 0 = none; "
    "a task done in part counts as half."
)


def gap_headline(gaps: GapMap) -> str:
    """The gap map in plain words."""
    if gaps.role is None:
        return "No tasks answered, so there is nothing to map yet: say which tasks you have done."
    cover = next(c for c in gaps.coverage if c.role == gaps.role)
    if not gaps.gaps and not gaps.partial:
        return f"You have done every {gaps.name} task you answered about."
    left = [f"{count_tasks(len(gaps.gaps))} not done yet"] if gaps.gaps else []
    left += [f"{count_tasks(len(gaps.partial))} done in part"] if gaps.partial else []
    return f"On the {gaps.name}'s tasks you score {cover.coverage:.0f} of 100: {' and '.join(left)}."


def gap_about(gaps: GapMap) -> str:
    """What a gap map is, in words, for the foot of its card."""
    return f"rolefit matrix: {gaps.answered} of {gaps.tasks} tasks answered"


def gap_sections(gaps: GapMap) -> list[Section]:
    """The gap map from the headline down: coverage, the gaps, and how to close them."""
    head: list[Block] = [VerdictLine(gap_headline(gaps), None)]
    if gaps.role is None:
        return [Section("headline", None, tuple(head))]
    head += [
        FitBars(
            tuple(FitRow(c.name, c.coverage, c.role == gaps.role) for c in gaps.coverage),
            "How much of each role's tasks you have done",
            "Done",
            midline=False,
        ),
        Para(SCALE_NOTE, "dim"),
        Para(_why_this_role(gaps), "dim"),
        Para(f"Based on {gaps.answered} of {gaps.tasks} tasks answered.", "dim"),
    ]
    others = _other_gaps(gaps)
    return [Section("headline", None, tuple(head)), _gap_section(gaps), *others, _closing(gaps)]


def _why_this_role(gaps: GapMap) -> str:
    if gaps.chosen_by == "result":
        return f"The gaps are for {gaps.name}, the role your quiz result recommends."
    if gaps.chosen_by == "history":
        return f"The gaps are for {gaps.name}, the role your last quiz result recommends (rolefit history)."
    return (
        f"The gaps are for {gaps.name}, the role whose tasks you have done most; "
        "take the quiz, or pass --result FILE, to map them for the role it recommends."
    )


def _gap_section(gaps: GapMap) -> Section:
    blocks: list[Block] = []
    if gaps.gaps:
        blocks += [Subheading("Not done yet"), Bullets(tuple(task.name for task in gaps.gaps))]
    if gaps.partial:
        blocks += [Subheading("Done in part"), Bullets(tuple(task.name for task in gaps.partial))]
    if gaps.shared_gaps:
        blocks += [Subheading("Shared work not done yet"), Bullets(tuple(task.name for task in gaps.shared_gaps))]
    if not blocks:
        blocks.append(Para(f"No gaps among the {gaps.name} tasks you answered about."))
    return Section("gaps", f"Gaps for the {gaps.name} role", tuple(blocks))


def _other_gaps(gaps: GapMap) -> list[Section]:
    """The other roles' tasks not done yet, for a person weighing them (their preparation stays the role's own)."""
    blocks: list[Block] = []
    for cover in gaps.coverage:
        if cover.role == gaps.role or not (cover.gaps or cover.partial):
            continue
        names = [task.name for task in cover.gaps] + [f"{task.name} (done in part)" for task in cover.partial]
        blocks += [Subheading(f"{cover.name}: {count_tasks(len(cover.gaps))} not done yet"), Bullets(tuple(names))]
    others = len([cover for cover in gaps.coverage if cover.role != gaps.role])
    title = "Gaps for the other role" if others == 1 else "Gaps for the other roles"
    return [Section("other-gaps", title, tuple(blocks))] if blocks else []


def _closing(gaps: GapMap) -> Section:
    blocks: list[Block] = []
    todo = [*gaps.gaps, *gaps.partial]
    if todo:
        blocks += [
            Para("For each gap, find a chance to do the work, then prepare a concrete story of it:"),
            Bullets(tuple(f"{task.name}: what you did, with whom, and the number it moved." for task in todo)),
        ]
    if gaps.preparation is not None:
        source = gaps.preparation.source
        blocks += [
            Subheading(f"Prepare for {gaps.name} roles"),
            Bullets(tuple(gaps.preparation.steps)),
            SourceLine(source.file, source_name(source.title, source.publisher), source.fact),
        ]
    return Section("next-steps", "Close the gaps", tuple(blocks))


def gap_summary(gaps: GapMap) -> Summary:
    """The gap map on one screen: the headline, each role's coverage, the first gaps, why this role."""
    head = gap_sections(gaps)[0].blocks
    # "Done in part" first: a summary line is cut to the screen's width, and the mark must survive the cut
    todo = [*(task.name for task in gaps.gaps), *(f"Done in part: {task.name}" for task in gaps.partial)]
    shown = todo[:GAPS_SHOWN] if len(todo) <= GAPS_SHOWN else todo[: GAPS_SHOWN - 1]
    if len(todo) > len(shown):
        shown.append(f"and {len(todo) - len(shown)} more")
    mapped = gaps.role is not None
    return Summary(
        verdict=None,
        headline=gap_headline(gaps),
        fits=next((block for block in head if isinstance(block, FitBars)), None),
        scale="Each number: how much of that role's tasks you have done (100 = all of them)." if mapped else None,
        coverage=f"Based on {gaps.answered} of {gaps.tasks} tasks answered.",
        limits=(),
        reasons_title=f"Gaps for the {gaps.name} role" if mapped else None,
        reasons=tuple(shown or ([f"No gaps among the {gaps.name} tasks you answered about."] if mapped else [])),
        change_title="Why this role" if mapped else None,
        change=_why_this_role(gaps) if mapped else None,
        saved=not_saved("matrix"),
    )
