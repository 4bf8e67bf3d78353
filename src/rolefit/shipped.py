"""Where the shipped banks and profiles live, and their ids, read without the loader.

Shell completion runs rolefit on every Tab press, so the ids it offers come from file names here,
without importing pydantic or yaml (``data.catalog`` loads and checks the files themselves).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent  # the rolefit package: the wheel ships the data beside it
SHARED_STEM = "shared"  # profiles/shared.yaml holds the traits and sources, not a role


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
    """Ids of the roles in a profiles directory (the shipped one by default): its files but shared.yaml."""
    folder = directory or data_dir("profiles")
    return sorted(path.stem for path in folder.glob("*.yaml") if path.stem != SHARED_STEM)
