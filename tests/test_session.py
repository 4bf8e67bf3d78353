"""The quiz state machine: next, back, skip, jump, review, finish, strategies and persistence."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import pytest

from rolefit.quiz.session import QuizSession, SessionError, fixed_order, item_order
from rolefit.types import Answer

ITEMS = ["a", "b", "c", "d"]


def walk(session: QuizSession, *actions: object) -> QuizSession:
    """Apply actions: an int or str answers, "skip" skips, "back" goes back."""
    for action in actions:
        if action == "skip":
            session.skip()
        elif action == "back":
            session.back()
        else:
            session.answer(action)  # type: ignore[arg-type]
    return session


def test_starts_at_the_first_item_of_the_order() -> None:
    """A new session shows item 1 of N, nothing answered."""
    session = QuizSession(ITEMS)
    assert (session.current, session.number, session.total) == ("a", 1, 4)
    assert session.answers == {} and session.skipped == set()
    assert not session.reviewing and not session.finished and not session.can_go_back


def test_answer_records_and_moves_on() -> None:
    """An answer is stored for the item shown and the next item comes up."""
    session = walk(QuizSession(ITEMS), 4)
    assert session.answers == {"a": 4}
    assert (session.current, session.number) == ("b", 2)


def test_skip_is_recorded_as_skipped_not_as_an_answer() -> None:
    """A skip leaves no answer (not a neutral 3) and marks the item skipped."""
    session = walk(QuizSession(ITEMS), 4, "skip")
    assert session.answers == {"a": 4}
    assert session.skipped == {"b"}
    assert session.current == "c"
    assert session.final_answers() == {"a": 4}


def test_back_returns_to_the_previous_item_keeping_its_answer() -> None:
    """Back shows the previous item, whose earlier answer is still there to pre-select."""
    session = walk(QuizSession(ITEMS), 2, 5, "back")
    assert session.current == "b"
    assert session.answers["b"] == 5
    assert session.back() is True
    assert session.current == "a"


def test_back_at_the_first_item_does_nothing() -> None:
    """Back on item 1 reports False and stays."""
    session = QuizSession(ITEMS)
    assert session.back() is False
    assert session.current == "a"


def test_answering_after_back_replaces_and_continues_in_order() -> None:
    """Changing an earlier answer replaces it and goes on to the item after it, not to the end."""
    session = walk(QuizSession(ITEMS), 2, 5, 1, "back", "back", 3)
    assert session.answers == {"a": 2, "b": 3, "c": 1}
    assert session.current == "c"


def test_answering_a_skipped_item_unskips_it_and_skipping_an_answer_removes_it() -> None:
    """An item is either answered or skipped, never both."""
    session = walk(QuizSession(ITEMS), "skip", "back", 4)
    assert session.answers == {"a": 4} and session.skipped == set()
    walk(session, "back", "skip")
    assert session.answers == {} and session.skipped == {"a"}


def test_after_the_last_item_comes_the_review() -> None:
    """Once every item is answered or skipped the session is in review: no current item."""
    session = walk(QuizSession(ITEMS), 1, 2, "skip", 4)
    assert session.reviewing
    assert session.current is None
    assert session.number == 4
    with pytest.raises(SessionError):
        session.answer(3)
    with pytest.raises(SessionError):
        session.skip()


def test_back_from_the_review_shows_the_last_item() -> None:
    """Back in review goes to the last item asked."""
    session = walk(QuizSession(ITEMS), 1, 2, 3, 4, "back")
    assert session.current == "d" and not session.reviewing


def test_jump_changes_one_answer_and_returns_to_the_review() -> None:
    """From the review, jump shows an item; answering it goes straight back to the review."""
    session = walk(QuizSession(ITEMS), 1, 2, 3, 4)
    session.jump(1)
    assert session.current == "b" and session.returning
    session.answer(5)
    assert session.reviewing and not session.returning
    assert session.answers == {"a": 1, "b": 5, "c": 3, "d": 4}


def test_jump_then_skip_returns_to_the_review_with_the_item_skipped() -> None:
    """Skipping a jumped-to item removes its answer and returns to the review."""
    session = walk(QuizSession(ITEMS), 1, 2, 3, 4)
    session.jump(2)
    session.skip()
    assert session.reviewing and session.skipped == {"c"} and "c" not in session.answers


def test_back_after_a_jump_returns_to_the_review_unchanged() -> None:
    """Back from a jumped-to item cancels: the review again, the answer as it was."""
    session = walk(QuizSession(ITEMS), 1, 2, 3, 4)
    session.jump(0)
    assert session.back() is True
    assert session.reviewing and session.answers["a"] == 1


@pytest.mark.parametrize("index", [-1, 4, 10])
def test_jump_out_of_range_is_refused(index: int) -> None:
    """Only items that were asked can be jumped to."""
    session = walk(QuizSession(ITEMS), 1, 2, 3, 4)
    with pytest.raises(SessionError, match="no question number"):
        session.jump(index)


def test_jump_and_confirm_only_from_the_review() -> None:
    """Jump and confirm are review actions."""
    session = walk(QuizSession(ITEMS), 1)
    with pytest.raises(SessionError):
        session.jump(0)
    with pytest.raises(SessionError):
        session.confirm()


def test_confirm_finishes_with_the_answers_in_asked_order() -> None:
    """Confirming makes the answers final; skipped items are absent; no transition works after."""
    session = walk(QuizSession(ITEMS), "skip", "x", 2, 1)
    session.confirm()
    assert session.finished
    assert list(session.final_answers().items()) == [("b", "x"), ("c", 2), ("d", 1)]
    with pytest.raises(SessionError):
        session.back()


def test_an_empty_order_goes_straight_to_review() -> None:
    """With nothing to ask, the session starts in review, with no current item and nothing to answer."""
    session = QuizSession([])
    assert session.reviewing and session.current is None and session.total == 0
    assert session.final_answers() == {}
    with pytest.raises(SessionError):
        session.answer(3)


def test_duplicate_items_are_refused() -> None:
    """An order naming an item twice is a bug, not a quiz."""
    with pytest.raises(SessionError, match="an item appears twice in the order"):
        QuizSession(["a", "a"])


# ---- strategies ------------------------------------------------------------------------------


def test_fixed_order_asks_the_first_item_not_asked() -> None:
    """The default strategy walks the order, skipping what was asked."""
    strategy = fixed_order(ITEMS)
    assert strategy({}, []) == "a"
    assert strategy({"a": 1}, ["a", "c"]) == "b"
    assert strategy({}, ITEMS) is None


def test_a_strategy_can_pick_from_the_answers_and_stop_early() -> None:
    """An adaptive strategy chooses the next item from the answers so far and may end before N."""
    calls: list[tuple[dict[str, Answer], tuple[str, ...]]] = []

    def adaptive(answers: Mapping[str, Answer], asked: Sequence[str]) -> str | None:
        calls.append((dict(answers), tuple(asked)))
        if not asked:
            return "a"
        if len(asked) == 1:
            return "d" if answers.get("a") == 5 else "b"
        return None

    session = QuizSession(ITEMS, adaptive)
    session.answer(5)
    assert session.current == "d"
    session.answer(1)
    assert session.reviewing and session.asked == ["a", "d"]
    assert session.total == 4  # N is the most it could ask
    assert calls[1] == ({"a": 5}, ("a",))


def test_a_strategy_choosing_an_unknown_or_repeated_item_is_an_error() -> None:
    """The session refuses items outside its order or asked twice."""
    with pytest.raises(SessionError):
        QuizSession(ITEMS, lambda answers, asked: "zzz")
    session = QuizSession(ITEMS, lambda answers, asked: "a")
    with pytest.raises(SessionError):
        session.answer(1)


def test_item_order_is_the_banks_unless_seeded_and_shuffle_allowed() -> None:
    """No seed: bank order. A seed on a shuffle bank: a reproducible permutation. shuffle false: bank order."""
    ids = [f"i{n}" for n in range(20)]
    assert item_order(ids, shuffle=True, seed=None) == ids
    assert item_order(ids, shuffle=False, seed=7) == ids
    shuffled = item_order(ids, shuffle=True, seed=7)
    assert shuffled == item_order(ids, shuffle=True, seed=7)
    assert sorted(shuffled) == sorted(ids) and shuffled != ids
    assert item_order(ids, shuffle=True, seed=8) != shuffled


# ---- persistence -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "actions",
    [
        (),
        (1, "skip"),
        (1, 2, "back"),
        (1, "skip", 3, 4),  # review
    ],
)
def test_to_dict_round_trips_through_json(actions: tuple[object, ...]) -> None:
    """A session saved as JSON and read back is in the same state."""
    session = walk(QuizSession(ITEMS), *actions)
    again = QuizSession.from_dict(json.loads(json.dumps(session.to_dict())))
    assert again.to_dict() == session.to_dict()
    assert (again.current, again.reviewing, again.answers, again.skipped) == (
        session.current,
        session.reviewing,
        session.answers,
        session.skipped,
    )


def test_round_trip_keeps_a_pending_jump() -> None:
    """Saved while changing one answer from the review, the session returns to the review after it."""
    session = walk(QuizSession(ITEMS), 1, 2, 3, 4)
    session.jump(2)
    again = QuizSession.from_dict(session.to_dict())
    again.answer(5)
    assert again.reviewing and again.answers["c"] == 5


def test_round_trip_keeps_a_shuffled_order() -> None:
    """The saved order wins on resume, so a seeded quiz continues in the same order."""
    session = walk(QuizSession(["c", "a", "d", "b"]), 1)
    again = QuizSession.from_dict(session.to_dict())
    assert again.current == "a"
    walk(again, 1, 1, 1)
    assert again.asked == ["c", "a", "d", "b"]


GOOD = {"order": ["a", "b"], "asked": ["a", "b"], "position": 1, "answers": {"a": 3}, "skipped": [], "returning": False}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"order": "ab"}, "order"),
        ({"asked": ["a", "z"]}, "do not match"),
        ({"asked": ["a", "a"]}, "do not match"),
        ({"position": 5}, "position"),
        ({"position": True}, "position"),
        ({"answers": {"a": True}}, "answers"),
        ({"answers": {"a": 1.5}}, "answers"),
        ({"answers": {"c": 1}}, "do not match"),
        ({"skipped": ["a"]}, "do not match"),
        ({"returning": "yes"}, "review"),
        ({"returning": True, "position": 2}, "review"),
    ],
)
def test_from_dict_refuses_data_that_does_not_hold_together(change: dict[str, object], message: str) -> None:
    """Damaged or hand-edited saved state is refused with a reason, never half-loaded."""
    with pytest.raises(SessionError, match=message):
        QuizSession.from_dict({**GOOD, **change})


def test_from_dict_refuses_missing_keys() -> None:
    """A saved session without its fields is refused."""
    with pytest.raises(SessionError, match="lacks"):
        QuizSession.from_dict({"order": []})
