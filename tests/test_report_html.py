"""The HTML report and the SVG card, read as files: a document with charts, a summary card, data kept inert.

tests/test_html_browser.py loads the same files in a real browser.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from rolefit.data.catalog import ProfileSet, load_bank
from rolefit.scoring.result import Result
from rolefit.views.card import text_width, wrap
from rolefit.views.report import report_text
from rolefit.views.sections import headline
from tests.answer_sets import CLEAR_PM, FEW_ANSWERS, LEAN_PMM
from tests.helpers import result_of, visible_text

MADE = dt.date(2026, 12, 1)


def result_for(profiles: ProfileSet, answers: dict[str, int | str]) -> Result:
    """Score a fixed answer set against the core bank."""
    return result_of(load_bank("core", profiles), profiles, answers)


EXTERNAL = re.compile(r"""(\bsrc|href)\s*=|url\(|@import|<script|<link|<image|<img|<iframe|<object""", re.IGNORECASE)


def test_html_report_is_a_document_with_charts(profiles: ProfileSet) -> None:
    """The HTML report is a document, not a terminal dump: headings, the date and bank, an inline SVG chart per fit
    and per trait, a print stylesheet, and nothing loaded from anywhere."""
    result = result_for(profiles, CLEAR_PM)
    page = report_text(result, profiles, ".html", MADE)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert f"<title>rolefit: {html.escape(headline(result))}</title>" in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "<pre" not in page and "@media print" in page and "overflow-wrap: anywhere" in page
    assert not EXTERNAL.search(page)
    shown = visible_text(page, ".html")
    assert f"Made on 1 December 2026 from the {result.bank.id} question bank, version {result.bank.version}." in shown
    assert page.count('<svg class="chart') == len(result.fits) + len(result.traits)
    for fit in result.fits:
        assert f'aria-label="{html.escape(fit.name)}: {fit.score:.0f} out of 100"' in page
    assert len(re.findall(r"<h1\b", page)) == 1


def test_html_report_is_dated_today_by_default(profiles: ProfileSet) -> None:
    """A report says the day it was made: today, unless the caller names a day."""
    today = dt.date.today()
    page = report_text(result_for(profiles, LEAN_PMM), profiles, ".html")
    assert f"Made on {today.day} {today:%B} {today.year}" in visible_text(page, ".html")


def test_svg_report_is_a_summary_card(profiles: ProfileSet) -> None:
    """The SVG is a 1200x630 card: the verdict, each fit with its number and what the numbers mean, the lead role's
    top three reasons, the date and the bank; well-formed XML that loads nothing."""
    result = result_for(profiles, LEAN_PMM)
    svg = report_text(result, profiles, ".svg", MADE)
    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert (root.get("width"), root.get("height")) == ("1200", "630")
    assert not EXTERNAL.search(svg)
    shown = visible_text(svg, ".svg")
    assert headline(result) in shown and "A fit runs from 0" in shown
    for fit in result.fits:
        assert f"{fit.name} {fit.score:.0f}/100" in shown
    lead = [r for r in result.reasons if r.role == result.recommendation.role][:3]
    assert len(lead) == 3
    for number, reason in enumerate(lead, 1):
        assert f"{number}. {reason.name} favours" in shown
    assert f"Made on 1 December 2026 · the {result.bank.id} question bank, version {result.bank.version}" in shown
    assert len(shown) < 1200  # a card, not the whole result


@pytest.mark.parametrize("answers", [FEW_ANSWERS, {"enjoys-writing-specs": 5}], ids=["lean", "undetermined"])
def test_svg_card_for_results_without_reasons_or_fits(answers: dict[str, int | str], profiles: ProfileSet) -> None:
    """A result with no fits to show (undetermined) or few answers still makes a well-formed card with its verdict."""
    result = result_for(profiles, answers)
    svg = report_text(result, profiles, ".svg", MADE)
    ElementTree.fromstring(svg)
    assert headline(result) in visible_text(svg, ".svg")


def test_card_wrapping_keeps_lines_inside_and_marks_what_was_cut() -> None:
    """Wrapped lines fit the width by the estimate; a word longer than a line is cut; leftovers end in an ellipsis."""
    lines = wrap("word " * 60, 400, 20, most=3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(text_width(line, 20) <= 400 for line in lines)
    assert wrap("short line", 400, 20, most=3) == ["short line"]
    long = wrap("x" * 500, 400, 20, most=2)
    assert all(text_width(line, 20) <= 400 for line in long) and long[-1].endswith("…")
    assert text_width("漢字", 20) == 2 * text_width("ab", 20)


HOSTILE = '</script><script>alert(1)</script><img src=x onerror="alert(2)"> \u202egnp.exe\u202c & [bold]x[/bold]'
INERT = '</script><script>alert(1)</script><img src=x onerror="alert(2)"> \N{REPLACEMENT CHARACTER}gnp.exe'


class _Tags(HTMLParser):
    """The tags and attribute names a document really has, as a browser's parser finds them, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_hostile_data_stays_inert_in_html_and_svg(profiles: ProfileSet) -> None:
    """Markup, a script end tag, an onerror image and bidi overrides in a result's data come out as text."""
    data = result_for(profiles, CLEAR_PM).model_dump(mode="json")
    data["recommendation"]["name"] = data["fits"][0]["name"] = HOSTILE
    data["reasons"][0]["fact"] = data["reasons"][0]["evidence"][0]["text"] = HOSTILE
    data["traits"][0]["name"] = HOSTILE
    hostile = Result.model_validate(data)
    page = report_text(hostile, profiles, ".html", MADE)
    parsed = _Tags()
    parsed.feed(page)
    allowed = {"html", "head", "meta", "title", "style", "body", "main", "section", "article", "footer", "figure"}
    allowed |= {"figcaption", "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "q", "span", "div"}
    allowed |= {"dl", "dt", "dd"}
    assert parsed.tags <= allowed | {"svg", "rect", "line"}
    assert not {name for name in parsed.attributes if name.startswith("on")} and "src" not in parsed.attributes
    shown = "".join(parsed.text)
    assert shown.count(INERT) >= 4 and "\u202e" not in page and "\u202c" not in page
    svg = report_text(hostile, profiles, ".svg", MADE)
    root = ElementTree.fromstring(svg)
    assert {element.tag.split("}")[1] for element in root.iter()} <= {"svg", "title", "rect", "line", "text"}
    assert not [name for element in root.iter() for name in element.attrib if name.startswith("on")]
    assert "\u202e" not in svg and "</script><script>" in "".join(root.itertext())


@pytest.mark.parametrize("fmt", [".md", ".html"])
def test_a_report_that_cites_nothing_has_no_sources_part(fmt: str, profiles: ProfileSet) -> None:
    """An undetermined result cites no article, so its report has no empty Sources part; a clear one has it."""
    undetermined = report_text(result_for(profiles, {"enjoys-writing-specs": 5}), profiles, fmt, MADE)
    clear = report_text(result_for(profiles, CLEAR_PM), profiles, fmt, MADE)
    heading = "## Sources" if fmt == ".md" else "<h2>Sources</h2>"
    assert heading not in undetermined and heading in clear
