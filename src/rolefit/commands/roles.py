"""``rolefit roles``: every role's content side by side, so both roles can be read the same way."""

from __future__ import annotations

from pathlib import Path

from rolefit.data.catalog import load_profiles
from rolefit.data.shapes import roles_side_by_side
from rolefit.env import Environment
from rolefit.views.listing import RolesShowing


def show_roles(profiles_dir: Path | None, env: Environment) -> RolesShowing:
    """The roles side by side: what each is like and how to prepare for it."""
    profiles = load_profiles(profiles_dir, cache=env.cache_dir)
    return RolesShowing(roles_side_by_side(profiles), profiles)
