"""Plain-text phrasing of answers, levels, verdicts and reasons, shared by every renderer. Pure: no terminal.

Every sentence here takes role names as data, so it reads correctly for any role (a third one
added through a custom profile too) and in either direction: seeking a trait or avoiding it,
evidence for the recommended role or for the runner-up. No sentence puts an article before a
role name, so no role name can get the wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rolefit.data.models import GlossaryTerm, Item, LikertItem, ListBlock, Profile, TextBlock
from rolefit.scoring.verdict import (
    CLEAR_MARGIN,
    LEAN_MARGIN,
    LUKEWARM_FIT,
    NEITHER_FIT,
    REJECTED_FIT,
    VERDICTS,
    line_under,
    margin_verdict,
)
from rolefit.types import LIKERT_LABELS, Answer

AGREEMENT = {1: "strongly disagreed", 2: "disagreed", 3: "were neutral", 4: "agreed", 5: "strongly agreed"}
VERDICT_WORDS = {
    "clear": "a clear fit",
    "lean": "leaning",
    "close-call": "a close call",
    "neither": "neither role",
    "undetermined": "no result yet",
}


def answer_label(item: Item, answer: Answer) -> str:
    """An answer as the user saw it: the Likert label or the option's text."""
    if isinstance(item, LikertItem):
        return LIKERT_LABELS[int(answer) - 1]
    return next(option.text for option in item.options if option.id == answer)


def quoted(text: str) -> str:
    """Text in typographic quotes, without a full stop of its own, so it sits inside a sentence."""
    text = " ".join(text.split())
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return f"“{text}”"


def source_name(title: str, publisher: str | None) -> str:
    """A seed article as people see it in place of its file name: the title, then the publisher when it names one."""
    return f"{title} ({publisher})" if publisher else title


def evidence(item: Item, answer: Answer) -> str:
    """One answer as evidence in the user's own terms: what they said, to what."""
    if isinstance(item, LikertItem):
        value = int(answer)
        if value == 3:
            return f"You were neutral about {quoted(item.text)}"
        return f"You {AGREEMENT[value]} that {quoted(item.text)}"
    chosen = quoted(answer_label(item, answer))
    if item.kind == "forced_choice":
        other = next(option.text for option in item.options if option.id != answer)
        return f"You chose {chosen} over {quoted(other)}"
    return f"Asked {quoted(item.text)}, you chose {chosen}"


def change_text(item: Item, answer: Answer, to: Answer) -> str:
    """One answer change in words: the question, what the user answered and what would move the result."""
    return f"{quoted(item.text)}: {quoted(answer_label(item, answer))} → {quoted(answer_label(item, to))}"


@dataclass(frozen=True)
class Band:
    """One band of trait levels: the lowest level shown in it, its word in the trait table, and how a sentence says it."""

    floor: float
    word: str
    phrase: str  # after "You": "seek this strongly"


# The one banding of trait levels: the trait table, the reasons and every writer use it, applied to the level as
# shown (two decimals), so a word always matches the number beside it.
LEVEL_BANDS = (
    Band(0.5, "seek strongly", "seek this strongly"),
    Band(0.15, "seek", "seek this"),
    Band(-0.14, "neutral", "are about neutral on this"),
    Band(-0.49, "avoid", "avoid this"),
    Band(-1.0, "avoid strongly", "avoid this strongly"),
)


def shown_level(level: float) -> float:
    """A level as people see it: rounded to two decimals, as ``signed`` prints it."""
    return float(f"{level:.2f}")


def level_band(level: float) -> Band:
    """The band a level falls in, by its shown value."""
    shown = shown_level(level)
    return next((band for band in LEVEL_BANDS if shown >= band.floor), LEVEL_BANDS[-1])


def level_word(level: float) -> str:
    """A trait level in words, from the one banding."""
    return level_band(level).word


def signed(number: float, places: int = 2) -> str:
    """A signed number with a real minus sign: +0.50, −0.25, 0.00."""
    text = f"{abs(number):.{places}f}"
    if float(text) == 0:
        return text
    return f"+{text}" if number > 0 else f"−{text}"


def headline(verdict: str, name: str | None, needed: int | None = None) -> str:
    """The verdict in plain words."""
    more = "more questions" if needed != 1 else "more question"
    return {
        "clear": f"Clear fit: {name}",
        "lean": f"Leaning {name}",
        "close-call": "Close call: you would fit either; here is how to decide",
        "neither": "Neither role fits well: your answers do not clearly seek what either role needs",
        "undetermined": f"Not enough answers to say yet: answer {needed} {more} for a result",
    }[verdict]


def margin_note(margin: float, leader: str, runner_up: str | None) -> str:
    """How far the recommended role leads, in points."""
    if runner_up is None:
        return f"{leader} is the only role scored."
    if margin < 0.05:
        return f"{leader} and {runner_up} are level."
    return f"{leader} leads {runner_up} by {margin:.1f} points."


def lukewarm_note(leader: str, best: float, runner_up: str, second: float) -> str:
    """Why a lead is no fit: the best role only lukewarm, the other rejected (the neither rule's second case)."""
    return (
        f"{leader} leads, but a fit of {best:.0f} is lukewarm, and {runner_up} at {second:.0f} is a role your answers "
        "reject: neither draws you."
    )


def scale_note() -> str:
    """What a fit number means, and what margins the verdicts need."""
    return (
        "A fit runs from 0 (your answers go against everything the role needs) through 50 (neither for nor against) "
        f"to 100 (they favour all of it). A lead of {CLEAR_MARGIN:.0f} points or more is a clear fit, "
        f"{LEAN_MARGIN:.0f} or more a lean, anything less a close call. Neither role fits when the best fit is under "
        f"{NEITHER_FIT:.0f}, or under {LUKEWARM_FIT:.0f} beside another under {REJECTED_FIT:.0f}."
    )


def seeks_intro(names: list[str]) -> str:
    """What a ``neither`` result says the person does seek."""
    if not names:
        return "Your answers seek none of the traits this quiz measures."
    return f"What your answers do seek: {', '.join(names)}."


def outside_note() -> str:
    """Where a ``neither`` result points next."""
    return (
        "Both product roles need most of the traits in the breakdown below, and your answers are lukewarm about "
        "them at best. "
        "Roles outside product management and product marketing may suit you better: look for work built around "
        "what you seek."
    )


def settle_note(needed: int) -> str:
    """What an ``undetermined`` result asks for."""
    more = "another answer" if needed == 1 else f"{needed} more answers"
    return (
        f"Nothing can be said about either role from so few answers. Give {more} (in the quiz, or in your "
        "answers file) and the result will show your fit for each role."
    )


def coverage_note(answered: int, skipped: int, asked: int | None = None) -> str:
    """How many answers the result rests on; ``asked`` is set in adaptive mode (how many questions it asked)."""
    total = answered + skipped
    if answered == 0:
        return f"You answered none of the {total} questions, so this result rests on nothing yet."
    if asked is not None:  # adaptive mode: the questions it chose to ask, not the bank's
        skips = f" ({skipped} skipped)" if skipped else ""
        return f"Based on your answers to the {asked} questions adaptive mode chose to ask{skips}."
    if skipped == 0:
        return f"Based on your answers to all {answered} questions."
    return f"Based on your answers to {answered} of {total} questions ({skipped} skipped)."


CONTRADICTION = (
    "some statements that say opposite things got the same answer (you agreed with both, or disagreed with both)"
)


def limit_note(code: str, message: str, cap: str) -> str:
    """One limit as a sentence, with the strongest verdict it allows; a contradiction is worded here, since the
    engine's message names the statements by their ids."""
    text = CONTRADICTION if code == "contradiction" else " ".join(message.split()).rstrip(".")
    text = text[:1].upper() + text[1:]
    if cap in ("clear", "undetermined"):  # an undetermined limit's message already says what would settle it
        return f"{text}."
    return f"{text}, so the verdict can be at most {VERDICT_WORDS[cap]}."


def capped_note(margin: float, verdict: str) -> str | None:
    """When limits hold the verdict below what the margin alone would give, say so; else None."""
    alone = margin_verdict(margin)
    if verdict in ("neither", "undetermined") or VERDICTS.index(verdict) <= VERDICTS.index(alone):
        return None  # those two are not a margin held down: their own sentences say why
    alone_words, held = VERDICT_WORDS[alone], VERDICT_WORDS[verdict]
    return f"On the lead alone this would be {alone_words}; the limits above hold it at {held}."


def no_limits_note() -> str:
    """The note shown when nothing limits certainty."""
    return "Nothing in your answers limits certainty: few skips, and no contradictory or same-answer patterns."


def share(weight: float, total: float) -> float:
    """A trait's share of a role's fit, in percent: its weight over the role's weight total."""
    return 100.0 * weight / total if total else 0.0


def direction_note(level: float, role: str, other: str, role_share: float, other_share: float) -> str:
    """Why a trait points to ``role`` rather than ``other``, in words: which way the user leans, and which fit it
    counts for more of (no percentages: the trait table shows the weights).

    A trait favours a role when the user seeks it and it counts for more of that role's fit, or avoids
    it and it counts for less; the sentence says which of the two happened.
    """
    opening = f"You {level_band(level).phrase} ({signed(level)})"
    shown = shown_level(level)
    if shown > 0:
        return f"{opening}, and {_counts_for(role, other, role_share, other_share)}, so it helps {role} more."
    if shown < 0:
        counts = _counts_for(other, role, other_share, role_share)
        return f"{opening}, and {counts}, so leaning away from it counts against {other} more than {role}."
    return f"{opening}: your answers on it even out."


def _counts_for(heavier: str, lighter: str, heavier_share: float, lighter_share: float) -> str:
    """Which of two fits a trait counts for more of, in words."""
    if lighter_share <= 0:
        return f"it counts toward the {heavier} fit and not toward the {lighter} fit"
    if heavier_share >= 2 * lighter_share:
        return f"it counts for much more of the {heavier} fit than of the {lighter} fit"
    if heavier_share > lighter_share:
        return f"it counts for a little more of the {heavier} fit than of the {lighter} fit"
    return f"it counts for as much of the {heavier} fit as of the {lighter} fit"


def reason_title(trait: str, role: str, points: float) -> str:
    """The first line of a reason: the trait, the role it favours and by how much."""
    return f"{trait} favours {role} by {points:.1f} points"


def count_tasks(count: int) -> str:
    """``1 task``, ``3 tasks``."""
    return f"{count} task" if count == 1 else f"{count} tasks"


def count_answers(count: int) -> str:
    """'this answer' or 'these N answers'."""
    return "this answer" if count == 1 else f"these {count} answers"


def weaken_intro(count: int, margin: float, verdict: str, name: str) -> str | None:
    """What changing the 'weaken' answers would do to the verdict; None when it is the same as flipping."""
    alone = margin_verdict(margin)
    if alone == "close-call":
        return None
    line = line_under(margin)
    if verdict != alone:
        needed = "a clear fit" if alone == "clear" else "a lean"
        return f"Changing {count_answers(count)} would narrow the lead below {line:.0f} points, the line for {needed}:"
    weaker = f"“Leaning {name}”" if alone == "clear" else "a close call"
    return f"Changing {count_answers(count)} would make it {weaker} (a lead under {line:.0f} points):"


def flip_intro(count: int, runner_up: str, above: int = 0, listed_above: int = 0) -> str:
    """What changing the 'flip' answers would do; ``above`` of them are already listed above (of ``listed_above``),
    so only the other ``count`` are listed here."""
    if not above:
        return f"Changing {count_answers(count)} would flip it to {runner_up}:"
    those = f"the {above} answers above" if above == listed_above else f"{above} of the answers above"
    if above == 1:
        those = "the answer above" if listed_above == 1 else "one of the answers above"
    more = "this one" if count == 1 else f"these {count}"
    return f"Changing {those} and {more} too would flip it to {runner_up}:"


def change_note(points: float, toward: str) -> str:
    """How far one answer change moves the result, in the fits' points."""
    return f"{points:.1f} points toward {toward}"


def other_role_note(short: str, role: str) -> str:
    """The one line a lean or clear result gives on reading the other role."""
    return f"To read what the {short} role is like the same way, run: rolefit profile show {role}"


def matrix_note(short: str) -> str:
    """The next step that maps a person's experience to the role's tasks (rolefit matrix)."""
    return f"To map what you have done against the {short} role's tasks and see the gaps to close, run: rolefit matrix"


def terms_in(text: str, glossary: Sequence[GlossaryTerm]) -> list[tuple[str, str]]:
    """The glossary terms a text uses, as (term, definition), in the order the text first uses them.

    A term matches as whole words in any of its forms (the term or one of ``also``), ignoring case, so
    "spec" is found in "Write the spec" and "specs" but not in "special".
    """
    found: list[tuple[int, str, str]] = []
    for entry in glossary:
        starts = [match.start() for form in (entry.term, *entry.also) for match in _form(form).finditer(text)]
        if starts:
            found.append((min(starts), entry.term, entry.definition))
    return [(term, definition) for _, term, definition in sorted(found)]


def item_terms(item: Item, glossary: Sequence[GlossaryTerm]) -> list[tuple[str, str]]:
    """The glossary terms a question uses (its text and its options), for the quiz screen to define under it;
    a term the item's own ``help`` line already explains is left out, so nothing is defined twice."""
    options = [] if isinstance(item, LikertItem) else [option.text for option in item.options]
    explained = {term for term, _ in terms_in(item.help or "", glossary)}
    return [(t, d) for t, d in terms_in("\n".join([item.text, *options]), glossary) if t not in explained]


def _form(form: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in form.split())
    return re.compile(rf"(?<![\w/-]){words}(?![\w/-])", re.IGNORECASE)


def no_flip_note(answered: int, runner_up: str | None) -> str:
    """Why nothing is listed under 'flip'."""
    if not answered:
        return "You answered no questions, so there is nothing to change: answer some to get a result."
    if runner_up is None:
        return "Only one role was scored, so nothing could flip it."
    return f"No change to the answers you gave could flip it to {runner_up}: the evidence you gave points one way."


def role_life(profile: Profile) -> list[tuple[str, ListBlock | TextBlock]]:
    """The "what the role is like" sections of a profile, titled, in the order every view shows them."""
    return [
        ("Day to day", profile.day_to_day),
        ("How success is measured", profile.success_metrics),
        ("Reporting line", profile.reporting_line),
        ("Career path", profile.career_path),
        ("Interview loop", profile.interview_loop),
    ]
