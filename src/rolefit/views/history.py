"""The history for people: the list of kept results, one kept result, two results compared, and the short lines
the quiz adds (where a result was kept, how it compares with the last one). Data text is always made inert.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rolefit.data.catalog import ProfileSet
from rolefit.data.models import Item
from rolefit.scoring.comparison import Comparison, Side
from rolefit.scoring.history import HistoryEntry, HistoryList, KeptResult
from rolefit.textsafe import clean
from rolefit.types import Answer, Verdict
from rolefit.views.wording import answer_label, quoted, signed

if TYPE_CHECKING:
    from rich.console import RenderableType

MOVES_SHOWN = 10
ShortNames = Mapping[str, str]  # role id -> short name (PM, PMM); a role missing here shows its full name


def saved_line(number: int) -> str:
    """Where a result was kept, as the quiz says it: ``saved as result 3 in the history (rolefit history show 3)``."""
    return f"saved as result {number} in the history (rolefit history show {number})"


def short_names(profiles: ProfileSet) -> dict[str, str]:
    """Each loaded role's short name, by role id."""
    return {profile.id: profile.short_name for profile in profiles.profiles}


def day(saved: str | None, *, time: bool = False) -> str:
    """A saved time as a person reads it, in local time: ``1 Dec`` (``1 Dec 2025`` in another year), or with the time."""
    if saved is None:
        return ""
    try:
        moment = datetime.fromisoformat(saved).astimezone()
    except ValueError:
        return clean(saved)
    text = f"{moment.day} {moment:%b}"
    if moment.year != datetime.now().astimezone().year or time:
        text += f" {moment.year}"
    return f"{text} {moment:%H:%M}" if time else text


def _points(margin: float) -> str:
    return f"{margin:.0f}" if margin >= 1 else f"{margin:.1f}"


def standing(verdict: Verdict, role: str | None, margin: float, name: str) -> str:
    """A verdict in a few words: ``lean PMM by 8``, ``clear PM by 22``, ``close call, PM by 2``, ``neither role``."""
    if verdict == Verdict.NEITHER:
        return "neither role"
    if verdict == Verdict.UNDETERMINED or role is None:
        return "no result yet"
    if verdict == Verdict.CLOSE_CALL:
        return f"close call, {name} by {_points(margin)}"
    word = "clear" if verdict == Verdict.CLEAR else "lean"
    return f"{word} {name} by {_points(margin)}"


def _name(role: str | None, fits: Mapping[str, str], short: ShortNames) -> str:
    return clean(short.get(role, fits.get(role, role))) if role is not None else ""


def entry_standing(entry: HistoryEntry, short: ShortNames) -> str:
    """A kept result's verdict in a few words."""
    return standing(
        entry.verdict, entry.role, entry.margin, _name(entry.role, {f.role: f.name for f in entry.fits}, short)
    )


def compare_line(before: HistoryEntry, now: HistoryEntry, short: ShortNames) -> str:
    """How a result compares with the last one on its bank: ``Last time (1 Dec): lean PMM by 8; now: lean PM by 3``."""
    return f"Last time ({day(before.saved)}): {entry_standing(before, short)}; now: {entry_standing(now, short)}"


def fits_text(entry: HistoryEntry, short: ShortNames) -> str:
    """Each fit by short name: ``PM 71.2 · PMM 55.0``."""
    return " · ".join(f"{clean(short.get(fit.role, fit.name))} {fit.score:.1f}" for fit in entry.fits)


class Moves:
    """How a changed answer reads in a comparison (the phrasing ``scoring.comparison`` asks for)."""

    def move_text(self, item: Item, before: Answer | None, after: Answer | None) -> str:
        """The item, then its earlier and later answer: ``“I enjoy writing specs”: “Agree” → skipped``."""
        old = quoted(answer_label(item, before)) if before is not None else "skipped"
        new = quoted(answer_label(item, after)) if after is not None else "skipped"
        return f"{quoted(item.text)}: {old} → {new}"


@dataclass(frozen=True)
class HistoryListing:
    """``rolefit history``: the kept results, one row each."""

    data: HistoryList
    short: ShortNames

    def view(self) -> RenderableType:
        """A table of the kept results, or a line saying there are none."""
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        if not self.data.results:
            return Text("No results kept yet: each finished `rolefit quiz` is kept here.")
        table = Table("#", "date", "bank", "verdict", "fits", box=None, pad_edge=False)
        for entry in self.data.results:
            table.add_row(
                str(entry.number),
                day(entry.saved, time=True),
                Text(clean(entry.bank)),
                Text(entry_standing(entry, self.short)),
                Text(fits_text(entry, self.short)),
            )
        parts: list[RenderableType] = [table]
        if self.data.damaged:
            parts.append(Text(f"{self.data.damaged} kept results could not be read and are left out.", style="dim"))
        parts.append(
            Text("Reopen one with `rolefit history show N`; compare two with `rolefit compare A B`.", style="dim")
        )
        return Group(*parts)


@dataclass(frozen=True)
class KeptShowing:
    """``rolefit history show N``: the kept result in the quiz's own view, under a line saying which it is."""

    data: KeptResult
    profiles: ProfileSet

    def view(self) -> RenderableType:
        """Which result, when and on what bank, then the result as the quiz showed it."""
        from rich.console import Group
        from rich.text import Text

        from rolefit.views.terminal import render_result

        kept = self.data
        where = f"Result {kept.number}, kept {day(kept.saved, time=True)}, bank {clean(kept.result.bank.id)}"
        return Group(Text(where, style="dim"), Text(""), render_result(kept.result, self.profiles))


def side_label(side: Side) -> str:
    """A compared result as a person names it: ``result 3 (1 Dec)`` or its file name."""
    if side.number is not None:
        return f"result {side.number} ({day(side.saved)})"
    return clean(side.file or "a result file")


ATTRIBUTION_NOTES = {
    "different-banks": "They come from different banks, so their answers cannot be set against each other.",
    "bank-changed": "The bank has changed since (or the answers do not fit it), so which answers moved the fits "
    "cannot be worked out.",
    "bank-unavailable": "The bank they came from is not loaded (pass --bank PATH), so which answers moved the fits "
    "cannot be worked out.",
}


@dataclass(frozen=True)
class ComparisonView:
    """``rolefit compare A B``: the verdicts and fits before and after, and the answers that moved them."""

    data: Comparison
    short: ShortNames

    def view(self) -> RenderableType:
        """The outcome before and after, each fit's move, then the changed answers, the biggest mover first."""
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        c = self.data
        names = {fit.role: fit.name for fit in c.fits}

        def outcome(side: Side) -> str:
            return standing(side.verdict, side.role, side.margin, _name(side.role, names, self.short))

        parts: list[RenderableType] = [
            Text(f"From {side_label(c.before)} to {side_label(c.after)}", style="bold"),
            Text(f"Verdict: {outcome(c.before)} → {outcome(c.after)}"),
            Text(""),
        ]
        fits = Table("role", "before", "after", "change", box=None, pad_edge=False)
        for move in c.fits:
            fits.add_row(
                Text(clean(move.name)),
                _score(move.before),
                _score(move.after),
                signed(move.change, 1) if move.change is not None else "",
            )
        parts += [fits, Text("")]
        parts += self._answers(names)
        return Group(*parts)

    def _answers(self, names: Mapping[str, str]) -> list[RenderableType]:
        from rich.text import Text

        c = self.data
        if c.changed == 0:
            return [Text("No answer changed.")]
        if c.attribution != "rescored":
            count = "1 answer differs" if c.changed == 1 else f"{c.changed} answers differ"
            return [Text(f"{count}. {ATTRIBUTION_NOTES[c.attribution]}")]
        title = (
            "The answer that changed" if c.changed == 1 else f"The {c.changed} answers that changed, biggest move first"
        )
        lines: list[RenderableType] = [Text(title, style="bold")]
        for move in c.answers[:MOVES_SHOWN]:
            moved = ", ".join(
                f"{clean(self.short.get(role, names.get(role, role)))} {signed(points, 1)}"
                for role, points in move.moved.items()
            )
            lines.append(Text(f"• {clean(move.text)}: {moved}"))
        rest = len(c.answers) - MOVES_SHOWN
        if rest > 0:
            lines.append(Text(f"… and {rest} more, each moving the fits less.", style="dim"))
        lines.append(
            Text(
                "Each move is that one answer changed alone, from the earlier answers; together they need not add up "
                "exactly to the change in the fits.",
                style="dim",
            )
        )
        return lines


def _score(score: float | None) -> str:
    return f"{score:.1f}" if score is not None else "—"
