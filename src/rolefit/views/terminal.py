"""Draw a result for a terminal with rich. Bank, profile and result text is always data, never markup.

Every piece of data text goes through ``textsafe.clean`` into a rich ``Text``. Indented blocks are drawn
by ``Hanging`` rather than with leading spaces, so wrapped lines keep their indentation at any width
(and no line ends in spaces); fit bars and the trait table pick a layout for the width they get. Bars
are block characters, so they stay visible without colour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from rolefit.data.catalog import ProfileSet
from rolefit.data.models import ListBlock, Profile, TextBlock
from rolefit.scoring.result import Change, Reason, Result
from rolefit.textsafe import clean
from rolefit.views import wording

BAR_MAX = 30
BAR_MIN = 10
LEVEL_CELLS = 5  # each side of the trait-level bar's centre line
WIDE_TRAITS = 72  # below this width the trait table drops its level bars
MAX_CHANGES = 8
VERDICT_STYLE = {"clear": "bold green", "lean": "bold yellow", "close-call": "bold magenta"}
TOP_STYLE, OTHER_STYLE = "green", "cyan"


def headline(result: Result) -> str:
    """The verdict in plain words."""
    return clean(wording.headline(result.recommendation.verdict, result.recommendation.name))


@dataclass(frozen=True)
class Roles:
    """The roles of a result by name and profile; a role with no loaded profile falls back to the result's names."""

    result: Result
    profiles: ProfileSet

    @property
    def top(self) -> str:
        """The recommended role's id."""
        return self.result.recommendation.role

    @property
    def runner_up(self) -> str | None:
        """The second-best role's id, if any."""
        others = [fit.role for fit in self.result.fits if fit.role != self.top]
        return others[0] if others else None

    def profile(self, role: str) -> Profile | None:
        """The loaded profile for a role, or None."""
        return next((p for p in self.profiles.profiles if p.id == role), None)

    def name(self, role: str) -> str:
        """A role's full name, as the result recorded it."""
        if role == self.result.recommendation.role:
            return clean(self.result.recommendation.name)
        fit = next((f for f in self.result.fits if f.role == role), None)
        if fit is not None:
            return clean(fit.name)
        profile = self.profile(role)
        return clean(profile.name) if profile else clean(role)

    def short(self, role: str) -> str:
        """A role's short name (PM, PMM) from its profile, else its full name."""
        profile = self.profile(role)
        return clean(profile.short_name) if profile else self.name(role)

    def other(self, role: str) -> str | None:
        """The role a reason for ``role`` was weighed against: the other of the two best fits."""
        top_two = [fit.role for fit in self.result.fits[:2]]
        rest = [r for r in top_two if r != role]
        return rest[0] if rest else None

    def weight_total(self, role: str) -> float:
        """The sum of a role's trait weights, which turns a weight into a share of its fit."""
        return sum(trait.weights.get(role, 0.0) for trait in self.result.traits)

    def trait_share(self, trait: str, role: str) -> float:
        """How much of a role's fit one trait makes up, in percent."""
        level = next((t for t in self.result.traits if t.trait == trait), None)
        weight = level.weights.get(role, 0.0) if level else 0.0
        return wording.share(weight, self.weight_total(role))

    def level(self, trait: str) -> float:
        """The user's level on a trait (0 when the result does not list it)."""
        return next((t.level for t in self.result.traits if t.trait == trait), 0.0)

    def reasons_for(self, role: str) -> list[Reason]:
        """The result's reasons that favour one role, strongest first."""
        return [r for r in self.result.reasons if r.role == role]

    def direction(self, reason: Reason) -> str:
        """Which way the user leans on a reason's trait, and why that favours its role."""
        other = self.other(reason.role)
        level = self.level(reason.trait)
        if other is None:
            return f"Your level: {wording.signed(level)}."
        return wording.direction_note(
            level,
            self.short(reason.role),
            self.short(other),
            self.trait_share(reason.trait, reason.role),
            self.trait_share(reason.trait, other),
        )


def render_result(result: Result, profiles: ProfileSet) -> RenderableType:
    """Every section of the result, top to bottom."""
    roles = Roles(result, profiles)
    top = roles.profile(roles.top)
    parts: list[RenderableType] = [*_headline(roles), *_why(roles), *_changes(roles), *_traits(roles)]
    if result.recommendation.verdict == "close-call":
        parts += _close_call(roles)
    elif top is not None:
        parts += _role_life(top)
    if top is not None:
        parts += _next_steps(top, roles)
    missing = [fit.role for fit in result.fits[:2] if roles.profile(fit.role) is None]
    if missing:
        names = ", ".join(clean(role) for role in missing)
        parts.append(_gap())
        parts.append(
            Text(
                f"No profile is loaded for {names}, so what the role is like and the next steps are left out: "
                "pass --profiles DIR with the profiles this result was made with.",
                style="dim",
            )
        )
    return Hanging(Group(*parts))  # no trailing spaces on any line


# ---- building blocks ----------------------------------------------------------------------------


class ByWidth:
    """A renderable that picks its layout from the width it is given."""

    def __init__(self, build: Callable[[int], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Build for the available width."""
        yield self.build(options.max_width)


class Hanging:
    """A body indented by ``indent`` cells, optionally after a marker, with every wrapped line aligned.

    Unlike ``Padding`` it leaves no trailing spaces, so copied or saved text stays clean.
    """

    def __init__(self, body: RenderableType, marker: str = "", indent: int = 0, top: int = 0) -> None:
        self.body = body
        self.marker = marker
        self.indent = indent
        self.top = top

    @property
    def _prefix(self) -> int:
        return self.indent + (cell_len(self.marker) + 1 if self.marker else 0)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Render the body narrower by the prefix and put the prefix before each line."""
        inner = options.update_width(max(1, options.max_width - self._prefix))
        lines = console.render_lines(self.body, inner, pad=False)
        for _ in range(self.top):
            yield Segment.line()
        for number, line in enumerate(lines):
            if number == 0 and self.marker:
                yield Segment(" " * self.indent + self.marker + " ")
            else:
                yield Segment(" " * self._prefix)
            yield from _rstrip(line)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """The body's measurement plus the prefix."""
        inner = Measurement.get(console, options.update_width(max(1, options.max_width - self._prefix)), self.body)
        return Measurement(inner.minimum + self._prefix, inner.maximum + self._prefix)


def _rstrip(line: list[Segment]) -> list[Segment]:
    """A line without the trailing spaces that word wrapping leaves."""
    line = list(line)
    while line and not line[-1].control and not line[-1].text.rstrip(" "):
        line.pop()
    if line and not line[-1].control:
        last = line[-1]
        line[-1] = Segment(last.text.rstrip(" "), last.style)
    return line


def _section(title: str) -> list[RenderableType]:
    return [_gap(), Rule(Text(title, style="bold"), align="left", style="dim")]


def _indent(renderable: RenderableType, left: int = 2, top: int = 0) -> RenderableType:
    """Indent a block: every wrapped line of it."""
    return Hanging(renderable, indent=left, top=top)


def _gap() -> Text:
    return Text("")


def _hang(marker: str, body: RenderableType, indent: int = 0) -> RenderableType:
    """A marker (bullet, number) with a body whose wrapped lines stay aligned after it."""
    return Hanging(body, marker=marker, indent=indent)


def _bullets(lines: Iterable[str | Text], indent: int = 2) -> RenderableType:
    return Group(*(Hanging(line if isinstance(line, Text) else Text(clean(line)), "•", indent) for line in lines))


def _source(file: str) -> Text:
    return Text(f"Source: {clean(file)}", style="dim")


def _block(title: str, block: ListBlock | TextBlock) -> RenderableType:
    body: list[RenderableType] = [Text(clean(title), style="bold")]
    if isinstance(block, ListBlock):
        body.append(_bullets(block.items))
    else:
        body.append(_indent(Text(clean(block.text))))
    body.append(_indent(_source(block.source.file)))
    return Group(*body)


def bar(score: float, width: int, style: str) -> Text:
    """A 0-100 score as a bar of full and light blocks, readable without colour."""
    filled = max(0, min(width, round(score / 100 * width)))
    return Text("█" * filled, style=style) + Text("░" * (width - filled), style="dim")


def level_bar(level: float) -> Text:
    """A -1..+1 level as a bar growing left or right from a centre line."""
    cells = min(LEVEL_CELLS, round(abs(level) * LEVEL_CELLS))
    left = " " * (LEVEL_CELLS - cells) + "█" * cells if level < 0 else " " * LEVEL_CELLS
    right = "█" * cells + " " * (LEVEL_CELLS - cells) if level > 0 else " " * LEVEL_CELLS
    return Text(left, style="red") + Text("│", style="dim") + Text(right, style="green")


# ---- 1. headline --------------------------------------------------------------------------------


def _headline(roles: Roles) -> list[RenderableType]:
    result = roles.result
    verdict = result.recommendation.verdict
    runner = roles.runner_up
    parts: list[RenderableType] = [
        Text(headline(result), style=VERDICT_STYLE[verdict]),
        Rule(style="dim"),
        ByWidth(partial(_fit_bars, roles)),
        _gap(),
        Text(wording.margin_note(result.margin, roles.name(roles.top), roles.name(runner) if runner else None)),
        Text(wording.scale_note(), style="dim"),
        Text(
            wording.coverage_note(
                result.answered, result.skipped, len(result.asked) if result.asked is not None else None
            ),
            style="dim",
        ),
    ]
    if result.limits:
        parts += [_gap(), Text("What limits certainty", style="bold")]
        parts.append(_bullets(wording.limit_note(clean(limit.message), limit.cap) for limit in result.limits))
        capped = wording.capped_note(result.margin, verdict)
        if capped:
            parts.append(_indent(Text(capped, style="italic")))
    else:
        parts.append(Text(wording.no_limits_note(), style="dim"))
    return parts


def _fit_bars(roles: Roles, width: int) -> RenderableType:
    """The fit for each role as a labelled bar with its number: one line each when there is room, else two."""
    fits = roles.result.fits
    names = [roles.name(fit.role) for fit in fits]
    name_width = max((cell_len(name) for name in names), default=0)
    room = width - name_width - 11  # two gaps and a score such as "100/100"
    grid = Table.grid(padding=(0, 2, 0, 0))
    rows: list[tuple[Text, Text, str]] = []
    size = min(BAR_MAX, room if room >= BAR_MIN else width - 8)
    for fit, name in zip(fits, names, strict=True):
        top = fit.role == roles.top
        rows.append(
            (
                Text(name, style="bold" if top else ""),
                bar(fit.score, max(1, size), TOP_STYLE if top else OTHER_STYLE),
                f"{fit.score:.0f}/100",
            )
        )
    if room >= BAR_MIN:
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        for row in rows:
            grid.add_row(*row)
        return grid
    grid.add_column(overflow="fold")
    for label, shown, score in rows:
        grid.add_row(label)
        grid.add_row(shown + Text(f" {score}"))
    return grid


# ---- 2. why -------------------------------------------------------------------------------------


def _why(roles: Roles) -> list[RenderableType]:
    top = roles.top
    close = roles.result.recommendation.verdict == "close-call"
    parts = _section("What pulls each way" if close else f"Why {roles.short(top)}")
    toward = roles.reasons_for(top)
    if close:
        parts.append(Text(f"The evidence for {roles.name(top)}", style="bold"))
    elif toward:
        parts.append(Text(f"The traits that moved your result toward {roles.name(top)} most:", style="dim"))
    if toward:
        parts += [_reason(number, reason, roles) for number, reason in enumerate(toward, 1)]
    else:
        parts.append(Text(f"None of your answers pointed clearly to {roles.name(top)}.", style="dim"))
    for fit in roles.result.fits[1:2]:
        against = roles.reasons_for(fit.role)
        parts += [_gap(), Text(f"The evidence for {roles.name(fit.role)}", style="bold")]
        if against:
            parts += [_reason(number, reason, roles) for number, reason in enumerate(against, 1)]
        else:
            parts.append(Text(f"None of your answers pointed clearly to {roles.name(fit.role)}.", style="dim"))
    return parts


def _reason(number: int, reason: Reason, roles: Roles) -> RenderableType:
    title = Text()
    title.append(clean(reason.name), style="bold")
    title.append(f" favours {roles.short(reason.role)} by {reason.points:.1f} points")
    body: list[RenderableType] = [title, Text(roles.direction(reason), style="dim")]
    body.append(_bullets((clean(e.text) for e in reason.evidence), indent=0))
    why = Text()
    why.append(f"Why it matters for {roles.short(reason.role)}: ", style="italic")
    why.append(clean(reason.fact))
    why.append(f" ({clean(reason.source.file)})", style="dim")
    body.append(why)
    return _indent(_hang(f"{number}.", Group(*body)), 0, top=1)


# ---- 3. what would change it --------------------------------------------------------------------


def _changes(roles: Roles) -> list[RenderableType]:
    result = roles.result
    change = result.what_would_change
    runner = roles.runner_up
    parts = _section("What would change it")
    weaken = wording.weaken_intro(
        len(change.weaken), result.margin, result.recommendation.verdict, roles.name(roles.top)
    )
    if weaken and change.weaken and change.weaken != change.flip:
        parts += [Text(weaken), _change_list(change.weaken)]
    if change.flip and runner is not None:
        parts += [Text(wording.flip_intro(len(change.flip), roles.name(runner))), _change_list(change.flip)]
    else:
        parts.append(Text(wording.no_flip_note(result.answered, roles.name(runner) if runner else None)))
    return parts


def _change_list(changes: Sequence[Change]) -> RenderableType:
    lines = [
        Text(clean(c.text)) + Text(f" ({c.points:.1f} points off the margin)", style="dim")
        for c in changes[:MAX_CHANGES]
    ]
    if len(changes) > MAX_CHANGES:
        lines.append(Text(f"and {len(changes) - MAX_CHANGES} more", style="dim"))
    return _bullets(lines)


# ---- 4. trait breakdown -------------------------------------------------------------------------


def _traits(roles: Roles) -> list[RenderableType]:
    columns = [fit.role for fit in roles.result.fits]
    names = ", ".join(roles.short(role) for role in columns)
    note = Text(
        f"You: your level, from −1 (you avoid it) to +1 (you seek it). {names}: how much each role weighs the trait, "
        "from 0 to 1; the heavier weight is in bold.",
        style="dim",
    )
    return [*_section("Trait breakdown"), ByWidth(partial(_trait_table, roles, columns)), note]


def _trait_table(roles: Roles, columns: list[str], width: int) -> RenderableType:
    """Each trait, the user's level on it, and each role's weight; level bars when there is room."""
    wide = width >= WIDE_TRAITS
    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    table.add_column("Trait", overflow="fold")
    if wide:
        table.add_column("", no_wrap=True)
    table.add_column("You", no_wrap=True)
    for role in columns:
        table.add_column(roles.short(role), justify="right", no_wrap=True)
    for trait in roles.result.traits:
        weights = [trait.weights.get(role, 0.0) for role in columns]
        heaviest = max(weights, default=0.0)
        cells: list[RenderableType] = [Text(clean(trait.name))]
        if trait.answered:
            level = Text(f"{wording.level_word(trait.level)} {wording.signed(trait.level)}")
            shown = level_bar(trait.level)
        else:
            level = Text("no answers", style="dim")
            shown = Text(" " * LEVEL_CELLS + "·" + " " * LEVEL_CELLS, style="dim")
        if wide:
            cells.append(shown)
        cells.append(level)
        unequal = len(set(weights)) > 1
        cells += [Text(f"{w:.1f}", style="bold" if unequal and w == heaviest else "") for w in weights]
        table.add_row(*cells)
    return table


# ---- 5. what the role is like -------------------------------------------------------------------


def _role_life(profile: Profile) -> list[RenderableType]:
    parts = _section(f"What the {clean(profile.short_name)} role is like")
    parts += [Text(clean(profile.summary.text)), _source(profile.summary.source.file)]
    for title, block in wording.role_life(profile):
        parts += [_gap(), _block(title, block)]
    return parts


def _close_call(roles: Roles) -> list[RenderableType]:
    shared = roles.profiles.shared
    parts = _section("How to decide")
    parts.append(_block("If you would fit either", shared.close_call))
    parts += [_gap(), _block("If one job asks you to do both", shared.one_person_both_roles)]
    for fit in roles.result.fits[:2]:
        profile = roles.profile(fit.role)
        if profile is None:
            continue
        parts += [_gap(), Text(f"{clean(profile.name)}, day to day", style="bold")]
        parts.append(_indent(Text(clean(profile.summary.text))))
        parts.append(_bullets(profile.day_to_day.items))
        parts.append(_indent(_source(profile.day_to_day.source.file)))
    return parts


# ---- 6. next steps ------------------------------------------------------------------------------


def _next_steps(top: Profile, roles: Roles) -> list[RenderableType]:
    short = clean(top.short_name)
    parts = _section(f"Next steps for {short}")
    if roles.result.recommendation.verdict == "close-call" and roles.runner_up is not None:
        other = roles.runner_up
        parts.append(
            Text(
                f"These are for {short}; for the {roles.short(other)} checklist, run: "
                f"rolefit profile show {clean(other)} --json",
                style="dim",
            )
        )
    parts += [
        _block(f"Prepare for {short} roles", top.preparation),
        _gap(),
        _block("Mistakes to avoid", top.mistakes),
        _gap(),
        _block("Skills worth borrowing from other roles", top.borrow_skills),
    ]
    return parts
