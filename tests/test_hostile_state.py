"""Hostile files and state: symlink loops, hostile saved progress and caches, and data past rolefit's size limits."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.data.catalog import LoadedBank, ProfileSet, load_profiles
from rolefit.data.models import MAX_ITEMS, MAX_ROLES, MAX_SOURCES, MAX_TRAITS
from rolefit.data.reading import MAX_BYTES
from rolefit.quiz.progress import ProgressStore
from rolefit.quiz.session import QuizSession
from tests.helpers import answered, big_bank, extreme

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent
LOOPING = "cannot be read (Too many levels of symbolic links): check the path"
DEEP = "[" * 100_000 + "]" * 100_000  # nested far past any recursive parser's limit, and under 1 MiB


def run(*args: str):  # type: ignore[no-untyped-def]
    """Run rolefit in-process; a traceback would show up as an exception that is not SystemExit."""
    done = runner.invoke(app, list(args))
    assert done.exception is None or isinstance(done.exception, SystemExit), repr(done.exception)
    assert "Traceback" not in done.stderr
    return done


def one_line(done, code: int = 1) -> str:  # type: ignore[no-untyped-def]
    """The single line a failed command wrote on stderr, after checking its exit code."""
    assert done.exit_code == code, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return str(lines[0])


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh working directory, so paths print as the user typed them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def profiles_copy(directory: Path) -> Path:
    """A copy of the shipped profiles directory."""
    directory.mkdir()
    for path in (REPO / "profiles").glob("*.yaml"):
        (directory / path.name).write_bytes(path.read_bytes())
    return directory


# ---- symlink loops ------------------------------------------------------------------------------


def test_validate_of_a_looping_symlink_names_the_file(here: Path) -> None:
    """`rolefit validate loop.yaml` on a symlink to itself: one line naming it, exit 1."""
    (here / "loop.yaml").symlink_to("loop.yaml")
    assert one_line(run("validate", "loop.yaml")) == f"loop.yaml: {LOOPING}"


def test_a_symlink_cycle_of_two_files_names_the_file(here: Path) -> None:
    """a.yaml -> b.yaml -> a.yaml is a loop too: one line, exit 1."""
    (here / "a.yaml").symlink_to("b.yaml")
    (here / "b.yaml").symlink_to("a.yaml")
    assert one_line(run("validate", "a.yaml")) == f"a.yaml: {LOOPING}"


@pytest.mark.parametrize(
    "args",
    [
        ("quiz", "--bank", "loop.yaml", "--answers", "answers.json", "--json"),
        ("bank", "show", "loop.yaml"),
        ("analyze", "--bank", "loop.yaml"),
        ("score", "--bank", "loop.yaml", "answers.json"),
    ],
)
def test_a_looping_bank_path_names_the_file(here: Path, args: tuple[str, ...]) -> None:
    """--bank or `bank show` with a looping symlink: one line naming it, exit 1."""
    (here / "loop.yaml").symlink_to("loop.yaml")
    (here / "answers.json").write_text('{"bank": "loop", "answers": {}}', encoding="utf-8")
    assert one_line(run(*args)) == f"loop.yaml: {LOOPING}"


def test_a_looping_file_in_a_profiles_directory_names_the_file(here: Path) -> None:
    """A looping *.yaml inside --profiles DIR: one line naming that file, exit 1."""
    profiles_copy(here / "roles")
    (here / "roles" / "analyst.yaml").symlink_to("analyst.yaml")
    assert one_line(run("profile", "list", "--profiles", "roles")) == f"roles/analyst.yaml: {LOOPING}"
    assert one_line(run("validate", "roles")) == f"roles/analyst.yaml: {LOOPING}"


def test_a_looping_profiles_directory_names_it(here: Path) -> None:
    """--profiles naming a symlink loop: one line naming the directory as a loop (not as missing), exit 1."""
    (here / "roles").symlink_to("roles")
    assert one_line(run("profile", "list", "--profiles", "roles")) == (
        "roles: cannot be opened (Too many levels of symbolic links): point it at a directory of role profiles"
    )


def test_a_looping_base_bank_names_the_base(here: Path) -> None:
    """A select bank whose base file beside it is a symlink loop: one line at its base field naming the loop."""
    (here / "loop.yaml").symlink_to("loop.yaml")
    (here / "pick.yaml").write_text(
        "id: pick\nversion: 1\ntitle: Pick\ndescription: A selection.\nbase: loop\nselect: [a]\n", encoding="utf-8"
    )
    line = one_line(run("validate", "pick.yaml"))
    assert line == (
        "pick.yaml:5:7: base: loop.yaml beside this one cannot be opened (Too many levels of symbolic links): "
        "fix the link, or check the base id"
    )


# ---- hostile saved progress ---------------------------------------------------------------------


def test_deeply_nested_progress_without_backup_starts_fresh(
    store: ProgressStore, quick: LoadedBank, warnings: list[str]
) -> None:
    """A progress file of JSON nested 100,000 deep: one warning line naming it, then a fresh start."""
    store.directory.mkdir(parents=True)
    store.path.write_text(DEEP)
    assert store.load(quick) is None
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert str(store.path) in warnings[0] and "damaged" in warnings[0] and "cannot be resumed" in warnings[0]


def test_deeply_nested_progress_falls_back_to_the_backup(
    store: ProgressStore, quick: LoadedBank, warnings: list[str]
) -> None:
    """A hostile progress file with a good .bak: the backup's answers are resumed, and the next save keeps them."""
    store.save(answered(quick, 1), quick)
    store.save(answered(quick, 2), quick)
    store.path.write_text(DEEP)
    saved = ProgressStore(quick.id, warn=warnings.append).load(quick)
    assert saved is not None and saved.answered == 1
    assert len(warnings) == 1 and "using the previous copy" in warnings[0]
    again = ProgressStore(quick.id, warn=warnings.append)
    again.load(quick)
    again.save(answered(quick, 2), quick)
    assert json.loads(again.backup.read_text())["answered"] == 1  # the hostile file never replaced the backup
    assert json.loads(again.path.read_text())["answered"] == 2


def test_deep_nesting_inside_a_well_formed_progress_file_is_damage(
    store: ProgressStore, quick: LoadedBank, warnings: list[str]
) -> None:
    """Deep nesting hidden in one answer of an otherwise good file is damage too, never a traceback."""
    store.save(answered(quick, 1), quick)
    text = store.path.read_text()
    data = json.loads(text)
    first = data["session"]["asked"][0]
    store.path.write_text(text.replace(f'"{first}": ', f'"{first}": {DEEP[:40_000]}{DEEP[-40_000:]}, "x": ', 1))
    assert store.load(quick) is None
    assert len(warnings) == 1 and "damaged" in warnings[0]


def test_a_deeply_nested_backup_alone_starts_fresh(
    store: ProgressStore, quick: LoadedBank, warnings: list[str]
) -> None:
    """Only a hostile .bak left: the quiz starts fresh instead of crashing."""
    store.directory.mkdir(parents=True)
    store.backup.write_text(DEEP)
    assert store.load(quick) is None


def test_a_hostile_parsed_data_cache_is_ignored(tmp_path: Path) -> None:
    """A cache entry whose header is right but whose JSON is nested 100,000 deep is ignored and rewritten."""
    cache = tmp_path / "cache"
    fresh = load_profiles(cache=cache)
    entries = sorted(cache.iterdir())
    assert entries
    for entry in entries:
        header = entry.read_bytes().partition(b"\n")[0].split(b" ")
        payload = DEEP.encode()
        header[-1] = hashlib.sha256(payload).hexdigest().encode()
        entry.write_bytes(b" ".join(header) + b"\n" + payload)
    assert load_profiles(cache=cache) == fresh
    assert all(entry.read_bytes().partition(b"\n")[2] != DEEP.encode() for entry in entries)


def test_the_quiz_resumes_past_a_hostile_progress_file(
    quick: LoadedBank, profiles: ProfileSet, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The interactive quiz, with a hostile progress file and a good backup, warns once and resumes the backup."""
    from rolefit.commands.quiz import QuizOptions, take_quiz
    from rolefit.env import Environment
    from rolefit.quiz import plain

    store = ProgressStore(quick.id)
    store.save(answered(quick, 1), quick)
    store.save(answered(quick, 2), quick)
    store.path.write_text(DEEP)
    answers = extreme(quick, profiles, "product-manager")
    seen: list[str] = []

    def question(self: object, item: object, session: QuizSession, notice: object, **_: object) -> tuple[str, object]:
        seen.append(item.id)  # type: ignore[attr-defined]
        return "answer", answers[item.id]  # type: ignore[attr-defined]

    class Typed:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Typed())
    monkeypatch.setattr(plain.PlainUI, "question", question)
    monkeypatch.setattr(plain.PlainUI, "review", lambda self, *args: ("confirm", None))
    result = take_quiz(QuizOptions(bank="quick", plain=True, resume=True), Environment.from_process())
    assert result.answered == len(quick.items)
    assert len(seen) == len(quick.items) - 1  # the answer kept in the backup was not asked again
    assert "damaged" in capsys.readouterr().err


# ---- size limits --------------------------------------------------------------------------------


def test_a_bank_at_the_item_limit_loads(here: Path) -> None:
    """A bank of exactly MAX_ITEMS items passes validate."""
    big_bank(here / "big.yaml", MAX_ITEMS)
    done = run("validate", "big.yaml")
    assert done.exit_code == 0, done.stderr


@pytest.mark.parametrize(
    "args", [("validate", "big.yaml"), ("bank", "show", "big.yaml"), ("analyze", "--bank", "big.yaml")]
)
def test_a_bank_past_the_item_limit_is_refused_up_front(here: Path, args: tuple[str, ...]) -> None:
    """An 8,000-item bank under 1 MiB is refused in one line at its items field, naming the limit and the fix."""
    big_bank(here / "big.yaml", 8_000)
    assert (here / "big.yaml").stat().st_size < MAX_BYTES
    line = one_line(run(*args))
    assert line == (
        f"big.yaml:6:3: items: 8000 items, more than the {MAX_ITEMS} a bank may hold: split it into smaller banks"
    )


def test_a_select_list_past_the_item_limit_is_refused(here: Path) -> None:
    """A select bank listing more ids than a bank may hold is refused at its select field."""
    big_bank(here / "big.yaml", 10)
    ids = ", ".join(f"i{i % 10}" for i in range(MAX_ITEMS + 1))
    (here / "pick.yaml").write_text(
        f"id: pick\nversion: 1\ntitle: P\ndescription: D.\nbase: big\nselect: [{ids}]\n", encoding="utf-8"
    )
    line = one_line(run("validate", "pick.yaml"))
    assert line.startswith("pick.yaml:6:9: select: ") and f"more than the {MAX_ITEMS}" in line


def test_a_profiles_directory_past_the_role_limit_is_refused(here: Path) -> None:
    """More role profiles than MAX_ROLES in one directory: one line naming the directory and the limit."""
    roles = profiles_copy(here / "roles")
    text = (roles / "product-manager.yaml").read_text(encoding="utf-8")
    for n in range(MAX_ROLES - 1):
        (roles / f"role-{n}.yaml").write_text(text.replace("id: product-manager", f"id: role-{n}", 1))
    line = one_line(run("profile", "list", "--profiles", "roles"))
    assert line == (
        f"roles: {MAX_ROLES + 1} role profiles, more than the {MAX_ROLES} a profiles directory may hold: remove some"
    )


def test_a_trait_registry_past_the_trait_limit_is_refused(here: Path) -> None:
    """A shared.yaml with more than MAX_TRAITS traits is refused at its traits field."""
    roles = profiles_copy(here / "roles")
    shared = yaml.safe_load((roles / "shared.yaml").read_text(encoding="utf-8"))
    first = shared["traits"][0]
    shared["traits"] += [{**json.loads(json.dumps(first)), "id": f"t{n}"} for n in range(MAX_TRAITS)]  # no aliases
    (roles / "shared.yaml").write_text(yaml.safe_dump(shared), encoding="utf-8")
    line = one_line(run("validate", "roles"))
    assert line.startswith("roles/shared.yaml:") and f"more than the {MAX_TRAITS}" in line


def test_a_sources_registry_past_the_source_limit_is_refused(here: Path) -> None:
    """A shared.yaml listing more than MAX_SOURCES articles is refused in one line at its sources field."""
    roles = profiles_copy(here / "roles")
    shared = yaml.safe_load((roles / "shared.yaml").read_text(encoding="utf-8"))
    shared["sources"] += [{"file": f"{n:03}_extra.txt", "title": f"Extra {n}"} for n in range(MAX_SOURCES)]
    (roles / "shared.yaml").write_text(yaml.safe_dump(shared, sort_keys=False), encoding="utf-8")
    line = one_line(run("validate", "roles"))
    assert line == (
        f"roles/shared.yaml:2:1: sources: {MAX_SOURCES + 4} articles, more than the {MAX_SOURCES} "
        "the sources registry may hold: list only the articles the data cites"
    )


@pytest.mark.parametrize(
    ("field", "grow"),
    [
        ("fits", lambda r: r["fits"] + [{"role": f"r{i}", "name": "R", "score": 1.0} for i in range(10_000)]),
        ("traits", lambda r: r["traits"] + [{**r["traits"][0], "trait": f"t{i}"} for i in range(MAX_TRAITS)]),
    ],
)
def test_a_result_past_the_limits_is_refused_up_front(
    here: Path, core: LoadedBank, profiles: ProfileSet, field: str, grow: object
) -> None:
    """`explain` of a result with 10,000 fits (or too many traits) is refused in one line at that field."""
    answers = here / "answers.json"
    answers.write_text(json.dumps({"bank": "core", "answers": extreme(core, profiles, "product-manager")}))
    result = json.loads(run("quiz", "--answers", "answers.json", "--json").stdout)
    result[field] = grow(result)  # type: ignore[operator]
    (here / "result.json").write_text(json.dumps(result), encoding="utf-8")
    line = one_line(run("explain", "result.json"))
    assert line.startswith("result.json:1:") and f": {field}: " in line and "more than the" in line


def test_a_file_with_tens_of_thousands_of_bad_keys_is_refused_quickly(tmp_path: Path, profiles: ProfileSet) -> None:
    """60,000 unknown keys (audit rerun): the first 50 problems with their places, then a count of the rest."""
    from rolefit.data.catalog import load_bank
    from rolefit.errors import DataError

    path = tmp_path / "keys.yaml"
    keys = "\n".join(f"x{n}: 1" for n in range(60_000))
    path.write_text(f"id: keys\nversion: 1\ntitle: T\ndescription: D.\n{keys}\n", encoding="utf-8")
    with pytest.raises(DataError) as refused:  # placing all 60,000 took minutes; 50 take a moment (not timed here)
        load_bank(str(path), profiles)
    problems = refused.value.problems
    assert len(problems) == 51
    assert problems[0].line == 5 and "x0" in problems[0].where
    assert problems[-1].message == "and 59950 more problems like these: fix those first"


def test_an_answers_file_with_thousands_of_unknown_ids_shows_fifty(tmp_path: Path, core: LoadedBank) -> None:
    """16,000 unknown item ids (audit rerun: 88 s): the first 50 placed, then a count of the rest."""
    from rolefit.data.answers import read_answers
    from rolefit.errors import DataError

    path = tmp_path / "answers.yaml"
    path.write_text("bank: core\nanswers:\n" + "".join(f"  x{n}: 3\n" for n in range(16_000)), encoding="utf-8")
    with pytest.raises(DataError) as refused:
        read_answers(str(path), core)
    problems = refused.value.problems
    assert len(problems) == 51 and problems[0].line == 3
    assert problems[-1].message == "and 15950 more problems like these: fix those first"


def test_empty_answers_and_unbounded_simulations_are_usage_errors(tmp_path: Path) -> None:
    """`--answers ''` names no file (not the working directory); analyze's sizes have a documented ceiling."""
    for args in (
        ["quiz", "--answers", "", "--json"],
        ["analyze", "-n", "1000001"],
        ["analyze", "--adaptive", "10001"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.stdout, result.stderr)
    assert "--answers is empty" in runner.invoke(app, ["quiz", "--answers", "", "--json"]).stderr
