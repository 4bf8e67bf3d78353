"""``rolefit tasks``: the responsibility matrix, the tasks each role owns."""

from __future__ import annotations

from pathlib import Path

from rolefit.data.catalog import load_profiles
from rolefit.data.shapes import task_list
from rolefit.data.tasks import load_tasks
from rolefit.env import Environment
from rolefit.views.tasks import TaskListing


def list_tasks(profiles_dir: Path | None, env: Environment) -> TaskListing:
    """The tasks of the matrix, grouped by owner."""
    profiles = load_profiles(profiles_dir, cache=env.cache_dir)
    matrix = load_tasks(profiles, profiles_dir, cache=env.cache_dir)
    names = {profile.id: profile.name for profile in profiles.profiles}
    return TaskListing(task_list(matrix, profiles), names)
