"""Answer sets built from the shipped data, so tests never hard-code what the engine should say."""

from __future__ import annotations

from rolefit.catalog import LoadedBank, ProfileSet
from rolefit.engine import Answer, compile_model
from rolefit.models import LikertItem


def lean(profiles: ProfileSet, role: str, item_effects: dict[str, float]) -> float:
    """How much an effect set pulls toward ``role`` rather than the other roles (by profile weights)."""
    total = 0.0
    for profile in profiles.profiles:
        scale = sum(profile.weights.values())
        sign = 1.0 if profile.id == role else -1.0 / (len(profiles.profiles) - 1)
        total += sign * sum(profile.weights[t] * w for t, w in item_effects.items()) / scale
    return total


def extreme(bank: LoadedBank, profiles: ProfileSet, role: str, strength: int = 2) -> dict[str, Answer]:
    """Answers that favour ``role`` on every item; ``strength`` 1 agrees mildly, 2 strongly."""
    answers: dict[str, Answer] = {}
    for item in bank.items:
        if isinstance(item, LikertItem):
            pull = lean(profiles, role, item.effects)
            answers[item.id] = 3 + strength if pull > 0 else 3 - strength if pull < 0 else 3
        else:
            answers[item.id] = max(item.options, key=lambda o: lean(profiles, role, o.effects)).id
    return answers


def model_for(bank: LoadedBank, profiles: ProfileSet):  # type: ignore[no-untyped-def]
    """The compiled scoring model of a bank."""
    return compile_model(bank.items, profiles.traits, profiles.profiles)
