"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from rolefit.errors import RolefitError


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write a file through a temporary sibling, fsync, then rename over the target."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent if str(path.parent) else Path(".")
    with signals_held():
        try:
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        except OSError as error:
            raise RolefitError(
                f"cannot write {path}: {error.strerror}: check the directory exists and is writable"
            ) from None
        try:
            os.fchmod(fd, _mode_for(path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(raw)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except BaseException as error:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            if isinstance(error, OSError):
                raise RolefitError(f"cannot write {path}: {error.strerror}: {_advice(error)}") from None
            raise


def _mode_for(path: Path) -> int:
    """The replaced file's mode, or what open() would give a new file under the current umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _advice(error: OSError) -> str:
    if error.errno == errno.EISDIR:
        return "name a file, not a directory"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "check the directory is writable"
    return "free some space or choose another path"


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP while a file is replaced, so a signal never leaves half a write; delivered after.

    Only the main thread holds them (signals are delivered there), and only where the platform can.
    """
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
