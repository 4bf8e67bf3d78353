"""What the result screen shows: a quiz result's, a team result's or a gap map's summary, the sections a key
opens, the whole text for the pager, and how to write its report (``Shown``); quiz/result_screen.py draws it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rich.console import RenderableType

from rolefit.data.catalog import ProfileSet
from rolefit.scoring.result import Result
from rolefit.views.blocks import Section
from rolefit.views.sections import Roles, result_sections
from rolefit.views.summary import NOT_SAVED_LEFT, Summary, build_summary, side_by_side
from rolefit.views.terminal import render_result, render_sections


@dataclass(frozen=True)
class Page:
    """A section the summary opens with one key."""

    key: str
    label: str
    section: Section


def pages(result: Result, profiles: ProfileSet) -> list[Page]:
    """The sections the summary screen offers, each under its key, in the order the full text shows them."""
    found: dict[str, Section | None] = {section.key: section for section in result_sections(result, profiles)}
    # A close call already sets both roles side by side; otherwise the two best (None without both profiles).
    found["both"] = found.pop("both-roles", None) or side_by_side(result, profiles)
    roles = Roles(result, profiles)
    offered = [
        ("w", "why", "why"),
        ("w", "seeks", "what you seek"),
        ("w", "settle", "what would settle it"),
        ("c", "changes", "what would change it"),
        ("t", "traits", "traits"),
        ("d", "role", f"the {roles.short(roles.top)} role"),
        ("d", "decide", "how to decide"),
        ("o", "both", "both roles"),
        ("n", "next-steps", "next steps"),
        ("e", "glossary", "words explained"),
    ]
    return section_pages(found, offered)


def section_pages(found: Mapping[str, Section | None], offered: list[tuple[str, str, str]]) -> list[Page]:
    """The pages a summary offers: each (key, section key, label) whose section is there, in that order."""
    return [Page(key, label, section) for key, name, label in offered if (section := found.get(name)) is not None]


@dataclass(frozen=True)
class Shown:
    """What the result screen shows: a quiz result's, a team's or a gap map's summary, sections, text and report."""

    summary: Summary
    pages: list[Page]
    full: Callable[[], RenderableType]  # the whole text, for the pager
    write: Callable[[Path], None]  # a report, the extension picking the format (a UsageError for another)
    formats: tuple[str, ...]  # the report formats, for the hint
    report_stem: str  # the default report name's start: rolefit-result, rolefit-team...
    unsaved_left: str  # the summary's line once the screen is gone, when nothing was written or kept


def quiz_shown(result: Result, profiles: ProfileSet, saved: str | None) -> Shown:
    """A quiz result on the result screen."""
    from rolefit.views.report import FORMATS, write_report

    return Shown(
        summary=build_summary(result, profiles, saved),
        pages=pages(result, profiles),
        full=lambda: render_result(result, profiles),
        write=lambda path: write_report(result, profiles, path),
        formats=FORMATS,
        report_stem="rolefit-result",
        unsaved_left=NOT_SAVED_LEFT,
    )


def sections_shown(
    summary: Summary,
    sections: list[Section],
    offered: list[tuple[str, str, str]],
    *,
    write: Callable[[Path], None],
    stem: str,
    unsaved_left: str,
) -> Shown:
    """A team result or a gap map on the result screen: its summary, the sections offered under their keys, the
    whole text, and the writer of its reports (.md, .html, .svg, .json)."""
    from rolefit.views.report import SECTION_FORMATS

    return Shown(
        summary=summary,
        pages=section_pages({section.key: section for section in sections}, offered),
        full=lambda: render_sections(sections),
        write=write,
        formats=SECTION_FORMATS,
        report_stem=stem,
        unsaved_left=unsaved_left,
    )
