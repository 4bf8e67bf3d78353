"""The HTML report: the result's sections laid out as a web document, with the fits and the trait profile as
inline SVG charts.

One file that loads nothing (no fonts, scripts or images from anywhere), reads at phone and desktop widths
(long words wrap, nothing scrolls sideways) and prints cleanly. Every piece of data text passes through
``text()``: control and reordering characters become a visible mark, then it is HTML-escaped, so no data can
turn into markup.
"""

from __future__ import annotations

import datetime as dt
import html

from rolefit import __version__
from rolefit.data.catalog import ProfileSet
from rolefit.scoring.result import Result
from rolefit.textsafe import clean
from rolefit.views import blocks
from rolefit.views import sections as sec
from rolefit.views.wording import signed

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_TONE = {"plain": "{}", "dim": '<span class="dim">{}</span>', "italic": "<em>{}</em>", "strong": "<strong>{}</strong>"}


def text(value: str) -> str:
    """Data text made inert for HTML and SVG: control and bidi characters marked, markup characters escaped."""
    return html.escape(clean(value), quote=True)


def long_date(day: dt.date) -> str:
    """A date as people write it in English: 1 December 2026 (never the locale's month names)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def bank_words(result: Result) -> str:
    """The bank a result was made from, in words."""
    return f"the {result.bank.id} question bank, version {result.bank.version}"


def html_report(result: Result, profiles: ProfileSet, made: dt.date) -> str:
    """The whole result as one self-contained HTML document, made on ``made``."""
    footer = (
        f"Made by rolefit {text(__version__)} on {long_date(made)} from {text(bank_words(result))} "
        f"(content {text(result.bank.hash)}); result schema {result.schema_version}, recorded by rolefit "
        f"{text(result.rolefit_version)}. This file loads nothing from the web; print it to keep a PDF."
    )
    meta = f"Made on {long_date(made)} from {bank_words(result)}."
    return html_document(sec.result_sections(result, profiles), f"rolefit: {sec.headline(result)}", meta, footer)


def html_document(parts: list[blocks.Section], title: str, meta: str, footer: str) -> str:
    """Sections as one self-contained HTML document (a quiz result's, a team's, a gap map's): ``meta`` (text) goes
    under the first heading, ``footer`` (already HTML) at the end."""
    page = _Page()
    page.meta = f'<p class="meta">{text(meta)}</p>'
    for section in parts:
        page.open_section(section)
        for block in section.blocks:
            page.draw(block)
        page.out.append("</section>")
    cited = blocks.cited_articles(parts)
    if cited:
        page.out.append('<section class="sources"><h2>Sources</h2>')
        page.out.append("<p>Every fact above is paraphrased from one of these source articles.</p><ul>")
        for article in cited:
            count = len(article.facts)
            page.out.append(f"<li>{text(article.name)} — {count} {'fact' if count == 1 else 'facts'} cited above</li>")
        page.out.append("</ul></section>")
    return PAGE.format(title=text(title), style=STYLE, body="\n".join(page.out), footer=footer)


class _Page:
    """HTML fragments in order; ``inner`` is the level of a heading inside the current section."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.inner = 2
        self.meta = ""  # the line under the verdict: when the report was made, and from which bank

    def open_section(self, section: blocks.Section) -> None:
        """Open a section: its h2 title, or for the untitled headline the heading line about the report."""
        self.out.append(f'<section class="part part-{text(section.key)}">')
        if section.key == "headline":
            self.out.append('<p class="kicker">rolefit · PM or PMM</p>')
        if section.title is not None:
            self.out.append(f"<h2>{text(section.title)}</h2>")
            self.inner = 3

    def heading(self, level: int, body: str, css: str = "") -> None:
        attribute = f' class="{css}"' if css else ""
        self.out.append(f"<h{level}{attribute}>{body}</h{level}>")

    def bullets(self, items: tuple[str, ...] | list[str], css: str = "") -> None:
        if items:
            attribute = f' class="{css}"' if css else ""
            self.out.append(f"<ul{attribute}>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")

    def source(self, source: blocks.SourceLine) -> None:
        self.out.append(f'<p class="source">Source: {text(source.name)} — <q>{text(source.fact)}</q></p>')

    def draw(self, block: blocks.Block) -> None:  # noqa: C901  # one branch per block kind
        """Lay out one block."""
        if isinstance(block, blocks.Para):
            css = ' class="note"' if block.tone == "dim" else ""
            self.out.append(f"<p{css}>{_TONE[block.tone].format(text(block.text))}</p>")
        elif isinstance(block, blocks.SourceLine):
            self.source(block)
        elif isinstance(block, blocks.Subheading):
            self.heading(self.inner, text(block.text))
        elif isinstance(block, blocks.Bullets):
            self.bullets([text(item) for item in block.items])
        elif isinstance(block, blocks.VerdictLine):
            kind = block.verdict.value if block.verdict else "none"
            self.heading(1, text(block.text), f"verdict verdict-{kind}")
            self.out.append(self.meta)
        elif isinstance(block, blocks.FitBars):
            self.out.append(fit_chart(block))
        elif isinstance(block, blocks.Limits):
            self.heading(self.inner, text(block.title))
            self.bullets([text(note) for note in block.notes])
            if block.capped:
                self.out.append(f"<p><em>{text(block.capped)}</em></p>")
            if not block.notes:
                self.out.append(f"<p>{text(block.none_note)}</p>")
        elif isinstance(block, blocks.ReasonGroup):
            self._reason_group(block)
        elif isinstance(block, blocks.Changes):
            self.out.append(f"<p>{text(block.intro)}</p>")
            self.bullets([f'{text(c.text)} <span class="note">({text(c.note)})</span>' for c in block.changes])
        elif isinstance(block, blocks.TraitTable):
            self.out.append(trait_chart(block))
        elif isinstance(block, blocks.ProfileBlock):
            self.heading(self.inner, text(block.title))
            if block.items is not None:
                self.bullets([text(item) for item in block.items])
            else:
                self.out.append(f"<p>{text(block.text or '')}</p>")
            self.source(block.source)
        elif isinstance(block, blocks.SideBySide):
            self._side_by_side(block)
        elif isinstance(block, blocks.Terms):
            terms = "".join(f"<dt>{text(e.term)}</dt><dd>{text(e.definition)}</dd>" for e in block.entries)
            self.out.append(f'<dl class="terms">{terms}</dl>')
            names = dict.fromkeys(text(entry.source.name) for entry in block.entries)
            self.out.append(f'<p class="source">Sources: {"; ".join(names)}</p>')
        else:
            raise TypeError(f"no HTML layout for {type(block).__name__}")

    def _side_by_side(self, block: blocks.SideBySide) -> None:
        """Each aspect a heading, then a column per role: side by side when the page is wide, stacked when narrow."""
        for row in block.rows:
            self.heading(self.inner, text(row.title))
            cells = []
            for column, cell in zip(block.columns, row.cells, strict=True):
                body = (
                    "<ul>" + "".join(f"<li>{text(item)}</li>" for item in cell.items) + "</ul>"
                    if cell.items is not None
                    else f"<p>{text(cell.text or '')}</p>"
                )
                source = f'<p class="source">Source: {text(cell.source.name)}</p>'
                cells.append(f'<div class="side"><p class="side-name">{text(column)}</p>{body}{source}</div>')
            self.out.append(f'<div class="sides">{"".join(cells)}</div>')

    def _reason_group(self, group: blocks.ReasonGroup) -> None:
        self.heading(self.inner, text(group.title))
        if group.intro and group.reasons:
            self.out.append(f"<p>{text(group.intro)}</p>")
        if not group.reasons:
            self.out.append(f"<p>{text(group.empty)}</p>")
        for entry in group.reasons:
            self.out.append('<article class="reason">')
            title = f"{entry.number}. {text(entry.trait)} favours {text(entry.role)} by {entry.points:.1f} points"
            self.heading(self.inner + 1, title)
            self.out.append(f'<p class="note">{text(entry.direction)}</p>')
            self.bullets([text(evidence.text) for evidence in entry.evidence], "evidence")
            self.out.append(f"<p><strong>Why it matters for {text(entry.role)}:</strong> {text(entry.fact)}</p>")
            self.source(entry.source)
            self.out.append("</article>")


# ---- the charts: hand-written SVG, sized by the page (viewBox units are percent of the bar) ------------------


MIDLINE = '<line class="mid" x1="50" y1="0" x2="50" y2="10"/>'


def fit_chart(block: blocks.FitBars) -> str:
    """Each role's fit as a labelled bar from 0 to 100, with a mark at 50 (neither for nor against)."""
    rows = []
    for row in block.rows:
        score = max(0.0, min(100.0, row.score))
        css = "fit top" if row.top else "fit"
        label = f"{text(row.name)}: {score:.0f} out of 100"
        rows.append(
            f'<div class="{css}"><span class="fit-name">{text(row.name)}</span>'
            f'<svg class="chart bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{label}">'
            f'<rect class="track" width="100" height="10" rx="1"/>'
            f'<rect class="fill" width="{score:.2f}" height="10" rx="1"/>'
            f"{MIDLINE if block.midline else ''}</svg>"
            f'<span class="fit-score">{score:.0f}/100</span></div>'
        )
    return f'<figure class="fits"><figcaption>{text(block.caption)}</figcaption>' + "".join(rows) + "</figure>"


def trait_chart(table: blocks.TraitTable) -> str:
    """The trait profile: the user's level on each trait as a bar from the centre (avoids left, seeks right),
    with each role's weight beside it, the heaviest in bold."""
    rows = []
    for row in table.rows:
        rows.append(
            f'<li><div class="trait-name">{text(row.name)}</div>'
            f'<div class="trait-level">{text(row.words)}</div>'
            f"{_level_bar(row)}"
            f'<div class="trait-weights">{_weights(table.columns, row.weights)}</div></li>'
        )
    return (
        '<figure class="traits"><figcaption>Your trait profile</figcaption>'
        '<div class="axis" aria-hidden="true"><span>← you avoid it</span><span>you seek it →</span></div>'
        '<ol class="trait-rows">' + "".join(rows) + "</ol></figure>"
    )


def _level_bar(row: blocks.TraitRow) -> str:
    if row.level is None:
        label, shape = "no answers", ""
    else:
        level = max(-1.0, min(1.0, row.level))
        start, width = (50 + 50 * level, -50 * level) if level < 0 else (50.0, 50 * level)
        side = "avoids" if level < 0 else "seeks"
        label = f"your level {signed(level)}"
        shape = f'<rect class="level {side}" x="{start:.2f}" width="{width:.2f}" height="10"/>'
    return (
        f'<svg class="chart bar level-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
        f'aria-label="{text(label)}"><rect class="track" width="100" height="10"/>{shape}'
        '<line class="mid" x1="50" y1="0" x2="50" y2="10"/></svg>'
    )


def _weights(columns: tuple[str, ...], weights: tuple[float, ...]) -> str:
    heaviest = max(weights, default=0.0)
    unequal = len(set(weights)) > 1
    shown = [
        f"<strong>{text(name)} {weight:.1f}</strong>"
        if unequal and weight == heaviest
        else f"{text(name)} {weight:.1f}"
        for name, weight in zip(columns, weights, strict=True)
    ]
    return "weight: " + " · ".join(shown)


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{style}
</style>
</head>
<body>
<main>
{body}
<footer>{footer}</footer>
</main>
</body>
</html>
"""

STYLE = """\
:root { --ink: #1c2230; --muted: #566072; --line: #d8dde6; --paper: #fff; --desk: #eef1f5; --track: #e6e9ef;
  --top: #1f7a4d; --other: #3a6ea5; --seeks: #1f7a4d; --avoids: #b4533a; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--desk); color: var(--ink); overflow-wrap: anywhere;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 48rem; margin: 0 auto; padding: 1.25rem 1rem 2rem; background: var(--paper); }
h1, h2, h3, h4 { line-height: 1.25; }
h1 { font-size: 1.8rem; margin: .2rem 0 .4rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .8rem; padding-top: 1rem; border-top: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
h4 { font-size: 1rem; margin: 0 0 .3rem; }
p, ul { margin: .5rem 0; }
ul { padding-left: 1.3rem; }
.kicker { margin: 0; color: var(--muted); font-size: .8rem; letter-spacing: .08em; text-transform: uppercase; }
.meta { margin: 0 0 1rem; color: var(--muted); }
.verdict-clear { color: var(--top); } .verdict-lean { color: #8a5a00; } .verdict-close-call { color: #7b3f8c; }
.note, .dim, .source { color: var(--muted); }
.source { font-size: .85rem; }
figure { margin: 1.2rem 0; }
figcaption { font-weight: 600; margin-bottom: .5rem; }
svg.chart { display: block; width: 100%; height: 1.1rem; overflow: visible; }
.track { fill: var(--track); }
.fill { fill: var(--other); } .top .fill { fill: var(--top); }
.mid { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 2 2; vector-effect: non-scaling-stroke; }
.fit { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: .15rem .75rem; align-items: center;
  margin: .55rem 0; }
.fit svg { grid-column: 1 / -1; grid-row: 2; }
.fit.top .fit-name { font-weight: 700; }
.fit-score { font-variant-numeric: tabular-nums; font-weight: 600; }
.axis { display: flex; justify-content: space-between; color: var(--muted); font-size: .8rem; }
.trait-rows { list-style: none; padding: 0; margin: 0; }
.trait-rows li { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: .1rem .75rem; padding: .5rem 0;
  border-bottom: 1px solid var(--line); }
.trait-name { font-weight: 600; }
.trait-level { color: var(--muted); text-align: right; }
.trait-rows svg { grid-column: 1 / -1; }
.trait-weights { grid-column: 1 / -1; font-size: .85rem; color: var(--muted); }
.trait-weights strong { color: var(--ink); }
.level.seeks { fill: var(--seeks); } .level.avoids { fill: var(--avoids); }
.reason { margin: 1rem 0; padding: .8rem 1rem; border-left: 4px solid var(--line); background: #f8f9fb; }
.evidence { padding-left: 1.1rem; }
.sides { display: grid; grid-template-columns: minmax(0, 1fr); gap: .5rem 1.5rem; }
.side-name { font-weight: 600; margin-bottom: .2rem; }
.terms dt { font-weight: 600; } .terms dd { margin: 0 0 .5rem 0; }
q { quotes: "\\201C" "\\201D"; font-style: italic; }
footer { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--line); color: var(--muted);
  font-size: .85rem; }
@media (min-width: 48rem) {
  body { padding: 2rem 1rem; }
  main { padding: 2.5rem 3rem; border-radius: 10px; box-shadow: 0 1px 4px rgba(20, 30, 50, .12); }
  h1 { font-size: 2.2rem; }
  .fit { grid-template-columns: 14rem minmax(0, 1fr) 4.5rem; }
  .fit svg { grid-column: 2; grid-row: 1; }
  .fit-score { text-align: right; }
  .trait-rows li { grid-template-columns: 14rem minmax(0, 1fr) 9rem; align-items: center; }
  .trait-name { grid-column: 1; } .trait-rows svg { grid-column: 2; grid-row: 1; }
  .trait-level { grid-column: 3; grid-row: 1; }
  .trait-weights { grid-column: 2 / -1; }
  .axis { margin-left: 14.75rem; margin-right: 9.75rem; }
  .sides { grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); }
}
@media print {
  @page { margin: 16mm 14mm; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; box-shadow: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  .reason, figure, .trait-rows li, .fit, .side { break-inside: avoid; page-break-inside: avoid; }
  .reason { background: none; }
  svg.chart, .reason { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
