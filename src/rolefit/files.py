"""Writing the files a user names: atomically where a file can be replaced, in place where it cannot."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from rolefit.errors import RolefitError, UsageError


def atomic_write(path: Path, data: str | bytes, *, own: bool = False) -> None:
    """Write ``data`` to ``path`` the way that kind of file needs, never replacing what is not a regular file.

    - A regular file (or nothing yet) is written through a temporary sibling, fsynced, then renamed over it, so a
      reader sees the old file or the new one, never half.
    - A symlink: the same, to the file it points at (beside that file); the link stays a link.
    - A FIFO, a character device (``/dev/null``, a terminal) or an open descriptor (``/dev/stdout``, ``/dev/fd/N``,
      as ``>(...)`` gives) is written in place, as a shell's ``>`` would.
    - A directory, a block device, a socket or a symlink loop is refused in one line.

    ``own`` files (progress, cache) are rolefit's own: whatever stands at the path, even a FIFO, a device or a
    symlink put there, is replaced by a regular file, never written through or waited on.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if own:
        _replace(path, path, raw)
        return
    target, in_place, regular = _destination(path)
    if in_place:
        _write_in_place(path, raw, regular=regular)
    else:
        _replace(path, target, raw)


def output_path(name: str | None, option: str, example: str = "result.json") -> Path | None:
    """The file an option such as ``--output`` names; a name that can only be a directory is a usage error.

    Checked on the text as typed, since ``Path("dir/")`` drops the slash and would write a file named ``dir``.
    """
    if name is None:
        return None
    if not name:
        raise UsageError(f"{option} is empty: name a file, such as {example}")
    last = name
    for separator in filter(None, (os.sep, os.altsep)):
        last = last.rsplit(separator, 1)[-1]
    if last in ("", ".", ".."):
        why = " (it ends in '/')" if not last else ""
        folder = name if not last else name + os.sep
        raise UsageError(f"{option} {name} names a directory{why}: name a file in it, such as {folder}{example}")
    return Path(name)


def _destination(path: Path) -> tuple[Path, bool, bool]:
    """Where to write and how: (the file to replace or open, whether in place, whether it is a regular file)."""
    try:
        info: os.stat_result | None = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        info = None  # a new file (or a dangling link's new target); a missing directory is reported on creating it
    except OSError as error:
        raise _cannot(path, error) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _cannot(path, OSError(errno.EISDIR, os.strerror(errno.EISDIR)))
    if names_a_descriptor(path):
        if info is None:
            raise RolefitError(f"cannot write {path}: no such open file descriptor: name a file, or open it (3>FILE)")
        return path, True, stat.S_ISREG(info.st_mode)
    if info is not None and (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        return path, True, False
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = (
            "block device"
            if stat.S_ISBLK(info.st_mode)
            else "socket"
            if stat.S_ISSOCK(info.st_mode)
            else "special file"
        )
        raise RolefitError(f"cannot write {path}: it is a {kind}: name a regular file, a FIFO or a character device")
    return (Path(os.path.realpath(path)) if os.path.islink(path) else path), False, True


_DESCRIPTORS = re.compile(r"/proc/(?:self|thread-self|\d+)(?:/task/\d+)?/fd")


def names_a_descriptor(path: Path) -> bool:
    """Whether the path (``/dev/stdout``, ``/dev/fd/N``, ``/proc/self/fd/N``) names an open descriptor of this process.

    Such a name stands for an open file, not for a place in a directory: it is written through, never replaced.
    """
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on following links
        if _DESCRIPTORS.fullmatch(os.path.realpath(os.path.dirname(current))):
            return True
        try:
            link = os.readlink(current)
        except OSError:
            return False  # not a link (or gone): an ordinary name
        current = os.path.join(os.path.dirname(current), link)
    return False


def _write_in_place(path: Path, raw: bytes, *, regular: bool) -> None:
    """Open and write, as ``>`` would; signals are not held, since opening a FIFO waits for its reader."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) | (os.O_TRUNC if regular else 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise _cannot(path, error) from None
    try:
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
        if regular:
            os.fsync(fd)
    except OSError as error:
        raise _cannot(path, error) from None
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)


def _replace(shown: Path, path: Path, raw: bytes) -> None:
    """Write a regular file through a temporary sibling, fsync, then rename over it; errors name ``shown``."""
    directory = path.parent if str(path.parent) else Path(".")
    with signals_held():
        try:
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        except OSError as error:
            raise RolefitError(
                f"cannot write {shown}: {error.strerror}: check the directory exists and is writable"
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
                raise _cannot(shown, error) from None
            raise


def _cannot(path: Path, error: OSError) -> RolefitError:
    return RolefitError(f"cannot write {path}: {error.strerror}: {_advice(error)}")


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
    if error.errno == errno.ELOOP:
        return "the symlink points back at itself: fix or remove it"
    if error.errno == errno.EPIPE:
        return "the program reading the pipe has exited"
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


class NotRegular(OSError):
    """A state or cache file that is not a regular file of rolefit's own (a FIFO, a device, a symlink), or too large."""


def _open_own(path: Path, flags: int, mode: int = 0o600) -> int:
    """os.open without following a symlink or waiting on a FIFO; a symlink or a reader-less FIFO is NotRegular."""
    try:
        return os.open(path, flags | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), mode)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENXIO):  # a symlink (O_NOFOLLOW), a FIFO nobody reads
            raise NotRegular(f"{path} is not a regular file") from None
        raise


def _regular(fd: int, path: Path) -> None:
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegular(f"{path} is not a regular file")


def read_state_file(path: Path, limit: int) -> bytes:
    """A state or cache file's bytes, at most ``limit``: never waits on a FIFO, follows a symlink or reads a device.

    NotRegular (an OSError) for anything but a regular file, or one past the limit; FileNotFoundError as ever.
    """
    fd = _open_own(path, os.O_RDONLY)
    _regular(fd, path)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise NotRegular(f"{path} is larger than {limit} bytes")
    return data


def open_state_file(path: Path) -> BinaryIO:
    """A state file opened for appending (created if missing), refused unless it is a regular file (a lock file)."""
    fd = _open_own(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    _regular(fd, path)
    return os.fdopen(fd, "ab")
