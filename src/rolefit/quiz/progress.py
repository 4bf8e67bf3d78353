"""Saved quiz progress: one JSON file per bank in the user's state directory, written after every answer.

The file records the bank id and the hash of the bank's content, so answers from one version of a
bank are never mixed with another. Each save first moves the last good file to ``.bak``, then writes
the new one atomically; a damaged file is reported in one line and the backup is used. An advisory
lock on a sibling ``.lock`` file keeps two quizzes on the same bank from overwriting each other. When
the state directory cannot be written, the quiz warns once and carries on with answers in memory.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from rolefit.data.answers import answer_problem
from rolefit.data.catalog import LoadedBank
from rolefit.data.reading import MAX_BYTES
from rolefit.env import Environment
from rolefit.errors import RolefitError
from rolefit.files import NotRegular, atomic_write, open_state_file, read_state_file, signals_held
from rolefit.jsonout import json_text
from rolefit.quiz.session import QuizSession, SessionError
from rolefit.textsafe import one_line
from rolefit.views.output import error

FORMAT = 1


def state_dir() -> Path:
    """Where rolefit keeps progress by default: the platform's (``$XDG_STATE_HOME/rolefit/progress`` on Linux)."""
    return Environment().progress_dir


def _stderr(message: str) -> None:
    error(message, sys.stderr)


@dataclass(frozen=True)
class Saved:
    """Progress read back from disk."""

    bank_id: str
    bank_version: int
    bank_hash: str
    created: str
    updated: str
    seed: int | None
    session: QuizSession

    def matches(self, bank: LoadedBank) -> bool:
        """Whether this progress was saved for exactly this bank content."""
        return self.bank_id == bank.id and self.bank_hash == bank.hash

    @property
    def answered(self) -> int:
        """How many items have an answer."""
        return len(self.session.answers)


class ProgressStore:
    """The progress file of one bank, with its backup and lock."""

    def __init__(self, bank_id: str, directory: Path | None = None, warn: Callable[[str], None] = _stderr) -> None:
        self.directory = directory or state_dir()
        self.path = self.directory / f"{bank_id}.json"
        self.backup = self.directory / f"{bank_id}.json.bak"
        self.lock_path = self.directory / f"{bank_id}.lock"
        self.bank_id = bank_id
        self.memory_only = False
        self.failure: str | None = None  # why saving failed, and the fix, once it has
        self._warn: Callable[[str], None] = lambda message: warn(one_line(message))  # paths come from the environment
        self._lock: IO[bytes] | None = None
        self._created: str | None = None
        self._rotate = False  # the file on disk is a good save worth keeping as the backup

    # ---- lock ----------------------------------------------------------------------------------

    def lock(self) -> None:
        """Take the bank's lock; RolefitError when another quiz holds it. An unwritable directory: memory only."""
        import fcntl

        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle = open_state_file(self.lock_path)  # held open until unlock(); never a FIFO or a symlink
        except OSError as error:
            self._cannot_save(error)  # known before the intro, so its keys do not promise that progress is kept
            return
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise RolefitError(
                f"another rolefit quiz is running on bank {self.bank_id!r} (lock {self.lock_path}): "
                "finish or quit it first"
            ) from None
        self._lock = handle

    def unlock(self) -> None:
        """Release the lock (the lock file stays: removing it would race with a waiting quiz)."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    # ---- read ----------------------------------------------------------------------------------

    def load(self, bank: LoadedBank) -> Saved | None:
        """The saved progress for this bank id, the backup when the file is damaged, or None."""
        main, problem = self._read(self.path, bank)
        if main is not None:
            self._rotate = True
            self._created = main.created
            return main
        backup, _ = self._read(self.backup, bank)
        if problem and backup is not None:
            self._warn(f"rolefit: saved progress {self.path} is damaged ({problem}); using the previous copy")
        elif problem:
            self._warn(
                f"rolefit: saved progress {self.path} is damaged ({problem}) and cannot be resumed: "
                "the quiz starts afresh, and its first save replaces the file"
            )
        if backup is not None:
            self._created = backup.created
        return backup

    def _read(self, path: Path, bank: LoadedBank) -> tuple[Saved | None, str | None]:
        try:
            raw = read_state_file(path, MAX_BYTES)
        except (FileNotFoundError, NotADirectoryError):
            return None, None  # nothing saved (an unwritable directory is reported by the first save)
        except NotRegular as refused:
            return None, "too large" if "larger than" in str(refused) else "not a regular file"
        except OSError as error:
            return None, error.strerror or str(error)
        if len(raw) > MAX_BYTES:
            return None, "too large"
        try:
            return _parse(json.loads(raw.decode("utf-8")), bank), None
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None, "not valid JSON, perhaps cut short"
        except RecursionError:  # hostile or corrupt: nesting no progress file has
            return None, "nested too deeply to be a rolefit progress file"
        except SessionError as error:  # our own words for what is wrong
            return None, str(error)
        except KeyError as missing:
            return None, f"it lacks {missing.args[0]!r}" if missing.args and isinstance(missing.args[0], str) else (
                "it lacks a field rolefit writes"
            )
        except (TypeError, ValueError, IndexError, AttributeError):  # Python's words would say nothing useful here
            return None, "it holds content rolefit never writes (edited by hand?)"

    # ---- write ---------------------------------------------------------------------------------

    def save(self, session: QuizSession, bank: LoadedBank, seed: int | None = None) -> bool:
        """Write progress atomically, keeping the previous good file as the backup; False when it could not be saved."""
        if self.memory_only:
            return False
        now = _now()
        self._created = self._created or now
        data = {
            "format": FORMAT,
            "bank": {"id": bank.id, "version": bank.bank.version, "hash": bank.hash},
            "seed": seed,
            "created": self._created,
            "updated": now,
            "answered": len(session.answers),
            "skipped_count": len(session.skipped),
            "total": session.total,
            "session": session.to_dict(),
        }
        text = json_text(data, indent=1)
        try:
            with signals_held():
                self.directory.mkdir(parents=True, exist_ok=True)
                if self._rotate:
                    with contextlib.suppress(FileNotFoundError):
                        os.replace(self.path, self.backup)
                atomic_write(self.path, text, own=True)
        except (OSError, RolefitError) as error:
            self._cannot_save(error)
            return False
        self._rotate = True
        return True

    def _cannot_save(self, error: OSError | RolefitError) -> None:
        """From now on answers live in memory only: say so once, and keep why for the quit message."""
        self.memory_only = True
        self.failure = f"cannot write {self.directory} ({_reason(error)}): {_advice(error)}"
        self._warn(
            f"rolefit: cannot save progress in {self.directory} ({_reason(error)}): "
            "your answers now live in memory only, so quitting loses them"
        )

    def discard(self) -> None:
        """Delete saved progress and its backup (restart, or the quiz was finished)."""
        for path in (self.path, self.backup):
            with contextlib.suppress(OSError):
                path.unlink()
        self._rotate = False
        self._created = None


def _parse(data: Any, bank: LoadedBank) -> Saved:
    # `type(...) is int`, not ==: true == 1 and 1.0 == 1 in Python, but rolefit writes neither
    if not isinstance(data, dict) or type(data.get("format")) is not int or data["format"] != FORMAT:
        raise SessionError(f"not a rolefit progress file of format {FORMAT}")
    ref = data["bank"]
    if not isinstance(ref["id"], str) or not isinstance(ref["hash"], str) or type(ref["version"]) is not int:
        raise SessionError("bank reference is malformed")
    seed = data.get("seed")
    saved = Saved(
        bank_id=ref["id"],
        bank_version=ref["version"],
        bank_hash=ref["hash"],
        created=str(data.get("created", "")),
        updated=str(data.get("updated", "")),
        seed=seed if isinstance(seed, int) else None,
        session=QuizSession.from_dict(data["session"]),
    )
    if saved.matches(bank):
        _check_against(saved.session, bank)
    return saved


def _check_against(session: QuizSession, bank: LoadedBank) -> None:
    """Same bank content: every item and answer must still make sense (a hand-edited file might not)."""
    known = {item.id for item in bank.items}
    if set(session.order) != known:
        raise SessionError("its items are not the bank's items")
    for item_id, value in session.answers.items():
        problem = answer_problem(bank.item(item_id), value)
        if problem:
            raise SessionError(problem)


def _reason(error: BaseException) -> str:
    """The OS's words for why a write failed (atomic_write wraps the OSError in a RolefitError)."""
    cause = error if isinstance(error, OSError) else error.__context__
    return (cause.strerror if isinstance(cause, OSError) else None) or str(error)


def _advice(error: BaseException) -> str:
    """What to do about a failed save, by the OS's reason."""
    cause = error if isinstance(error, OSError) else error.__context__
    code = cause.errno if isinstance(cause, OSError) else None
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "free some space there to keep progress next time"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "make it writable, or set XDG_STATE_HOME to a writable directory"
    return "check that it is a writable directory, or set XDG_STATE_HOME to one"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
