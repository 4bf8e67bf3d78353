"""The quiz as a state machine: which item is shown, what was answered or skipped, where back goes.

Pure: no terminal, no files. The terminal layer maps keys to these transitions and saves
``to_dict()`` after each one. Which item comes next is asked of a strategy, ``next_item(answers,
asked)``, so an adaptive mode can pick items from the answers so far and stop early; the default
strategy walks a fixed order (the bank's, or a seeded shuffle of it).
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rolefit.data.models import Option
from rolefit.types import Answer

NextItem = Callable[[Mapping[str, Answer], Sequence[str]], "str | None"]  # None: nothing more to ask


class SessionError(ValueError):
    """A transition that the current state does not allow, or saved state that does not hold together."""


def fixed_order(order: Sequence[str]) -> NextItem:
    """The default strategy: the first item of ``order`` not asked yet."""
    planned = tuple(order)

    def next_item(answers: Mapping[str, Answer], asked: Sequence[str]) -> str | None:
        seen = set(asked)
        return next((item for item in planned if item not in seen), None)

    return next_item


def item_order(item_ids: Sequence[str], *, shuffle: bool, seed: int | None) -> list[str]:
    """The order to ask items in: the bank's, or a reproducible shuffle when the bank allows it and a seed is given."""
    order = list(item_ids)
    if shuffle and seed is not None:
        random.Random(seed).shuffle(order)
    return order


NO_SHUFFLE = -1  # the option seed of a questionnaire whose answers keep one order (rolefit team, matrix)


def option_order(options: Sequence[Option], item_id: str, seed: int) -> list[Option]:
    """A choice item's options in the order this respondent sees them: shuffled, the same for a seed and item
    (or as listed, for NO_SHUFFLE)."""
    shown = list(options)
    if seed != NO_SHUFFLE:
        random.Random(f"{seed}:{item_id}").shuffle(shown)
    return shown


class QuizSession:
    """Where a quiz stands: the items asked so far, the one shown, answers, skips and the review state.

    ``asked`` is the history of items shown, in order; ``position`` indexes it. When
    ``position == len(asked)`` the strategy had nothing more to ask and the quiz is in review.
    """

    def __init__(self, order: Sequence[str], next_item: NextItem | None = None, option_seed: int | None = None) -> None:
        if len(set(order)) != len(order):
            raise SessionError("an item appears twice in the order")
        self.order: tuple[str, ...] = tuple(order)
        # Choice options are shown in an order shuffled per respondent (people favour the first option): this
        # seed fixes it, so back, resume and review show the same order (--seed sets it, else it is random).
        self.option_seed = secrets.randbelow(2**31) if option_seed is None else option_seed
        self.next_item = next_item or fixed_order(self.order)
        self.asked: list[str] = []
        self.position = 0
        self.answers: dict[str, Answer] = {}
        self.skipped: set[str] = set()
        self.returning = False  # editing one answer from the review: the next answer goes back there
        self.finished = False
        self._extend()

    # ---- state ---------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """How many items the quiz can ask at most (N in ``n/N``)."""
        return len(self.order)

    @property
    def reviewing(self) -> bool:
        """True when every item has been seen and the review screen is shown."""
        return self.position >= len(self.asked)

    @property
    def current(self) -> str | None:
        """The item shown now, or None in review."""
        return None if self.reviewing else self.asked[self.position]

    @property
    def number(self) -> int:
        """The 1-based number of the item shown now (n in ``n/N``)."""
        return min(self.position + 1, self.total)

    @property
    def can_go_back(self) -> bool:
        """Whether ``back()`` would move."""
        return self.reviewing or self.returning or self.position > 0

    def final_answers(self) -> dict[str, Answer]:
        """Answers to score: item id -> answer, skipped items absent, in the order asked."""
        return {item: self.answers[item] for item in self.asked if item in self.answers}

    # ---- transitions ---------------------------------------------------------------------------

    def answer(self, value: Answer) -> None:
        """Record an answer to the item shown (replacing a skip or an earlier answer) and move on."""
        item = self._require_item("answer")
        self.answers[item] = value
        self.skipped.discard(item)
        self._advance()

    def skip(self) -> None:
        """Record the item shown as skipped (not as neutral: it will not be scored) and move on."""
        item = self._require_item("skip")
        self.answers.pop(item, None)
        self.skipped.add(item)
        self._advance()

    def back(self) -> bool:
        """Go to the previous item (from review: the last one; after a jump: back to the review); False at the start."""
        if self.finished:
            raise SessionError("the quiz is finished")
        if self.returning:
            self.returning = False
            self.position = len(self.asked)
        elif self.reviewing and self.asked:
            self.position = len(self.asked) - 1
        elif self.position > 0:
            self.position -= 1
        else:
            return False
        return True

    def jump(self, index: int) -> None:
        """From the review, show item ``index`` of ``asked`` to change its answer; answering returns to review."""
        if not self.reviewing or self.finished:
            raise SessionError("jump is only possible from the review")
        if not 0 <= index < len(self.asked):
            raise SessionError(f"no question number {index + 1}: choose 1 to {len(self.asked)}")
        self.position = index
        self.returning = True

    def confirm(self) -> None:
        """Accept the review: the answers are final."""
        if not self.reviewing:
            raise SessionError("confirm is only possible from the review")
        self.finished = True

    def _require_item(self, action: str) -> str:
        if self.finished:
            raise SessionError("the quiz is finished")
        item = self.current
        if item is None:
            raise SessionError(f"cannot {action} in the review: jump to a question first")
        return item

    def _advance(self) -> None:
        if self.returning:
            self.returning = False
            self.position = len(self.asked)
        else:
            self.position += 1
        self._extend()

    def _extend(self) -> None:
        """At the end of what was asked, ask the strategy for one more item (none: review)."""
        if self.position < len(self.asked):
            return
        item = self.next_item(self.answers, tuple(self.asked))
        if item is None:
            return
        if item not in self.order or item in self.asked:
            raise SessionError(f"the strategy chose {item!r}, which is unknown or already asked")
        self.asked.append(item)
        self.position = len(self.asked) - 1

    # ---- persistence ---------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain data that ``from_dict`` turns back into an equal session."""
        return {
            "order": list(self.order),
            "asked": list(self.asked),
            "position": self.position,
            "answers": {item: self.answers[item] for item in self.asked if item in self.answers},
            "skipped": [item for item in self.asked if item in self.skipped],
            "returning": self.returning,
            "option_seed": self.option_seed,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], next_item: NextItem | None = None) -> QuizSession:
        """A session from ``to_dict()`` data; SessionError when the data does not hold together."""
        try:
            order = _strings(data["order"], "order")
            asked = _strings(data["asked"], "asked")
            position = data["position"]
            answers = data["answers"]
            skipped = _strings(data["skipped"], "skipped")
            returning = data.get("returning", False)
            option_seed = data.get("option_seed")
        except KeyError as missing:
            raise SessionError(f"saved session lacks {missing}") from None
        except TypeError:  # not a mapping at all
            raise SessionError("saved session is not a mapping of order, asked, position, answers and skips") from None
        if len(set(order)) != len(order) or len(set(asked)) != len(asked) or not set(asked) <= set(order):
            raise SessionError("saved order and asked items do not match")
        if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position <= len(asked):
            raise SessionError("saved position is out of range")
        if not isinstance(answers, dict) or not all(_is_answer(value) for value in answers.values()):
            raise SessionError("saved answers are not item -> 1-5 or option id")
        if not set(answers) <= set(asked) or not set(skipped) <= set(asked) or set(answers) & set(skipped):
            raise SessionError("saved answers and skips do not match the asked items")
        if not isinstance(returning, bool) or (returning and position == len(asked)):
            raise SessionError("saved review state is inconsistent")
        session = cls.__new__(cls)
        session.order = tuple(order)
        session.next_item = next_item or fixed_order(session.order)
        session.asked = list(asked)
        session.position = position
        session.answers = dict(answers)
        session.skipped = set(skipped)
        session.returning = returning
        valid_seed = isinstance(option_seed, int) and not isinstance(option_seed, bool)
        # progress saved before options were shuffled has no seed: a fresh one (the order is all it changes)
        session.option_seed = option_seed if valid_seed and isinstance(option_seed, int) else secrets.randbelow(2**31)
        session.finished = False
        session._extend()
        return session


def _strings(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SessionError(f"saved {name} is not a list of item ids")
    return value


def _is_answer(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))
