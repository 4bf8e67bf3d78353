"""Reports to keep or share: the file's extension picks Markdown, HTML, SVG or JSON.

Markdown (views.markdown) and HTML (views.html) lay out the result's sections as documents; the SVG is a
summary card to share (views.card); JSON is the result itself. Data text is made inert in each of them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from rolefit.data.catalog import ProfileSet
from rolefit.errors import UsageError
from rolefit.files import atomic_write
from rolefit.jsonout import json_text
from rolefit.scoring.result import Result
from rolefit.views.blocks import Section
from rolefit.views.markdown import markdown_report

if TYPE_CHECKING:
    from pydantic import BaseModel

    from rolefit.views.summary import Summary

FORMATS = (".md", ".html", ".svg", ".json")


def report_format(path: Path) -> str:
    """The report format a file name asks for (its extension), or a UsageError naming the allowed ones."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        allowed = ", ".join(FORMATS)
        shown = f"extension {path.suffix!r}" if path.suffix else "no extension"
        raise UsageError(f"cannot write a report to {path}: it has {shown}; use one of {allowed}")
    return suffix


def report_text(result: Result, profiles: ProfileSet, fmt: str, made: dt.date | None = None) -> str:
    """A whole report in one format (".md", ".html", ".svg" or ".json"); HTML and SVG say it was made ``made``
    (today unless given)."""
    day = made or dt.date.today()
    if fmt == ".json":
        return json_text(result.model_dump(mode="json"))
    if fmt == ".md":
        return markdown_report(result, profiles)
    if fmt == ".html":
        from rolefit.views.html import html_report

        return html_report(result, profiles, day)
    if fmt == ".svg":
        from rolefit.views.card import card_report

        return card_report(result, profiles, day)
    raise UsageError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")


def write_report(result: Result, profiles: ProfileSet, path: Path) -> None:
    """Write a self-contained report; the file's extension picks the format (the caller announces it: output.wrote)."""
    atomic_write(path, report_text(result, profiles, report_format(path)))


SECTION_FORMATS = (".md", ".html", ".svg", ".json")  # what rolefit team and rolefit matrix write


def sections_format(path: Path) -> str:
    """The format a team or gap-map report's file name asks for, or a UsageError naming the allowed ones."""
    suffix = path.suffix.lower()
    if suffix not in SECTION_FORMATS:
        shown = f"extension {path.suffix!r}" if path.suffix else "no extension"
        raise UsageError(f"cannot write a report to {path}: it has {shown}; use one of {', '.join(SECTION_FORMATS)}")
    return suffix


def write_sections_report(path: Path, sections: list[Section], data: BaseModel, summary: Summary, about: str) -> None:
    """Write sections (a team result's, a gap map's) as a Markdown or HTML document, their summary as a card to
    share (SVG, its footer saying ``about``: what it is, in words), or their data as JSON."""
    from rolefit import __version__
    from rolefit.views.html import html_document, long_date
    from rolefit.views.html import text as html_text
    from rolefit.views.markdown import markdown_document, md

    fmt, day = sections_format(path), dt.date.today()
    made = f"Made by rolefit {__version__} on {long_date(day)}."
    if fmt == ".json":
        body = json_text(data.model_dump(mode="json"))
    elif fmt == ".md":
        body = markdown_document(sections, md(made))
    elif fmt == ".svg":
        from rolefit.views.card import summary_card

        body = summary_card(summary, day, about)
    else:
        footer = f"{html_text(made)} This file loads nothing from the web; print it to keep a PDF."
        body = html_document(sections, f"rolefit: {summary.headline}", f"Made on {long_date(day)}.", footer)
    atomic_write(path, body)
