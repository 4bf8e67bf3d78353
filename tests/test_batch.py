"""`rolefit score`: batch results agree with `quiz --answers`, bad lines are reported and skipped, memory stays flat."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import platformdirs
import pytest
import yaml
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.commands import score as score_command
from rolefit.data.catalog import LoadedBank, ProfileSet, data_dir, load_bank, load_profiles
from rolefit.data.models import LikertItem
from rolefit.env import Environment
from rolefit.scoring import batch
from rolefit.scoring.lines import use_parser
from tests.helpers import extreme

runner = CliRunner()
PM, PMM = "product-manager", "product-marketing-manager"
OUTPUT_KEYS = ["file", "line", "id", "bank", "recommendation", "fits", "margin", "answered", "skipped"]


def run(*args: str, stdin: str | bytes | None = None):  # type: ignore[no-untyped-def]
    """Invoke rolefit in-process with separate stdout and stderr."""
    return runner.invoke(app, list(args), input=stdin)


def line(answers: dict[str, Any], bank: str = "core", **extra: Any) -> str:
    """One JSON Lines record."""
    return json.dumps({**extra, "bank": bank, "answers": answers})


def results(stdout: str) -> list[dict[str, Any]]:
    """Every stdout line parsed as JSON (so stdout holds nothing else)."""
    return [json.loads(text) for text in stdout.splitlines()]


@pytest.fixture(params=[True, False], ids=["orjson", "json"])
def parser(request: pytest.FixtureRequest) -> Iterator[bool]:
    """Run a test with the fast parser (orjson, when installed) and with the json module."""
    use_parser(request.param)
    yield request.param
    use_parser(True)


def sample_sets(bank: LoadedBank, profiles: ProfileSet) -> list[dict[str, Any]]:
    """Answer sets that cover clear fits both ways, ties, skips, left-out items and limits."""
    likert = [item.id for item in bank.items if isinstance(item, LikertItem)]
    pm = extreme(bank, profiles, PM)
    return [
        pm,
        extreme(bank, profiles, PMM),
        extreme(bank, profiles, PMM, 1),
        {item.id: 3 for item in bank.items if isinstance(item, LikertItem)},  # neutral: a tie
        {**pm, **{item_id: "skip" for item_id in likert[:6]}},
        dict(list(pm.items())[: len(pm) // 3]),  # many left out
        {**pm, **{item_id: 5 for item_id in likert}},  # straight-lining
        {},
        dict(reversed(list(pm.items()))),  # another key order
    ]


def quiz_result(tmp_path: Path, answers: dict[str, Any], bank: str) -> dict[str, Any]:
    """What `rolefit quiz --answers F --json` says for these answers."""
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"bank": bank, "answers": answers}), encoding="utf-8")
    result = run("quiz", "--bank", bank, "--answers", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize("bank_id", ["core", "quick"])
def test_results_agree_with_quiz(
    tmp_path: Path, bank_id: str, core: LoadedBank, quick: LoadedBank, profiles: ProfileSet, parser: bool
) -> None:
    """Recommendation, fits, margin and counts are exactly those of `quiz --answers`, set for set."""
    bank = core if bank_id == "core" else quick
    sets = sample_sets(bank, profiles)
    result = run("score", "--bank", bank_id, stdin="".join(line(a, bank_id) + "\n" for a in sets))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    got = results(result.stdout)
    assert [r["line"] for r in got] == list(range(1, len(sets) + 1))
    for answers, scored in zip(sets, got, strict=True):
        expected = quiz_result(tmp_path, answers, bank_id)
        assert list(scored) == OUTPUT_KEYS
        assert scored["bank"] == expected["bank"]
        assert scored["recommendation"] == expected["recommendation"]
        assert scored["fits"] == [{"role": fit["role"], "score": fit["score"]} for fit in expected["fits"]]
        assert scored["margin"] == expected["margin"]
        assert (scored["answered"], scored["skipped"]) == (expected["answered"], expected["skipped"])


def test_three_roles_agree_with_quiz(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> None:
    """With a third role profile, all three fits come back in quiz's order, and the margin is between the top two."""
    third = str(Path(__file__).parent / "fixtures" / "third_role")
    sets = sample_sets(core, profiles)
    result = run("score", "--profiles", third, stdin="".join(line(a) + "\n" for a in sets))
    assert result.exit_code == 0, result.stderr
    for answers, scored in zip(sets, results(result.stdout), strict=True):
        path = tmp_path / "answers.json"
        path.write_text(json.dumps({"bank": "core", "answers": answers}), encoding="utf-8")
        expected = json.loads(run("quiz", "--profiles", third, "--answers", str(path), "--json").stdout)
        assert len(scored["fits"]) == 3
        assert scored["recommendation"] == expected["recommendation"]
        assert scored["fits"] == [{"role": fit["role"], "score": fit["score"]} for fit in expected["fits"]]
        assert scored["margin"] == expected["margin"]


def test_rows_near_a_boundary_are_left_to_the_engine() -> None:
    """Fits or margins at a rounding edge, ties and margins at a verdict threshold are flagged; clear rows are not."""
    fits = np.array([[62.35, 40.0], [70.0, 70.0], [60.0, 45.0], [71.2, 40.3], [40.0, 62.25]])
    order = np.argsort(-fits, axis=1, kind="stable")
    ranked = np.take_along_axis(fits, order, axis=1)
    margin = ranked[:, 0] - ranked[:, 1]
    assert batch._unsure(fits, order, margin).tolist() == [True, True, True, False, True]


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            line({"enjoys-writing-specs": 6}),
            "answers.enjoys-writing-specs: 6 is not an answer to likert item 'enjoys-writing-specs': use 1 to 5, or skip",
        ),
        (line({"enjoys-writing-specs": 0}), "answers.enjoys-writing-specs: 0 is not an answer to likert item"),
        (line({"enjoys-writing-specs": True}), "answers.enjoys-writing-specs: True is not an answer to likert item"),
        (line({"enjoys-writing-specs": 4.0}), "answers.enjoys-writing-specs: 4.0 is not an answer to likert item"),
        (
            line({"enjoys-writing-specs": None}),
            "answers.enjoys-writing-specs: an empty value (null) is not an answer to likert item",
        ),
        (
            line({"enjoys-writing-specz": 4}),
            "answers.enjoys-writing-specz: no item 'enjoys-writing-specz' in bank 'core' "
            "(did you mean 'enjoys-writing-specs'?): use an item id from `rolefit bank show core`",
        ),
        (
            line({"spec-or-positioning-doc": "maybe"}),
            "answers.spec-or-positioning-doc: 'maybe' is not an option of item",
        ),
        (line({"spec-or-positioning-doc": 1}), "answers.spec-or-positioning-doc: 1 is not an option of item"),
        (line({}, bank="quick"), "bank: these answers are for bank 'quick', not 'core': pass --bank quick"),
        ('{"bank": "core", "answers": {"enjoys-writing-specs": 4,', "invalid JSON"),
        (
            '{"bank": "core", "answers": {"enjoys-writing-specs": 4, "enjoys-writing-specs": 5}}',
            "duplicate key 'enjoys-writing-specs': keep one",
        ),
        ('{"bank": "core", "bank": "core", "answers": {}}', "duplicate key 'bank': keep one"),
        ('["core"]', "a line must be a JSON object"),
        ('{"bank": "core"}', "answers: required field is missing: add it"),
        ('{"bank": "core", "answers": {}, "extra": 1}', "extra: unknown field"),
        ('{"bank": "core", "answers": []}', 'answers: must be an object, not a list: write it as {"key": value, ...}'),
        (line({}, id=[1]), "id: must be a string or a number"),
        (line({}, id=True), "id: must be a string or a number"),
        (
            '{"bank": "core", "answers": {}, "id": NaN}',
            "NaN is not a number in JSON: write a finite number, or a string",
        ),
        (
            '{"bank": "core", "answers": {}, "id": ' + "[" * 3000 + "1" + "]" * 3000 + "}",
            "nested too deeply: an answer set is one object of item ids and answers",
        ),
        ('{"bank": "core", "answers": {}, "id": "\\ud800"}', "id: must be a string or a number"),
    ],
)
def test_a_bad_line_is_reported_with_its_number_and_the_rest_go_on(record: str, expected: str, parser: bool) -> None:
    """One message per problem, `<stdin>:LINE: ...`; the good lines around it are scored; exit 1."""
    good = line({"enjoys-writing-specs": 5})
    result = run("score", stdin=f"{good}\n{record}\n{good}\n")
    assert result.exit_code == 1
    assert [r["line"] for r in results(result.stdout)] == [1, 3]
    messages = result.stderr.strip().splitlines()
    assert len(messages) == 1 and messages[0].startswith("<stdin>:2") and expected in messages[0], messages
    assert "Traceback" not in result.stderr


def test_every_problem_of_a_line_is_reported(tmp_path: Path) -> None:
    """A line with two bad answers gets two messages, both with the file and line; a .jsonl file is a stream."""
    path = tmp_path / "cohort.jsonl"
    path.write_text(line({}) + "\n" + line({"enjoys-writing-specs": 9, "spec-or-positioning-doc": "x"}) + "\n")
    result = run("score", str(path))
    assert result.exit_code == 1
    messages = result.stderr.strip().splitlines()
    assert len(messages) == 2 and all(m.startswith(f"{path}:2: answers.") for m in messages)
    assert [r["line"] for r in results(result.stdout)] == [1]


def test_blank_lines_are_skipped_and_still_counted(parser: bool) -> None:
    """Blank and whitespace-only lines give no result and no error, but keep line numbers true; CRLF is fine."""
    record = line({"enjoys-writing-specs": 2})
    result = run("score", stdin=f"\n{record}\r\n   \n\n{record}")
    assert result.exit_code == 0, result.stderr
    assert [r["line"] for r in results(result.stdout)] == [2, 5]


def test_ids_are_echoed(parser: bool) -> None:
    """A string or number id comes back as given; no id is null."""
    records = [
        line({}, id="r-1"),
        line({}, id=42),
        line({}, id=2.5),
        line({}),
        line({}, id='quote " and : colon'),
        line({}, id="é"),
    ]
    result = run("score", stdin="\n".join(records))
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in results(result.stdout)] == ["r-1", 42, 2.5, None, 'quote " and : colon', "é"]


def test_skips_and_left_out_items_are_skipped(core: LoadedBank, parser: bool) -> None:
    """ "skip" and leaving an item out both count as skipped."""
    result = run(
        "score",
        stdin=line({"enjoys-writing-specs": "skip", "spec-or-positioning-doc": "skip", "digs-into-usage-data": 4}),
    )
    assert result.exit_code == 0, result.stderr
    (scored,) = results(result.stdout)
    assert (scored["answered"], scored["skipped"]) == (1, len(core.items) - 1)


def test_answer_files_are_one_set_each(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> None:
    """YAML and JSON answer files are scored as one set each, beside a stream; a bad file is reported and skipped."""
    yaml_file = tmp_path / "pm.yaml"
    yaml_file.write_text(yaml.safe_dump({"bank": "core", "answers": extreme(core, profiles, PM)}), encoding="utf-8")
    json_file = tmp_path / "pmm.json"
    json_file.write_text(json.dumps({"bank": "core", "answers": extreme(core, profiles, PMM)}), encoding="utf-8")
    bad_file = tmp_path / "bad.yaml"
    bad_file.write_text("bank: core\nanswers:\n  enjoys-writing-specs: 7\n", encoding="utf-8")
    stream = tmp_path / "more.jsonl"
    stream.write_text(line({}, id="s") + "\n", encoding="utf-8")
    result = run("score", str(yaml_file), str(bad_file), str(json_file), str(stream))
    assert result.exit_code == 1
    got = results(result.stdout)
    assert [(r["file"], r["line"], r["id"]) for r in got] == [
        (str(yaml_file), 1, None),
        (str(json_file), 1, None),
        (str(stream), 1, "s"),
    ]
    assert [r["recommendation"]["role"] for r in got[:2]] == [PM, PMM]
    assert result.stderr.startswith(f"{bad_file}:3:") and "7 is not an answer to likert item" in result.stderr


def test_summary_counts_the_cohort(core: LoadedBank, profiles: ProfileSet) -> None:
    """--summary prints one JSON object: counts per verdict and recommended role, mean fit per role."""
    pm, pmm = extreme(core, profiles, PM), extreme(core, profiles, PMM)
    records = [line(pm), line(pm), line(pmm), line({"nope": 1})]
    result = run("score", "--summary", stdin="\n".join(records))
    assert result.exit_code == 1
    (summary,) = results(result.stdout)
    assert summary["count"] == 3 and summary["failed"] == 1
    assert summary["verdicts"] == {"clear": 3, "lean": 0, "close-call": 0, "neither": 0, "undetermined": 0}
    assert summary["recommended"] == {PM: 2, PMM: 1}
    each = {r["recommendation"]["role"]: r for r in results(run("score", stdin=f"{line(pm)}\n{line(pmm)}").stdout)}
    fit = {role: {f["role"]: f["score"] for f in each[role]["fits"]} for role in each}
    assert summary["mean_fit"][PM] == pytest.approx((2 * fit[PM][PM] + fit[PMM][PM]) / 3, abs=0.1)
    assert "nope" in result.stderr


def test_summary_of_nothing() -> None:
    """An empty stream summarises to zero counts and no mean."""
    result = run("score", "--summary", stdin="")
    assert result.exit_code == 0
    assert results(result.stdout) == [
        {
            "count": 0,
            "failed": 0,
            "verdicts": {"clear": 0, "lean": 0, "close-call": 0, "neither": 0, "undetermined": 0},
            "recommended": {PM: 0, PMM: 0},
            "mean_fit": {PM: None, PMM: None},
        }
    ]


def test_stdin_by_default_and_by_dash() -> None:
    """With no FILE, or with `-`, answer sets are read from stdin as JSON Lines."""
    for args in ([], ["-"]):
        result = run("score", *args, stdin=line({}) + "\n")
        assert result.exit_code == 0, result.stderr
        assert [r["file"] for r in results(result.stdout)] == ["<stdin>"]


def test_stdout_holds_only_json_lines(tmp_path: Path) -> None:
    """Every stdout line is one JSON object, whatever goes wrong around it; messages go to stderr."""
    records = [line({}), "not json", line({"x": 1}), "", line({"digs-into-usage-data": 5}, id="z")]
    result = run("score", stdin="\n".join(records) + "\n")
    assert result.exit_code == 1
    assert all(isinstance(r, dict) for r in results(result.stdout))
    assert len(results(result.stdout)) == 2 and len(result.stderr.strip().splitlines()) == 2


def test_missing_file_stops_before_any_output(tmp_path: Path) -> None:
    """A missing file is a one-line error before anything is scored."""
    stream = tmp_path / "ok.jsonl"
    stream.write_text(line({}) + "\n", encoding="utf-8")
    result = run("score", str(stream), "missing.jsonl")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "missing.jsonl: no such file: check the path"


def test_other_banks_and_unknown_banks(quick: LoadedBank) -> None:
    """--bank picks the bank lines must be for (and are scored on); an unknown bank is a usage error."""
    scored = run("score", "--bank", "quick", stdin=line({"digs-into-usage-data": 5}, bank="quick"))
    assert scored.exit_code == 0, scored.stderr
    (result,) = results(scored.stdout)
    assert result["bank"]["id"] == "quick" and result["bank"]["hash"] == quick.hash
    assert (result["answered"], result["skipped"]) == (1, len(quick.items) - 1)
    refused = run("score", "--bank", "quick", stdin=line({"digs-into-usage-data": 5}))
    assert refused.exit_code == 1 and refused.stdout == ""
    assert "these answers are for bank 'core', not 'quick'" in refused.stderr
    result = run("score", "--bank", "nope", stdin="")
    assert result.exit_code == 2 and "no bank 'nope'" in result.stderr


def test_read_batches_splits_streams_and_drops_overlong_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines come back whole across reads, the last one without a newline too; an overlong line becomes None."""
    monkeypatch.setattr(score_command, "BLOCK", 7)
    monkeypatch.setattr(batch, "MAX_LINE", 20)
    stream = io.BytesIO(b"one\ntwo\n" + b"x" * 50 + b"\nthree\nfour")
    lines = [item for chunk in score_command.read_batches(stream, 2) for item in chunk]
    assert lines == [b"one", b"two", None, b"three", b"four"]


def test_an_overlong_line_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line past the size cap is one error and the stream goes on."""
    monkeypatch.setattr(batch, "MAX_LINE", 200)
    record = line({})
    result = run("score", stdin=f"{record}\n{record[:-1]}{' ' * 2000}}}\n{record}\n")
    assert result.exit_code == 1
    assert [r["line"] for r in results(result.stdout)] == [1, 3]
    assert result.stderr.startswith("<stdin>:2: longer than")


def test_many_chunks_keep_order_and_numbers(
    monkeypatch: pytest.MonkeyPatch, core: LoadedBank, profiles: ProfileSet
) -> None:
    """Streams longer than a chunk come out in input order with true line numbers."""
    monkeypatch.setattr(score_command, "CHUNK", 7)
    pm, pmm = extreme(core, profiles, PM), extreme(core, profiles, PMM)
    records = [line(pm if n % 3 else pmm, id=n) for n in range(50)]
    records[20] = "oops"
    result = run("score", stdin="\n".join(records))
    got = results(result.stdout)
    assert [r["id"] for r in got] == [n for n in range(50) if n != 20]
    assert [r["line"] for r in got] == [n + 1 for n in range(50) if n != 20]
    assert [r["recommendation"]["role"] for r in got] == [PM if n % 3 else PMM for n in range(50) if n != 20]


IMPORTS_AFTER = """
import sys
from rolefit.__main__ import main
sys.argv = ["rolefit", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
sys.stderr.write(" ".join(name for name in ("numpy", "yaml", "rich", "prompt_toolkit") if name in sys.modules))
"""


@pytest.mark.slow
def test_quiz_answers_and_version_stay_light(tmp_path: Path) -> None:
    """`--version` and `quiz --answers F.json --json` (shipped data cached) import neither numpy nor PyYAML nor rich."""
    path = tmp_path / "answers.json"
    path.write_text(line({"enjoys-writing-specs": 4}), encoding="utf-8")
    env = dict(os.environ)  # the isolated XDG_CACHE_HOME of this test: the first run fills it

    def heavy(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", IMPORTS_AFTER, *args], env=env, capture_output=True, text=True, check=True
        )
        return done.stderr

    assert heavy("--version") == ""
    heavy("quiz", "--answers", str(path), "--json")
    assert heavy("quiz", "--answers", str(path), "--json") == ""


# ---- the parsed-data cache behind fast start-up (rolefit.catalog) ---------------------------------


def cached_entries() -> dict[str, bytes]:
    """The parsed-data cache entries, by file name, in the state directory the CLI's Environment uses."""
    folder = Environment.from_process().cache_dir
    assert folder == platformdirs.user_state_path("rolefit") / "parsed"
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.json"))} if folder.is_dir() else {}


def load_core() -> tuple[ProfileSet, LoadedBank]:
    """The shipped profiles and core bank, loaded afresh through the cache, as every command loads them."""
    cache = Environment.from_process().cache_dir
    profiles = load_profiles(cache=cache)
    return profiles, load_bank("core", profiles, cache=cache)


def test_shipped_data_is_cached_and_reads_back_the_same(core: LoadedBank, profiles: ProfileSet) -> None:
    """Loading the shipped data writes one entry per file; loading again from them gives the same models."""
    first = load_core()
    assert set(cached_entries()) == {
        "profiles-shared.yaml.json",
        "profiles-product-manager.yaml.json",
        "profiles-product-marketing-manager.yaml.json",
        "questions-core.yaml.json",
    }
    again = load_core()
    assert again == first and again[0] == profiles and again[1].hash == core.hash and again[1].items == core.items


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: b"", id="empty"),
        pytest.param(lambda raw: b"\x00\xff garbage", id="garbage"),
        pytest.param(lambda raw: raw[: len(raw) // 2], id="cut-short"),
        pytest.param(
            lambda raw: re.sub(rb'"version": (\d+)', lambda m: b'"version": %d' % (int(m[1]) + 1), raw, count=1),
            id="data-changed",
        ),
        pytest.param(lambda raw: raw.replace(b"rolefit-parsed ", b"rolefit-parsed 0", 1), id="other-key"),
    ],
)
def test_a_damaged_cache_entry_is_ignored_and_rewritten(damage: Any, core: LoadedBank) -> None:
    """An entry that does not match its key and digest is never used: the YAML is parsed again and the entry rewritten."""
    load_core()
    entry = platformdirs.user_state_path("rolefit") / "parsed" / "questions-core.yaml.json"
    good = entry.read_bytes()
    assert damage(good) != good  # each case really damages the entry
    entry.write_bytes(damage(good))
    assert load_core()[1].hash == core.hash
    assert entry.read_bytes() == good


def test_only_shipped_files_are_cached(tmp_path: Path, profiles: ProfileSet, core: LoadedBank) -> None:
    """A bank file of the user's own is parsed every time and leaves nothing in the cache."""
    copy = tmp_path / "core.yaml"
    copy.write_text((data_dir("questions") / "core.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert load_bank(str(copy), profiles).hash == core.hash
    assert not [name for name in cached_entries() if name.startswith("questions-")]


def test_an_unwritable_cache_does_not_stop_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, core: LoadedBank
) -> None:
    """When the cache directory cannot be created, the data is parsed and loaded as usual, and nothing is cached."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))  # the cache lives in the state directory
    assert platformdirs.user_state_path("rolefit").is_relative_to(blocker)
    profiles, bank = load_core()
    assert bank.hash == core.hash and bank.items == core.items and profiles == load_profiles()
    assert cached_entries() == {} and blocker.read_text(encoding="utf-8") == ""


def test_twenty_roles_agree_with_quiz(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> None:
    """At the role limit (20 profiles, varied weights) every line still matches quiz: the ranking of 20 roles
    does not fit the 64-bit template key, which once overflowed into wrong results and a traceback (audit)."""
    import random

    directory = tmp_path / "profiles"
    shutil.copytree(Path(__file__).parent.parent / "profiles", directory)
    source = yaml.safe_load((directory / "product-manager.yaml").read_text(encoding="utf-8"))
    rng = random.Random(3)
    for n in range(18):
        extra = {**source, "id": f"role{n}", "name": f"Role {n}", "short_name": f"R{n}"}
        extra["weights"] = {trait: round(rng.random(), 2) for trait in source["weights"]}
        (directory / f"role{n}.yaml").write_text(yaml.safe_dump(extra, sort_keys=False), encoding="utf-8")
    sets = sample_sets(core, profiles)
    result = run("score", "--profiles", str(directory), stdin="".join(line(a) + "\n" for a in sets))
    assert result.exit_code == 0, result.stderr
    for answers, scored in zip(sets, results(result.stdout), strict=True):
        path = tmp_path / "answers.json"
        path.write_text(json.dumps({"bank": "core", "answers": answers}), encoding="utf-8")
        expected = json.loads(run("quiz", "--profiles", str(directory), "--answers", str(path), "--json").stdout)
        assert len(scored["fits"]) == 20
        assert scored["recommendation"] == expected["recommendation"]
        assert scored["fits"] == [{"role": fit["role"], "score": fit["score"]} for fit in expected["fits"]]
