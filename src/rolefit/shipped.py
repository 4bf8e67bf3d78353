"""Where the shipped banks and profiles live, and their ids, read without the loader.

Shell completion runs rolefit on every Tab press, so the ids it offers come from file names here,
without importing pydantic or yaml (``data.catalog`` loads and checks the files themselves).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent  # the rolefit package: the wheel ships the data beside it
SHARED_FILE = "shared.yaml"  # the traits and sources registries, and content that belongs to no single role
TASKS_FILE = "tasks.yaml"  # the responsibility matrix (data.tasks)
NOT_ROLES = (SHARED_FILE, TASKS_FILE)  # the files of a profiles directory that are not role profiles


def data_dir(name: str) -> Path:
    """The shipped ``questions`` or ``profiles`` directory: inside the installed wheel, else the checkout's top level."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    from rolefit.errors import DataError, Problem

    raise DataError([Problem(name, 0, 0, "", "shipped data directory not found: reinstall rolefit")])


def bank_ids() -> list[str]:
    """Ids of the banks that ship with rolefit."""
    return sorted(path.stem for path in data_dir("questions").glob("*.yaml"))


def role_ids(directory: Path | None = None) -> list[str]:
    """Ids of the roles in a profiles directory (the shipped one by default): its files but shared.yaml and tasks.yaml."""
    folder = directory or data_dir("profiles")
    return sorted(path.stem for path in folder.glob("*.yaml") if path.name not in NOT_ROLES)
