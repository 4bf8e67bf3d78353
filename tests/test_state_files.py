"""State and cache files are rolefit's own, so only a regular file is one: a FIFO, a device or a symlink put in
their place (audit, issue 12) is treated as damage at once, never waited on or read without end."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from rolefit.data.catalog import LoadedBank, ProfileSet, load_profiles
from rolefit.files import NotRegular, open_state_file, read_state_file
from rolefit.quiz.progress import ProgressStore


def test_a_regular_file_is_read_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(b"x" * 10)
    assert read_state_file(path, 10) == b"x" * 10
    with pytest.raises(NotRegular, match="larger than"):
        read_state_file(path, 9)


@pytest.mark.parametrize("kind", ["fifo", "device", "symlink"])
def test_anything_but_a_regular_file_is_refused_without_waiting(tmp_path: Path, kind: str) -> None:
    """A FIFO with no writer, /dev/zero behind a symlink: refused at once (the thread would hang otherwise)."""
    path = tmp_path / "state.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")
    else:
        path.symlink_to("/dev/zero")
    assert isinstance(_within(5, lambda: _try(read_state_file, path)), NotRegular)
    assert isinstance(_within(5, lambda: _try(open_state_file, path)), NotRegular)


def test_a_missing_file_is_still_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_state_file(tmp_path / "none.json", 10)


def _try(function: object, path: Path) -> object:
    try:
        result = function(path, 100) if function is read_state_file else function(path)  # type: ignore[operator]
        if hasattr(result, "close"):
            result.close()
        return result
    except (NotRegular, OSError) as error:
        return error


def _within(seconds: float, work: object) -> object:
    """Run ``work`` in a thread; fail if it is still running after ``seconds`` (it would hang the command)."""
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(work()), daemon=True)  # type: ignore[operator]
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "blocked on a non-regular state file"
    return outcome[0]


@pytest.mark.parametrize("hostile", ["fifo", "zero"])
def test_a_hostile_progress_or_lock_file_never_blocks_the_quiz(tmp_path: Path, hostile: str, quick: LoadedBank) -> None:
    """A FIFO or a symlink to /dev/zero as progress file, backup and lock: no saved progress, no hang, and a save
    replaces the progress file with a regular one (the lock is refused, so progress stays in memory)."""
    for name in ("quick.json", "quick.json.bak"):
        path = tmp_path / name
        os.mkfifo(path) if hostile == "fifo" else path.symlink_to("/dev/zero")
    warnings: list[str] = []
    store = ProgressStore(quick.id, directory=tmp_path, warn=warnings.append)
    assert _within(5, lambda: store.load(quick)) is None
    assert any("not a regular file" in w for w in warnings)
    (tmp_path / "quick.lock").symlink_to("/dev/zero")
    _within(5, store.lock)
    assert store.memory_only


@pytest.mark.parametrize("hostile", ["fifo", "zero"])
def test_a_hostile_cache_entry_is_parsed_around_and_replaced(tmp_path: Path, hostile: str) -> None:
    """A parsed-data cache entry that is a FIFO or points at /dev/zero: the data loads from the file, at once."""
    load_profiles(cache=tmp_path)  # write the entries
    entries = sorted(tmp_path.glob("*.json"))
    assert entries
    for entry in entries:
        entry.unlink()
        os.mkfifo(entry) if hostile == "fifo" else entry.symlink_to("/dev/zero")
    profiles = _within(5, lambda: load_profiles(cache=tmp_path))
    assert isinstance(profiles, ProfileSet) and len(profiles.profiles) == 2
    assert all(entry.is_file() and not entry.is_symlink() for entry in entries)  # rewritten as regular files


@pytest.mark.parametrize(
    "content",
    [
        '{"format": 1, "bank": [], "session": {}}',
        '{"format": 1, "bank": "quick", "session": {}}',
        '{"format": 1, "bank": {"id": "quick", "hash": "h", "version": 1}}',
        '{"format": 1, "bank": {"id": "quick", "hash": "h", "version": 1}, "session": []}',
        '{"format": 1, "bank": {"id": "quick", "hash": "h", "version": 1}, "session": {"position": '
        + "9" * 5000
        + "}}",
    ],
    ids=["bank-list", "bank-string", "session-missing", "session-list", "huge-number"],
)
def test_a_damaged_progress_file_is_named_in_rolefits_words(tmp_path: Path, quick: LoadedBank, content: str) -> None:
    """Whatever a hand-edited progress file holds, the warning says so plainly, never in Python's own words."""
    from rolefit.quiz.progress import FORMAT

    (tmp_path / "quick.json").write_text(content.replace('"format": 1', f'"format": {FORMAT}'), encoding="utf-8")
    warnings: list[str] = []
    assert ProgressStore(quick.id, directory=tmp_path, warn=warnings.append).load(quick) is None
    assert len(warnings) == 1
    for internal in ("indices", "must be", "int_max_str_digits", "NoneType", "object", "Exceeds"):
        assert internal not in warnings[0], warnings[0]
