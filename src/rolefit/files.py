"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from rolefit.errors import RolefitError


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write a file through a temporary sibling, fsync, then rename over the target."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise RolefitError(f"cannot write {path}: {error.strerror}: check the directory exists and is writable") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise RolefitError(f"cannot write {path}: {error.strerror}: free some space or choose another path") from None
