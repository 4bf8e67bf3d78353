"""Draw a result for a terminal with rich. Bank, profile and result text is always data, never markup.

Every piece of data text goes through ``textsafe.clean`` into a rich ``Text``. Indented blocks are drawn
by ``Hanging`` rather than with leading spaces, so wrapped lines keep their indentation at any width
(and no line ends in spaces); fit bars and the trait table pick a layout for the width they get. Bars
are block characters, so they stay visible without colour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from rolefit.data.catalog import ProfileSet
from rolefit.scoring.result import Result
from rolefit.textsafe import clean
from rolefit.views import blocks
from rolefit.views import sections as sec
from rolefit.views.bars import EMPTY, FULL, filled_cells

BAR_MAX = 30
BAR_MIN = 10
LEVEL_CELLS = 4  # each side of the trait-level bar's centre line
WIDE_TRAITS = 72  # below this width the trait table drops its level bars
WIDE_COMPARISON = 100  # from this width roles compared stand side by side, below it one after the other
VERDICT_STYLE = {
    "clear": "bold green",
    "lean": "bold yellow",
    "close-call": "bold magenta",
    "neither": "bold cyan",
    "undetermined": "bold",
}
TOP_STYLE, OTHER_STYLE = "green", "cyan"


def headline(result: Result) -> str:
    """The verdict in plain words, safe to print."""
    return clean(sec.headline(result))


def render_result(result: Result, profiles: ProfileSet, *, plain: bool = False) -> RenderableType:
    """Every section of the result, top to bottom; ``plain`` (for --plain) draws words only: no bars, no rules."""
    return render_sections(sec.result_sections(result, profiles), plain=plain)


def render_sections(sections: Iterable[blocks.Section], *, plain: bool = False) -> RenderableType:
    """Sections top to bottom, each title over a rule (a quiz result's, a team's; the result screen opens them one
    at a time); ``plain`` draws words only."""
    parts: list[RenderableType] = []
    for section in sections:
        if section.title is not None:
            title = Text(clean(section.title), style="bold")
            parts += [*([_gap()] if parts else []), title if plain else Rule(title, align="left", style="dim")]
        elif section.key != "headline":
            parts.append(_gap())
        previous: blocks.Block | None = None
        for block in section.blocks:
            parts += _draw(block, first=previous is None, after_para=isinstance(previous, blocks.Para), plain=plain)
            previous = block
    return Hanging(Group(*parts))  # no trailing spaces on any line


TONES = {"plain": "", "dim": "dim", "italic": "italic", "strong": "bold"}


def _draw(block: blocks.Block, *, first: bool, after_para: bool, plain: bool = False) -> list[RenderableType]:  # noqa: C901  # a branch per kind
    """One block as renderables; a subheading or profile block gets a blank line first, unless it opens its
    section or follows the paragraph that introduces it."""
    gap: list[RenderableType] = [] if first or after_para else [_gap()]
    if isinstance(block, blocks.Para):
        text = Text(clean(block.text), style=TONES[block.tone])
        return [_indent(text, block.indent) if block.indent else text]
    if isinstance(block, blocks.SourceLine):
        source = _source(block)
        return [_indent(source, block.indent) if block.indent else source]
    if isinstance(block, blocks.Subheading):
        return [*gap, Text(clean(block.text), style="bold")]
    if isinstance(block, blocks.Bullets):
        return [_bullets(block.items)]
    if isinstance(block, blocks.VerdictLine):
        verdict = Text(clean(block.text), style=VERDICT_STYLE[block.verdict] if block.verdict else "bold")
        return [verdict] if plain else [verdict, Rule(style="dim")]
    if isinstance(block, blocks.FitBars):
        return [_fit_words(block) if plain else ByWidth(partial(_fit_bars, block)), _gap()]
    if isinstance(block, blocks.Limits):
        return _limits(block)
    if isinstance(block, blocks.ReasonGroup):
        return _reason_group(block, first=first)
    if isinstance(block, blocks.Changes):
        return [Text(clean(block.intro)), _change_list(block)]
    if isinstance(block, blocks.TraitTable):
        return [ByWidth(partial(_trait_table, block, plain=plain))]
    if isinstance(block, blocks.ProfileBlock):
        return [*gap, _profile_block(block)]
    if isinstance(block, blocks.SideBySide):
        return [ByWidth(partial(_side_by_side, block))]
    if isinstance(block, blocks.Terms):
        return _terms(block)
    raise TypeError(f"no terminal layout for {type(block).__name__}")


def _source(source: blocks.SourceLine) -> Text:
    return Text(f"Source: {clean(source.name)}", style="dim")


def _profile_block(block: blocks.ProfileBlock) -> RenderableType:
    body: list[RenderableType] = [Text(clean(block.title), style="bold")]
    if block.items is not None:
        body.append(_bullets(block.items))
    else:
        body.append(_indent(Text(clean(block.text or ""))))
    body.append(_indent(_source(block.source), block.source.indent))
    return Group(*body)


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


def bar(score: float, width: int, style: str) -> Text:
    """A 0-100 score as a bar of full and light blocks, readable without colour."""
    filled = filled_cells(score / 100, width)
    return Text(FULL * filled, style=style) + Text(EMPTY * (width - filled), style="dim")


def level_bar(level: float) -> Text:
    """A -1..+1 level as a bar growing left or right from a centre line."""
    cells = filled_cells(abs(level), LEVEL_CELLS)
    left = " " * (LEVEL_CELLS - cells) + FULL * cells if level < 0 else " " * LEVEL_CELLS
    right = FULL * cells + " " * (LEVEL_CELLS - cells) if level > 0 else " " * LEVEL_CELLS
    return Text(left, style="red") + Text("│", style="dim") + Text(right, style="green")


# ---- the headline -------------------------------------------------------------------------------


def _limits(block: blocks.Limits) -> list[RenderableType]:
    if not block.notes:
        return [Text(clean(block.none_note), style="dim")]
    parts: list[RenderableType] = [_gap(), Text(clean(block.title), style="bold"), _bullets(block.notes)]
    if block.capped:
        parts.append(_indent(Text(clean(block.capped), style="italic")))
    return parts


def _fit_bars(block: blocks.FitBars, width: int) -> RenderableType:
    """The fit for each role as a labelled bar with its number: one line each when there is room, else two."""
    names = [clean(row.name) for row in block.rows]
    name_width = max((cell_len(name) for name in names), default=0)
    room = width - name_width - 11  # two gaps and a score such as "100/100"
    grid = Table.grid(padding=(0, 2, 0, 0))
    size = min(BAR_MAX, room if room >= BAR_MIN else width - 8)
    rows = [
        (
            Text(name, style="bold" if row.top else ""),
            bar(row.score, max(1, size), TOP_STYLE if row.top else OTHER_STYLE),
            f"{row.score + 0.0:.0f}/100",  # + 0.0: a fit of -0.0 shows as 0
        )
        for row, name in zip(block.rows, names, strict=True)
    ]
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


def _fit_words(block: blocks.FitBars) -> RenderableType:
    """The fit for each role in words, one line each: for --plain and screen readers."""
    return Group(
        *(Text(f"{clean(row.name)}: {row.score:.0f} out of 100", style="bold" if row.top else "") for row in block.rows)
    )


# ---- why, and what would change it --------------------------------------------------------------


def _reason_group(group: blocks.ReasonGroup, *, first: bool) -> list[RenderableType]:
    """The lead group opens with its intro (or its title for a close call); later groups with their title."""
    parts: list[RenderableType] = []
    if first and group.intro is not None:
        if group.reasons:
            parts.append(Text(clean(group.intro), style="dim"))
    else:
        parts += [*([] if first else [_gap()]), Text(clean(group.title), style="bold")]
    if group.reasons:
        parts += [_reason(entry) for entry in group.reasons]
    else:
        parts.append(Text(clean(group.empty), style="dim"))
    return parts


def _reason(entry: blocks.ReasonEntry) -> RenderableType:
    title = Text()
    title.append(clean(entry.trait), style="bold")
    title.append(f" favours {clean(entry.role)} by {entry.points:.1f} points")
    body: list[RenderableType] = [title, Text(clean(entry.direction), style="dim")]
    body.append(_bullets((e.text for e in entry.evidence), indent=0))
    why = Text()
    why.append(f"Why it matters for {clean(entry.role)}: ", style="italic")
    why.append(clean(entry.fact))
    body += [why, _source(entry.source)]
    return _indent(_hang(f"{entry.number}.", Group(*body)), 0, top=1)


def _change_list(block: blocks.Changes) -> RenderableType:
    lines = [Text(clean(c.text)) + Text(f" ({clean(c.note)})", style="dim") for c in block.changes[: sec.MAX_CHANGES]]
    if block.more:
        lines.append(Text(f"and {block.more} more", style="dim"))
    return _bullets(lines)


# ---- traits -------------------------------------------------------------------------------------


def _trait_table(block: blocks.TraitTable, width: int, *, plain: bool = False) -> RenderableType:
    """Each trait, the user's level on it, and each role's weight; level bars when there is room (never plain)."""
    wide = width >= WIDE_TRAITS and not plain
    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    table.add_column("Trait", overflow="fold")
    if wide:
        table.add_column("", no_wrap=True)
    table.add_column("You", no_wrap=True)
    for column in block.columns:
        table.add_column(clean(column), justify="right", no_wrap=True)
    for row in block.rows:
        heaviest = max(row.weights, default=0.0)
        cells: list[RenderableType] = [Text(clean(row.name))]
        if row.level is not None:
            level, shown = Text(row.words), level_bar(row.level)
        else:
            level = Text(row.words, style="dim")
            shown = Text(" " * LEVEL_CELLS + "·" + " " * LEVEL_CELLS, style="dim")
        if wide:
            cells.append(shown)
        cells.append(level)
        unequal = len(set(row.weights)) > 1
        # a star, not only bold: bold is lost without a terminal (a pipe, a file) and under TERM=dumb
        cells += [
            Text(f"*{w:.1f}", style="bold") if unequal and w == heaviest else Text(f"{w:.1f}") for w in row.weights
        ]
        table.add_row(*cells)
    return table


# ---- roles side by side, and the glossary -------------------------------------------------------


def _cell(block: blocks.ProfileBlock, indent: int = 0) -> RenderableType:
    """A role's block inside a comparison: its list or paragraph, then its source."""
    body = _bullets(block.items, indent) if block.items is not None else _indent(Text(clean(block.text or "")), indent)
    return Group(body, _indent(_source(block.source), indent))


def _side_by_side(block: blocks.SideBySide, width: int) -> RenderableType:
    """Roles side by side in a table when there is room, else one role after the other."""
    if width >= WIDE_COMPARISON:
        table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 2, 1, 0))
        titles = max((cell_len(clean(row.title)) for row in block.rows), default=0)
        table.add_column("", style="bold", width=min(24, titles))
        for column in block.columns:
            table.add_column(clean(column), ratio=1)
        for row in block.rows:
            table.add_row(Text(clean(row.title), style="bold"), *(_cell(cell) for cell in row.cells))
        return table
    parts: list[RenderableType] = []
    for index, column in enumerate(block.columns):
        parts += [*([_gap()] if index else []), Text(clean(column), style="bold underline")]
        for row in block.rows:
            parts += [_gap(), Text(clean(row.title), style="bold"), _cell(row.cells[index], 2)]
    return Group(*parts)


def _terms(block: blocks.Terms) -> list[RenderableType]:
    """Each term with its definition, then the articles the terms come from, each once."""
    lines = [Text(clean(e.term), style="bold") + Text(f": {clean(e.definition)}") for e in block.entries]
    names = "; ".join(clean(name) for name in dict.fromkeys(e.source.name for e in block.entries))
    return [_bullets(lines, indent=0), Text(f"Sources: {names}", style="dim")]
