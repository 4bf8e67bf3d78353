"""The blocks a result's sections are made of: small frozen records of plain text and numbers.

A writer (terminal, Markdown, HTML; the SVG card picks a few) lays out each kind; adding a kind means teaching
each writer it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rolefit.types import Verdict


@dataclass(frozen=True)
class Para:
    """A paragraph; ``tone`` is how it is emphasised: plain, dim, italic or strong."""

    text: str
    tone: str = "plain"
    indent: int = 0


@dataclass(frozen=True)
class Subheading:
    """A heading inside a section."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class SourceLine:
    """Where the block above comes from: a seed file (its id), the article's name as shown, and the fact taken."""

    file: str
    name: str  # the title, with the publisher when the article names one (wording.source_name)
    fact: str
    indent: int = 0


@dataclass(frozen=True)
class VerdictLine:
    """The verdict in plain words, styled by the verdict (None: a headline that is no verdict, as a gap map's)."""

    text: str
    verdict: Verdict | None


@dataclass(frozen=True)
class FitRow:
    """One role's fit."""

    name: str
    score: float
    top: bool


@dataclass(frozen=True)
class FitBars:
    """A 0-100 number for each role as bars: a quiz's fits (50 marked, neither for nor against), or another
    measure (a team's work undone, a person's coverage) named by ``caption`` and ``column``, with no mark at 50."""

    rows: tuple[FitRow, ...]
    caption: str = "Your fit for each role"
    column: str = "Fit"
    midline: bool = True


@dataclass(frozen=True)
class Limits:
    """What limits certainty: each limit as a sentence, the note when limits hold the verdict down, or none."""

    title: str
    notes: tuple[str, ...]
    capped: str | None
    none_note: str


@dataclass(frozen=True)
class EvidenceLine:
    """One of the user's answers, in words, and the item it answers."""

    text: str
    item: str


@dataclass(frozen=True)
class ReasonEntry:
    """One reason: the trait, the role it favours and by how much, which way the user leans, the answers, the fact."""

    number: int
    trait: str
    role: str  # short name
    points: float
    direction: str
    evidence: tuple[EvidenceLine, ...]
    fact: str
    source: SourceLine


@dataclass(frozen=True)
class ReasonGroup:
    """The reasons for one role, with the group's title, an intro for the lead group, and a note when empty."""

    title: str
    intro: str | None
    reasons: tuple[ReasonEntry, ...]
    empty: str


@dataclass(frozen=True)
class ChangeLine:
    """One answer change, the points it would move the result, and that in words (wording.change_note)."""

    text: str
    points: float
    note: str


@dataclass(frozen=True)
class Changes:
    """A list of answer changes, the first MAX_CHANGES of them shown, with how many more there are."""

    intro: str
    changes: tuple[ChangeLine, ...]
    more: int


@dataclass(frozen=True)
class TraitRow:
    """One trait: the user's level (None with no answers) and each role's weight."""

    name: str
    level: float | None
    words: str
    weights: tuple[float, ...]


@dataclass(frozen=True)
class TraitTable:
    """Each trait, the user's level and each role's weight, under the roles' short names."""

    columns: tuple[str, ...]
    rows: tuple[TraitRow, ...]


@dataclass(frozen=True)
class ProfileBlock:
    """A titled block of a profile: a list or a paragraph, with its source."""

    title: str
    items: tuple[str, ...] | None
    text: str | None
    source: SourceLine


@dataclass(frozen=True)
class SideBySideRow:
    """One aspect of the roles compared (day to day, metrics...): a block per role, in the columns' order."""

    title: str
    cells: tuple[ProfileBlock, ...]


@dataclass(frozen=True)
class SideBySide:
    """Roles side by side: a column per role (its name), a row per aspect; narrow writers show one role after another."""

    columns: tuple[str, ...]
    rows: tuple[SideBySideRow, ...]


@dataclass(frozen=True)
class TermEntry:
    """One glossary term, its plain definition and its source."""

    term: str
    definition: str
    source: SourceLine


@dataclass(frozen=True)
class Terms:
    """The glossary: the field terms the questions and the result use."""

    entries: tuple[TermEntry, ...]


Block = (
    Para
    | Subheading
    | Bullets
    | SourceLine
    | VerdictLine
    | FitBars
    | Limits
    | ReasonGroup
    | Changes
    | TraitTable
    | ProfileBlock
    | SideBySide
    | Terms
)


@dataclass(frozen=True)
class Section:
    """A titled part of the result (the headline has no title: its verdict block leads it)."""

    key: str  # headline, why, changes, traits, role, decide, both-roles, next-steps, missing, settle, seeks, glossary
    title: str | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class CitedArticle:
    """One article the sections cite: its name as shown and the facts taken from it, in order of first citing."""

    name: str
    facts: tuple[str, ...]


def cited_articles(sections: list[Section]) -> list[CitedArticle]:
    """Every article the sections cite (by its seed file, in the order first cited), for a report's Sources part."""
    facts: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for source in _source_lines(sections):
        names[source.file] = source.name
        cited = facts.setdefault(source.file, [])
        if source.fact not in cited:
            cited.append(source.fact)
    return [CitedArticle(names[file], tuple(cited)) for file, cited in facts.items()]


def _source_lines(sections: list[Section]) -> list[SourceLine]:
    found: list[SourceLine] = []
    for section in sections:
        for block in section.blocks:
            if isinstance(block, SourceLine):
                found.append(block)
            elif isinstance(block, ProfileBlock):
                found.append(block.source)
            elif isinstance(block, ReasonGroup):
                found += [entry.source for entry in block.reasons]
    return found
