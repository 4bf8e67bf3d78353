"""What holds against hostile data and a hostile environment; the README's "Security" section cites these tests.

1. YAML is loaded safely: data can never execute code.
2. Bank, profile and result text cannot inject terminal escape sequences or rich markup.
3. rolefit makes no network access at all.
4. Files are written only to the paths the user names (and the state directory), and always atomically.
"""

from __future__ import annotations

import errno
import html
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from rolefit.data.loader import parse
from rolefit.errors import DataError, RolefitError
from rolefit.files import atomic_write
from tests.conftest import REPO
from tests.helpers import env_for, run_rolefit

MARKER = "pwned-by-rolefit"
SOURCE = {"file": "003_d8ee61504b744ef8.txt", "fact": "PMs write specs."}

# ---- 1. YAML is loaded safely -------------------------------------------------------------------

PAYLOADS = [
    f'!!python/object/apply:os.system ["touch {MARKER}"]',
    f"!!python/object/apply:subprocess.check_call [[touch, {MARKER}]]",
    f"!!python/object/new:subprocess.Popen [[touch, {MARKER}]]",
    f"!!python/object/apply:builtins.exec [\"open('{MARKER}', 'w')\"]",
    f"!!python/object/apply:builtins.eval [\"__import__('os').system('touch {MARKER}')\"]",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:collections.OrderedDict {}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_object_tags_are_refused_at_their_place(payload: str) -> None:
    """Every python/* tag is a one-line error naming the tag and its line:col, never an object."""
    with pytest.raises(DataError) as caught:
        parse(f"id: evil\ntitle: {payload}\n", "bank.yaml")
    tag = payload.split()[0]
    assert str(caught.value) == f"bank.yaml:2:8: tag {tag} is not allowed: {TAG_FIX}"


TAG_FIX = "rolefit reads plain data only: remove the tag and write the value plainly"
STANDARD_TAGS = {
    "int-on-quoted-text": ('!!int "3"', "!!int"),
    "int-on-single-quoted-text": ("!!int '3'", "!!int"),
    "int-on-a-plain-number": ("!!int 3", "!!int"),
    "verbatim-int": ('!<tag:yaml.org,2002:int> "3"', "!<tag:yaml.org,2002:int>"),
    "float-on-text": ('!!float "0.5"', "!!float"),
    "bool-on-text": ('!!bool "true"', "!!bool"),
    "str-on-a-number": ("!!str 3", "!!str"),
    "timestamp": ("!!timestamp 2001-01-01", "!!timestamp"),
    "binary": ("!!binary aGk=", "!!binary"),
    "seq": ("!!seq [1]", "!!seq"),
    "set": ("!!set {a}", "!!set"),
    "non-specific": ('! "3"', "!"),
}


@pytest.mark.parametrize(("value", "tag"), STANDARD_TAGS.values(), ids=STANDARD_TAGS.keys())
def test_explicit_standard_tags_are_refused_at_their_place(value: str, tag: str) -> None:
    """A tag that turns quoted text into a number (`!!int "3"`), or any other explicit tag, is an error at the tag:
    an answer or a number is written plainly, so nothing is coerced silently."""
    with pytest.raises(DataError) as caught:
        parse(f"bank: core\nanswers:\n  enjoys-writing-specs: {value}\n", "answers.yaml")
    assert str(caught.value) == f"answers.yaml:3:25: tag {tag} is not allowed: {TAG_FIX}"


def test_text_with_an_exclamation_mark_is_not_a_tag() -> None:
    """A '!' inside text, quoted or plain, is text."""
    data = parse('a: "Ship it! Now"\nb: wow!\nc: "!!int 3"\nd: [x!, "!y"]\n', "bank.yaml")
    assert data == {"a": "Ship it! Now", "b": "wow!", "c": "!!int 3", "d": ["x!", "!y"]}


@pytest.mark.slow
def test_the_payloads_would_run_under_an_unsafe_loader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Control: the payloads do create the marker under yaml.unsafe_load, so the tests below mean something."""
    monkeypatch.chdir(tmp_path)
    yaml.unsafe_load(f"title: {PAYLOADS[1]}\n")
    assert (tmp_path / MARKER).exists()


@pytest.mark.slow
@pytest.mark.parametrize("where", ["bank", "answers", "profile"])
def test_data_never_executes_code(tmp_path: Path, where: str) -> None:
    """A bank, an answers file (also on stdin) and a profile full of code-running tags run nothing: no marker file."""
    payloads = "\n".join(f"  p{number}: {payload}" for number, payload in enumerate(PAYLOADS))
    text = f"id: evil\nversion: 1\nextra:\n{payloads}\n"
    env = env_for(tmp_path / "home")
    runs: list[tuple[list[str], str]]
    if where == "bank":
        (tmp_path / "evil.yaml").write_text(text, encoding="utf-8")
        runs = [
            (["validate", "evil.yaml"], ""),
            (["bank", "show", "evil.yaml"], ""),
            (["quiz", "--bank", "evil.yaml", "--answers", "-"], "bank: evil\nanswers: {}\n"),
        ]
    elif where == "answers":
        answers = f"bank: core\nanswers:\n{payloads}\n"
        (tmp_path / "answers.yaml").write_text(answers, encoding="utf-8")
        runs = [(["quiz", "--answers", "answers.yaml", "--json"], ""), (["quiz", "--answers", "-", "--json"], answers)]
    else:
        shutil.copytree(REPO / "profiles", tmp_path / "profiles")
        with (tmp_path / "profiles" / "product-manager.yaml").open("a", encoding="utf-8") as handle:
            handle.write(f"extra:\n{payloads}\n")
        runs = [(["validate", "profiles"], ""), (["profile", "show", "product-manager", "--profiles", "profiles"], "")]
    for args, stdin in runs:
        done = run_rolefit(*args, cwd=tmp_path, input=stdin, env=env)
        assert done.returncode == 1, (args, done.stderr)
        assert "is not allowed: rolefit reads plain data only" in done.stderr and "Traceback" not in done.stderr
    assert not list(tmp_path.rglob(MARKER))


# ---- 2. Data cannot drive the terminal ----------------------------------------------------------

MARKUP = ("[red]x[/red]", "[/oops]", "[link=https://evil.example]click[/link]")
ESCAPES = ("\x1b[31m", "\x1b]0;title\x07", "\x9b2J", "\x1b]8;;https://evil.example\x1b\\")
HOSTILE = " ".join(MARKUP) + " " + " ".join(ESCAPES) + " end"
RAW_CONTROLS = ("\x1b", "\x9b", "\x07")


def hostile_bank(directory: Path) -> Path:
    """A bank whose item, option and title text carry markup and escape sequences."""
    bank = {
        "id": "hostile",
        "version": 1,
        "title": f"Title {HOSTILE}",
        "description": f"Description {HOSTILE}",
        "items": [
            {
                "id": "a",
                "kind": "likert",
                "text": f"Statement {HOSTILE}",
                "effects": {"prioritisation": 1.0},
                "source": {"file": SOURCE["file"], "fact": f"Fact {HOSTILE}"},
            },
            {
                "id": "b",
                "kind": "forced_choice",
                "text": f"Question {HOSTILE}",
                "source": SOURCE,
                "options": [
                    {
                        "id": "x",
                        "text": f"Option {HOSTILE}",
                        "effects": {"prioritisation": 1.0, "product-building": 1.0},
                    },
                    {"id": "y", "text": f"Other {HOSTILE}", "effects": {"messaging": 1.0}},
                ],
            },
        ],
    }
    path = directory / "hostile.yaml"
    path.write_text(yaml.safe_dump(bank, allow_unicode=False), encoding="utf-8")
    (directory / "answers.yaml").write_text("bank: hostile\nanswers: {a: 5, b: x}\n", encoding="utf-8")
    return path


def hostile_profiles(directory: Path) -> Path:
    """A copy of the shipped profiles whose PM profile and trait names carry markup and escape sequences."""
    target = directory / "profiles"
    shutil.copytree(REPO / "profiles", target)
    path = target / "product-manager.yaml"
    profile: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    profile["name"] = f"Manager {HOSTILE}"
    profile["short_name"] = "[b]PM\x1b[7m"
    profile["summary"]["text"] = f"Summary {HOSTILE}"
    profile["day_to_day"]["items"][0] = f"Day {HOSTILE}"
    profile["preparation"]["items"][0] = f"Prepare {HOSTILE}"
    for fact in profile["trait_facts"].values():
        fact["text"] = f"Fact {HOSTILE}"
    path.write_text(yaml.safe_dump(profile, allow_unicode=False, sort_keys=False), encoding="utf-8")
    shared_path = target / "shared.yaml"
    shared: dict[str, Any] = yaml.safe_load(shared_path.read_text(encoding="utf-8"))
    for trait in shared["traits"]:
        trait["name"] = f"{trait['name']} {HOSTILE}"
    shared_path.write_text(yaml.safe_dump(shared, allow_unicode=False, sort_keys=False), encoding="utf-8")
    return target


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """rolefit in tmp_path with a clean environment (plus any variables given)."""
    environment = env_for(tmp_path / "home")
    environment.update(env)
    return run_rolefit(*args, cwd=tmp_path, env=environment)


def assert_inert(text: str) -> None:
    """No control character from the data reached the output, and the markup is shown as written."""
    for control in RAW_CONTROLS:
        assert control not in text, f"{control!r} reached the output"
    for markup in MARKUP:
        assert markup in text, f"{markup!r} was not shown literally"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """tmp_path holding hostile.yaml, answers.yaml and a profiles/ directory, all laced with escapes and markup."""
    hostile_bank(tmp_path)
    hostile_profiles(tmp_path)
    return tmp_path


@pytest.mark.slow
def test_quiz_output_shows_data_literally(hostile: Path) -> None:
    """The rendered result of a hostile bank and profile: escapes neutralised, markup printed as text."""
    done = run(
        hostile, "quiz", "--bank", "hostile.yaml", "--profiles", "profiles", "--answers", "answers.yaml", COLUMNS="400"
    )
    assert done.returncode == 0, done.stderr
    assert "Manager" in done.stdout and "Statement" in done.stdout and "Option" in done.stdout and "Day" in done.stdout
    assert_inert(done.stdout)
    assert "\N{REPLACEMENT CHARACTER}[31m" in done.stdout  # the escape is shown, defused, where it stood


@pytest.mark.slow
def test_quiz_output_in_colour_still_carries_no_data_escapes(hostile: Path) -> None:
    """With colour forced rich writes its own styles, but none of the data's sequences (title, hyperlink, C1)."""
    done = run(
        hostile,
        "quiz",
        "--bank",
        "hostile.yaml",
        "--profiles",
        "profiles",
        "--answers",
        "answers.yaml",
        COLUMNS="400",
        FORCE_COLOR="1",
        NO_COLOR="",
    )
    assert done.returncode == 0, done.stderr
    assert "\x1b[" in done.stdout  # control: colour really is on
    for sequence in ("\x1b]0;", "\x1b]8;;https://evil", "\x07", "\x9b", "\x1b[31mx"):
        assert sequence not in done.stdout
    for markup in MARKUP:
        assert markup in done.stdout


@pytest.mark.slow
def test_json_output_escapes_every_control_character(hostile: Path) -> None:
    """JSON on stdout carries the data as data: ESC, BEL and the 8-bit CSI only as \\u escapes."""
    done = run(
        hostile, "quiz", "--bank", "hostile.yaml", "--profiles", "profiles", "--answers", "answers.yaml", "--json"
    )
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "Manager [red]x[/red]" in json.loads(done.stdout)["recommendation"]["name"]


@pytest.mark.slow
def test_json_output_carries_no_raw_c1_controls(hostile: Path) -> None:
    """`quiz --json` piped to a terminal cannot send U+009B (CSI) raw either: it is there only as \\u009b."""
    done = run(
        hostile, "quiz", "--bank", "hostile.yaml", "--profiles", "profiles", "--answers", "answers.yaml", "--json"
    )
    assert done.returncode == 0, done.stderr
    assert "\x9b" not in done.stdout
    assert "\\u009b" in done.stdout and "\x9b2J" in json.loads(done.stdout)["recommendation"]["name"]


@pytest.mark.slow
@pytest.mark.parametrize("flag", ["--output", "--report"])
def test_json_files_carry_no_raw_c1_controls(hostile: Path, flag: str) -> None:
    """A result written with --output or as a .json report escapes U+009B (CSI) as \\u009b, as stdout does."""
    done = run(
        hostile, "quiz", "--bank", "hostile.yaml", "--profiles", "profiles", "--answers", "answers.yaml", flag, "r.json"
    )
    assert done.returncode == 0, done.stderr
    text = (hostile / "r.json").read_text(encoding="utf-8")
    assert "\x9b" not in text
    assert "\\u009b" in text and "\x9b2J" in json.loads(text)["recommendation"]["name"]


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".md", ".html", ".svg"])
def test_reports_show_data_literally(hostile: Path, suffix: str) -> None:
    """Markdown, HTML and SVG reports carry no control character from the data, and show its markup as written."""
    done = run(
        hostile,
        "quiz",
        "--bank",
        "hostile.yaml",
        "--profiles",
        "profiles",
        "--answers",
        "answers.yaml",
        "--report",
        f"report{suffix}",
    )
    assert done.returncode == 0, done.stderr
    text = (hostile / f"report{suffix}").read_text(encoding="utf-8")
    for control in RAW_CONTROLS:
        assert control not in text
    assert ("Manager" if suffix == ".svg" else "Statement") in text  # the card shows role names, not items
    shown = text
    if suffix == ".md":  # what a Markdown viewer shows: escaped brackets read as brackets, no link made
        shown = MarkdownIt("commonmark").enable("table").render(text)
        assert '<a href="https://evil.example"' not in shown
    for markup in MARKUP:
        assert markup in html.unescape(shown), markup


@pytest.mark.slow
def test_explain_of_a_hostile_result_shows_it_literally(hostile: Path) -> None:
    """A saved result is data too: `explain` renders its names and texts inert."""
    done = run(
        hostile,
        "quiz",
        "--bank",
        "hostile.yaml",
        "--profiles",
        "profiles",
        "--answers",
        "answers.yaml",
        "--output",
        "result.json",
    )
    assert done.returncode == 0, done.stderr
    shown = run(hostile, "explain", "result.json", "--profiles", "profiles", COLUMNS="400")
    assert shown.returncode == 0, shown.stderr
    assert_inert(shown.stdout)


@pytest.mark.slow
def test_bank_show_survives_markup_in_the_title(hostile: Path) -> None:
    """`bank show` of a bank whose title holds an unmatched closing tag: the title as written, then each item."""
    done = run(hostile, "bank", "show", "hostile.yaml", COLUMNS="400")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-500:]
    assert "hostile v1: Title [red]x[/red] [/oops] [link=https://evil.example]click[/link]" in done.stdout
    ids = [block.split()[0] for block in done.stdout.split("\n\n")[1:]]  # each item a block under its id
    assert ids[:2] == ["a", "b"]
    assert_inert(done.stdout)


@pytest.mark.slow
def test_bank_show_shows_item_text_literally(tmp_path: Path) -> None:
    """`bank show` of a bank (with a harmless title) prints item text inert, and options by id with their effects."""
    path = hostile_bank(tmp_path)
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    bank["title"] = "Plain title"
    path.write_text(yaml.safe_dump(bank, allow_unicode=False), encoding="utf-8")
    done = run(tmp_path, "bank", "show", "hostile.yaml", COLUMNS="400")
    assert done.returncode == 0, done.stderr
    assert_inert(done.stdout)
    for text in (
        "Statement [red]x[/red]",
        "Question [red]x[/red]",
        "- x: Option [red]x[/red]",
        "- y: Other [red]x[/red]",
    ):
        assert text in done.stdout, text
    assert "end (prioritisation +1.0, product-building +1.0)" in done.stdout and "end (messaging +1.0)" in done.stdout


@pytest.mark.slow
@pytest.mark.parametrize("command", [("profile", "show", "product-manager"), ("profile", "list")])
def test_profile_commands_show_data_literally(hostile: Path, command: tuple[str, ...]) -> None:
    """`profile show` and `profile list` of hostile profiles: no escapes, markup shown as written."""
    done = run(hostile, *command, "--profiles", "profiles", COLUMNS="400")
    assert done.returncode == 0, done.stderr
    for control in RAW_CONTROLS:
        assert control not in done.stdout
    assert "[red]x[/red]" in done.stdout


@pytest.mark.slow
def test_error_messages_carry_no_escapes_from_the_data(tmp_path: Path) -> None:
    """An unknown field whose name is an escape sequence is reported with the sequence defused."""
    (tmp_path / "bank.yaml").write_text(
        'id: x\nversion: 1\ntitle: t\ndescription: d\nitems: []\n"\\e]0;pwned\\a\\e[31m": 1\n', encoding="utf-8"
    )
    done = run(tmp_path, "validate", "bank.yaml")
    assert done.returncode == 1
    assert "unknown field" in done.stderr
    for control in RAW_CONTROLS:
        assert control not in done.stderr


# ---- 3. No network ------------------------------------------------------------------------------

NET_HOOK = r"""
import os, sys

def _hook(event, args):
    if event.startswith(("socket.", "http.client.", "urllib.", "ftplib.", "smtplib.", "webbrowser.")):
        with open(os.environ["ROLEFIT_NET_LOG"], "a") as log:
            log.write(f"{event} {args!r}\n")
        raise RuntimeError(f"network access in a test: {event}")

with open(os.environ["ROLEFIT_NET_LOG"], "a") as log:
    log.write("")  # the hook is in place
sys.addaudithook(_hook)
"""


@pytest.fixture
def offline(tmp_path: Path) -> dict[str, str]:
    """An environment whose Python children log and refuse every socket, HTTP or browser call."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(NET_HOOK, encoding="utf-8")
    env = env_for(tmp_path / "home")
    env.update(
        PYTHONPATH=os.pathsep.join(filter(None, [str(hook), env.get("PYTHONPATH")])),
        ROLEFIT_NET_LOG=str(tmp_path / "net.log"),
    )
    (tmp_path / "answers.json").write_text(json.dumps({"bank": "core", "answers": {"enjoys-writing-specs": 5}}))
    return env


@pytest.mark.slow
def test_the_network_hook_catches_a_connection(tmp_path: Path, offline: dict[str, str]) -> None:
    """Control: a child that opens a connection is caught and logged, so an empty log below means no network use."""
    code = (
        "import socket\n"
        "try:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
        "except RuntimeError:\n    pass\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=offline, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "socket." in (tmp_path / "net.log").read_text(encoding="utf-8")


NETWORK_COMMANDS = [
    ("quiz", "--answers", "answers.json", "--json"),
    ("quiz", "--answers", "answers.json", "--report", "report.html"),
    ("quiz", "--answers", "answers.json", "--report", "report.svg", "--output", "result.json"),
    ("explain", "result.json"),
    ("validate",),
    ("analyze", "--respondents", "100", "--json"),
    ("score", "answers.json"),
    ("bank", "list"),
    ("bank", "show", "core"),
    ("profile", "show", "product-manager"),
    ("schema",),
    ("--help",),
]


@pytest.mark.slow
def test_no_command_touches_the_network(tmp_path: Path, offline: dict[str, str]) -> None:
    """Every command, run for real, makes no socket, DNS, HTTP or browser call."""
    for args in NETWORK_COMMANDS:
        done = run_rolefit(*args, cwd=tmp_path, env=offline, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, (args, done.stderr[-1000:])
    log = tmp_path / "net.log"
    assert log.exists(), "the hook never loaded"
    assert log.read_text(encoding="utf-8") == ""


@pytest.mark.slow
def test_reports_fetch_nothing_when_opened(tmp_path: Path) -> None:
    """HTML and SVG reports load no remote font, image, style or script when a browser opens them."""
    (tmp_path / "answers.json").write_text(json.dumps({"bank": "core", "answers": {"enjoys-writing-specs": 5}}))
    fetch = re.compile(
        r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""", re.IGNORECASE
    )
    for suffix in (".html", ".svg"):
        done = run(tmp_path, "quiz", "--answers", "answers.json", "--report", f"report{suffix}")
        assert done.returncode == 0, done.stderr
        assert not fetch.findall((tmp_path / f"report{suffix}").read_text(encoding="utf-8")), suffix


# ---- 4. Writes: only where the user says, always atomic -----------------------------------------

WRITE_HOOK = r"""
import os, sys

_WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

_busy = []

def _hook(event, args):
    if _busy:  # our own log write
        return
    if event == "open":
        path, mode, flags = args
        writing = isinstance(mode, str) and any(c in mode for c in "wax+")
        writing = writing or (isinstance(flags, int) and flags & _WRITE)
        if writing and not isinstance(path, int):
            _log("write", os.path.abspath(path))
    elif event in ("os.rename", "os.remove", "os.rmdir", "os.mkdir", "os.truncate", "os.chmod", "os.link", "os.symlink",
                   "shutil.copyfile", "shutil.rmtree", "shutil.move"):
        named = [a for a in args[:2] if isinstance(a, (str, int))]
        _log(event, *(os.path.abspath(a) if isinstance(a, str) else f"fd:{a}" for a in named))

def _log(*parts):
    _busy.append(1)
    try:
        with open(os.environ["ROLEFIT_WRITE_LOG"], "a") as log:
            log.write("\t".join(parts) + "\n")
    finally:
        _busy.pop()

open(os.environ["ROLEFIT_WRITE_LOG"], "a").close()
sys.addaudithook(_hook)
"""


@pytest.mark.slow
def test_quiz_writes_only_the_named_files_through_temp_siblings(tmp_path: Path) -> None:
    """`quiz --answers F --output OUT --report R.md` writes OUT, R.md and the state directory only, each atomically.

    Every file is written as a hidden temp sibling and renamed over its target; nothing else in the working
    directory or the home directory changes. The state directory (platformdirs, here under XDG_STATE_HOME) holds
    saved progress and the cache of parsed shipped data.
    """
    work = tmp_path / "work"
    work.mkdir()
    (work / "answers.json").write_text(json.dumps({"bank": "core", "answers": {"enjoys-writing-specs": 5}}))
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(WRITE_HOOK, encoding="utf-8")
    log = tmp_path / "writes.log"
    env = env_for(tmp_path / "home")
    env.update(PYTHONPATH=os.pathsep.join(filter(None, [str(hook), env.get("PYTHONPATH")])), ROLEFIT_WRITE_LOG=str(log))
    own = [Path(env["XDG_STATE_HOME"]) / "rolefit"]
    named = {work / "out.json", work / "r.md"}

    def is_own(path: Path) -> bool:
        """Inside rolefit's own directory."""
        return any(path == root or root in path.parents for root in own)

    def makes_room_for_own(path: Path) -> bool:
        """A parent of rolefit's own directory, which mkdir(parents=True) creates."""
        return any(path in root.parents for root in own)

    def is_temp_beside(path: Path) -> bool:
        """A hidden .NAME.*.tmp file in the working directory or rolefit's own."""
        return path.name.startswith(".") and path.name.endswith(".tmp") and (path.parent == work or is_own(path))

    before = set(tmp_path.rglob("*"))
    done = run_rolefit(
        "quiz", "--answers", "answers.json", "--output", "out.json", "--report", "r.md", cwd=work, env=env
    )
    assert done.returncode == 0, done.stderr
    added = set(tmp_path.rglob("*")) - before
    assert named | {log} <= added
    assert all(path in named | {log} or is_own(path) or makes_room_for_own(path) for path in added), added
    renamed = set()
    for line in log.read_text(encoding="utf-8").splitlines():
        event, *paths = line.split("\t")
        first = Path(paths[0])
        if event == "write":
            assert is_temp_beside(first), line
        elif event == "os.rename":
            target = Path(paths[1])
            assert is_temp_beside(first) and target.parent == first.parent, line
            renamed.add(target)
        elif event == "os.remove":
            assert is_temp_beside(first), line
        elif event == "os.mkdir":
            assert is_own(first) or makes_room_for_own(first), line
        elif event == "os.chmod":  # fchmod of a temp file it just created, or chmod of one by name
            assert paths[0].startswith("fd:") or is_temp_beside(first), line
        else:
            pytest.fail(f"unexpected file operation: {line}")
    assert named <= renamed and all(path in named or is_own(path) for path in renamed), renamed


def test_atomic_write_replaces_the_whole_file(tmp_path: Path) -> None:
    """A successful write leaves exactly the new bytes and no temp file."""
    path = tmp_path / "out.json"
    path.write_text("old\n", encoding="utf-8")
    atomic_write(path, "new ✓\n")
    assert path.read_bytes() == "new ✓\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.parametrize(
    ("step", "error"),
    [
        ("fsync", OSError(errno.ENOSPC, "No space left on device")),
        ("replace", OSError(errno.EXDEV, "Invalid cross-device link")),
        ("fdopen", OSError(errno.EIO, "Input/output error")),
    ],
)
def test_a_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, error: OSError
) -> None:
    """A write that fails midway (full disk, failed rename) keeps the old content and leaves no temp file."""
    path = tmp_path / "out.json"
    path.write_text("old\n", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        """The step fails."""
        raise error

    if step == "fdopen":
        real = os.fdopen

        def half(fd: int, *args: Any, **kwargs: Any) -> Any:
            """Open the temp file, write part of it, then fail."""
            handle = real(fd, *args, **kwargs)
            handle.write(b"half")
            handle.flush()
            raise error

        monkeypatch.setattr(os, "fdopen", half)
    else:
        monkeypatch.setattr(os, step, fail)
    with pytest.raises(RolefitError, match=f"^cannot write {re.escape(str(path))}: {error.strerror}: "):
        atomic_write(path, "new\n" * 1000)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_an_interrupted_write_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during fsync: the old file stays, and so does nothing else."""
    path = tmp_path / "out.json"
    path.write_text("old\n", encoding="utf-8")

    def interrupt(fd: int) -> None:
        """Ctrl-C arrives during fsync."""
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_atomic_write_keeps_ordinary_permissions(tmp_path: Path) -> None:
    """A new file gets the mode the umask allows (like open()); a replaced file keeps its mode."""
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.html"
        atomic_write(fresh, "x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        shared = tmp_path / "shared.json"
        shared.write_text("old", encoding="utf-8")
        shared.chmod(0o664)
        atomic_write(shared, "new")
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    finally:
        os.umask(umask)
