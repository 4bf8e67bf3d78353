"""The few concepts every layer names, defined once (as doc2dash keeps its shared types in one small module)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

Answer = int | str  # 1-5 for a likert item, an option id otherwise
Answers = Mapping[str, Answer]  # item id -> answer; a skipped item is absent
LIKERT_VALUES = (1, 2, 3, 4, 5)
LIKERT_LABELS = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")


class ItemKind(StrEnum):
    """How an item is answered."""

    LIKERT = "likert"  # a statement on a 5-point agree scale
    CHOICE = "choice"  # a scenario with 3 to 5 options
    FORCED_CHOICE = "forced_choice"  # two activities, pick one


class Verdict(StrEnum):
    """The outcome of a result, strongest first (see rolefit.scoring.verdict for the rule).

    The first three recommend a role; ``neither`` and ``undetermined`` recommend none.
    """

    CLEAR = "clear"
    LEAN = "lean"
    CLOSE_CALL = "close-call"
    NEITHER = "neither"  # the best fit is low, or lukewarm beside a rejected second: no role draws the answers
    UNDETERMINED = "undetermined"  # too little was answered to say anything


class LimitCode(StrEnum):
    """What can limit how sure a result is."""

    MANY_SKIPS = "many-skips"
    LOW_COVERAGE = "low-coverage"
    STRAIGHT_LINING = "straight-lining"
    ACQUIESCENCE = "acquiescence"
    CONTRADICTION = "contradiction"
