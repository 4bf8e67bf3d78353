"""The result on one screen: the verdict, both fits, the top reasons, the change that matters most, where it is kept.

Picked from the one section model (``sections.result_sections``), so the summary says what the full
text says, only less of it. ``render_summary`` lays it out for a terminal, each part cut to a fixed
number of lines, so that the whole fits 80x24 with the keys line under it. ``side_by_side`` is the one
section the result screen adds: the two best-fitting roles, aspect by aspect.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from itertools import zip_longest

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text

from rolefit.data.catalog import ProfileSet
from rolefit.scoring.result import Reason, Result
from rolefit.scoring.verdict import NEITHER_FIT
from rolefit.textsafe import clean
from rolefit.types import Verdict
from rolefit.views import blocks, wording
from rolefit.views import sections as sec
from rolefit.views.terminal import VERDICT_STYLE, ByWidth, Hanging, _fit_bars

TOP_REASONS = 3
STRONG = 0.5  # a level this far from 0 is "clearly" seeking or avoiding (as the reasons' own sentences say)
NOT_SAVED = "Not saved yet: press r for a report (or take the quiz with --report FILE)."
NOT_SAVED_LEFT = "Not saved: rolefit quiz --report FILE writes a report with the result."  # once the screen is gone
ELLIPSIS = "…"


def not_saved(command: str) -> str:
    """The summary's last line for ``rolefit team`` or ``rolefit matrix`` while nothing is written."""
    return f"Not saved yet: press r for a report (or run rolefit {command} with --report FILE)."


def not_saved_left(command: str) -> str:
    """The same line once the screen is gone, where r no longer works."""
    return f"Not saved: rolefit {command} --report FILE writes a report with the result."


@dataclass(frozen=True)
class Summary:
    """What the summary screen shows, as plain text and numbers (data text still raw: the renderer cleans it)."""

    verdict: Verdict | None  # None: a gap map, which has no verdict
    headline: str
    fits: blocks.FitBars | None  # None when too few answers were given for fits to mean anything
    scale: str | None  # the lead and what a fit number means, in one line
    coverage: str
    limits: tuple[str, ...]
    reasons_title: str | None
    reasons: tuple[str, ...]  # one line each, the strongest first
    change_title: str | None
    change: str | None
    saved: str


def build_summary(result: Result, profiles: ProfileSet, saved: str | None = None) -> Summary:
    """The summary of a result; ``saved`` says where it was kept (None: a hint that a report keeps it)."""
    found = {section.key: section for section in sec.result_sections(result, profiles)}
    head = found["headline"].blocks
    fits = next((block for block in head if isinstance(block, blocks.FitBars)), None)
    limits = next((block for block in head if isinstance(block, blocks.Limits)), None)
    asked = len(result.asked) if result.asked is not None else None
    roles = sec.Roles(result, profiles)
    reasons_title, reasons = _reasons(found, roles)
    change_title, change = _change(found, roles)
    return Summary(
        verdict=result.recommendation.verdict,
        headline=sec.headline(result),
        fits=fits,
        scale=_scale(roles) if fits is not None else None,
        coverage=wording.coverage_note(result.answered, result.skipped, asked),
        limits=limits.notes if limits is not None else (),
        reasons_title=reasons_title,
        reasons=reasons,
        change_title=change_title,
        change=change,
        saved=saved or NOT_SAVED,
    )


def _scale(roles: sec.Roles) -> str:
    """Who leads by how much, and what the numbers mean, short enough for one line at 80 columns."""
    result = roles.result
    meaning = "(out of 100; 50 is neither for nor against)"
    runner = roles.runner_up
    top = roles.short(roles.top)
    if result.recommendation.verdict == Verdict.NEITHER:
        best = result.fits[0].score
        if best < NEITHER_FIT or runner is None:
            return f"Both fits are under {NEITHER_FIT:.0f} {meaning}."
        second = result.fits[1].score
        return f"{top} at {best:.0f} and {roles.short(runner)} at {second:.0f}: neither draws you {meaning}."
    if runner is None:
        return f"{top} is the only role scored {meaning}."
    if result.margin < 0.05:
        return f"{top} and {roles.short(runner)} are level {meaning}."
    return f"{top} leads {roles.short(runner)} by {result.margin:.1f} points {meaning}."


def _reasons(found: dict[str, blocks.Section], roles: sec.Roles) -> tuple[str | None, tuple[str, ...]]:
    """The strongest reasons, one line each; a neither or undetermined result's own note in their place."""
    for key in ("seeks", "settle"):
        if key in found:
            paras = [block.text for block in found[key].blocks if isinstance(block, blocks.Para)]
            return found[key].title, tuple(paras[:1])
    why = found.get("why")
    if why is None:
        return None, ()
    reasons = sorted(roles.result.reasons, key=lambda reason: -reason.points)
    if roles.result.recommendation.verdict == Verdict.CLOSE_CALL:  # what pulls each way: the sides take turns
        sides = [roles.reasons_for(fit.role) for fit in roles.result.fits[:2]]
        reasons = [reason for turn in zip_longest(*sides) for reason in turn if reason is not None]
    else:  # the evidence for the verdict comes first
        reasons.sort(key=lambda reason: reason.role != roles.top)
    lines = tuple(_reason_line(reason, roles) for reason in reasons[:TOP_REASONS])
    if not lines:
        empty = [group.empty for group in why.blocks if isinstance(group, blocks.ReasonGroup)]
        return why.title, tuple(empty[:1])
    return f"{why.title}: the strongest reasons", lines


def _reason_line(reason: Reason, roles: sec.Roles) -> str:
    """One reason in a line: the trait, the role it points to, and which way the answers go on it."""
    level = roles.level(reason.trait)
    strength = "clearly " if abs(level) >= STRONG else ""
    way = {"seeks": f"you {strength}seek it", "avoids": f"you {strength}avoid it"}.get(reason.direction or "")
    line = f"{reason.name} points to {roles.short(reason.role)}"
    return f"{line}: {way}" if way else line


def _change(found: dict[str, blocks.Section], roles: sec.Roles) -> tuple[str | None, str | None]:
    """The single answer change that moves the result most, or the note that nothing would."""
    changes = found.get("changes")
    if changes is None:
        return None, None
    lists = [block for block in changes.blocks if isinstance(block, blocks.Changes) and block.changes]
    if lists:
        best = max((line for block in lists for line in block.changes), key=lambda line: line.points)
        toward = f" toward {roles.short(roles.runner_up)}" if roles.runner_up else ""
        return f"The answer that would move it most{toward}", best.text
    notes = [block.text for block in changes.blocks if isinstance(block, blocks.Para)]
    return changes.title, notes[0] if notes else None


# ---- layout -------------------------------------------------------------------------------------


class Clip:
    """A renderable cut to at most ``lines`` lines, the last cut one ending in an ellipsis."""

    def __init__(self, body: RenderableType, lines: int) -> None:
        self.body = body
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Render the body and keep the first lines."""
        rendered = console.render_lines(self.body, options, pad=False)
        for number, line in enumerate(rendered[: self.lines]):
            if number == self.lines - 1 and len(rendered) > self.lines:
                text = "".join(segment.text for segment in line if not segment.control).rstrip()
                style = next((segment.style for segment in line if segment.text.strip()), None)
                cut = Text(text, style=style or "")
                cut.truncate(max(1, options.max_width - 1))
                yield from console.render(Text.assemble(cut, ELLIPSIS), options.update(height=1))
                continue
            yield from line
            yield Segment.line()


def render_summary(summary: Summary) -> RenderableType:
    """The summary for a terminal: every part cut to its lines, so 80x24 holds it with room for the keys."""
    limited = bool(summary.limits) and summary.verdict != Verdict.UNDETERMINED  # its own note says what would settle it
    style = VERDICT_STYLE[summary.verdict] if summary.verdict is not None else "bold"
    parts: list[RenderableType] = [Clip(Text(clean(summary.headline), style=style), 2)]
    if not limited:  # a line to breathe, unless the limits need it
        parts.append(Text(""))
    if summary.fits is not None:
        parts.append(ByWidth(partial(_fit_bars, summary.fits)))
    if summary.scale is not None:
        parts.append(Clip(Text(clean(summary.scale), style="dim"), 2))
    if limited:
        # the limits say how many answers the result rests on when that is what limits it, in place of the count
        limits = Text.assemble(("What limits certainty: ", "bold"), clean(" ".join(summary.limits)))
        parts.append(Clip(limits, 2))
    else:
        parts.append(Clip(Text(clean(summary.coverage), style="dim"), 1))
    if summary.reasons:
        parts += [Text(""), *_titled(summary.reasons_title, summary.reasons, one_line=len(summary.reasons) > 1)]
    if summary.change is not None:
        parts += [Text(""), *_titled(summary.change_title, [summary.change], one_line=False)]
    parts += [Text(""), Clip(Text(clean(summary.saved)), 2)]
    return Group(*parts)


def _titled(title: str | None, lines: Iterable[str], *, one_line: bool) -> list[RenderableType]:
    """A bold title over lines; each of several lines cut to one, a single line to three."""
    parts: list[RenderableType] = [Text(clean(title), style="bold")] if title else []
    if one_line:
        parts += [Clip(Text("• " + clean(line)), 1) for line in lines]
    else:
        parts += [Clip(Hanging(Text(clean(line)), indent=2), 3) for line in lines]
    return parts


def summary_text(summary: Summary, *, width: int) -> str:
    """The summary as plain text at a width (no styles): what the tests and a saved transcript read."""
    import io

    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False, emoji=False, markup=False)
    console.print(render_summary(summary))
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines())  # type: ignore[attr-defined]


# ---- the two roles side by side -----------------------------------------------------------------


def side_by_side(result: Result, profiles: ProfileSet) -> blocks.Section | None:
    """The two best-fitting roles, aspect by aspect (day to day, metrics, ...), or None without both profiles."""
    roles = sec.Roles(result, profiles)
    found = [roles.profile(fit.role) for fit in result.fits[:2]]
    pair = [profile for profile in found if profile is not None]
    if len(pair) < 2:
        return None
    first, second = pair
    return blocks.Section(
        "both", f"{first.short_name} and {second.short_name} side by side", (sec.side_by_side(pair, profiles),)
    )
