"""Saved progress: where it lives, atomic saves with a backup, damaged files, the lock, unwritable directories."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from rolefit.data.catalog import LoadedBank
from rolefit.errors import RolefitError
from rolefit.quiz.progress import FORMAT, ProgressStore, state_dir
from tests.helpers import answered


def changed(bank: LoadedBank) -> LoadedBank:
    """The same bank id with different content (a new version), so a different hash."""
    return LoadedBank(bank.bank.model_copy(update={"version": bank.bank.version + 1}), bank.items, bank.label)


def test_progress_lives_in_the_xdg_state_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """XDG_STATE_HOME is respected: $XDG_STATE_HOME/rolefit/progress."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert state_dir() == tmp_path / "state" / "rolefit" / "progress"
    assert ProgressStore("quick").path == tmp_path / "state" / "rolefit" / "progress" / "quick.json"


def test_save_then_load_round_trips(store: ProgressStore, quick: LoadedBank, warnings: list[str]) -> None:
    """What is saved comes back: bank id and hash, seed, answers, position."""
    session = answered(quick, 3)
    session.skip()
    assert store.save(session, quick, seed=5) is True
    data = json.loads(store.path.read_text())
    assert data["format"] == FORMAT
    assert data["bank"] == {"id": "quick", "version": quick.bank.version, "hash": quick.hash}
    assert data["created"] and data["updated"]
    saved = ProgressStore(quick.id).load(quick)
    assert saved is not None and saved.matches(quick)
    assert saved.seed == 5
    assert saved.answered == 3
    assert saved.session.to_dict() == session.to_dict()
    assert warnings == []


def test_each_save_keeps_the_previous_one_as_backup(store: ProgressStore, quick: LoadedBank) -> None:
    """The file before the last save is kept as .bak."""
    store.save(answered(quick, 1), quick)
    store.save(answered(quick, 2), quick)
    assert json.loads(store.backup.read_text())["answered"] == 1
    assert json.loads(store.path.read_text())["answered"] == 2


def test_no_temporary_files_are_left_behind(store: ProgressStore, quick: LoadedBank) -> None:
    """Atomic writes clean up after themselves."""
    for count in range(4):
        store.save(answered(quick, count), quick)
    assert sorted(path.name for path in store.directory.iterdir()) == ["quick.json", "quick.json.bak"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: "",
        lambda text: "\x00\xff garbage",
        lambda text: json.dumps({"format": 99}),
        lambda text: text.replace('"position": 2', '"position": 99'),
    ],
)
def test_a_damaged_file_is_reported_once_and_the_backup_used(
    store: ProgressStore, quick: LoadedBank, warnings: list[str], damage: object
) -> None:
    """A truncated or corrupt progress file: one line naming it, then the previous good copy."""
    store.save(answered(quick, 1), quick)
    store.save(answered(quick, 2), quick)
    store.path.write_text(damage(store.path.read_text()))  # type: ignore[operator]
    saved = store.load(quick)
    assert saved is not None and saved.answered == 1
    assert len(warnings) == 1 and "damaged" in warnings[0] and str(store.path) in warnings[0]
    assert "\n" not in warnings[0]


def test_a_damaged_file_without_backup_is_reported_and_ignored(
    store: ProgressStore, quick: LoadedBank, warnings: list[str]
) -> None:
    """No good copy: the user is told and the quiz starts fresh instead of crashing."""
    store.directory.mkdir(parents=True)
    store.path.write_text('{"format": 1, "bank": ')
    assert store.load(quick) is None
    assert len(warnings) == 1 and "cannot be resumed" in warnings[0]


def test_a_missing_file_uses_the_backup_quietly(store: ProgressStore, quick: LoadedBank, warnings: list[str]) -> None:
    """Interrupted between moving the old file aside and writing the new one: the backup is the progress."""
    store.save(answered(quick, 1), quick)
    store.save(answered(quick, 2), quick)
    store.path.unlink()
    saved = store.load(quick)
    assert saved is not None and saved.answered == 1
    assert warnings == []


def test_an_answer_that_no_longer_fits_its_item_is_damage(
    store: ProgressStore, quick: LoadedBank, warnings: list[str]
) -> None:
    """A hand-edited answer (7 on a 1-5 item) is not loaded into the quiz."""
    store.save(answered(quick, 1), quick)
    data = json.loads(store.path.read_text())
    first = data["session"]["asked"][0]
    data["session"]["answers"][first] = 7
    store.path.write_text(json.dumps(data))
    assert store.load(quick) is None
    assert "damaged" in warnings[0]


def test_progress_from_another_bank_version_does_not_match(store: ProgressStore, quick: LoadedBank) -> None:
    """A different hash is reported as not matching, so answers are never mixed across versions."""
    store.save(answered(quick, 2), quick)
    newer = changed(quick)
    assert newer.id == quick.id and newer.hash != quick.hash
    saved = ProgressStore(quick.id).load(newer)
    assert saved is not None
    assert not saved.matches(newer)
    assert saved.bank_hash == quick.hash


def test_discard_removes_the_file_and_its_backup(store: ProgressStore, quick: LoadedBank) -> None:
    """Finishing or restarting leaves nothing to resume."""
    store.save(answered(quick, 1), quick)
    store.save(answered(quick, 2), quick)
    store.discard()
    assert not store.path.exists() and not store.backup.exists()
    assert store.load(quick) is None


def test_a_second_quiz_on_the_same_bank_is_refused(store: ProgressStore, quick: LoadedBank) -> None:
    """The lock: a second store on the same bank gets a clear one-line error (exit 1) until the first unlocks."""
    store.lock()
    other = ProgressStore(quick.id)
    with pytest.raises(RolefitError, match="another rolefit quiz is running on bank 'quick'") as caught:
        other.lock()
    assert caught.value.exit_code == 1
    ProgressStore("core").lock()  # another bank is fine
    store.unlock()
    other.lock()
    other.unlock()


def test_an_unwritable_state_directory_warns_once_and_keeps_going(
    tmp_path: Path, quick: LoadedBank, warnings: list[str]
) -> None:
    """When progress cannot be written, one warning says answers live in memory only; the quiz goes on."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the state directory should be")
    store = ProgressStore(quick.id, directory=blocker / "progress", warn=warnings.append)
    store.lock()  # no lock possible, and no crash
    assert store.load(quick) is None
    assert store.save(answered(quick, 1), quick) is False
    assert store.save(answered(quick, 2), quick) is False
    assert store.memory_only
    assert len(warnings) == 1
    assert "memory only" in warnings[0] and "\n" not in warnings[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permissions")
def test_a_read_only_state_directory_warns_once(tmp_path: Path, quick: LoadedBank, warnings: list[str]) -> None:
    """A read-only directory is handled like any other unwritable one."""
    directory = tmp_path / "progress"
    directory.mkdir()
    directory.chmod(0o500)
    try:
        store = ProgressStore(quick.id, directory=directory, warn=warnings.append)
        assert store.save(answered(quick, 1), quick) is False
        assert len(warnings) == 1 and "memory only" in warnings[0]
    finally:
        directory.chmod(0o700)
