"""The Markdown report: the result's sections laid out as a document, every source named, data made inert."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rolefit import __version__
from rolefit.data.catalog import ProfileSet
from rolefit.scoring.result import Result
from rolefit.textsafe import clean
from rolefit.views import blocks
from rolefit.views import sections as sec
from rolefit.views.bars import bar_text

MD_BAR = 30
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#$&!{}])")
_MD_LINE_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([-+=])(?=[\s=-]|$)")  # list markers, rules, setext lines
_TONE = {"plain": "{}", "dim": "{}", "italic": "*{}*", "strong": "**{}**"}


def md(text: str) -> str:
    """Data text made inert for Markdown: one line, control characters and markup characters escaped."""
    flat = " ".join(clean(text).split())
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def code(text: str) -> str:
    """Text as a Markdown code span, whatever backticks it holds."""
    flat = " ".join(clean(text).split())
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or not flat.strip() else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def markdown_report(result: Result, profiles: ProfileSet) -> str:
    """The whole result as a Markdown document: every section, then the sources cited and where it came from.

    Heading levels go down one step at a time: the verdict is the one ``#``, each titled section a ``##``, the
    headings inside a section one level below it (so the untitled headline's own parts are ``##`` too).
    """
    made = (
        f"Made by rolefit {md(__version__)} from bank {code(result.bank.id)} version {result.bank.version} "
        f"({code(result.bank.hash)}); result schema {result.schema_version}, "
        f"recorded by rolefit {md(result.rolefit_version)}."
    )
    return markdown_document(sec.result_sections(result, profiles), made)


def markdown_document(parts: list[blocks.Section], made: str) -> str:
    """Sections as a Markdown document (a quiz result's, a team's, a gap map's), the sources they cite, and a last
    line on how it was made (already Markdown)."""
    out = _Doc()
    for section in parts:
        if section.title is not None:
            out.heading(2, md(section.title))
            out.inner = 3
        for block in section.blocks:
            out.draw(block)
    cited = blocks.cited_articles(parts)
    if cited:
        out.heading(2, "Sources")
        out.para("Every fact above is paraphrased from one of these source articles.")
        out.bullets(
            f"{md(article.name)} — {len(article.facts)} {'fact' if len(article.facts) == 1 else 'facts'} cited above"
            for article in cited
        )
    out.para("---")
    out.para(made)
    return out.text()


class _Doc:
    """Markdown blocks separated by blank lines, and the sources they cite."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.inner = 2  # the level of a heading inside the current section: 2 under the verdict's #, else 3

    def para(self, text: str) -> None:
        self.blocks.append(text)

    def heading(self, level: int, text: str) -> None:
        self.blocks.append(f"{'#' * level} {text}")

    def bullets(self, lines: Iterable[str]) -> None:
        items = [f"- {line}" for line in lines]
        if items:
            self.blocks.append("\n".join(items))

    def source(self, source: blocks.SourceLine) -> str:
        """A source line: the article's name and the fact taken from it."""
        return f"Source: {md(source.name)} — *{md(source.fact)}*"

    def draw(self, block: blocks.Block) -> None:  # noqa: C901  # one branch per block kind
        """Lay out one block."""
        if isinstance(block, blocks.Para):
            self.para(_TONE[block.tone].format(md(block.text)))
        elif isinstance(block, blocks.SourceLine):
            self.para(self.source(block))
        elif isinstance(block, blocks.Subheading):
            self.heading(self.inner, md(block.text))
        elif isinstance(block, blocks.Bullets):
            self.bullets(md(line) for line in block.items)
        elif isinstance(block, blocks.VerdictLine):
            self.heading(1, md(block.text))
        elif isinstance(block, blocks.FitBars):
            header = f"| Role | {md(block.column)} | Score |"
            self.para("\n".join([header, "| --- | --- | ---: |", *map(_fit_row, block.rows)]))
        elif isinstance(block, blocks.Limits):
            self.heading(self.inner, md(block.title))
            self.bullets(md(note) for note in block.notes)
            if block.capped:
                self.para(f"*{md(block.capped)}*")
            if not block.notes:
                self.para(md(block.none_note))
        elif isinstance(block, blocks.ReasonGroup):
            self._reason_group(block)
        elif isinstance(block, blocks.Changes):
            self.para(md(block.intro))
            self.bullets(f"{md(c.text)} ({md(c.note)})" for c in block.changes)
        elif isinstance(block, blocks.TraitTable):
            self.para(_trait_table(block))
        elif isinstance(block, blocks.ProfileBlock):
            self.heading(self.inner, md(block.title))
            if block.items is not None:
                self.bullets(md(line) for line in block.items)
            else:
                self.para(md(block.text or ""))
            self.para(self.source(block.source))
        elif isinstance(block, blocks.SideBySide):
            self._side_by_side(block)
        elif isinstance(block, blocks.Terms):
            self.bullets(f"**{md(e.term)}**: {md(e.definition)}" for e in block.entries)
            names = dict.fromkeys(md(entry.source.name) for entry in block.entries)
            self.para(f"Sources: {'; '.join(names)}")
        else:
            raise TypeError(f"no Markdown layout for {type(block).__name__}")

    def _side_by_side(self, block: blocks.SideBySide) -> None:
        """Roles compared: each aspect a heading, each role's part under its name (a table cannot hold lists)."""
        for row in block.rows:
            self.heading(3, md(row.title))
            for column, cell in zip(block.columns, row.cells, strict=True):
                self.para(f"**{md(column)}**")
                if cell.items is not None:
                    self.bullets(md(line) for line in cell.items)
                else:
                    self.para(md(cell.text or ""))
                self.para(self.source(cell.source))

    def _reason_group(self, group: blocks.ReasonGroup) -> None:
        self.heading(self.inner, md(group.title))
        if not group.reasons:
            self.para(md(group.empty))
        for entry in group.reasons:
            self.heading(
                self.inner + 1,
                f"{entry.number}. {md(f'{entry.trait} favours {entry.role} by {entry.points:.1f} points')}",
            )
            self.para(md(entry.direction))
            self.bullets(md(e.text) for e in entry.evidence)
            self.para(f"**Why it matters for {md(entry.role)}:** {md(entry.fact)}")
            self.para(self.source(entry.source))

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


def _fit_row(row: blocks.FitRow) -> str:
    name = f"**{md(row.name)}**" if row.top else md(row.name)
    return f"| {name} | {code(bar_text(row.score / 100, MD_BAR))} | {row.score:.0f}/100 |"


def _trait_table(table: blocks.TraitTable) -> str:
    rows = [
        "| Trait | You | " + " | ".join(md(column) for column in table.columns) + " |",
        "| --- | --- | " + " | ".join("---:" for _ in table.columns) + " |",
    ]
    for row in table.rows:
        heaviest = max(row.weights, default=0.0)
        unequal = len(set(row.weights)) > 1
        cells = [f"**\\*{w:.1f}**" if unequal and w == heaviest else f"{w:.1f}" for w in row.weights]
        rows.append(f"| {md(row.name)} | {row.words} | " + " | ".join(cells) + " |")
    return "\n".join(rows)
