"""The history of results: one SQLite file in the state directory, each result kept with its number and date.

The schema is versioned (``PRAGMA user_version``; 0 is a new file, migrated up step by step) and marked as
rolefit's (``PRAGMA application_id``). The journal is WAL, and each save, delete or migration is one
transaction, so a crash leaves the last committed state. A file that is damaged, is not a database, is
another program's, or is not a regular file at all (a symlink, a FIFO) is reported in one line and set
aside under a ``.damaged-…`` name; a file from a newer rolefit is left alone. Keeping a result never stops
the quiz: every failure to save is one warning line.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from rolefit.data.reading import MAX_BYTES
from rolefit.env import Environment
from rolefit.errors import RolefitError
from rolefit.files import signals_held
from rolefit.quiz import history_rows
from rolefit.quiz.history_rows import entry_of_row, fits_by_number
from rolefit.scoring.history import (
    HISTORY_ENTRY_VERSION,
    HISTORY_LIST_VERSION,
    HistoryEntry,
    HistoryList,
    KeptResult,
)
from rolefit.scoring.result import Result, inconsistencies

FILE_NAME = "history.sqlite3"
SCHEMA = 1  # the user_version this rolefit writes
APPLICATION_ID = 0x52464954  # "RFIT": marks the file as rolefit's history
MAX_RESULTS = 10_000  # past this, a save is refused (with a line saying so) rather than the file growing without end
BUSY_SECONDS = 3.0  # how long a save waits for another rolefit writing the same history
SIDECARS = ("-wal", "-shm", "-journal")
T = TypeVar("T")

_V1 = """
CREATE TABLE results (
    number INTEGER PRIMARY KEY AUTOINCREMENT,
    saved TEXT NOT NULL,
    bank TEXT NOT NULL,
    bank_hash TEXT NOT NULL,
    verdict TEXT NOT NULL,
    role TEXT,
    margin REAL NOT NULL,
    result TEXT NOT NULL
);
CREATE TABLE fits (
    number INTEGER NOT NULL REFERENCES results(number),
    rank INTEGER NOT NULL,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (number, rank)
);
CREATE INDEX results_by_bank ON results (bank, number);
"""
MIGRATIONS = {0: _V1}  # version -> the statements that take a file from it to the next version


class HistoryError(RolefitError):
    """The history cannot be used as asked (a newer file, no such result, an unwritable directory)."""


class Damaged(Exception):
    """The file is not a rolefit history this rolefit can read; carries why, in a few words."""


def history_path(env: Environment) -> Path:
    """Where the history is kept: ``history.sqlite3`` in the state directory."""
    return env.state_dir / FILE_NAME


class History:
    """The history file, opened on first use; a damaged file is set aside (with a warning) and a new one started."""

    def __init__(self, path: Path, warn: Callable[[str], None]) -> None:
        self.path = path
        self._warn = warn
        self._db: sqlite3.Connection | None = None

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite when the last one closes)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    # ---- opening -------------------------------------------------------------------------------

    def _connection(self, *, create: bool) -> sqlite3.Connection | None:
        """The open, migrated database; None when there is no file and ``create`` is false."""
        if self._db is not None:
            return self._db
        self._check_regular()
        if not create and not self.path.exists():
            return None
        self._db = self._open()
        return self._db

    def _check_regular(self) -> None:
        """Refuse a symlink, FIFO, device or directory standing at the file's name (or its WAL's)."""
        for path in (self.path, *(self._sidecar(s) for s in SIDECARS)):
            try:
                info = os.lstat(path)
            except FileNotFoundError:
                continue
            except OSError as error:
                raise HistoryError(f"cannot read the history {self.path}: {error.strerror}") from None
            if not stat.S_ISREG(info.st_mode):
                raise Damaged(f"{path.name} is not a regular file")

    def _sidecar(self, suffix: str) -> Path:
        return self.path.with_name(self.path.name + suffix)

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():  # created private: a result says a lot about a person
                with contextlib.suppress(FileExistsError):  # another rolefit created it meanwhile: use that one
                    os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
            db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise HistoryError(f"cannot open the history {self.path}: {_reason(error)}") from None
        try:
            self._prepare(db)
        except BaseException:
            db.close()
            raise
        return db

    def _prepare(self, db: sqlite3.Connection) -> None:
        """WAL, then the schema: migrate a version this rolefit knows, refuse a newer one, set aside a foreign one.

        The check and the migration are one write transaction, so rolefits opening the file at once see either
        no schema or the whole of it (never a version read before another's migration and tables after it).
        """
        with _sqlite_errors(self.path):
            _use_wal(db)
            with _transaction(db):
                app = db.execute("PRAGMA application_id").fetchone()[0]
                version = db.execute("PRAGMA user_version").fetchone()[0]
                tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if version > SCHEMA and app == APPLICATION_ID:
                    raise HistoryError(
                        f"the history {self.path} was written by a newer rolefit (schema {version}): "
                        "upgrade rolefit to use it"
                    )
                if (
                    app not in (0, APPLICATION_ID)
                    or (version == 0 and tables)
                    or (version and not {"results", "fits"} <= tables)
                ):
                    raise Damaged("it is not a rolefit history")
                if version < SCHEMA:
                    self._migrate(db, version)

    def _migrate(self, db: sqlite3.Connection, version: int) -> None:
        """Take the file from ``version`` to SCHEMA, inside the caller's transaction (a crash leaves the old whole)."""
        current = version
        while current < SCHEMA:
            for statement in filter(str.strip, MIGRATIONS[current].split(";")):
                db.execute(statement)
            current += 1
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA}")

    def set_aside(self, why: str) -> Path | None:
        """Rename the file (and its WAL) out of the way, say so in one line; the next save starts a new one."""
        self.close()
        aside = self.path.with_name(f"{self.path.name}.damaged-{datetime.now(UTC):%Y%m%dT%H%M%S}")
        try:
            with signals_held():
                for suffix in ("", *SIDECARS):
                    with contextlib.suppress(FileNotFoundError):
                        os.rename(self._sidecar(suffix), aside.with_name(aside.name + suffix))
        except OSError as error:
            self._warn(f"rolefit: the history {self.path} is damaged ({why}) and cannot be moved: {error.strerror}")
            return None
        self._warn(
            f"rolefit: the history {self.path} is damaged ({why}): set aside as {aside.name}; a new one is started"
        )
        return aside

    # ---- using ---------------------------------------------------------------------------------

    def save(self, result: Result) -> tuple[int, str]:
        """Keep one result in one transaction; its number and the time it was saved."""
        text = json.dumps(result.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
        saved = datetime.now(UTC).isoformat(timespec="seconds")
        return self._safely(lambda: (self._save(result, text, saved), saved))

    def _save(self, result: Result, text: str, saved: str) -> int:
        db = self._connection(create=True)
        assert db is not None
        with _sqlite_errors(self.path), _transaction(db):
            (count,) = db.execute("SELECT count(*) FROM results").fetchone()
            if count >= MAX_RESULTS:
                raise HistoryError(
                    f"the history holds {count} results, the most it keeps: "
                    "delete some with `rolefit history delete N` (or --all)"
                )
            return history_rows.insert_result(db, result, text, saved)

    def _entries(self) -> HistoryList:
        db = self._read()
        if db is None:
            return HistoryList(version=HISTORY_LIST_VERSION, results=[], damaged=0)
        entries, damaged = [], 0
        with _sqlite_errors(self.path):
            fits = fits_by_number(db)
            for row in db.execute("SELECT number, saved, bank, verdict, role, margin FROM results ORDER BY number"):
                entry = entry_of_row(row, fits.get(row[0], []))
                if entry is None:
                    damaged += 1
                else:
                    entries.append(entry)
        return HistoryList(version=HISTORY_LIST_VERSION, results=entries, damaged=damaged)

    def entries(self) -> HistoryList:
        """Every kept result by its columns, oldest first; a row that cannot be read is counted, not shown."""
        return self._safely(self._entries)

    def number_of(self, ref: str) -> int:
        """The number a reference names: digits, or ``last`` for the latest; a usage error otherwise."""
        return self._safely(lambda: self._number_of(ref))

    def get(self, number: int) -> KeptResult:
        """One kept result, read back whole and checked as ``rolefit explain`` checks a file."""
        return self._safely(lambda: self._get(number))

    def previous(self, bank: str, before: int | None = None) -> HistoryEntry | None:
        """The latest kept result on a bank (before a number, when given); None when there is none."""
        return self._safely(lambda: self._previous(bank, before))

    def delete(self, number: int | None) -> int:
        """Delete one result (or every one, for None) in one transaction; how many were deleted."""
        return self._safely(lambda: self._delete(number))

    def _safely(self, use: Callable[[], T]) -> T:
        """Run a use of the file; damage found on the way sets it aside (one line) and the use runs again on no file."""
        try:
            return use()
        except Damaged as why:
            if self.set_aside(str(why)) is None:
                raise HistoryError(f"the history {self.path} is damaged ({why}): move it away") from None
            return use()  # the file is gone now: a read finds nothing, a save starts a new history

    def _read(self) -> sqlite3.Connection | None:
        return self._connection(create=False)

    def _number_of(self, ref: str) -> int:
        from rolefit.errors import UsageError

        if ref == "last":
            db = self._read()
            row = db.execute("SELECT max(number) FROM results").fetchone() if db else None
            if row is None or row[0] is None:
                raise HistoryError("the history is empty: take the quiz first (rolefit quiz)")
            return int(row[0])
        if ref.isascii() and ref.isdigit() and len(ref) < 10:
            return int(ref)
        raise UsageError(f"{ref!r} is not a result number: give a number that `rolefit history` lists, or last")

    def _get(self, number: int) -> KeptResult:
        db = self._read()
        with _sqlite_errors(self.path):
            row = db.execute("SELECT saved, result FROM results WHERE number = ?", (number,)).fetchone() if db else None
        if row is None:
            raise HistoryError(f"there is no result {number} in the history: `rolefit history` lists them")
        saved, text = row
        problem = "it is not a result rolefit wrote"
        try:
            if isinstance(text, str) and len(text) <= MAX_BYTES and isinstance(saved, str):
                result = Result.model_validate(json.loads(text))
                if not inconsistencies(result):
                    return KeptResult(version=HISTORY_ENTRY_VERSION, number=number, saved=saved, result=result)
                problem = "its numbers contradict each other"
        except (ValueError, RecursionError, ValidationError):  # JSONDecodeError and pydantic's errors are ValueErrors
            pass
        raise HistoryError(
            f"result {number} in the history is damaged ({problem}): delete it with rolefit history delete {number}"
        )

    def _previous(self, bank: str, before: int | None = None) -> HistoryEntry | None:
        db = self._read()
        if db is None:
            return None
        with _sqlite_errors(self.path):
            row = db.execute(
                "SELECT number, saved, bank, verdict, role, margin FROM results WHERE bank = ? AND number < ? "
                "ORDER BY number DESC LIMIT 1",
                (bank, before if before is not None else 2**62),
            ).fetchone()
            if row is None:
                return None
            fits = db.execute("SELECT role, name, score FROM fits WHERE number = ? ORDER BY rank", (row[0],)).fetchall()
        return entry_of_row(row, fits)

    def _delete(self, number: int | None) -> int:
        db = self._read()
        if db is None:
            return 0
        where, args = ("WHERE number = ?", (number,)) if number is not None else ("", ())
        with _sqlite_errors(self.path):
            db.execute("PRAGMA secure_delete = ON")  # a deleted result is overwritten, not left in free pages
            with _transaction(db):
                db.execute(f"DELETE FROM fits {where}", args)
                deleted = db.execute(f"DELETE FROM results {where}", args).rowcount
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # nor left in the WAL
        return int(deleted)


def _use_wal(db: sqlite3.Connection) -> None:
    """Put the file in WAL mode (a file already in it is left so). Switching needs the file to itself, and SQLite
    does not wait for that: a switch another rolefit holds up is tried again for up to BUSY_SECONDS, and past that
    this run keeps the rollback journal, which is as safe against a crash, only slower."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            if db.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal":
                return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
        if time.monotonic() > deadline:
            return
        time.sleep(0.02)


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; Ctrl-C is held off meanwhile."""
    with signals_held():
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


@contextlib.contextmanager
def _sqlite_errors(path: Path) -> Iterator[None]:
    """A damaged file becomes Damaged (to be set aside); any other SQLite failure a HistoryError in one line."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            raise Damaged(str(error)) from None
        raise HistoryError(f"cannot use the history {path}: {_reason(error)}") from None


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)


def keep(result: Result, env: Environment, warn: Callable[[str], None]) -> tuple[int, HistoryEntry | None] | None:
    """Keep a finished result; its number and the previous result on its bank, or None (with a warning) if not kept.

    Never raises for a problem with the history: the result has been shown, and the quiz goes on.
    """
    try:
        with History(history_path(env), warn) as history:
            previous = history.previous(result.bank.id)
            number, _ = history.save(result)
            return number, previous
    except (HistoryError, Damaged, OSError, sqlite3.Error) as error:
        warn(f"rolefit: this result was not kept in the history: {error}")
        return None
