"""Draw a result for a terminal with rich. Bank and profile text is always data, never markup."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from rolefit.catalog import ProfileSet
from rolefit.explain import level_word
from rolefit.models import ListBlock, Profile, TextBlock
from rolefit.result import Reason, Result
from rolefit.textsafe import clean

BAR_WIDTH = 24
VERDICT_STYLE = {"clear": "bold green", "lean": "bold yellow", "close-call": "bold magenta"}


def headline(result: Result) -> str:
    """The verdict in plain words."""
    name = result.recommendation.name
    return {
        "clear": f"Clear fit: {name}",
        "lean": f"Leaning {name}",
        "close-call": "Close call: you would fit either; here is how to decide",
    }[result.recommendation.verdict]


def render_result(result: Result, profiles: ProfileSet) -> RenderableType:
    """Every section of the result, top to bottom."""
    by_role = {p.id: p for p in profiles.profiles}
    top = by_role.get(result.recommendation.role)
    parts: list[RenderableType] = [*_headline(result), *_why(result, by_role), *_changes(result), *_traits(result, by_role)]
    if result.recommendation.verdict == "close-call":
        parts += _close_call(result, profiles, by_role)
    elif top is not None:
        parts += _role_life(top)
    if top is not None:
        parts += _next_steps(top, by_role, result)
    return Group(*parts)


def _headline(result: Result) -> list[RenderableType]:
    verdict = result.recommendation.verdict
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for fit in result.fits:
        filled = round(fit.score / 100 * BAR_WIDTH)
        style = "green" if fit.role == result.recommendation.role else "cyan"
        bar = Text("█" * filled, style=style) + Text("░" * (BAR_WIDTH - filled), style="dim")
        table.add_row(Text(clean(fit.name)), bar, f"{fit.score:.0f}/100")
    second = result.fits[1].name if len(result.fits) > 1 else "the others"
    margin = Text(f"Margin: {result.margin:.1f} points over {clean(second)}. ")
    margin.append(f"Based on {result.answered} answers, {result.skipped} skipped.", style="dim")
    parts: list[RenderableType] = [Rule(Text(headline(result), style=VERDICT_STYLE[verdict]), align="left"), table, margin]
    if result.limits:
        parts.append(Text("What limits certainty:", style="bold"))
        parts += [Padding(Text(f"• {clean(limit.message)}"), (0, 0, 0, 2)) for limit in result.limits]
    else:
        parts.append(Text("Nothing in your answers limits certainty (few skips, consistent answers).", style="dim"))
    return parts


def _why(result: Result, by_role: dict[str, Profile]) -> list[RenderableType]:
    top = result.recommendation.role
    toward = [r for r in result.reasons if r.role == top]
    against = [r for r in result.reasons if r.role != top]
    parts: list[RenderableType] = [Rule(Text("Why", style="bold"), align="left")]
    if not toward:
        parts.append(Text("No trait moved the result clearly toward one role.", style="dim"))
    parts += [_reason(r, by_role) for r in toward]
    if against:
        parts.append(Text("Evidence for the other side", style="bold"))
        parts += [_reason(r, by_role) for r in against]
    return parts


def _reason(reason: Reason, by_role: dict[str, Profile]) -> RenderableType:
    role = by_role[reason.role].short_name if reason.role in by_role else reason.role
    lines = Text()
    lines.append(f"• {clean(reason.name)}", style="bold")
    lines.append(f"  points to {clean(role)} (+{reason.points:.1f})\n")
    for evidence in reason.evidence:
        lines.append(f"    {clean(evidence.text)}\n")
    lines.append(f"    Why it matters: {clean(reason.fact)}", style="italic")
    lines.append(f" [{clean(reason.source.file)}]", style="dim")
    return lines


def _changes(result: Result) -> list[RenderableType]:
    parts: list[RenderableType] = [Rule(Text("What would change it", style="bold"), align="left")]
    change = result.what_would_change
    if result.recommendation.verdict != "close-call" and change.weaken:
        parts.append(Text(f"Changing {_count(change.weaken)} would weaken the verdict:"))
        parts += [Padding(Text(f"• {clean(c.text)}"), (0, 0, 0, 2)) for c in change.weaken]
    if change.flip:
        parts.append(Text(f"Changing {_count(change.flip)} would flip it to {clean(result.fits[1].name)}:"))
        parts += [Padding(Text(f"• {clean(c.text)}"), (0, 0, 0, 2)) for c in change.flip[:8]]
        if len(change.flip) > 8:
            parts.append(Padding(Text(f"… and {len(change.flip) - 8} more", style="dim"), (0, 0, 0, 2)))
    elif result.answered:
        parts.append(Text("No set of changed answers could flip it: the evidence is one-sided."))
    return parts


def _count(changes: list[object]) -> str:
    return "this answer" if len(changes) == 1 else f"these {len(changes)} answers"


def _traits(result: Result, by_role: dict[str, Profile]) -> list[RenderableType]:
    roles = [fit.role for fit in result.fits]
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Trait")
    table.add_column("You", no_wrap=True)
    for role in roles:
        table.add_column(clean(by_role[role].short_name) if role in by_role else role, justify="right", no_wrap=True)
    for trait in result.traits:
        level = f"{level_word(trait.level)} ({trait.level:+.2f})" if trait.answered else "no answers"
        table.add_row(Text(clean(trait.name)), level, *(f"{trait.weights.get(role, 0):.1f}" for role in roles))
    note = Text("Your level runs from -1 (avoid) to +1 (seek); role columns are how much each role weighs the trait.", style="dim")
    return [Rule(Text("Trait breakdown", style="bold"), align="left"), table, note]


def _role_life(profile: Profile) -> list[RenderableType]:
    parts: list[RenderableType] = [Rule(Text(f"What being a {clean(profile.name)} is like", style="bold"), align="left")]
    parts.append(_paragraph(profile.summary))
    for title, block in (
        ("Day to day", profile.day_to_day),
        ("Success metrics", profile.success_metrics),
        ("Reporting line", profile.reporting_line),
        ("Career path", profile.career_path),
        ("Interview loop", profile.interview_loop),
    ):
        parts.append(_section(title, block))
    return parts


def _close_call(result: Result, profiles: ProfileSet, by_role: dict[str, Profile]) -> list[RenderableType]:
    parts: list[RenderableType] = [Rule(Text("How to decide", style="bold"), align="left")]
    parts.append(_section("If you fit both", profiles.shared.close_call))
    parts.append(_section("Why not do both jobs at once", profiles.shared.one_person_both_roles))
    for fit in result.fits[:2]:
        if fit.role in by_role:
            profile = by_role[fit.role]
            parts.append(_section(f"{profile.name}: day to day", profile.day_to_day))
    return parts


def _next_steps(top: Profile, by_role: dict[str, Profile], result: Result) -> list[RenderableType]:
    parts: list[RenderableType] = [Rule(Text("Next steps", style="bold"), align="left")]
    parts.append(_section(f"Prepare for {top.short_name} roles", top.preparation))
    parts.append(_section("Mistakes to avoid", top.mistakes))
    parts.append(_section(f"Skills to borrow from the other side", top.borrow_skills))
    return parts


def _section(title: str, block: ListBlock | TextBlock) -> RenderableType:
    body = Text()
    body.append(f"{clean(title)}\n", style="bold")
    if isinstance(block, ListBlock):
        for line in block.items:
            body.append(f"  • {clean(line)}\n")
    else:
        body.append(f"  {clean(block.text)}\n")
    body.append(f"  source: {clean(block.source.file)}", style="dim")
    return body


def _paragraph(block: TextBlock) -> RenderableType:
    return Text(clean(block.text)) + Text(f"  [{clean(block.source.file)}]", style="dim")
