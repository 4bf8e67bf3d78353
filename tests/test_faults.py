"""Faults outside rolefit's control: signals at any point, stdout or stdin closed, a full disk, an unusable state
directory, two runs writing one file. In each, nothing the user gave is lost and the result is either correct or
clearly not produced. (Faults in saved quiz progress are tested with the interactive quiz, in test_progress.py.)

Signals are delivered at exact points by a ``sitecustomize`` audit hook in the child: when it sees the named
event (an import, an open, a rename) it sends the signal to its own process, either before the operation runs or
right after it returns, so every test hits the same spot on every run.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.answer_sets import CLEAR_PM
from tests.helpers import ROLEFIT, drop_dac_capabilities, env_for, run_rolefit

pytestmark = pytest.mark.slow  # every test here runs the installed command

INTERRUPTED = "rolefit: interrupted\n"
NO_TERMINAL = "rolefit: stdin is not a terminal, so there is no one to ask: pass --answers FILE (or - for stdin)\n"
ANSWERS = {"bank": "core", "answers": CLEAR_PM}  # a whole answer set, so every view draws a full result

# Runs in every child that has it on PYTHONPATH. ROLEFIT_FAULT_AT names the event ("import:MODULE",
# "open:NAME-PREFIX", "os.rename:NAME-PREFIX"); ROLEFIT_FAULT_WHEN says whether the signal arrives before the
# operation ("before") or as soon as the C call behind it returns ("after"); ROLEFIT_FAULT_SIGNAL 0 only logs.
FAULT_HOOK = r"""
import os, sys, threading

_KIND, _, _TARGET = os.environ.get("ROLEFIT_FAULT_AT", "").partition(":")
_SIGNAL = int(os.environ.get("ROLEFIT_FAULT_SIGNAL", "0"))
_WHEN = os.environ.get("ROLEFIT_FAULT_WHEN", "before")
_DELAY = float(os.environ.get("ROLEFIT_FAULT_DELAY", "0"))
_fired = []


def _fire():
    if _SIGNAL:
        os.kill(os.getpid(), _SIGNAL)


def _after(frame, event, arg):
    if event == "c_return":
        sys.setprofile(None)
        _fire()


def _matches(event, args):
    if event != _KIND:
        return False
    if event == "import":
        return args[0] == _TARGET
    names = [os.path.basename(a) for a in args if isinstance(a, str)]
    return any(name.startswith(_TARGET) for name in names)


def _hook(event, args):
    if _fired or not _matches(event, args):
        return
    _fired.append(event)
    with open(os.environ["ROLEFIT_FAULT_LOG"], "a") as log:
        log.write(f"{event} {args[0]}\n")
    if _DELAY:
        timer = threading.Timer(_DELAY, _fire)
        timer.daemon = True
        timer.start()
    elif _WHEN == "after":
        sys.setprofile(_after)
    else:
        _fire()


sys.addaudithook(_hook)
"""


def fault_env(tmp_path: Path, at: str, signum: int = 0, when: str = "before", delay: float = 0.0) -> dict[str, str]:
    """The environment of a child that signals itself at one event; its log is tmp_path/fault.log."""
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(FAULT_HOOK, encoding="utf-8")
    env = env_for(tmp_path / "home")
    env.update(
        PYTHONPATH=os.pathsep.join(filter(None, [str(hook), env.get("PYTHONPATH")])),
        ROLEFIT_FAULT_AT=at,
        ROLEFIT_FAULT_SIGNAL=str(int(signum)),
        ROLEFIT_FAULT_WHEN=when,
        ROLEFIT_FAULT_DELAY=str(delay),
        ROLEFIT_FAULT_LOG=str(tmp_path / "fault.log"),
    )
    return env


def fired(tmp_path: Path) -> str:
    """What the hook logged: the event it fired at, or "" if it never saw one."""
    log = tmp_path / "fault.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def answers_file(directory: Path, answers: dict[str, object] | None = None) -> Path:
    """A valid answers file for the core bank."""
    path = directory / "answers.json"
    path.write_text(json.dumps(answers or ANSWERS), encoding="utf-8")
    return path


def expected_result(tmp_path: Path, answers: Path) -> dict[str, object]:
    """The result JSON an undisturbed run gives for these answers."""
    done = run_rolefit("quiz", "--answers", str(answers), "--json", env=env_for(tmp_path / "home"))
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The result JSON an undisturbed run gives for ANSWERS."""
    directory = tmp_path_factory.mktemp("expected")
    return expected_result(directory, answers_file(directory))


SIGNALS = [pytest.param(signal.SIGINT, id="SIGINT"), pytest.param(signal.SIGTERM, id="SIGTERM")]
PHASES = [
    pytest.param("import:typer", "before", id="importing-the-cli"),
    pytest.param(
        "import:rolefit.views.output",
        "before",
        id="entering-the-error-handler",
    ),
    pytest.param("import:rolefit.commands.quiz", "before", id="loading-the-engine"),
    pytest.param("open:core.yaml", "after", id="reading-the-bank"),
    pytest.param("open:answers.json", "before", id="opening-the-answers"),
    pytest.param("open:answers.json", "after", id="reading-the-answers"),
]


@pytest.mark.parametrize("signum", SIGNALS)
@pytest.mark.parametrize(("at", "when"), PHASES)
def test_a_signal_at_any_point_of_a_quiz_is_one_line_and_exit_130(
    tmp_path: Path, at: str, when: str, signum: int
) -> None:
    """Ctrl-C or SIGTERM anywhere in `quiz --answers F --json`: exit 130, one line, no output, answers untouched."""
    answers = answers_file(tmp_path)
    before = answers.read_bytes()
    done = run_rolefit(
        "quiz", "--answers", "answers.json", "--json", cwd=tmp_path, env=fault_env(tmp_path, at, signum, when)
    )
    assert fired(tmp_path), f"the hook never saw {at}"
    assert "Traceback" not in done.stderr, done.stderr
    assert (done.returncode, done.stderr, done.stdout) == (130, INTERRUPTED, "")
    assert answers.read_bytes() == before


WRITE_PHASES = [
    pytest.param(
        "open:.result.json.",
        "after",
        id="temp-file-just-created",
    ),
    pytest.param(
        "os.rename:.result.json.",
        "before",
        id="about-to-rename",
    ),
    pytest.param(  # the first C call after the rename is already outside reporting(), in typer's context exit
        "os.rename:.result.json.", "after", id="just-renamed"
    ),
]


@pytest.mark.parametrize("signum", SIGNALS)
@pytest.mark.parametrize(("at", "when"), WRITE_PHASES)
def test_a_signal_while_writing_output_leaves_old_or_new_and_no_temp(
    tmp_path: Path, at: str, when: str, signum: int, expected: dict[str, object]
) -> None:
    """Interrupted while writing --output: the file is the old one or the whole new one, and no temp file is left."""
    answers_file(tmp_path)
    output = tmp_path / "result.json"
    output.write_text("old\n", encoding="utf-8")
    env = fault_env(tmp_path, at, signum, when)
    done = run_rolefit("quiz", "--answers", "answers.json", "--output", "result.json", cwd=tmp_path, env=env)
    assert fired(tmp_path), f"the hook never saw {at}"
    assert (done.returncode, done.stderr) == (130, INTERRUPTED)
    text = output.read_text(encoding="utf-8")
    assert text == "old\n" or json.loads(text) == expected
    assert sorted(path.name for path in tmp_path.iterdir() if "result.json" in path.name) == ["result.json"]


@pytest.mark.parametrize("signum", SIGNALS)
def test_a_signal_during_a_long_analysis(tmp_path: Path, signum: int) -> None:
    """`analyze` stopped in the middle of its simulation: 130, one line, and no half-written JSON on stdout."""
    env = fault_env(tmp_path, "import:rolefit.scoring.simulate", signum, delay=0.4)
    done = run_rolefit("analyze", "--respondents", "400000", "--json", cwd=tmp_path, env=env)
    assert fired(tmp_path)
    assert (done.returncode, done.stderr, done.stdout) == (130, INTERRUPTED, "")


@pytest.mark.parametrize("signum", SIGNALS)
def test_a_signal_while_score_waits_for_input(tmp_path: Path, signum: int) -> None:
    """`score` reading a stream that is still open: 130, one line, and stdout holds only whole result lines."""
    process = subprocess.Popen(
        [str(ROLEFIT), "score", "-"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=fault_env(tmp_path, "import:rolefit.scoring.batch", signum, delay=0.5),
    )
    assert process.stdin is not None
    process.stdin.write((json.dumps(ANSWERS) + "\n").encode())
    process.stdin.flush()
    try:
        process.wait(timeout=30)  # stdin stays open (communicate() would close it): only the signal ends the run
    finally:
        process.kill()
        process.stdin.close()
    assert process.stdout is not None and process.stderr is not None
    out, err = process.stdout.read(), process.stderr.read()
    assert "Traceback" not in err.decode(), err.decode()
    assert (process.returncode, err.decode()) == (130, INTERRUPTED)
    for line in out.decode().splitlines():  # a result already streamed is whole and counts every answer
        assert json.loads(line)["answered"] == len(ANSWERS["answers"])


def wait_for(tmp_path: Path, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """Wait until the child's hook has logged its event (it is past start-up), or fail."""
    deadline = time.monotonic() + timeout
    while not fired(tmp_path):
        assert process.poll() is None, "rolefit ended before it got going"
        assert time.monotonic() < deadline, "rolefit never got going"
        time.sleep(0.02)


@pytest.mark.parametrize("signum", SIGNALS)
def test_a_real_signal_while_quiz_waits_on_stdin(tmp_path: Path, signum: int) -> None:
    """A signal from outside while `quiz --answers -` waits for stdin to end: 130 and one line."""
    process = subprocess.Popen(
        [str(ROLEFIT), "quiz", "--answers", "-", "--json"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=fault_env(tmp_path, "open:core.yaml"),  # logs only: tells us when the bank is being read
    )
    try:
        wait_for(tmp_path, process)
        time.sleep(0.3)
        process.send_signal(signum)
        process.wait(timeout=30)  # stdin stays open: communicate() would close it and end the read another way
    finally:
        process.kill()
        assert process.stdin is not None
        process.stdin.close()
    assert process.stdout is not None and process.stderr is not None
    out, err = process.stdout.read(), process.stderr.read()
    assert (process.returncode, err.decode(), out.decode()) == (130, INTERRUPTED, "")


@pytest.mark.parametrize("signum", SIGNALS)
def test_a_real_signal_during_analysis(tmp_path: Path, signum: int) -> None:
    """A signal from outside during `analyze`: 130 and one line."""
    process = subprocess.Popen(
        [str(ROLEFIT), "analyze", "--respondents", "400000", "--json"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=fault_env(tmp_path, "import:rolefit.commands.analyze"),
    )
    try:
        wait_for(tmp_path, process)
        time.sleep(0.5)
        process.send_signal(signum)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert (process.returncode, err.decode(), out.decode()) == (130, INTERRUPTED, "")


# ---- stdout closed early ------------------------------------------------------------------------

CLOSED_STDOUT = [
    pytest.param(("bank", "show", "core", "--json"), id="bank-show-json"),
    pytest.param(("bank", "show", "core"), id="bank-show"),
    pytest.param(("schema",), id="schema"),
    pytest.param(("quiz", "--answers", "ANSWERS", "--json"), id="quiz-json"),
    pytest.param(("quiz", "--answers", "ANSWERS"), id="quiz-rendered"),
    pytest.param(("analyze", "--respondents", "100", "--json"), id="analyze-json"),
    pytest.param(("profile", "show", "product-manager"), id="profile-show"),
    pytest.param(("--help",), id="help"),
    pytest.param(("score", "ANSWERS"), id="score"),
]


def closed_pipe() -> int:
    """The write end of a pipe whose reader has already gone: every write to it fails with EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    return write_end


@pytest.mark.parametrize("args", CLOSED_STDOUT)
def test_stdout_closed_by_the_reader_is_quiet(tmp_path: Path, args: tuple[str, ...]) -> None:
    """The reader of stdout is gone before rolefit writes: no traceback, no "Exception ignored", a non-zero exit."""
    answers = answers_file(tmp_path)
    argv = [str(ROLEFIT), *(str(answers) if arg == "ANSWERS" else arg for arg in args)]
    stdout = closed_pipe()
    try:
        done = subprocess.run(
            argv,
            cwd=tmp_path,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            env=env_for(tmp_path / "home"),
            timeout=60,
            check=False,
        )
    finally:
        os.close(stdout)
    assert done.stderr == ""
    assert done.returncode != 0


@pytest.mark.parametrize(
    "command",
    [
        pytest.param("bank show core --json", id="bank-show-json"),
        pytest.param("quiz --answers answers.json --json", id="quiz-json"),
        pytest.param("schema", id="schema"),
        pytest.param("quiz --answers answers.json", id="quiz-rendered"),
    ],
)
def test_head_c1_pipeline_is_quiet(tmp_path: Path, command: str) -> None:
    """`rolefit ... | head -c1` as a user types it: one byte out, nothing on rolefit's stderr, exit 0 or 1."""
    answers_file(tmp_path)
    script = f'"$0" {command} 2>stderr.txt | head -c1; echo "${{PIPESTATUS[0]}}" > code.txt'
    done = subprocess.run(
        ["bash", "-c", script, str(ROLEFIT)],
        cwd=tmp_path,
        capture_output=True,
        env=env_for(tmp_path / "home"),
        timeout=60,
        check=False,
    )
    assert len(done.stdout) == 1
    assert (tmp_path / "stderr.txt").read_text() == ""
    assert (tmp_path / "code.txt").read_text().strip() in {"0", "1"}


def test_files_the_user_named_are_written_even_when_stdout_is_gone(tmp_path: Path, expected: dict[str, object]) -> None:
    """`quiz --answers F --output R --report M | head -c1`: R and M are still written, whole."""
    answers_file(tmp_path)
    stdout = closed_pipe()
    try:
        done = subprocess.run(
            [str(ROLEFIT), "quiz", "--answers", "answers.json", "--output", "result.json", "--report", "result.md"],
            cwd=tmp_path,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            env=env_for(tmp_path / "home"),
            timeout=60,
            check=False,
        )
    finally:
        os.close(stdout)
    assert done.stderr == "rolefit: wrote the result JSON to result.json\nrolefit: wrote the report to result.md\n"
    assert json.loads((tmp_path / "result.json").read_text(encoding="utf-8")) == expected
    assert (tmp_path / "result.md").read_text(encoding="utf-8").startswith("#")


# ---- stdin closed or empty ----------------------------------------------------------------------


def _close_stdin() -> None:
    """In the child: close fd 0, as `<&-` does."""
    os.close(0)


def test_quiz_with_stdin_at_dev_null_names_answers(tmp_path: Path) -> None:
    """`rolefit quiz < /dev/null`: exit 2 at once, one line naming --answers."""
    done = run_rolefit("quiz", cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert (done.returncode, done.stderr, done.stdout) == (2, NO_TERMINAL, "")


def test_quiz_with_stdin_closed_names_answers(tmp_path: Path) -> None:
    """`rolefit quiz <&-`: the same one line and exit 2 as with /dev/null."""
    done = run_rolefit("quiz", cwd=tmp_path, stdin=None, preexec_fn=_close_stdin)
    assert (done.returncode, done.stderr, done.stdout) == (2, NO_TERMINAL, "")


def test_answers_from_a_closed_stdin(tmp_path: Path) -> None:
    """`rolefit quiz --answers - <&-`: exit 2 and one line saying there is no stdin to read."""
    done = run_rolefit("quiz", "--answers", "-", "--json", cwd=tmp_path, stdin=None, preexec_fn=_close_stdin)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "rolefit: stdin is closed, so there are no answers to read: pass --answers FILE\n"


def test_score_with_stdin_closed(tmp_path: Path) -> None:
    """`rolefit score <&-`: a usage error in one line, no traceback."""
    done = run_rolefit("score", cwd=tmp_path, stdin=None, preexec_fn=_close_stdin)
    assert "Traceback" not in done.stderr
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, done.stderr


# ---- a full disk, an unusable state directory, two writers ------------------------------------


def _file_size_limit(limit: int) -> Callable[[], None]:
    """In the child: files can grow to ``limit`` bytes, and writing past it fails (EFBIG) instead of killing."""

    def apply() -> None:
        """Set the limit and ignore SIGXFSZ."""
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize("target", ["--output result.json", "--report result.md"])
def test_a_full_disk_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path, target: str) -> None:
    """A write that runs out of space: one line, exit 1, the old file intact, no temp file, the result still shown."""
    answers_file(tmp_path)
    flag, name = target.split()
    (tmp_path / name).write_text("old\n", encoding="utf-8")
    done = run_rolefit("quiz", "--answers", "answers.json", flag, name, cwd=tmp_path, preexec_fn=_file_size_limit(1024))
    assert done.returncode == 1
    assert done.stderr == f"rolefit: cannot write {name}: File too large: free some space or choose another path\n"
    assert "Product Manager" in done.stdout  # the result was shown before the file failed
    assert (tmp_path / name).read_text(encoding="utf-8") == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir() if name in path.name) == [name]


@pytest.mark.parametrize("state", ["under-a-file", "read-only"])
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("quiz", "--answers", "answers.json", "--json"), id="quiz"),
        pytest.param(("validate",), id="validate"),
        pytest.param(("bank", "show", "core", "--json"), id="bank-show"),
    ],
)
def test_an_unusable_state_directory_changes_nothing(tmp_path: Path, state: str, args: tuple[str, ...]) -> None:
    """A state directory that cannot be created or written (so no parsed-data cache either) changes no result."""
    answers_file(tmp_path)
    env = env_for(tmp_path / "home")
    preexec = None
    if state == "under-a-file":
        blocker = tmp_path / "not-a-directory"
        blocker.write_text("", encoding="utf-8")
        env["XDG_STATE_HOME"] = str(blocker / "dir")
    else:
        readonly = tmp_path / "readonly"
        readonly.mkdir(mode=0o555)
        env["XDG_STATE_HOME"] = str(readonly)
        preexec = drop_dac_capabilities if os.geteuid() == 0 else None
    try:
        done = run_rolefit(*args, cwd=tmp_path, env=env, preexec_fn=preexec)
    except subprocess.SubprocessError as error:
        pytest.skip(f"cannot take root's write access away here: {error}")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    undisturbed = run_rolefit(*args, cwd=tmp_path, env=env_for(tmp_path / "usable-home"))
    assert undisturbed.returncode == 0, undisturbed.stderr
    assert (done.stdout, done.stderr) == (undisturbed.stdout, undisturbed.stderr)  # the same result, the same words
    if "--json" in args:
        assert json.loads(done.stdout) and done.stderr == ""


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "directory", "wrong-data"])
def test_damaged_files_in_rolefits_own_directories_change_no_result(
    tmp_path: Path, damage: str, expected: dict[str, object]
) -> None:
    """Whatever happens to what rolefit keeps for itself (a parsed-data cache), the next run gives the same result.

    (Saved quiz progress lives there too, but `quiz --answers` keeps none; its faults are tested in test_progress.py.)
    """
    answers = answers_file(tmp_path)
    assert expected_result(tmp_path, answers) == expected  # fills any cache rolefit keeps
    env = env_for(tmp_path / "home")
    entries = [
        path for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME") for path in Path(env[name]).rglob("*") if path.is_file()
    ]
    if not entries:
        pytest.skip("rolefit keeps nothing of its own for `quiz --answers`")
    for path in entries:
        text = path.read_text(encoding="utf-8")
        if damage == "garbage":
            path.write_bytes(b"\x00\xff garbage")
        elif damage == "truncated":
            path.write_text(text[: len(text) // 2], encoding="utf-8")
        elif damage == "empty":
            path.write_text("", encoding="utf-8")
        elif damage == "directory":
            path.unlink()
            path.mkdir()
        else:  # well-formed JSON whose data is not what the file says
            path.write_text(text.replace('"core"', '"tampered"').replace("1.0", "0.5"), encoding="utf-8")
    assert expected_result(tmp_path, answers) == expected  # and says nothing on stderr (expected_result checks)


def test_two_runs_writing_one_output_leave_one_whole_result(tmp_path: Path) -> None:
    """Four quizzes writing the same --output at once: the file is one whole result of one of them, no temp files."""
    variants = []
    for number, value in enumerate((1, 2, 4, 5)):
        directory = tmp_path / f"answers-{number}"
        directory.mkdir()
        variants.append(answers_file(directory, {"bank": "core", "answers": {"enjoys-writing-specs": value}}))
    expected = {json.dumps(expected_result(tmp_path, path), sort_keys=True) for path in variants}
    env = env_for(tmp_path / "home")

    def run(path: Path) -> subprocess.CompletedProcess[str]:
        """One quiz writing shared.json."""
        return run_rolefit("quiz", "--answers", str(path), "--output", "shared.json", "--json", cwd=tmp_path, env=env)

    with ThreadPoolExecutor(max_workers=len(variants)) as pool:
        runs = list(pool.map(run, variants))
    said = "rolefit: wrote the result JSON to shared.json\n"
    assert all(done.returncode == 0 and done.stderr == said for done in runs), [done.stderr for done in runs]
    final = json.loads((tmp_path / "shared.json").read_text(encoding="utf-8"))
    assert json.dumps(final, sort_keys=True) in expected
    assert sorted(path.name for path in tmp_path.iterdir() if "shared.json" in path.name) == ["shared.json"]


def test_the_fault_hook_really_fires(tmp_path: Path) -> None:
    """Control: the hook stops a plain Python child at the named import, so the signal tests test something."""
    env = fault_env(tmp_path, "import:json", signal.SIGTERM)
    done = subprocess.run(
        [sys.executable, "-c", "import json; print('not reached')"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == -signal.SIGTERM and done.stdout == ""
    assert fired(tmp_path) == "import json\n"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(("quiz", "--answers", "missing.json"), 1, id="error-message"),
        pytest.param(("validate",), 1, id="report-on-stderr"),
        pytest.param(("quiz", "--nope"), 2, id="usage-error"),
        pytest.param(("score", "answers.json", "missing.json"), 1, id="results-and-an-error"),
        pytest.param(("quiz", "--answers", "answers.json", "--json"), 0, id="nothing-for-stderr"),
    ],
)
def test_a_full_stderr_is_exit_1_and_leaves_stdout_alone(tmp_path: Path, args: tuple[str, ...], code: int) -> None:
    """`rolefit ... 2>/dev/full`: the messages are lost, so a run that had any exits 1 (never Python's 120, and no
    traceback anywhere); a usage error keeps its 2, and stdout gets exactly what it gets with a working stderr."""
    (tmp_path / "answers.json").write_text(json.dumps(ANSWERS), encoding="utf-8")
    env = env_for(tmp_path / "home")
    env.pop("PYTHONUNBUFFERED", None)  # buffered, as a user's shell has it: the failure then comes at exit
    expected = run_rolefit(*args, env=env, cwd=tmp_path)
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [str(ROLEFIT), *args],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=full,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == (code if code else expected.returncode)
    assert done.stdout == expected.stdout
    assert "Traceback" not in done.stdout
