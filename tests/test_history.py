"""The history of results: the SQLite store (versioned, WAL, damage set aside, concurrent saves), the quiz keeping
its results, and ``rolefit history`` and ``rolefit compare`` through the command line."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import threading
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.commands.history import delete_history
from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.env import Environment
from rolefit.errors import UsageError
from rolefit.quiz import history as store
from rolefit.quiz.history import APPLICATION_ID, SCHEMA, History, keep
from rolefit.scoring.result import Result
from rolefit.views.history import compare_line, entry_standing, saved_line, short_names, standing
from tests.answer_sets import CLEAR_PM, LEAN_PMM
from tests.helpers import extreme, result_of, run_rolefit

runner = CliRunner()
PM, PMM = "product-manager", "product-marketing-manager"


def state(tmp_path: Path) -> Environment:
    """An environment whose state directory is tmp_path/state."""
    return Environment(stdout=io.StringIO(), stderr=io.StringIO(), state=tmp_path / "state")


def db_path(env: Environment) -> Path:
    return env.state_dir / store.FILE_NAME


def pragma(path: Path, name: str) -> object:
    with sqlite3.connect(path) as db:
        return db.execute(f"PRAGMA {name}").fetchone()[0]


def answers_file(tmp_path: Path, answers: dict[str, int | str], name: str, bank: str = "core") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"bank": bank, "answers": answers}), encoding="utf-8")
    return path


def cli(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    """rolefit in-process, stdout and stderr apart."""
    return runner.invoke(app, list(args), input=stdin)


# ---- the store -------------------------------------------------------------------------------------


def test_a_new_history_has_the_current_schema_in_wal_mode_and_is_private(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet
) -> None:
    """The first save creates the file at the current schema version, marked as rolefit's, in WAL mode, mode 0600."""
    env = state(tmp_path)
    warnings: list[str] = []
    kept = keep(result_of(core, profiles, CLEAR_PM), env, warnings.append)
    assert kept == (1, None) and warnings == []
    path = db_path(env)
    assert pragma(path, "user_version") == SCHEMA
    assert pragma(path, "application_id") == APPLICATION_ID
    assert pragma(path, "journal_mode") == "wal"
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("empty", ["zero bytes", "version 0 database"])
def test_a_version_0_file_is_migrated(tmp_path: Path, core: LoadedBank, profiles: ProfileSet, empty: str) -> None:
    """Version 0 (a new file, empty or a database with no tables yet) is migrated to the current schema, not set aside."""
    env = state(tmp_path)
    path = db_path(env)
    path.parent.mkdir(parents=True)
    if empty == "zero bytes":
        path.write_bytes(b"")
    else:
        sqlite3.connect(path).close()
    warnings: list[str] = []
    assert keep(result_of(core, profiles, CLEAR_PM), env, warnings.append) == (1, None)
    assert warnings == [] and pragma(path, "user_version") == SCHEMA
    assert list(path.parent.glob("*.damaged-*")) == []


def test_a_history_from_a_newer_rolefit_is_left_alone(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> None:
    """A file at a schema newer than this rolefit's is neither written nor set aside; the quiz is told in one line."""
    env = state(tmp_path)
    keep(result_of(core, profiles, CLEAR_PM), env, lambda _: None)
    path = db_path(env)
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA + 1}")
    before = path.read_bytes()
    warnings: list[str] = []
    assert keep(result_of(core, profiles, LEAN_PMM), env, warnings.append) is None
    assert len(warnings) == 1 and "newer rolefit" in warnings[0] and warnings[0].startswith("rolefit: ")
    assert path.read_bytes() == before and list(path.parent.glob("*.damaged-*")) == []
    with History(path, warnings.append) as history, pytest.raises(store.HistoryError, match="upgrade rolefit"):
        history.entries()  # the history commands say the same, as one line and exit 1


@pytest.mark.parametrize(
    "content", [b"this is not a database at all, just text\n" * 20, b"SQLite format 3\x00" + b"\xff" * 200]
)
def test_a_damaged_file_is_set_aside_and_the_result_still_kept(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet, content: bytes
) -> None:
    """A file that is not a database is reported in one line, renamed aside (its bytes kept), and a new one started."""
    env = state(tmp_path)
    path = db_path(env)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    warnings: list[str] = []
    assert keep(result_of(core, profiles, CLEAR_PM), env, warnings.append) == (1, None)
    assert len(warnings) == 1 and "damaged" in warnings[0] and "\n" not in warnings[0]
    (aside,) = path.parent.glob(f"{store.FILE_NAME}.damaged-*")
    assert aside.read_bytes() == content
    assert pragma(path, "user_version") == SCHEMA


def test_a_corrupted_page_is_set_aside_when_listing(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> None:
    """Damage inside a valid file (a page overwritten) is found on use, set aside, and the listing goes on empty."""
    env = state(tmp_path)
    for answers in (CLEAR_PM, LEAN_PMM, CLEAR_PM):
        keep(result_of(core, profiles, answers), env, lambda _: None)
    path = db_path(env)
    page = pragma(path, "page_size")
    assert isinstance(page, int)
    with path.open("r+b") as handle:  # page 2 onward: the tables' b-trees
        handle.seek(page)
        handle.write(b"\xa5" * page * 2)
    warnings: list[str] = []
    with History(path, warnings.append) as history:
        listed = history.entries()
    assert listed.results == [] and len(warnings) == 1 and "damaged" in warnings[0]
    assert len(list(path.parent.glob("*.damaged-*"))) == 1


def test_another_programs_database_is_set_aside(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> None:
    """A database with tables rolefit never made is not migrated into: it is set aside whole."""
    env = state(tmp_path)
    path = db_path(env)
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
        db.execute("INSERT INTO notes VALUES ('mine')")
    warnings: list[str] = []
    assert keep(result_of(core, profiles, CLEAR_PM), env, warnings.append) == (1, None)
    (aside,) = path.parent.glob("*.damaged-*")
    with sqlite3.connect(aside) as db:
        assert db.execute("SELECT body FROM notes").fetchall() == [("mine",)]
    assert "not a rolefit history" in warnings[0]


@pytest.mark.parametrize("kind", ["symlink", "fifo", "directory"])
def test_what_is_not_a_regular_file_is_set_aside_never_followed(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet, kind: str
) -> None:
    """A symlink (to a file of the user's), a FIFO or a directory at the history's name is moved aside, not used."""
    env = state(tmp_path)
    path = db_path(env)
    path.parent.mkdir(parents=True)
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    if kind == "symlink":
        path.symlink_to(target)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    warnings: list[str] = []
    assert keep(result_of(core, profiles, CLEAR_PM), env, warnings.append) == (1, None)
    assert "not a regular file" in warnings[0]
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert path.is_file() and not path.is_symlink()


def test_a_state_directory_that_cannot_hold_the_history_costs_one_line(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet
) -> None:
    """A state directory that is a file: the result is not kept, and one warning line says so and why."""
    blocked = tmp_path / "state"
    blocked.write_text("a file, not a directory\n", encoding="utf-8")
    warnings: list[str] = []
    assert keep(result_of(core, profiles, CLEAR_PM), Environment(state=blocked), warnings.append) is None
    assert len(warnings) == 1 and warnings[0].startswith("rolefit: this result was not kept in the history: ")
    assert str(blocked) in warnings[0] and "\n" not in warnings[0]


def test_concurrent_saves_all_land_with_distinct_numbers(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet
) -> None:
    """Eight rolefits saving at once (each its own connection) keep all eight results, numbered 1 to 8."""
    env = state(tmp_path)
    result = result_of(core, profiles, CLEAR_PM)
    numbers: list[int] = []
    warnings: list[str] = []
    start = threading.Barrier(8)

    def save() -> None:
        start.wait()
        kept = keep(result, Environment(state=env.state_dir), warnings.append)
        if kept is not None:
            numbers.append(kept[0])

    threads = [threading.Thread(target=save) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert warnings == []
    assert sorted(numbers) == list(range(1, 9))
    with History(db_path(env), warnings.append) as history:
        assert [entry.number for entry in history.entries().results] == list(range(1, 9))


def test_a_save_that_fails_half_way_leaves_nothing(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save is one transaction: a failure after the result's row is written rolls the row back too."""
    env = state(tmp_path)
    keep(result_of(core, profiles, CLEAR_PM), env, lambda _: None)
    from rolefit.quiz import history_rows

    real = history_rows.insert_result

    def half(db: sqlite3.Connection, result: Result, text: str, saved: str) -> int:
        real(db, result, text, saved)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(history_rows, "insert_result", half)
    warnings: list[str] = []
    assert keep(result_of(core, profiles, LEAN_PMM), env, warnings.append) is None
    assert len(warnings) == 1 and warnings[0].startswith("rolefit: this result was not kept")
    monkeypatch.undo()
    with History(db_path(env), warnings.append) as history:
        assert [entry.number for entry in history.entries().results] == [1]


def test_a_hand_edited_row_is_damaged_in_one_line(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> None:
    """A row whose JSON or columns rolefit never wrote: show says so in one line, the list leaves it out and counts it."""
    env = Environment.from_process()
    for answers in (CLEAR_PM, LEAN_PMM):
        keep(result_of(core, profiles, answers), env, lambda _: None)
    with sqlite3.connect(db_path(env)) as db:
        db.execute("UPDATE results SET result = '[[[[' WHERE number = 1")
        db.execute("UPDATE results SET verdict = 'bogus' WHERE number = 2")
    with History(db_path(env), lambda _: None) as history:
        listed = history.entries()
        assert [entry.number for entry in listed.results] == [1] and listed.damaged == 1
    done = cli("history", "show", "1")
    assert done.exit_code == 1
    assert done.stderr.startswith("rolefit: result 1 in the history is damaged") and done.stderr.count("\n") == 1


# ---- the quiz keeps its results ------------------------------------------------------------------------


class Typed(io.StringIO):
    """Typed lines on a stdin that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def interactive(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], answer: str, **options: object
) -> tuple[Result, str, str]:
    """One plain interactive quick quiz, every item answered with the same key; the result, stdout and stderr."""
    from rolefit.commands.quiz import QuizOptions, take_quiz

    monkeypatch.setattr("sys.stdin", Typed("\n" + f"{answer}\n" * 12 + "\n"))
    result = take_quiz(QuizOptions(bank="quick", plain=True, **options), Environment.from_process())  # type: ignore[arg-type]
    out, err = capsys.readouterr()
    return result, out, err


def test_an_interactive_result_is_kept_and_the_next_one_compares_with_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], profiles: ProfileSet
) -> None:
    """Each finished interactive quiz is kept and says where; the second also says how it compares with the first."""
    first, out, err = interactive(monkeypatch, capsys, "1")
    assert f"rolefit: {saved_line(1)}\n" in err and "Last time" not in out + err
    second, out, err = interactive(monkeypatch, capsys, "2")
    assert f"rolefit: {saved_line(2)}\n" in err
    with History(store.history_path(Environment.from_process()), lambda _: None) as history:
        one, two = history.entries().results
        assert history.get(2).result == second and history.get(1).result == first
    line = compare_line(one, two, short_names(profiles))
    assert line in " ".join(out.split())  # in the rendered result
    assert line.startswith("Last time (") and entry_standing(one, short_names(profiles)) in line


def test_no_save_keeps_nothing(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """--no-save: the interactive result is shown but not kept, and nothing says it was."""
    _, _, err = interactive(monkeypatch, capsys, "1", save=False)
    assert "saved as result" not in err
    listed = cli("history", "--json")
    assert json.loads(listed.stdout)["results"] == []


def test_answers_runs_are_kept_only_with_save(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> None:
    """`--answers` alone keeps nothing (and prints nothing on stderr); with --save it is kept, stdout still only JSON."""
    path = answers_file(tmp_path, extreme(core, profiles, PM), "a.yaml")
    plain = cli("quiz", "--answers", str(path), "--json")
    assert plain.exit_code == 0 and plain.stderr == ""
    assert json.loads(cli("history", "--json").stdout)["results"] == []
    saved = cli("quiz", "--answers", str(path), "--json", "--save")
    assert saved.exit_code == 0
    assert saved.stderr == f"rolefit: {saved_line(1)}\n"
    assert json.loads(saved.stdout) == json.loads(plain.stdout) | {
        "rolefit_version": json.loads(saved.stdout)["rolefit_version"]
    }
    listed = json.loads(cli("history", "--json").stdout)["results"]
    assert [(e["number"], e["bank"], e["role"]) for e in listed] == [(1, "core", PM)]


# ---- rolefit history ------------------------------------------------------------------------------------


def kept_two(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> tuple[Path, Path]:
    """Two results kept through the command: CLEAR_PM, then the same with one answer changed; their files."""
    later = dict(CLEAR_PM, **{"enjoys-writing-specs": 1})
    files = []
    for name, answers in (("a", CLEAR_PM), ("b", later)):
        out = tmp_path / f"{name}.json"
        done = cli("quiz", "--answers", str(answers_file(tmp_path, answers, f"{name}.yaml")), "--save", "-o", str(out))
        assert done.exit_code == 0, done.stderr
        files.append(out)
    return files[0], files[1]


def test_history_lists_each_result_in_words(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> None:
    """`rolefit history`: number, bank, verdict in words and both fits by short name; no item ids."""
    kept_two(tmp_path, core, profiles)
    done = cli("history")
    assert done.exit_code == 0 and done.stderr == ""
    listed = json.loads(cli("history", "--json").stdout)["results"]
    short = short_names(profiles)
    lines = done.stdout.splitlines()
    for entry in listed:
        row = next(line for line in lines if line.startswith(f"{entry['number']} "))
        assert "core" in row and standing(entry["verdict"], entry["role"], entry["margin"], short[entry["role"]]) in row
        for fit in entry["fits"]:
            assert f"{short[fit['role']]} {fit['score']:.1f}" in row
    assert "enjoys-writing-specs" not in done.stdout


def test_history_when_empty_says_so(tmp_path: Path) -> None:
    """No history yet: one sentence, exit 0, and `last` is an error naming the quiz."""
    done = cli("history")
    assert done.exit_code == 0 and "No results kept yet" in done.stdout
    last = cli("history", "show", "last")
    assert last.exit_code == 1 and last.stderr.startswith("rolefit: the history is empty")


def test_history_show_reopens_a_result_in_the_quiz_view(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> None:
    """`history show N` draws exactly what `explain` draws for the same result, under a line naming it; --json has it."""
    first, second = kept_two(tmp_path, core, profiles)
    for ref, file in (("1", first), ("last", second)):
        shown = cli("history", "show", ref)
        assert shown.exit_code == 0, shown.stderr
        assert shown.stdout.endswith(cli("explain", str(file)).stdout)
        assert shown.stdout.startswith(f"Result {1 if ref == '1' else 2}, kept ")
        data = json.loads(cli("history", "show", ref, "--json").stdout)
        assert data["result"] == json.loads(file.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("ref", "code", "start"), [("9", 1, "rolefit: there is no result 9"), ("x", 2, "rolefit: 'x' is not")]
)
def test_history_show_of_a_bad_reference_is_one_line(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet, ref: str, code: int, start: str
) -> None:
    """A number not in the history is exit 1, a reference that is no number exit 2; one line each."""
    kept_two(tmp_path, core, profiles)
    done = cli("history", "show", ref)
    assert done.exit_code == code and done.stderr.startswith(start) and done.stderr.count("\n") == 1


def test_history_delete_one_and_all(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> None:
    """delete N --yes removes that one (numbers are never reused); delete --all --yes empties the history."""
    kept_two(tmp_path, core, profiles)
    done = cli("history", "delete", "1", "--yes")
    assert done.exit_code == 0 and done.stderr.startswith("rolefit: deleted result 1 (")
    assert [e["number"] for e in json.loads(cli("history", "--json").stdout)["results"]] == [2]
    again = cli("quiz", "--answers", str(tmp_path / "a.yaml"), "--save", "--json")
    assert again.stderr.endswith(f"rolefit: {saved_line(3)}\n")  # after how it compares with result 2
    path = store.history_path(Environment.from_process())
    evidence = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["reasons"][0]["evidence"][0]["text"]
    assert evidence.encode() in b"".join(p.read_bytes() for p in path.parent.glob(f"{path.name}*"))
    every = cli("history", "delete", "--all", "--yes")
    assert every.exit_code == 0 and every.stderr == "rolefit: deleted all 2 kept results\n"
    assert json.loads(cli("history", "--json").stdout)["results"] == []
    assert evidence.encode() not in b"".join(p.read_bytes() for p in path.parent.glob(f"{path.name}*"))  # overwritten


def test_history_delete_asks_on_a_terminal_and_needs_yes_without_one(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet
) -> None:
    """Without --yes: a terminal is asked (no keeps it, y deletes); with no terminal it is a usage error."""
    kept_two(tmp_path, core, profiles)
    refused = cli("history", "delete", "--all")
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    env = Environment.from_process()
    for typed, left in (("n\n", 2), ("\n", 2), ("y\n", 1)):
        env.stdin, env.stdin_isatty, env.stderr = Typed(typed), True, io.StringIO()
        delete_history("last", every=False, yes=False, env=env)
        assert "Delete result" in env.stderr.getvalue() and "[y/N]" in env.stderr.getvalue()
        assert len(json.loads(cli("history", "--json").stdout)["results"]) == left
    with pytest.raises(UsageError):
        delete_history("1", every=True, yes=True, env=env)


# ---- rolefit compare ------------------------------------------------------------------------------------


def test_compare_attributes_a_single_changed_answer_exactly(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet
) -> None:
    """With one answer changed, that answer's move is the whole move of each fit (to rounding), and it is named in
    words, never by id; result files compare the same as kept numbers."""
    first, second = kept_two(tmp_path, core, profiles)
    done = cli("compare", "1", "last", "--json")
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["changed"] == 1 and data["attribution"] == "rescored"
    (move,) = data["answers"]
    assert (move["item"], move["before"], move["after"]) == ("enjoys-writing-specs", 5, 1)
    for fit in data["fits"]:
        assert fit["change"] == pytest.approx(fit["after"] - fit["before"], abs=0.11)
        assert move["moved"][fit["role"]] == pytest.approx(fit["change"], abs=0.2)
    assert data["before"]["number"] == 1 and data["after"]["number"] == 2
    files = json.loads(cli("compare", str(first), str(second), "--json").stdout)
    assert files["answers"] == data["answers"] and files["before"]["file"] == str(first)
    shown = cli("compare", "1", "2")
    assert shown.exit_code == 0 and "enjoys-writing-specs" not in shown.stdout
    assert core.item("enjoys-writing-specs").text.split()[0] in shown.stdout
    assert "result 1 (" in shown.stdout and "→" in shown.stdout


def test_compare_of_different_banks_says_why_no_answer_is_attributed(
    tmp_path: Path, core: LoadedBank, quick: LoadedBank, profiles: ProfileSet
) -> None:
    """Results from two banks compare by fits and verdict only, and say why."""
    cli("quiz", "--answers", str(answers_file(tmp_path, extreme(core, profiles, PM), "a.yaml")), "--save")
    quick_answers = answers_file(tmp_path, extreme(quick, profiles, PMM), "b.yaml", bank="quick")
    cli("quiz", "--bank", "quick", "--answers", str(quick_answers), "--save")
    data = json.loads(cli("compare", "1", "2", "--json").stdout)
    assert data["attribution"] == "different-banks" and data["answers"] == []
    assert "different banks" in cli("compare", "1", "2").stdout


def test_the_intro_says_results_are_kept_in_the_local_history(quick: LoadedBank, profiles: ProfileSet) -> None:
    """The quiz's first screen says results, too, stay on this machine, in the history."""
    from rolefit.quiz import screens

    text = " ".join(
        screens.to_plain(screens.intro(quick, profiles, progress_file=None, saved=None, plain=True), width=200).split()
    )
    assert "Results are kept on this machine too, in the local history (rolefit history)." in text


def test_with_no_save_the_intro_says_the_result_is_not_kept(tmp_path: Path) -> None:
    """`rolefit quiz --no-save`: the intro says the result stays out of the history, and it does."""
    env = Environment(
        stdin=io.StringIO("q\n"), stdout=io.StringIO(), stderr=io.StringIO(), stdin_isatty=True, state=tmp_path
    )
    from rolefit.commands.quiz import QuizOptions, take_quiz
    from rolefit.errors import Interrupted

    with pytest.raises(Interrupted):
        take_quiz(QuizOptions(bank="quick", plain=True, save=False), env)
    text = " ".join(env.stderr.getvalue().split())  # type: ignore[union-attr]
    assert "This result is not kept in the local history (--no-save)." in text
    assert "Results are kept" not in text


@pytest.mark.slow
def test_the_installed_command_keeps_lists_shows_compares_and_deletes(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet
) -> None:
    """Through the installed rolefit: two --save runs at once both land; history, show, compare and delete work."""
    import subprocess

    from tests.helpers import ROLEFIT, env_for

    env = env_for(tmp_path / "home")
    files = [answers_file(tmp_path, extreme(core, profiles, role), f"{role}.yaml") for role in (PM, PMM)]
    runs = [
        subprocess.Popen(
            [str(ROLEFIT), "quiz", "--answers", str(f), "--save", "--json"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in files
    ]
    said = sorted(run.communicate(timeout=60)[1].splitlines()[-1] for run in runs)  # the later also compares
    assert said == [f"rolefit: {saved_line(1)}", f"rolefit: {saved_line(2)}"]
    listed = run_rolefit("history", "--json", env=env)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)["results"]) == 2
    for args in (["history"], ["history", "show", "last"], ["compare", "1", "2"]):
        done = run_rolefit(*args, env=env)
        assert done.returncode == 0 and done.stderr == "" and done.stdout, (args, done.stderr)
    gone = run_rolefit("history", "delete", "--all", env=env)
    assert gone.returncode == 2 and gone.stderr.startswith("rolefit: ")
    gone = run_rolefit("history", "delete", "--all", "--yes", env=env)
    assert gone.returncode == 0 and json.loads(run_rolefit("history", "--json", env=env).stdout)["results"] == []


@pytest.mark.slow
def test_a_keyboard_quiz_in_a_terminal_is_kept_and_the_next_compares(tmp_path: Path) -> None:
    """In a real terminal: the intro says results are kept; each finished quiz says where it was kept, and the
    second says how it compares with the first; `rolefit history` then lists both."""
    from tests.test_pty import QUICK_ITEMS, environment, finish, question, quiz

    for number, key in ((1, "1"), (2, "2")):  # 2 is an answer to every item (a choice has two options or more)
        child = quiz(tmp_path, stdout=tmp_path / f"out{number}.txt")
        child.expect_exact("in the local history")
        child.expect_exact("Press Enter to start")
        child.send("\r")
        for item in range(1, QUICK_ITEMS + 1):
            question(child, item)
            child.send(key)
        child.expect_exact("Review your answers")
        child.send("c")
        child.expect_exact(f"rolefit: {saved_line(number)}")
        assert finish(child) == 0
    rendered = " ".join((tmp_path / "out2.txt").read_text(encoding="utf-8").split())
    assert "Last time (" in rendered and "; now: " in rendered
    assert "Last time (" not in (tmp_path / "out1.txt").read_text(encoding="utf-8")
    listed = run_rolefit("history", "--json", env=environment(tmp_path))
    assert [entry["number"] for entry in json.loads(listed.stdout)["results"]] == [1, 2]


def test_hostile_names_in_kept_and_compared_results_print_inert(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet
) -> None:
    """Role names carrying terminal escapes (a custom profile's) print as written, never as escapes, in every view."""
    data = result_of(core, profiles, CLEAR_PM).model_dump(mode="json")
    hostile = "\x1b]0;owned\x07\x1b[31mProduct\u202eManager"
    data["fits"][0]["name"] = data["recommendation"]["name"] = hostile
    file = tmp_path / "hostile.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    assert keep(Result.model_validate(data), Environment.from_process(), lambda _: None) is not None
    for args in (["history"], ["history", "show", "last"], ["compare", str(file), "last"]):
        done = cli(*args)
        assert done.exit_code == 0, (args, done.stderr)
        assert "\x1b" not in done.stdout and "\x07" not in done.stdout and "\u202e" not in done.stdout, args
        if args[0] != "history" or len(args) > 1:  # the list names shipped roles by their short names
            assert "Product�Manager" in done.stdout, args  # shown, marked, not acted on
