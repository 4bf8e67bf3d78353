"""Special files: symlinks, devices, FIFOs and pipes are written and read the way a shell would, never replaced.

A regular file is replaced atomically (temp sibling, fsync, rename). A symlink's target is what gets written,
and the link stays. A device or a FIFO is written in place. Pipes (``/dev/stdin``, ``/dev/fd/N``, ``<(...)``,
``>(...)``, named FIFOs) are read and written as streams under the usual size caps.

Safety: an atomic_write that gets this wrong turns ``/dev/null`` into a regular file when run as root. Every
in-process test that names a real device uses the ``guard_dev`` fixture, which makes renaming anything onto
``/dev`` fail, and every subprocess test that names one first proves in-process, under that guard, that the code
writes the device in place; only then does it run the command.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import stat
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rolefit import files
from rolefit.cli import app
from rolefit.data.reading import MAX_BYTES
from rolefit.errors import RolefitError, UsageError
from rolefit.files import atomic_write
from rolefit.scoring import batch
from tests.helpers import ROLEFIT, env_for, run_rolefit

ANSWERS = {"bank": "core", "answers": {"enjoys-writing-specs": 5}}
ANSWERS_LINE = json.dumps(ANSWERS) + "\n"
runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> Any:
    """Invoke rolefit in-process with separate stdout and stderr."""
    return runner.invoke(app, list(args), input=stdin)


@pytest.fixture
def guard_dev(monkeypatch: pytest.MonkeyPatch) -> None:
    """Renaming onto anything under /dev fails the test, so a broken atomic_write cannot replace a device."""
    for name in ("replace", "rename"):
        real = getattr(os, name)

        def guarded(src: Any, dst: Any, *args: Any, _real: Any = real, **kwargs: Any) -> Any:
            """Refuse a rename onto /dev; pass any other through."""
            if os.path.abspath(os.fspath(dst)).startswith("/dev/"):
                raise AssertionError(f"would replace the device {dst}")
            return _real(src, dst, *args, **kwargs)

        monkeypatch.setattr(os, name, guarded)


def is_char_device(path: str) -> bool:
    """The path is (still) a character device."""
    return stat.S_ISCHR(os.stat(path).st_mode)


class FifoReader:
    """The read end of a FIFO, opened without blocking and drained by a thread until the writer is done."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        self.data = bytearray()
        self.done = threading.Event()
        self.error: OSError | None = None
        self.thread = threading.Thread(target=self._drain, daemon=True)
        self.thread.start()

    def _drain(self) -> None:
        try:
            self._read_all()
        except OSError as error:  # kept, so a failure says why instead of showing an empty read
            self.error = error

    def _read_all(self) -> None:
        while True:
            # Whether the writer was done is read before the read: an empty read that began before the writer
            # wrote must not end the loop because done was set while it ran (a race the floor run hit once).
            finished = self.done.is_set()
            try:
                chunk = os.read(self.fd, 65536)
            except BlockingIOError:
                time.sleep(0.01)
                continue
            if chunk:
                self.data += chunk
            elif finished:
                return
            else:
                time.sleep(0.01)

    def finish(self) -> bytes:
        """Everything written, once the writer has closed."""
        self.done.set()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive(), "the FIFO's reader thread never saw the writer close"
        os.close(self.fd)
        assert self.error is None, f"reading the FIFO failed: {self.error!r}"
        return bytes(self.data)


@pytest.fixture
def fifo_writer(tmp_path: Path) -> Iterator[Any]:
    """Make a FIFO that a thread feeds with given bytes once a reader opens it; unblocked at teardown."""
    made: list[tuple[Path, threading.Thread]] = []

    def make(data: bytes, name: str = "pipe") -> Path:
        path = tmp_path / name
        os.mkfifo(path)

        def feed() -> None:
            try:
                with open(path, "wb") as handle:
                    handle.write(data)
            except BrokenPipeError:
                pass  # the reader stopped at its size cap

        thread = threading.Thread(target=feed, daemon=True)
        thread.start()
        made.append((path, thread))
        return path

    yield make
    for path, thread in made:
        if thread.is_alive():  # nobody read it: open and close the read end so the writer's open returns
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            time.sleep(0.05)
            os.close(fd)
        thread.join(timeout=10)


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    """A complete, valid answers file."""
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ANSWERS), encoding="utf-8")
    return path


# ---- writing: the helper ----------------------------------------------------------------------


def test_atomic_write_through_a_symlink_writes_its_target_beside_it_and_keeps_the_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A symlink's target is replaced atomically by a temp file in the target's directory; the link stays."""
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "result.json"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(os.path.relpath(target, tmp_path))
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src: Any, dst: Any) -> None:
        """Record the rename."""
        renames.append((os.fspath(src), os.fspath(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == os.path.relpath(target, tmp_path)
    assert target.read_text(encoding="utf-8") == "new\n"
    ((src, dst),) = renames
    assert Path(dst) == target and Path(src).parent == real_dir
    assert sorted(p.name for p in real_dir.iterdir()) == ["result.json"]


def test_atomic_write_through_a_chain_of_links_and_a_dangling_link(tmp_path: Path) -> None:
    """A chain of symlinks writes the last target; a dangling link gets its target created; links stay."""
    target = tmp_path / "target.json"
    target.write_text("old\n", encoding="utf-8")
    (tmp_path / "middle.json").symlink_to("target.json")
    (tmp_path / "first.json").symlink_to("middle.json")
    atomic_write(tmp_path / "first.json", "chained\n")
    assert target.read_text(encoding="utf-8") == "chained\n"
    assert (tmp_path / "first.json").is_symlink() and (tmp_path / "middle.json").is_symlink()
    (tmp_path / "dangling.json").symlink_to("created.json")
    atomic_write(tmp_path / "dangling.json", "fresh\n")
    assert (tmp_path / "dangling.json").is_symlink()
    assert (tmp_path / "created.json").read_text(encoding="utf-8") == "fresh\n"


def test_atomic_write_refuses_a_symlink_loop_and_a_link_to_a_directory(tmp_path: Path) -> None:
    """A symlink loop and a link to a directory are one-line errors, and nothing is written."""
    (tmp_path / "loop.json").symlink_to("loop.json")
    with pytest.raises(RolefitError, match=r"^cannot write .*loop\.json: Too many levels of symbolic links: "):
        atomic_write(tmp_path / "loop.json", "x")
    (tmp_path / "folder").mkdir()
    (tmp_path / "to-folder").symlink_to("folder")
    with pytest.raises(RolefitError, match=r"^cannot write .*to-folder: Is a directory: name a file, not a directory$"):
        atomic_write(tmp_path / "to-folder", "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "loop.json", "to-folder"]
    assert list((tmp_path / "folder").iterdir()) == []


def test_atomic_write_to_a_fifo_writes_in_place(tmp_path: Path) -> None:
    """A FIFO is written in place, like a shell redirect: the reader gets the bytes and the FIFO stays a FIFO."""
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = FifoReader(fifo)
    atomic_write(fifo, "through the pipe ✓\n")
    assert reader.finish() == "through the pipe ✓\n".encode()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.fifo"]


def test_atomic_write_to_a_symlink_to_a_fifo_writes_the_fifo(tmp_path: Path) -> None:
    """A symlink to a FIFO writes into the FIFO; link and FIFO both stay."""
    fifo = tmp_path / "real.fifo"
    os.mkfifo(fifo)
    (tmp_path / "out.json").symlink_to("real.fifo")
    reader = FifoReader(fifo)
    atomic_write(tmp_path / "out.json", "linked\n")
    assert reader.finish() == b"linked\n"
    assert (tmp_path / "out.json").is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_atomic_write_to_an_open_descriptor_writes_through_it(tmp_path: Path) -> None:
    """`/dev/fd/N` naming an open regular file is written through (truncated, as `>` would), not replaced."""
    path = tmp_path / "opened.json"
    path.write_text("old and longer\n", encoding="utf-8")
    inode = path.stat().st_ino
    fd = os.open(path, os.O_RDWR)
    try:
        atomic_write(Path(f"/dev/fd/{fd}"), "new\n")
    finally:
        os.close(fd)
    assert path.read_text(encoding="utf-8") == "new\n"
    assert path.stat().st_ino == inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["opened.json"]


def test_atomic_write_refuses_a_socket_and_a_closed_descriptor(tmp_path: Path) -> None:
    """A socket file and a /dev/fd/N that is not open are one-line errors; the socket stays a socket."""
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        with pytest.raises(RolefitError, match=r": it is a socket: name a regular file, a FIFO or a character device$"):
            atomic_write(path, "x")
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    closed = os.open(os.devnull, os.O_RDONLY)
    os.close(closed)
    with pytest.raises(RolefitError, match=r"^cannot write /dev/fd/\d+: no such open file descriptor: "):
        atomic_write(Path(f"/dev/fd/{closed}"), "x")


@pytest.mark.usefixtures("guard_dev")
def test_atomic_write_to_dev_null_writes_in_place_and_keeps_the_device(tmp_path: Path) -> None:
    """/dev/null, named or through a symlink, is written in place: it stays a character device, no temp in /dev."""
    before = set(os.listdir("/dev"))
    atomic_write(Path("/dev/null"), "gone\n")
    (tmp_path / "null.json").symlink_to("/dev/null")
    atomic_write(tmp_path / "null.json", "gone too\n")
    assert is_char_device("/dev/null")
    assert (tmp_path / "null.json").is_symlink()
    assert not [name for name in set(os.listdir("/dev")) - before if name.endswith(".tmp")]


@pytest.mark.usefixtures("guard_dev")
def test_atomic_write_to_dev_full_is_a_one_line_error(tmp_path: Path) -> None:
    """/dev/full is written in place, so the full device is reported (ENOSPC) and stays a device."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with pytest.raises(RolefitError) as raised:
        atomic_write(Path("/dev/full"), "x" * 10000)
    assert str(raised.value) == (
        "cannot write /dev/full: No space left on device: free some space or choose another path"
    )
    assert is_char_device("/dev/full")


def test_a_name_ending_in_a_slash_is_refused_as_an_output_path() -> None:
    """output_path refuses a name that ends in / (or /. or /..) or is empty, naming the option: a usage error."""
    assert files.output_path("out.json", "--output") == Path("out.json")
    assert files.output_path(None, "--output") is None
    for name in ("dir/", "dir/.", "dir/..", ".", "..", "", "a/b//"):
        with pytest.raises(UsageError, match=r"^--output .*: name a file"):
            files.output_path(name, "--output")


# ---- writing: the commands --------------------------------------------------------------------


@pytest.mark.parametrize("exists", [True, False], ids=["dir-exists", "dir-missing"])
@pytest.mark.parametrize("flag", ["--output", "--report"])
def test_output_with_a_trailing_slash_is_refused(
    tmp_path: Path, answers: Path, monkeypatch: pytest.MonkeyPatch, exists: bool, flag: str
) -> None:
    """`--output dir/` (and --report) is a one-line usage error, exit 2; no file named dir is written."""
    monkeypatch.chdir(tmp_path)
    if exists:
        (tmp_path / "dir").mkdir()
    result = run("quiz", "--answers", str(answers), flag, "dir/")
    assert result.exit_code == 2, result.stderr
    assert result.stderr == (
        f"rolefit: {flag} dir/ names a directory (it ends in '/'): name a file in it, such as dir/result"
        f"{'.json' if flag == '--output' else '.md'}\n"
    )
    assert (tmp_path / "dir").is_dir() if exists else not (tmp_path / "dir").exists()
    if exists:
        assert list((tmp_path / "dir").iterdir()) == []


def test_explain_report_with_a_trailing_slash_is_refused(tmp_path: Path, answers: Path) -> None:
    """`explain --report dir/` is refused the same way."""
    saved = tmp_path / "result.json"
    assert run("quiz", "--answers", str(answers), "--output", str(saved)).exit_code == 0
    result = run("explain", str(saved), "--report", f"{tmp_path}/dir/")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"rolefit: --report {tmp_path}/dir/ names a directory")
    assert not (tmp_path / "dir").exists()


def test_quiz_output_and_report_into_fifos(tmp_path: Path, answers: Path) -> None:
    """`--output FIFO --report FIFO.md` write the JSON and the report into the FIFOs, which stay FIFOs."""
    out, report = tmp_path / "out.fifo", tmp_path / "report.md"
    os.mkfifo(out)
    os.mkfifo(report)
    out_reader, report_reader = FifoReader(out), FifoReader(report)
    result = run("quiz", "--answers", str(answers), "--output", str(out), "--report", str(report))
    assert result.exit_code == 0, result.stderr
    assert json.loads(out_reader.finish())["recommendation"]
    assert report_reader.finish().startswith(b"# ")
    assert stat.S_ISFIFO(os.lstat(out).st_mode) and stat.S_ISFIFO(os.lstat(report).st_mode)


def test_quiz_output_through_a_symlink_writes_the_target(tmp_path: Path, answers: Path) -> None:
    """`--output LINK` writes the link's target and keeps the link."""
    target = tmp_path / "saved" / "result.json"
    target.parent.mkdir()
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    result = run("quiz", "--answers", str(answers), "--output", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["recommendation"]


# ---- reading ----------------------------------------------------------------------------------


def test_quiz_reads_answers_from_a_fifo(fifo_writer: Any) -> None:
    """`quiz --answers FIFO` reads the answers as a stream."""
    fifo = fifo_writer(ANSWERS_LINE.encode())
    result = run("quiz", "--answers", str(fifo), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["recommendation"]


def test_answers_from_a_fifo_are_capped_at_one_mib(fifo_writer: Any) -> None:
    """A FIFO sending more than 1 MiB of answers is refused with the file cap's one line, not read to the end."""
    fifo = fifo_writer(b"bank: core\n" + b"#" * (MAX_BYTES + 4096) + b"\n")
    result = run("quiz", "--answers", str(fifo), "--json")
    assert result.exit_code == 1
    assert result.stderr == f"{fifo}: is larger than 1024 KiB: split it or trim it\n"


def test_score_reads_a_fifo_as_json_lines(fifo_writer: Any) -> None:
    """`score FIFO` reads the FIFO as JSON Lines, like stdin: one result per line."""
    fifo = fifo_writer((ANSWERS_LINE * 3).encode())
    result = run("score", str(fifo))
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["line"] for line in result.stdout.splitlines()] == [1, 2, 3]


def test_score_keeps_its_line_cap_on_a_fifo(fifo_writer: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A line over score's per-line cap in a FIFO is one error and the stream goes on."""
    monkeypatch.setattr(batch, "MAX_LINE", 200)
    long_line = ANSWERS_LINE[:-2] + " " * 2000 + "}\n"
    fifo = fifo_writer((ANSWERS_LINE + long_line + ANSWERS_LINE).encode())
    result = run("score", str(fifo))
    assert result.exit_code == 1
    assert [json.loads(line)["line"] for line in result.stdout.splitlines()] == [1, 3]
    assert result.stderr.startswith(f"{fifo}:2: longer than")


def test_score_still_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    """score names a missing file and a directory in one line each, before reading anything."""
    missing = run("score", str(tmp_path / "missing.json"))
    assert missing.exit_code == 1
    assert missing.stderr == f"{tmp_path}/missing.json: no such file: check the path\n"
    folder = run("score", str(tmp_path))
    assert folder.exit_code == 1
    assert folder.stderr == f"{tmp_path}: is a directory, not a file: name a JSON Lines, YAML or JSON file\n"


# ---- real processes: /dev/stdin, /dev/fd/N, process substitution, real devices ----------------


@pytest.mark.slow
def test_score_reads_dev_stdin_from_a_pipe(tmp_path: Path) -> None:
    """`cat A | rolefit score /dev/stdin` scores the piped answer set."""
    done = run_rolefit("score", "/dev/stdin", cwd=tmp_path, input=ANSWERS_LINE)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["line"] == 1


@pytest.mark.slow
@pytest.mark.parametrize("name", ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"])
def test_score_reads_dev_stdin_redirected_from_a_file_as_json_lines(tmp_path: Path, name: str) -> None:
    """`rolefit score /dev/stdin < cohort.jsonl`: a descriptor's name is a stream even when a regular file is behind
    it, so each line is one answer set, as with `-` (it was read as one answers file and refused)."""
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text("".join(json.dumps({**ANSWERS, "id": n}) + "\n" for n in range(3)), encoding="utf-8")
    with cohort.open() as stdin:
        done = run_rolefit("score", name, cwd=tmp_path, stdin=stdin)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [0, 1, 2]


@pytest.mark.slow
def test_quiz_reads_answers_from_dev_stdin(tmp_path: Path) -> None:
    """`rolefit quiz --answers /dev/stdin < A` reads the answers from the pipe."""
    done = run_rolefit("quiz", "--answers", "/dev/stdin", "--json", cwd=tmp_path, input=ANSWERS_LINE)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["recommendation"]


@pytest.mark.slow
def test_score_reads_a_process_substitution(tmp_path: Path) -> None:
    """`rolefit score <(cat A)` (a pipe named /dev/fd/N) scores the answer set."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash for process substitution")
    (tmp_path / "A.json").write_text(json.dumps(ANSWERS), encoding="utf-8")
    done = subprocess.run(
        [bash, "-c", f"'{ROLEFIT}' score <(cat A.json)"],
        cwd=tmp_path,
        env=env_for(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["line"] == 1


@pytest.mark.slow
def test_quiz_output_into_a_pipe_named_dev_fd(tmp_path: Path, answers: Path) -> None:
    """`--output /dev/fd/N` (as in `--output >(jq .)`) writes the JSON into the pipe."""
    read_end, write_end = os.pipe()
    with subprocess.Popen(
        [str(ROLEFIT), "quiz", "--answers", str(answers), "--output", f"/dev/fd/{write_end}"],
        cwd=tmp_path,
        env=env_for(tmp_path / "home"),
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ) as child:
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            written = pipe.read()
        stderr = child.stderr.read() if child.stderr else b""
        assert child.wait(timeout=60) == 0, stderr
    assert json.loads(written)["recommendation"]


@pytest.mark.slow
@pytest.mark.usefixtures("guard_dev")
def test_quiz_output_to_dev_null_and_dev_full(tmp_path: Path, answers: Path) -> None:
    """`--output /dev/null` exits 0 and leaves the device; `--output /dev/full` is one line on stderr, exit 1."""
    atomic_write(Path("/dev/null"), "x")  # under guard_dev: proves the code writes devices in place
    assert is_char_device("/dev/null")
    done = run_rolefit("quiz", "--answers", str(answers), "--output", "/dev/null", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "rolefit: wrote the result JSON to /dev/null\n"
    assert is_char_device("/dev/null")
    if not os.path.exists("/dev/full"):
        return
    with pytest.raises(RolefitError):
        atomic_write(Path("/dev/full"), "x")
    assert is_char_device("/dev/full")
    full = run_rolefit("quiz", "--answers", str(answers), "--output", "/dev/full", cwd=tmp_path)
    assert full.returncode == 1
    assert (
        full.stderr
        == "rolefit: cannot write /dev/full: No space left on device: free some space or choose another path\n"
    )
    assert "Traceback" not in full.stderr
    assert is_char_device("/dev/full")


def test_errno_of_a_full_device_is_enospc() -> None:
    """Control for the /dev/full tests: writing to /dev/full really fails with ENOSPC on this machine."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    fd = os.open("/dev/full", os.O_WRONLY)
    try:
        with pytest.raises(OSError) as raised:
            os.write(fd, b"x")
        assert raised.value.errno == errno.ENOSPC
    finally:
        os.close(fd)
