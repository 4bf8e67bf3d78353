"""The verdict rule, written once: the margin between the two best fits, the best fit itself, and the limits.

An outcome has a rank; a higher rank is weaker, and the verdict is the highest rank that applies:

- the margin alone: CLEAR_MARGIN points or more is ``clear``, LEAN_MARGIN or more ``lean``, less a ``close-call``;
- ``neither`` when the best fit is under NEITHER_FIT (the answers go against most of what even the
  best-fitting role needs), or under LUKEWARM_FIT with the second-best under REJECTED_FIT (a lukewarm best role
  beside a rejected one: docs/validation.md, "the rule to test"), so no role is recommended;
- a limit's cap: too few answers cap at ``undetermined``, weaker evidence at ``lean``.

The engine, the vectorised and batch scorers, analysis and the wording all call these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import ConfigDict

from rolefit.types import LimitCode, Verdict

CLEAR_MARGIN = 15.0
LEAN_MARGIN = 5.0
NEITHER_FIT = 40.0  # a best fit under this, ten points below the neutral 50, recommends no role
LUKEWARM_FIT = 65.0  # a best fit under this draws no one when the other role is rejected ...
REJECTED_FIT = 30.0  # ... with a fit under this
VERDICTS: tuple[Verdict, ...] = tuple(Verdict)  # strongest first: an index is a verdict's rank
LINES = (CLEAR_MARGIN, LEAN_MARGIN)  # the margin VERDICTS[0] and VERDICTS[1] need
RECOMMENDING = VERDICTS[: VERDICTS.index(Verdict.CLOSE_CALL) + 1]  # the verdicts that name a role
NEITHER_RANK = VERDICTS.index(Verdict.NEITHER)


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


def fit_rank(best: Any, margin: Any) -> Any:
    """The rank the two best fits allow (the second is ``best - margin``): ``neither`` under NEITHER_FIT, or a
    lukewarm best beside a rejected second, else no cap (0); works on arrays too."""
    lukewarm = (best < LUKEWARM_FIT) & (best - margin < REJECTED_FIT)
    return ((best < NEITHER_FIT) | lukewarm) * NEITHER_RANK


def margin_verdict(margin: float) -> Verdict:
    """The verdict the margin alone would give, before the best fit or any limit caps it."""
    return VERDICTS[int(rank(margin))]


def decide(margin: float, best: float, caps: Iterable[Verdict]) -> Verdict:
    """The verdict for a margin and a best fit, capped by the strongest of the limits' caps."""
    return VERDICTS[max([int(rank(margin)), int(fit_rank(best, margin)), *(VERDICTS.index(cap) for cap in caps)])]


def recommends(verdict: Verdict) -> bool:
    """Whether a verdict names a role (``neither`` and ``undetermined`` do not)."""
    return verdict in RECOMMENDING


def line_under(margin: float) -> float:
    """The margin the current margin-alone verdict needs: it weakens a level below this (0 for a close call)."""
    below = [line for line in LINES if margin >= line]
    return below[0] if below else 0.0
