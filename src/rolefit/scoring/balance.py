"""A bank's balance, read off its data: which role each choice's first-listed option leans to (position bias),
and which role agreeing with each statement leans to (keying). Pure functions over the loaded bank.

People pick the first option more often (primacy), and the quiz shuffles options per respondent anyway;
the bank should still lean its first options to each role about equally, so that a respondent who
takes the first option everywhere (or a display that does not shuffle) is not pushed toward one role.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.data.models import LikertItem


def leaning(profiles: ProfileSet, effects: Mapping[str, float]) -> str | None:
    """The role whose fit these effects raise most (by the role's share of weight on each trait); None on a tie."""
    pulls = {}
    for profile in profiles.profiles:
        total = sum(profile.weights.values()) or 1.0
        pulls[profile.id] = sum(profile.weights[trait] * amount for trait, amount in effects.items()) / total
    ranked = sorted(pulls.values(), reverse=True)
    if len(ranked) > 1 and abs(ranked[0] - ranked[1]) < 1e-12:
        return None
    return max(pulls, key=pulls.__getitem__)


def _tally(profiles: ProfileSet, leanings: list[Mapping[str, float]]) -> tuple[dict[str, int], bool]:
    """Per role, how many of these effects lean to it; balanced when no role leads by more than one."""
    counts = {profile.id: 0 for profile in profiles.profiles}
    for effects in leanings:
        role = leaning(profiles, effects)
        if role is not None:
            counts[role] += 1
    return counts, (max(counts.values()) - min(counts.values()) if counts else 0) <= 1


def position_bias(bank: LoadedBank, profiles: ProfileSet) -> dict[str, Any]:
    """Per role, the choice items whose first-listed option leans to it; balanced when no role leads by more than one."""
    choices = [item for item in bank.items if not isinstance(item, LikertItem)]
    counts, balanced = _tally(profiles, [item.options[0].effects for item in choices])
    return {"choices": len(choices), "first_option_leans": counts, "balanced": balanced}


def keying(bank: LoadedBank, profiles: ProfileSet) -> dict[str, Any]:
    """Per role, the statements that agreeing with leans to it; balanced when no role leads by more than one."""
    statements = [item for item in bank.items if isinstance(item, LikertItem)]
    counts, balanced = _tally(profiles, [item.effects for item in statements])
    return {"statements": len(statements), "agreeing_leans": counts, "balanced": balanced}
