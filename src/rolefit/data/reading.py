"""Data files as text: read under a size cap, one line for each way a file cannot be read.

Every reader of a bank, a profile, an answers file or a result goes through ``read_text`` (or, for
``rolefit score``'s inputs, ``source_is_stream`` first), so a missing, huge, binary or unreadable
file gets the same wording everywhere.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from rolefit.errors import DataError, Problem

MAX_BYTES = 1024 * 1024


def unreadable(error: OSError) -> str:
    """Why a file could not be read, with the fix: the one wording for every reader."""
    if isinstance(error, FileNotFoundError):
        return "no such file: check the path"
    if isinstance(error, PermissionError):
        return "cannot be read (permission denied): check its permissions"
    return f"cannot be read ({error.strerror}): check the path"


def source_is_stream(path: Path, label: str, wanted: str) -> bool:
    """Whether a file to read is a stream (a pipe, FIFO or character device, or an open descriptor's name such as
    ``/dev/stdin``, whatever is behind it: ``< cohort.jsonl`` is a stream as ``| cat`` is) rather than a regular file.

    What cannot be read as either (nothing there, a directory, a socket) is refused in one line, naming ``wanted``.
    Streams are read like files, under the same caps: ``read_text`` reads at most MAX_BYTES of any source.
    """
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise DataError([Problem(label, 0, 0, "", unreadable(error))]) from None
    if stat.S_ISDIR(mode):
        raise DataError([Problem(label, 0, 0, "", f"is a directory, not a file: name {wanted}")])
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return True
    from rolefit.files import names_a_descriptor  # only score's inputs get here; files.py is not needed otherwise

    if stat.S_ISREG(mode) and names_a_descriptor(path):
        return True
    if not stat.S_ISREG(mode):
        raise DataError([Problem(label, 0, 0, "", f"is not a file, a pipe or a FIFO: name {wanted}")])
    return False


def read_text(path: Path, label: str | None = None) -> str:
    """Read a data file as UTF-8 text, refusing directories, huge and binary files in one line each."""
    label = label or str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
            device = len(raw) > MAX_BYTES and stat.S_ISCHR(os.fstat(handle.fileno()).st_mode)
    except IsADirectoryError:
        raise DataError([Problem(label, 0, 0, "", "is a directory, not a file: name a YAML or JSON file")]) from None
    except OSError as error:
        raise DataError([Problem(label, 0, 0, "", unreadable(error))]) from None
    if device:  # /dev/zero, /dev/urandom: there is nothing to trim
        message = f"is a device, and gave more than {MAX_BYTES // 1024} KiB without ending: name a file of at most {MAX_BYTES // 1024} KiB"
        raise DataError([Problem(label, 0, 0, "", message)])
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(label, 0, 0, "", f"is larger than {MAX_BYTES // 1024} KiB: split it or trim it")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError([Problem(label, line, 1, "", "is not UTF-8 text: save it as UTF-8")]) from None
    if "\x00" in text:
        line, col = line_col(text, text.index("\x00"))
        raise DataError([Problem(label, line, col, "", "holds binary data (NUL bytes): name a text file")])
    return text.removeprefix("\ufeff")


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def looks_like_json(text: str) -> bool:
    """Whether a data file is JSON (an object) rather than YAML; rolefit reads both, and words messages for each."""
    return text.lstrip().startswith("{")
