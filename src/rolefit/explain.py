"""Plain-text phrasing of answers and levels, shared by every renderer. Pure: no terminal."""

from __future__ import annotations

from rolefit.engine import Answer
from rolefit.models import Item, LikertItem

AGREEMENT = {1: "strongly disagreed", 2: "disagreed", 3: "were neutral", 4: "agreed", 5: "strongly agreed"}


def answer_label(item: Item, answer: Answer) -> str:
    """An answer as the user saw it: the Likert label or the option's text."""
    if isinstance(item, LikertItem):
        return ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")[int(answer) - 1]
    return next(option.text for option in item.options if option.id == answer)


def evidence(item: Item, answer: Answer) -> str:
    """One answer as evidence in the user's own terms: what they said, to what."""
    if isinstance(item, LikertItem):
        return f"You {AGREEMENT[int(answer)]} that “{item.text}”"
    chosen = answer_label(item, answer)
    if item.kind == "forced_choice":
        other = next(option.text for option in item.options if option.id != answer)
        return f"You chose “{chosen}” over “{other}”"
    return f"Asked “{item.text}”, you chose “{chosen}”"


def level_word(level: float) -> str:
    """A trait level in words."""
    if level >= 0.5:
        return "strong"
    if level >= 0.15:
        return "some"
    if level > -0.15:
        return "neutral"
    if level > -0.5:
        return "low"
    return "avoids"
