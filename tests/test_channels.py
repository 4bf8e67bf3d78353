"""Every channel rolefit writes to fails loudly and shows data inert; every message names its place and its fix.

1. stdout that fails (``> /dev/full``, ``>&-``): one line on stderr and exit 1; a reader that left (``| head``)
   stays quiet.
2. Text from data (banks, answers, file names) is inert on every channel: stdout, stderr and error messages.
3. Messages say what is wrong in the terms of the file's own format, and what to do.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.data.answers import read_answers
from rolefit.data.catalog import LoadedBank, ProfileSet, data_dir, load_bank
from rolefit.data.models import Item
from rolefit.errors import DataError, Interrupted, Problem, UsageError
from rolefit.jsonout import json_text
from rolefit.quiz import screens
from rolefit.quiz.interactive import Quiz
from rolefit.quiz.progress import ProgressStore
from rolefit.quiz.session import QuizSession
from rolefit.quiz.ui import STOPS
from rolefit.textsafe import MARK, UNSAFE, clean, one_line
from tests.helpers import ROLEFIT, answered, env_for, extreme, run_rolefit

# ---- 1. stdout that fails -------------------------------------------------------------------------

FULL = "rolefit: cannot write to stdout (No space left on device): free some space, or redirect stdout elsewhere\n"
CLOSED = (
    "rolefit: stdout is closed, so there is nowhere to write the output: "
    "redirect it to a file (> FILE), or to /dev/null to discard it\n"
)
STDOUT_COMMANDS = [
    pytest.param(("quiz", "--answers", "A", "--json"), id="quiz-json"),
    pytest.param(("quiz", "--answers", "A"), id="quiz-rendered"),
    pytest.param(("score", "A"), id="score"),
    pytest.param(("score", "--summary", "A"), id="score-summary"),
    pytest.param(("schema",), id="schema"),
    pytest.param(("bank", "show", "core"), id="bank-show"),
    pytest.param(("bank", "show", "core", "--json"), id="bank-show-json"),
    pytest.param(("bank", "list"), id="bank-list"),
    pytest.param(("explain", "R"), id="explain"),
    pytest.param(("profile", "show", "product-manager"), id="profile-show"),
    pytest.param(("roles",), id="roles"),
    pytest.param(("analyze", "--respondents", "100", "--json"), id="analyze-json"),
    pytest.param(("validate", "--json"), id="validate-json"),
    pytest.param(("--version",), id="version"),
    pytest.param(("--help",), id="help"),
    pytest.param(("bank", "--help"), id="bank-help"),
]


@pytest.fixture
def complete(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> Path:
    """A complete, valid answers file (every core item answered) and a saved result of it, in tmp_path."""
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"bank": "core", "answers": extreme(core, profiles, "product-manager")}))
    done = subprocess.run(
        [str(ROLEFIT), "quiz", "--answers", str(path), "--output", "result.json"],
        cwd=tmp_path,
        env=env_for(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stderr == "rolefit: wrote the result JSON to result.json\n"
    return path


def _argv(args: tuple[str, ...], tmp_path: Path) -> list[str]:
    named = {"A": str(tmp_path / "answers.json"), "R": str(tmp_path / "result.json")}
    return [str(ROLEFIT), *(named.get(arg, arg) for arg in args)]


def _close_stdout() -> None:
    """In the child: close fd 1, as the shell's `>&-` does."""
    os.close(1)


@pytest.mark.slow
@pytest.mark.parametrize("args", STDOUT_COMMANDS)
def test_a_full_stdout_is_one_line_and_exit_1(tmp_path: Path, complete: Path, args: tuple[str, ...]) -> None:
    """`rolefit ... > /dev/full`: one line on stderr naming stdout and the fix, exit 1, no traceback."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            _argv(args, tmp_path),
            cwd=tmp_path,
            env=env_for(tmp_path / "home"),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert (done.returncode, done.stderr) == (1, FULL)


@pytest.mark.slow
@pytest.mark.parametrize("args", STDOUT_COMMANDS)
def test_a_closed_stdout_is_one_line_and_exit_1(tmp_path: Path, complete: Path, args: tuple[str, ...]) -> None:
    """`rolefit ... >&-`: one line on stderr saying stdout is closed and how to redirect it, exit 1."""
    done = subprocess.run(
        _argv(args, tmp_path),
        cwd=tmp_path,
        env=env_for(tmp_path / "home"),
        stdin=subprocess.DEVNULL,
        stdout=None,
        stderr=subprocess.PIPE,
        preexec_fn=_close_stdout,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (1, CLOSED)


@pytest.mark.slow
def test_a_closed_stdout_leaves_validate_on_stderr_alone(tmp_path: Path) -> None:
    """`rolefit validate >&-` writes only to stderr, so a closed stdout costs it nothing: exit 0."""
    done = subprocess.run(
        [str(ROLEFIT), "validate"],
        cwd=tmp_path,
        env=env_for(tmp_path / "home"),
        stdout=None,
        stderr=subprocess.PIPE,
        preexec_fn=_close_stdout,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("ok  ")


@pytest.mark.slow
@pytest.mark.parametrize("command", ["quiz --answers answers.json --json", "score answers.json", "--help"])
def test_a_reader_that_left_stays_quiet(tmp_path: Path, complete: Path, command: str) -> None:
    """`rolefit ... | head -c1` still says nothing on stderr and exits 0 or 1, as before."""
    script = f'"$0" {command} 2>stderr.txt | head -c1 >/dev/null; echo "${{PIPESTATUS[0]}}" > code.txt'
    subprocess.run(
        ["bash", "-c", script, str(ROLEFIT)],
        cwd=tmp_path,
        env=env_for(tmp_path / "home"),
        timeout=60,
        check=True,
    )
    assert (tmp_path / "stderr.txt").read_text() == ""
    assert (tmp_path / "code.txt").read_text().strip() in {"0", "1"}


# ---- 2. inert text on every channel ----------------------------------------------------------------

# Right-to-left override, isolates, zero-width space and joiner, word joiner, BOM, a tag character, line separator.
TROJAN = "\u202e\u2066\u2069\u200b\u200d\u2060\ufeff\U000e0041\u2028"
TITLE = "\x1b]0;PWNED\x07"
RAW = (*TROJAN, "\x1b", "\x07", "\x9b")


def assert_inert(text: str) -> None:
    """No escape, bidirectional control or invisible character from the data reached the text."""
    for raw in RAW:
        assert raw not in text, f"{raw!r} reached the output"


def test_clean_marks_every_control_format_and_separator_character() -> None:
    """Every C0/C1 control but tab and newline, every format character (Cf) and U+2028/9 becomes the mark."""
    unsafe = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in {"Cc", "Cf", "Zl", "Zp"} and chr(code) not in "\t\n"
    ]
    assert clean("".join(unsafe)) == MARK * len(unsafe)
    assert clean("Plain text, tabs\tand\nnew lines, ünïcödé, 中文, עברית, emoji 🙂") == (
        "Plain text, tabs\tand\nnew lines, ünïcödé, 中文, עברית, emoji 🙂"
    )


def test_one_line_also_marks_line_breaks() -> None:
    """A line break from the data cannot start a line of its own in a one-line message."""
    assert one_line("a\nb\rc\u2028d\x1b") == f"a{MARK}b{MARK}c{MARK}d{MARK}"


def test_a_problem_is_one_inert_line() -> None:
    """A Problem whose file name and field carry escapes and line breaks prints as one line, defused."""
    problem = Problem(f"f{TITLE}.json", 1, 2, "answers.a\nforged: line\u202e", "no item")
    assert str(problem) == f"f{MARK}]0;PWNED{MARK}.json:1:2: answers.a{MARK}forged: line{MARK}: no item"


def test_json_escapes_bidi_and_invisible_characters_and_reads_back() -> None:
    """rolefit's JSON writes every such character as a \\u escape (astral ones as surrogate pairs), losslessly."""
    data = {"text": f"x{TROJAN}\x9b\x7fy"}
    text = json_text(data)
    assert_inert(text)
    assert "\\u202e" in text and "\\udb40\\udc41" in text
    assert json.loads(text) == data


@pytest.mark.slow
def test_score_keeps_escapes_in_answer_keys_off_stderr(tmp_path: Path) -> None:
    """`rolefit score` of a line whose answers key sets the terminal title: the message shows it defused."""
    (tmp_path / "cohort.jsonl").write_text(json.dumps({"bank": "core", "answers": {TITLE: 5}}) + "\n")
    done = run_rolefit("score", "cohort.jsonl", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"cohort.jsonl:1: answers.{MARK}]0;PWNED{MARK}: no item '\\x1b]0;PWNED\\x07' in bank 'core': use an item id from `rolefit bank show core`\n"
    )


@pytest.mark.slow
def test_score_keeps_escapes_in_file_names_off_stderr(tmp_path: Path) -> None:
    """A file name with escapes and an override, in score's per-file messages and the one-line errors."""
    name = f"f{TITLE}\u202e.json"
    (tmp_path / name).write_text(json.dumps({"bank": "core", "answers": {"no-such-item": 5}}))
    scored = run_rolefit("score", name, cwd=tmp_path)
    missing = run_rolefit("quiz", "--answers", f"missing{TITLE}\u202e.json", cwd=tmp_path)
    assert scored.returncode == 1 and missing.returncode == 1
    assert_inert(scored.stderr + missing.stderr)
    assert missing.stderr == f"missing{MARK}]0;PWNED{MARK}{MARK}.json: no such file: check the path\n"


@pytest.fixture
def trojan(tmp_path: Path) -> Path:
    """A bank whose title, item and option text hide a right-to-left override and invisible characters."""
    source = {"file": "003_d8ee61504b744ef8.txt", "fact": f"Fact {TROJAN}{TITLE}"}
    bank = {
        "id": "trojan",
        "version": 1,
        "title": f"Title {TROJAN}",
        "description": f"Description {TROJAN}",
        "items": [
            {
                "id": "a",
                "kind": "likert",
                "text": f"Statement {TROJAN}{TITLE}",
                "effects": {"prioritisation": 1.0},
                "source": dict(source),
            },
            {
                "id": "b",
                "kind": "forced_choice",
                "text": f"Question {TROJAN}",
                "source": dict(source),
                "options": [
                    {"id": "x", "text": f"Option {TROJAN}", "effects": {"prioritisation": 1.0}},
                    {"id": "y", "text": f"Other {TROJAN}", "effects": {"messaging": 1.0}},
                ],
            },
        ],
    }
    (tmp_path / "trojan.yaml").write_text(yaml.safe_dump(bank, allow_unicode=False), encoding="utf-8")
    (tmp_path / "answers.yaml").write_text("bank: trojan\nanswers: {a: 5, b: x}\n", encoding="utf-8")
    profiles = tmp_path / "profiles"  # the shipped profiles, every article's title and publisher hostile
    profiles.mkdir()
    for path in data_dir("profiles").glob("*.yaml"):
        (profiles / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    shared = yaml.safe_load((profiles / "shared.yaml").read_text(encoding="utf-8"))
    for article in shared["sources"]:
        article.update(title=f"Title {TROJAN}{TITLE}", publisher=f"Publisher {TROJAN}")
    (profiles / "shared.yaml").write_text(yaml.safe_dump(shared, allow_unicode=False), encoding="utf-8")
    return tmp_path


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("bank", "show", "trojan.yaml"), id="bank-show"),
        pytest.param(("bank", "show", "trojan.yaml", "--json"), id="bank-show-json"),
        pytest.param(("quiz", "--bank", "trojan.yaml", "--answers", "answers.yaml"), id="quiz-rendered"),
        pytest.param(("quiz", "--bank", "trojan.yaml", "--answers", "answers.yaml", "--json"), id="quiz-json"),
        pytest.param(("quiz", "--bank", "trojan.yaml", "--answers", "answers.yaml", "--report", "r.md"), id="report"),
        pytest.param(("validate", "trojan.yaml", "--json"), id="validate-json"),
    ],
)
@pytest.mark.parametrize("profiles", [(), ("--profiles", "profiles")], ids=["shipped", "hostile-titles"])
def test_trojan_source_text_is_inert_on_every_channel(
    trojan: Path, args: tuple[str, ...], profiles: tuple[str, ...]
) -> None:
    """Overrides and zero-width characters in a bank, or in the titles and publishers of its sources, reach neither
    stdout nor stderr raw, rendered or as JSON."""
    done = run_rolefit(*args, *profiles, cwd=trojan)
    assert done.returncode == 0, done.stderr
    assert "Statement" in done.stdout or "trojan" in done.stdout
    if profiles and "--json" not in args and "--report" not in args:
        assert "Publisher " in done.stdout  # the hostile source names were shown (defused), not left out
    assert_inert(done.stdout + done.stderr)
    if "--json" in args:
        json.loads(done.stdout)
    if "--report" in args:
        assert_inert((trojan / "r.md").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_trojan_source_in_an_answers_key_is_inert_in_the_error(tmp_path: Path) -> None:
    """An answers key holding an override is reported with the override defused, in YAML and in JSON files."""
    (tmp_path / "answers.json").write_text(json.dumps({"bank": "core", "answers": {f"a{TROJAN}b": 5}}))
    (tmp_path / "answers.yaml").write_text(f'bank: core\nanswers:\n  "a{TROJAN}b": 5\n', encoding="utf-8")
    for name in ("answers.json", "answers.yaml"):
        done = run_rolefit("quiz", "--answers", name, cwd=tmp_path)
        assert done.returncode == 1
        assert_inert(done.stderr)
        assert len(done.stderr.splitlines()) == 1, done.stderr


@pytest.mark.slow
def test_score_echoes_hostile_ids_escaped(tmp_path: Path) -> None:
    """An id with an override and an 8-bit CSI comes back escaped in score's JSON line, and reads back the same."""
    ident = f"id{TROJAN}\x9b31m"
    done = run_rolefit("score", input=json.dumps({"id": ident, "bank": "core", "answers": {}}) + "\n", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert_inert(done.stdout)
    assert json.loads(done.stdout)["id"] == ident


# ---- 3. messages name the place and the fix, in the file's own terms --------------------------------


def _problem(call: object) -> str:
    """The one line a DataError from ``call()`` prints."""
    with pytest.raises(DataError) as caught:
        call()  # type: ignore[operator]
    return str(caught.value)


def _answers(tmp_path: Path, name: str, text: str, core: LoadedBank) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return _problem(lambda: read_answers(str(tmp_path / name), core))


def test_a_source_file_that_is_a_path_says_what_a_source_file_must_be(tmp_path: Path, profiles: ProfileSet) -> None:
    """source.file '../../etc/passwd.txt' is not called an id: the message says a source is a bare article name."""
    bank = {
        "id": "b",
        "version": 1,
        "title": "t",
        "description": "d",
        "items": [
            {
                "id": "a",
                "kind": "likert",
                "text": "A statement.",
                "effects": {"prioritisation": 1.0},
                "source": {"file": "../../etc/passwd.txt", "fact": "A fact."},
            }
        ],
    }
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")
    assert _problem(lambda: load_bank(str(path), profiles)) == (
        f"{path}:12:11: items.0.source.file: '../../etc/passwd.txt' is not a source file name: give the bare name "
        "of a seed article, like 003_d8ee61504b744ef8.txt (letters, digits, '_', '.' and '-', ending in .txt, "
        "no directory)"
    )


def test_a_json_answers_file_gets_json_advice_and_a_yaml_one_yaml_advice(tmp_path: Path, core: LoadedBank) -> None:
    """A number where text belongs: JSON is told to use double quotes, YAML that it read a number and to quote it."""
    assert _answers(tmp_path, "a.json", '{"bank": 5, "answers": {}}', core) == (
        f'{tmp_path}/a.json:1:10: bank: must be a string, not the number 5: write it in double quotes ("5")'
    )
    assert _answers(tmp_path, "a.yaml", "bank: 5\nanswers: {}\n", core) == (
        f"{tmp_path}/a.yaml:1:7: bank: Input should be a valid string (YAML read it as 5): put the value in quotes"
    )


def test_a_raw_control_character_in_json_is_named_with_its_fix(tmp_path: Path, core: LoadedBank) -> None:
    """A raw tab inside a JSON string: the message is whole, says what it is and how to write it."""
    assert _answers(tmp_path, "a.json", '{"bank": "core", "answers": {"a": "x\ty"}}', core) == (
        f"{tmp_path}/a.json:1:37: invalid JSON: a control character (a tab or a line break) stands raw inside a "
        "string: write it as \\t or \\n"
    )


def test_answers_that_are_a_list_name_the_fix_in_each_format(tmp_path: Path, core: LoadedBank) -> None:
    """`answers` given as a list: JSON is shown an object, YAML `key: value` lines."""
    assert _answers(tmp_path, "a.json", '{"bank": "core", "answers": [1]}', core) == (
        f'{tmp_path}/a.json:1:29: answers: must be an object, not a list: write it as {{"key": value, ...}}'
    )
    assert _answers(tmp_path, "a.yaml", "bank: core\nanswers: [1]\n", core) == (
        f"{tmp_path}/a.yaml:2:10: answers: must be a mapping, not a list: write one `key: value` per line beneath it"
    )


def test_a_truncated_json_bank_is_reported_as_json(tmp_path: Path, profiles: ProfileSet) -> None:
    """`validate` of a JSON bank cut short says invalid JSON, where it ends, and to close what is open."""
    path = tmp_path / "cut.json"
    path.write_text('{"id": "x", "version": 1, "items": [', encoding="utf-8")
    assert _problem(lambda: load_bank(str(path), profiles)) == (
        f"{path}:1:37: invalid JSON: the text ends before the JSON does (cut short?): close every open {{, [ and string"
    )


def test_unknown_ids_suggest_the_nearest(tmp_path: Path, profiles: ProfileSet, core: LoadedBank) -> None:
    """A mistyped bank, role or item id gets "did you mean" with the nearest id; a far one gets the list only."""
    with pytest.raises(UsageError) as bank:
        load_bank("cor", profiles)
    assert str(bank.value) == (
        "no bank 'cor' (did you mean 'core'?): choose one of core, quick, or give a path to a bank file"
    )
    with pytest.raises(UsageError) as role:
        profiles.profile("product-manger")
    assert str(role.value) == (
        "no profile 'product-manger' (did you mean 'product-manager'?): "
        "choose one of product-manager, product-marketing-manager"
    )
    with pytest.raises(UsageError) as far:
        profiles.profile("product-owner")
    assert str(far.value) == "no profile 'product-owner': choose one of product-manager, product-marketing-manager"
    assert _answers(tmp_path, "a.json", '{"bank": "core", "answers": {"enjoys-writing-spec": 5}}', core) == (
        f"{tmp_path}/a.json:1:30: answers.enjoys-writing-spec: no item 'enjoys-writing-spec' in bank 'core' "
        "(did you mean 'enjoys-writing-specs'?): use an item id from `rolefit bank show core`"
    )


class _TwoQuestions:
    """A front end that starts, answers the first question with its first option, then quits; records `kept`."""

    def __init__(self) -> None:
        self.kept: list[bool] = []

    def intro(
        self,
        bank: LoadedBank,
        profiles: ProfileSet,
        store: ProgressStore,
        saved: object,
        expected: int | None = None,
        *,
        kept: bool = True,
    ) -> str:
        return "start"

    def question(
        self,
        item: Item,
        session: QuizSession,
        notice: str | None,
        *,
        kept: bool = True,
        expected: int | None = None,
        terms: Sequence[tuple[str, str]] = (),
    ) -> tuple[str, object]:
        self.kept.append(kept)
        return ("answer", screens.choices(item)[0][0]) if len(self.kept) == 1 else ("quit", None)

    def review(self, bank: LoadedBank, session: QuizSession, cursor: int, notice: str | None) -> tuple[str, object]:
        raise AssertionError("not reached")


def test_a_full_state_disk_is_named_as_full_and_the_footer_stops_promising(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick: LoadedBank, profiles: ProfileSet
) -> None:
    """Progress that cannot be saved for lack of space: the footer stops saying "progress is kept", and quitting
    says the disk is full and to free space, not that the directory is not writable."""

    def full(path: Path, data: str | bytes, *, own: bool = False) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("rolefit.quiz.progress.atomic_write", full)
    warnings: list[str] = []
    directory = tmp_path / "progress"
    store = ProgressStore(quick.id, directory=directory, warn=warnings.append)
    ui = _TwoQuestions()
    with pytest.raises(Interrupted) as caught:
        Quiz(quick, profiles, store, ui, None).run(None)
    assert str(caught.value) == (
        f"progress could not be saved (1 of {len(quick.items)} answered): cannot write {directory} "
        "(No space left on device): free some space there to keep progress next time"
    )
    assert ui.kept == [False, False]
    assert warnings == [
        f"rolefit: cannot save progress in {directory} (No space left on device): "
        "your answers now live in memory only, so quitting loses them"
    ]
    footer = screens.to_plain(
        screens.question(quick.items[0], QuizSession([i.id for i in quick.items]), highlight=0, width=200, kept=False),
        width=200,
    )
    assert "q quit (progress is not saved: quitting loses it)" in footer and "progress is kept" not in footer


def _noted(signum: int, frame: object) -> None:
    """A caller's own handler, to see that the quiz gives it back."""


def test_leaving_the_quiz_holds_the_stop_signals_for_the_last_save_then_gives_them_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick: LoadedBank, profiles: ProfileSet
) -> None:
    """Quitting ignores Ctrl-C, SIGTERM and SIGHUP while the last save runs, then restores the caller's handlers."""
    store = ProgressStore(quick.id, directory=tmp_path / "progress", warn=lambda message: None)
    during: list[object] = []
    save = store.save

    def noted_save(session: QuizSession, bank: LoadedBank, seed: int | None = None) -> bool:
        during.append([signal.getsignal(signum) for signum in STOPS])
        return save(session, bank, seed)

    before = {signum: signal.getsignal(signum) for signum in STOPS}
    try:
        for signum in STOPS:
            signal.signal(signum, _noted)
        monkeypatch.setattr(store, "save", noted_save)
        with pytest.raises(Interrupted, match="progress saved"):
            Quiz(quick, profiles, store, _TwoQuestions(), None).run(None)
        after = [signal.getsignal(signum) for signum in STOPS]
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
    assert during[-1] == [signal.SIG_IGN] * len(STOPS)  # the last save, on the way out
    assert after == [_noted] * len(STOPS)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "written"),
    [
        pytest.param(("quiz", "--answers", "A", "--output", "OUT"), "OUT", id="quiz-output"),
        pytest.param(("quiz", "--answers", "A", "--json", "--report", "OUT.md"), "OUT.md", id="quiz-report"),
        pytest.param(("explain", "R", "--report", "OUT.md"), "OUT.md", id="explain-report"),
    ],
)
def test_a_full_stdout_still_writes_the_files_asked_for(
    tmp_path: Path, complete: Path, args: tuple[str, ...], written: str
) -> None:
    """The result on stdout fails (> /dev/full); the --output or --report file is written all the same (audit),
    and named on stderr before the failure is."""
    target = tmp_path / written
    argv = [str(target) if arg in ("OUT", "OUT.md") else arg for arg in _argv(args, tmp_path)]
    if "explain" in args:
        made = subprocess.run(
            _argv(("quiz", "--answers", "A", "--output", "R"), tmp_path),
            cwd=tmp_path,
            env=env_for(tmp_path / "home"),
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert made.returncode == 0, made.stderr
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            argv, cwd=tmp_path, env=env_for(tmp_path / "home"), stdout=full, stderr=subprocess.PIPE, text=True,
            timeout=60, check=False,
        )  # fmt: skip
    what = "the result JSON" if written == "OUT" else "the report"
    assert (done.returncode, done.stderr) == (1, f"rolefit: wrote {what} to {target}\n{FULL}")
    assert target.is_file() and target.stat().st_size > 100


NEWLINE_NAMES = {
    "output-in-a-missing-directory": lambda tmp, name: ["quiz", "--answers", tmp, "--output", f"{name}/x.json"],
    "output-naming-a-directory": lambda tmp, name: ["quiz", "--answers", tmp, "--output", f"{name}/"],
    "report-with-a-bad-extension": lambda tmp, name: ["quiz", "--answers", tmp, "--report", f"{name}.txt"],
    "missing-answers-file": lambda tmp, name: ["quiz", "--answers", f"{name}.yaml"],
    "missing-bank-file": lambda tmp, name: ["bank", "show", f"{name}.yaml"],
}


@pytest.mark.parametrize("command", NEWLINE_NAMES.values(), ids=NEWLINE_NAMES.keys())
def test_a_file_name_with_a_line_break_stays_on_one_line(command, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A newline (or U+2028, or ESC) in a file name is shown as the mark: the message stays one line and no
    part of the name can pose as a line of its own."""
    answers = tmp_path / "answers.yaml"
    answers.write_text("bank: core\nanswers: {enjoys-writing-specs: 4}\n", encoding="utf-8")
    name = str(tmp_path / "x\nrolefit: all good\u2028\x1b[2J")
    result = CliRunner().invoke(app, command(str(answers), name))
    assert result.exit_code in (1, 2), (result.stderr, result.exception)
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("rolefit:") or "all good" in line]
    assert len(error_lines) == 1 and UNSAFE.search(error_lines[0]) is None, result.stderr
    assert "all good" in error_lines[0]


def test_validate_shows_a_file_name_with_a_line_break_on_its_one_ok_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rolefit validate` names each file it checked on one line, whatever the name holds."""
    monkeypatch.chdir(tmp_path)
    bank = Path("b\nrolefit: ok.yaml")
    bank.write_bytes((Path(__file__).parent / "corpus" / "valid-bank.yaml").read_bytes())
    result = CliRunner().invoke(app, ["validate", str(bank)])
    assert result.exit_code == 0, result.stderr
    assert f"ok  b{MARK}rolefit: ok.yaml: bank 'valid-bank'" in result.stderr, result.stderr
    assert not any(line.startswith("rolefit:") for line in result.stderr.splitlines())


def test_a_state_directory_with_a_line_break_keeps_each_progress_warning_on_one_line(
    tmp_path: Path, quick: LoadedBank
) -> None:
    """The state directory comes from XDG_STATE_HOME, which may hold anything: each warning naming it is one line."""
    warnings: list[str] = []
    directory = tmp_path / "state\nrolefit: all good"
    directory.mkdir()
    (directory / f"{quick.id}.json").write_text("{cut short", encoding="utf-8")
    assert ProgressStore(quick.id, directory=directory, warn=warnings.append).load(quick) is None
    assert len(warnings) == 1 and "\n" not in warnings[0] and f"state{MARK}rolefit: all good" in warnings[0]


@pytest.mark.parametrize(
    ("field", "value"),
    [("format", "true"), ("format", "1.0"), ("version", "true")],
    ids=["format-true", "format-float", "bank-version-true"],
)
def test_progress_with_a_bool_or_float_where_an_int_belongs_is_damaged(
    tmp_path: Path, quick: LoadedBank, field: str, value: str
) -> None:
    """`"format": true` equals 1 in Python, but rolefit never writes it: the file is damaged, the previous good copy
    is used, and that copy stays on disk."""
    warnings: list[str] = []
    store = ProgressStore(quick.id, directory=tmp_path, warn=warnings.append)
    for count in (1, 2):
        assert store.save(answered(quick, count), quick)
    text = store.path.read_text(encoding="utf-8")
    damaged = (
        text.replace('"format": 1', f'"format": {value}')
        if field == "format"
        else text.replace(f'"version": {quick.bank.version}', f'"version": {value}')
    )
    assert damaged != text
    store.path.write_text(damaged, encoding="utf-8")
    backup = store.backup.read_bytes()
    assert ProgressStore(quick.id, directory=tmp_path, warn=warnings.append).load(quick) is not None
    assert len(warnings) == 1 and "damaged" in warnings[0] and "using the previous copy" in warnings[0], warnings
    assert store.backup.read_bytes() == backup
