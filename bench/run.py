"""rolefit's benchmark: start-up, data loading, batch scoring, memory and analysis, measured in one run.

Run it with the project's environment from the repository root (see bench/README.md):

    .venv/bin/python bench/run.py              # the full run, about two minutes
    .venv/bin/python bench/run.py --quick      # fewer repeats and 200,000 lines: a quick look

It prints one table (measure, value, target, result) and exits 1 if any target is missed. Start-up is
given as ratios against the dependency floor, ``python -c "import typer, rich, pydantic, yaml"``,
measured interleaved in the same run, so a slow or busy machine shifts both sides alike.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PYTHON = Path(sys.executable)
ROLEFIT = PYTHON.with_name("rolefit")
FLOOR = "import typer, rich, pydantic, yaml"
INTRO_TEXT = "Press Enter to start"  # the last line of the interactive quiz's intro screen
# `rolefit quiz` with its work stubbed out: what typer alone costs to parse quiz's options
QUIZ_OPTIONS_ONLY = (
    "import sys, types\n"
    "flow = types.ModuleType('rolefit.commands.quiz')\n"
    "flow.QuizOptions = lambda **options: options\n"
    "flow.take_quiz = lambda options, env: None\n"
    "sys.modules['rolefit.commands.quiz'] = flow\n"
    "from rolefit.__main__ import main\n"
    "sys.argv[0] = 'rolefit'\n"
    "main()\n"
)
PARSE_ONLY = (
    "import sys\n"
    "try:\n"
    "    from orjson import loads\n"
    "except ImportError:\n"
    "    from json import loads\n"
    "with open(sys.argv[1], 'rb') as lines:\n"
    "    for line in lines:\n"
    "        if len(line) > 1:\n"
    "            loads(line)\n"
)
WITHOUT_ORJSON = (
    "import sys; sys.modules['orjson'] = None\nfrom rolefit.__main__ import main\nsys.argv[0] = 'rolefit'\nmain()\n"
)
LOAD_DATA = (
    "import time\n"
    "from rolefit.data.catalog import load_bank, load_profiles\n"
    "from rolefit.env import Environment\n"
    "start = time.perf_counter()\n"
    "cache = Environment.from_process().cache_dir\n"
    "bank = load_bank('core', load_profiles(cache=cache), cache=cache)\n"
    "bank.hash\n"
    "print((time.perf_counter() - start) * 1000)\n"
)


@dataclass
class Row:
    """One line of the table; ``passed`` is None for a row that only informs."""

    measure: str
    value: str
    target: str = ""
    passed: bool | None = None


def main() -> int:
    """Measure everything, print the table, and return 1 if a target was missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and a smaller cohort (not for the record)")
    parser.add_argument("--runs", type=int, help="repeats per start-up command (default 21, --quick 7)")
    parser.add_argument("--lines", type=int, help="lines in the large cohort (default 1,000,000, --quick 200,000)")
    options = parser.parse_args()
    runs = options.runs or (7 if options.quick else 21)
    lines = options.lines or (200_000 if options.quick else 1_000_000)
    if not ROLEFIT.exists():
        print(
            f"no rolefit next to {PYTHON}: run with the project's environment, e.g. .venv/bin/python bench/run.py",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rolefit-bench-") as temp:
        work = Path(temp)
        env = environment(work)
        rows = startup(work, env, runs) + data_loading(work, env, runs) + batch(work, env, lines) + analysis(env)
    print(header(time.perf_counter() - started))
    print(table(rows))
    missed = [row.measure for row in rows if row.passed is False]
    if missed:
        print(f"\nmissed: {', '.join(missed)}")
    return 1 if missed else 0


def environment(work: Path) -> dict[str, str]:
    """The children's environment: the user's, with isolated rolefit directories and bytecode caching on."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its .pyc files; let the warm-up write them
    for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        env[name] = str(work / name.lower())
    env.update(NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", COLUMNS="80", LINES="24")
    return env


# ---- start-up ---------------------------------------------------------------------------------


def startup(work: Path, env: dict[str, str], runs: int) -> list[Row]:
    """Median wall time of each command against the floor, interleaved so that noise hits all alike."""
    answers_json = work / "answers.json"
    answers_yaml = work / "answers.yaml"
    answers = core_answers(random.Random(7))
    answers_json.write_text(json.dumps({"bank": "core", "answers": answers}), encoding="utf-8")
    answers_yaml.write_text(
        "bank: core\nanswers:\n" + "".join(f"  {k}: {v}\n" for k, v in answers.items()), encoding="utf-8"
    )
    commands: dict[str, Callable[[], float]] = {
        "floor": timer([str(PYTHON), "-c", FLOOR], env),
        "version": timer([str(ROLEFIT), "--version"], env),
        "help": timer([str(ROLEFIT), "--help"], env),
        "quiz": timer([str(ROLEFIT), "quiz", "--answers", str(answers_json), "--json"], env),
        "quiz-yaml": timer([str(ROLEFIT), "quiz", "--answers", str(answers_yaml), "--json"], env),
        "options": timer([str(PYTHON), "-c", QUIZ_OPTIONS_ONLY, "quiz", "--answers", str(answers_json), "--json"], env),
    }
    interactive, why_not = first_screen_timer(env)
    if interactive is not None:
        commands["interactive"] = interactive
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(2):  # warm-up: bytecode, the parsed-data cache, the disk cache
        for measure in commands.values():
            measure()
    for _ in range(runs):
        for name, measure in commands.items():
            times[name].append(measure())
    median = {name: statistics.median(values) for name, values in times.items()}
    floor = median["floor"]

    def ratio(name: str, label: str, limit: float | None, against: str = "floor") -> Row:
        value = median[name] / median[against]
        shown = f"{value:.2f}x ({median[name] * 1000:.0f} ms)"
        if limit is None:
            return Row(label, shown, "(info)")
        return Row(label, shown, f"<= {limit}x" + ("" if against == "floor" else " the stub"), value <= limit)

    rows = [
        Row("start-up floor: import typer, rich, pydantic, yaml", f"{floor * 1000:.0f} ms", "(reference)"),
        ratio("version", "rolefit --version", 0.8),
        ratio("help", "rolefit --help", 1.0),
        ratio("options", "typer stub: quiz's options parsed, no work", None),
        ratio("quiz", "rolefit quiz --answers F.json --json, against the stub", 1.15, against="options"),
        ratio("quiz", "  the same against the floor", None),
        ratio("quiz-yaml", "  the same with a YAML answers file, against the stub", None, against="options"),
    ]
    if "interactive" in median:
        rows.append(ratio("interactive", "first screen of the interactive quiz (pty)", 1.5))
    else:
        rows.append(Row("first screen of the interactive quiz (pty)", f"n/a: {why_not}", "<= 1.5x"))
    return rows


def timer(argv: list[str], env: dict[str, str]) -> Callable[[], float]:
    """A function that runs the command once and returns its wall time in seconds."""

    def run() -> float:
        start = time.perf_counter()
        done = subprocess.run(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"benchmark command failed ({done.returncode}): {' '.join(argv)}\n{done.stderr.decode()}")
        return elapsed

    return run


def first_screen_timer(env: dict[str, str]) -> tuple[Callable[[], float] | None, str]:
    """Time from spawning ``rolefit quiz --restart`` in a pseudo-terminal until its intro screen is drawn."""
    if importlib.util.find_spec("pexpect") is None:
        return None, "pexpect is not installed (pip install -e '.[test]')"
    if importlib.util.find_spec("rolefit.quiz.interactive") is None:
        return None, "the interactive quiz (rolefit.interactive) is not there yet"
    import pexpect

    def run() -> float:
        start = time.perf_counter()
        child = pexpect.spawn(
            str(ROLEFIT), ["quiz", "--restart"], env=env, dimensions=(24, 80), encoding="utf-8", timeout=20
        )
        try:
            child.expect_exact(INTRO_TEXT)
            elapsed = time.perf_counter() - start
            child.send("q")
            child.expect(pexpect.EOF)
        finally:
            child.close(force=True)
        return elapsed

    try:
        run()
    except Exception as error:
        return None, f"no intro screen ({type(error).__name__})"
    return run, ""


# ---- data loading -----------------------------------------------------------------------------


def data_loading(work: Path, env: dict[str, str], runs: int) -> list[Row]:
    """load_profiles() + load_bank('core') in a fresh process: with the parsed-data cache, and without."""
    warm = [float(output([str(PYTHON), "-c", LOAD_DATA], env)) for _ in range(runs)]
    cold = []
    for number in range(max(3, runs // 3)):
        fresh = dict(env, XDG_STATE_HOME=str(work / f"cold-state-{number}"))
        cold.append(float(output([str(PYTHON), "-c", LOAD_DATA], fresh)))
    value = statistics.median(warm)
    return [
        Row("load + validate shipped profiles and core bank", f"{value:.1f} ms", "<= 20 ms", value <= 20),
        Row("  same, first run (no parsed-data cache yet)", f"{statistics.median(cold):.1f} ms", "(info)"),
    ]


def output(argv: list[str], env: dict[str, str]) -> str:
    """A command's stdout (it must succeed)."""
    return subprocess.run(argv, env=env, check=True, capture_output=True, text=True).stdout.strip()


# ---- batch scoring and memory -----------------------------------------------------------------


def batch(work: Path, env: dict[str, str], lines: int) -> list[Row]:
    """Throughput and peak memory of `rolefit score`, and its time against just parsing the same lines."""
    small, large = work / "cohort-10k.jsonl", work / f"cohort-{lines}.jsonl"
    pool = cohort(random.Random(42), 10_000)
    small.write_bytes(pool)
    with large.open("wb") as handle:
        for _ in range(lines // 10_000):
            handle.write(pool)
    lines = lines // 10_000 * 10_000
    parser = "orjson" if importlib.util.find_spec("orjson") else "json (orjson is not installed)"
    _, small_peak = timed([str(ROLEFIT), "score", str(small)], env)
    parse = min(timed([str(PYTHON), "-c", PARSE_ONLY, str(large)], env)[0] for _ in range(2))
    scored, large_peak = timed([str(ROLEFIT), "score", str(large)], env)
    scored = min(scored, timed([str(ROLEFIT), "score", str(large)], env)[0])
    summary, _ = timed([str(ROLEFIT), "score", "--summary", str(large)], env)
    rows = [
        Row(
            f"rolefit score, {lines:,} core sets: throughput",
            f"{lines / scored:,.0f} sets/s",
            ">= 50,000/s",
            lines / scored >= 50_000,
        ),
        Row(
            "  scoring time over parse time (score - parse) / parse",
            f"{(scored - parse) / parse:.2f} (score {scored:.1f} s, parse {parse:.1f} s, {parser})",
            "<= 3",
            (scored - parse) / parse <= 3,
        ),
        Row("  --summary throughput", f"{lines / summary:,.0f} sets/s", "(info)"),
    ]
    if importlib.util.find_spec("orjson"):
        plain, _ = timed([str(PYTHON), "-c", WITHOUT_ORJSON, "score", str(large)], env)
        rows.append(Row("  throughput with the json module (no orjson)", f"{lines / plain:,.0f} sets/s", "(info)"))
    rows.append(
        Row(
            f"peak memory, {lines:,} lines over 10,000",
            f"{large_peak / small_peak:.2f}x ({large_peak / 1024:.0f} MiB / {small_peak / 1024:.0f} MiB)",
            "<= 1.2x",
            large_peak / small_peak <= 1.2,
        )
    )
    large.unlink()
    return rows


def cohort(rng: random.Random, count: int) -> bytes:
    """JSON Lines of valid core-bank answer sets: most complete, some with "skip", some with items left out."""
    out = []
    for number in range(count):
        answers: dict[str, object] = core_answers(rng)
        kind = rng.random()
        if kind < 0.15:  # some items skipped explicitly
            for item_id in rng.sample(sorted(answers), 3):
                answers[item_id] = "skip"
        elif kind < 0.3:  # some items left out
            for item_id in rng.sample(sorted(answers), 3):
                del answers[item_id]
        out.append(json.dumps({"id": f"r{number}", "bank": "core", "answers": answers}))
    return ("\n".join(out) + "\n").encode()


def core_answers(rng: random.Random) -> dict[str, object]:
    """A random complete answer set for the core bank."""
    return {item_id: rng.choice(values) for item_id, values in _core_items()}


@functools.cache
def _core_items() -> list[tuple[str, list[object]]]:
    """Each core item with the answers it takes."""
    from rolefit.data.catalog import load_bank, load_profiles

    return [
        (item.id, list(range(1, 6)) if item.kind == "likert" else [option.id for option in item.options])
        for item in load_bank("core", load_profiles()).items
    ]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (KiB) of one run of a command, its stdout thrown away."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"benchmark command failed ({child.returncode}): {' '.join(argv)}\n{errors.decode()[:2000]}")
    peak = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # bytes on macOS, KiB elsewhere
    return elapsed, peak


# ---- analysis ---------------------------------------------------------------------------------


def analysis(env: dict[str, str]) -> list[Row]:
    """`rolefit analyze` simulating 100,000 respondents."""
    label = "rolefit analyze --respondents 100000"
    if importlib.util.find_spec("rolefit.commands.analyze") is None:
        return [Row(label, "n/a: rolefit.analyze is not there yet", "<= 2 s")]
    argv = [str(ROLEFIT), "analyze", "--respondents", "100000", "--seed", "1", "--json"]
    seconds = statistics.median(timed(argv, env)[0] for _ in range(3))
    return [Row(label, f"{seconds:.2f} s", "<= 2 s", seconds <= 2)]


# ---- report -----------------------------------------------------------------------------------


def header(elapsed: float) -> str:
    """What was measured on what."""
    orjson = importlib.util.find_spec("orjson")
    version = "not installed"
    if orjson is not None:
        import orjson as module

        version = module.__version__
    return (
        f"rolefit benchmark: Python {platform.python_version()} on {platform.machine()} {platform.system()}, "
        f"{os.cpu_count()} CPUs, orjson {version}, {elapsed:.0f} s"
    )


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table."""
    cells = [("measure", "value", "target", "result")] + [
        (row.measure, row.value, row.target, {None: "", True: "pass", False: "FAIL"}[row.passed]) for row in rows
    ]
    widths = [max(len(cell[column]) for cell in cells) for column in range(4)]
    lines = [
        "| " + " | ".join(cell.ljust(width) for cell, width in zip(cell_row, widths, strict=True)) + " |"
        for cell_row in cells
    ]
    lines.insert(1, "| " + " | ".join("-" * width for width in widths) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
