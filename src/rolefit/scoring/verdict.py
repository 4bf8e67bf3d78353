"""The verdict rule, written once: the margin between the two best fits, capped by what limits certainty.

A margin of CLEAR_MARGIN points or more is ``clear``, LEAN_MARGIN or more ``lean``, anything less a
``close-call``; a limit can only lower that. The engine, the vectorised and batch scorers, analysis
and the wording all call these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import ConfigDict

from rolefit.types import LimitCode, Verdict

CLEAR_MARGIN = 15.0
LEAN_MARGIN = 5.0
VERDICTS: tuple[Verdict, ...] = tuple(Verdict)  # strongest first: an index is a verdict's rank
LINES = (CLEAR_MARGIN, LEAN_MARGIN)  # the margin VERDICTS[0] and VERDICTS[1] need


@dataclass(frozen=True)
class Limit:
    """Something that limits how sure a result can be, and the strongest verdict it allows (in the Result as is)."""

    __pydantic_config__: ClassVar[ConfigDict] = ConfigDict(extra="forbid")

    code: LimitCode
    message: str
    cap: Verdict


def rank(margin: Any) -> Any:
    """The rank of the verdict a margin earns on its own (0 clear, 1 lean, 2 close call); works on arrays too."""
    return sum(margin < line for line in LINES)


def margin_verdict(margin: float) -> Verdict:
    """The verdict the margin alone would give, before any limit caps it."""
    return VERDICTS[int(rank(margin))]


def decide(margin: float, caps: Iterable[Verdict]) -> Verdict:
    """The verdict for a margin, capped by the strongest of the limits' caps."""
    return VERDICTS[max([int(rank(margin)), *(VERDICTS.index(cap) for cap in caps)])]


def line_under(margin: float) -> float:
    """The margin the current margin-alone verdict needs: it weakens a level below this (0 for a close call)."""
    below = [line for line in LINES if margin >= line]
    return below[0] if below else 0.0
