"""The command line: JSON contract on stdout, one-line errors on stderr, documented exit codes."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Mapping
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from rolefit import __version__
from rolefit.cli import app
from rolefit.data.catalog import LoadedBank, ProfileSet
from tests.answer_sets import CLOSE_CALL, FEW_ANSWERS
from tests.conftest import REPO
from tests.helpers import extreme, result_of

runner = CliRunner()
PM, PMM = "product-manager", "product-marketing-manager"


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    """Invoke rolefit in-process with separate stdout and stderr."""
    return runner.invoke(app, list(args), input=stdin)


def answers_file(tmp_path: Path, answers: Mapping[str, object], bank: str = "core", name: str = "answers.yaml") -> Path:
    """An answers file in tmp_path."""
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"bank": bank, "answers": answers}), encoding="utf-8")
    return path


def test_version() -> None:
    """--version prints the version and exits 0."""
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"rolefit {__version__}\n"


def test_quiz_help_does_not_promise_that_progress_is_kept() -> None:
    """`quiz --help` cannot know whether the state directory takes a save, so it does not say progress is kept."""
    result = run("quiz", "--help")
    assert result.exit_code == 0, result.stderr
    assert "progress is kept" not in " ".join(result.stdout.split())


EXAMPLE_PAGES = [[], ["quiz"], ["explain"], ["validate"], ["score"], ["analyze"], ["history"], ["compare"]]
EXAMPLE_PAGES += [["team"], ["matrix"], ["tasks"], ["roles"]]


def help_examples(command: list[str]) -> list[str]:
    """The example lines of a help page: the indented lines under "Examples:", comments dropped."""
    result = run(*command, "--help")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "  Examples:" in lines, result.stdout
    examples = []
    for line in lines[lines.index("  Examples:") + 1 :]:
        if line and not line.startswith(" "):
            break  # the next section of the page: Arguments, Options, Commands
        if line.strip():
            examples.append(line.split("  #")[0].strip())
    return examples


def invocation(example: str) -> tuple[list[str], str | None]:
    """The rolefit arguments of an example shell line, and the file piped into it by `cat FILE |` (if any)."""
    stages = [shlex.split(stage) for stage in example.split("|")]
    at = next(n for n, stage in enumerate(stages) if stage[0] == "rolefit")
    words = stages[at][1:]
    if ">" in words:
        words = words[: words.index(">")]  # a shell redirect, not an argument
    piped = stages[at - 1][1] if at and stages[at - 1][0] == "cat" else None
    return words, piped


@pytest.mark.parametrize("command", EXAMPLE_PAGES, ids=lambda c: " ".join(c) or "rolefit")
def test_help_has_examples(command: list[str]) -> None:
    """Each main help page shows examples, and every one is a rolefit invocation of that page's command."""
    examples = help_examples(command)
    assert len(examples) >= 2, examples
    for example in examples:
        words, _ = invocation(example)
        assert words, example
        if command:
            assert words[: len(command)] == command or command == ["explain"], example
    if command:
        assert any(invocation(e)[0][: len(command)] == command for e in examples)


@pytest.mark.parametrize("command", EXAMPLE_PAGES, ids=lambda c: " ".join(c) or "rolefit")
def test_help_examples_run(command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example parses (its options exist); those that need no terminal and little time also run and exit 0."""
    shutil.copytree(REPO / "profiles", tmp_path / "my-profiles")
    bank = yaml.safe_load((REPO / "questions" / "core.yaml").read_text(encoding="utf-8")) | {"id": "my-bank"}
    (tmp_path / "questions").mkdir()
    for path in (tmp_path / "questions" / "my-bank.yaml", tmp_path / "my-bank.yaml"):
        path.write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")
    answers_file(tmp_path, CLOSE_CALL)
    line = json.dumps({"bank": "core", "answers": CLOSE_CALL})
    (tmp_path / "cohort.jsonl").write_text(line + "\n" + line + "\n", encoding="utf-8")
    shutil.copytree(REPO / "tests" / "panel", tmp_path / "panel")
    monkeypatch.chdir(tmp_path)
    for name in ("before.json", "after.json", "result.json"):  # kept results and their files: history, compare
        assert run("quiz", "--answers", "answers.yaml", "--save", "--output", name).exit_code == 0
    (tmp_path / "team.yaml").write_text("team:\n  roadmap: pm\n  personas: nobody\n", encoding="utf-8")
    (tmp_path / "done.yaml").write_text("matrix:\n  roadmap: done\n  personas: some\n", encoding="utf-8")
    ran = 0
    for example in help_examples(command):
        words, piped = invocation(example)
        parsed = run(*words, "--help")
        assert parsed.exit_code == 0 and parsed.stdout.startswith(f"Usage: rolefit {words[0]}"), (example, parsed)
        interactive = words[0] in ("quiz", "team", "matrix") and "--answers" not in words
        if interactive or "--adaptive" in words:  # a terminal to answer in; seconds of simulation
            continue
        done = run(*words, stdin=Path(piped).read_text(encoding="utf-8") if piped else None)
        assert done.exit_code == 0, (example, done.stdout, done.stderr)
        ran += 1
    assert ran >= 1


def test_quiz_json_is_the_only_thing_on_stdout(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> None:
    """`quiz --answers F --json` writes exactly one JSON document and nothing on stderr."""
    result = run("quiz", "--answers", str(answers_file(tmp_path, extreme(core, profiles, PMM))), "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["schema_version"] == 2
    assert data["bank"] == {"id": "core", "version": core.bank.version, "hash": core.hash}
    assert data["recommendation"] == {
        "role": PMM,
        "name": "Product Marketing Manager",
        "verdict": "clear",
        "needed": None,
    }
    assert [fit["role"] for fit in data["fits"]] == [PMM, PM]
    assert data["fits"][0]["score"] >= data["fits"][1]["score"]
    assert data["margin"] == pytest.approx(data["fits"][0]["score"] - data["fits"][1]["score"], abs=0.11)
    assert data["answered"] == len(core.items) and data["skipped"] == 0
    assert all(reason["items"] and reason["source"]["file"].endswith(".txt") for reason in data["reasons"])
    assert {t["trait"] for t in data["traits"]} == {t.id for t in profiles.traits}
    for reason in data["reasons"]:
        article = profiles.article(reason["source"]["file"])
        assert reason["source"]["title"] == article.title and reason["source"]["publisher"] == article.publisher
    assert {"Yardstick", None} <= {reason["source"]["publisher"] for reason in data["reasons"]}


def test_the_result_json_names_each_reason_source_by_file_and_title(core: LoadedBank, profiles: ProfileSet) -> None:
    """A reason's source is the seed file (its id) and the fact, with the registry's title and publisher, which is
    null, not left out, when the article names none."""
    result = result_of(core, profiles, extreme(core, profiles, PMM))
    sources = {reason["source"]["file"]: reason["source"] for reason in result.model_dump(mode="json")["reasons"]}
    assert sources["000_acce55285afc1692.txt"] == {
        "file": "000_acce55285afc1692.txt",
        "fact": sources["000_acce55285afc1692.txt"]["fact"],
        "title": "Product Manager vs Product Marketing Manager: responsibilities, skills and career paths",
        "publisher": "Yardstick",
    }
    unnamed = [source for file, source in sources.items() if file != "000_acce55285afc1692.txt"]
    assert unnamed and all(source["publisher"] is None and source["title"] for source in unnamed)
    assert all(source["fact"] for source in sources.values())


def published_validator() -> jsonschema.protocols.Validator:
    """A validator for the schema `rolefit schema` prints, by the draft it declares (pydantic writes 2020-12)."""
    result = run("schema")
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("answers", ["skipped", "extreme-pm", "extreme-pmm", "mixed", "few", "adaptive"])
def test_json_matches_the_published_schema(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet, answers: str
) -> None:
    """Real `quiz --answers F --json` output validates against the published schema, which requires the contract."""
    validator = published_validator()
    schema = validator.schema
    assert isinstance(schema, Mapping)
    assert {"bank", "recommendation", "fits", "margin", "traits", "reasons", "answered", "skipped"} <= set(
        schema["required"]
    )
    assert schema["additionalProperties"] is False  # an unpublished field would fail, not slip through
    chosen: Mapping[str, object] = {
        "skipped": {},
        "extreme-pm": extreme(core, profiles, PM),
        "extreme-pmm": extreme(core, profiles, PMM),
        "mixed": CLOSE_CALL,
        "few": FEW_ANSWERS,
        "adaptive": extreme(core, profiles, PM),
    }[answers]
    extra = ["--adaptive"] if answers == "adaptive" else []
    result = run("quiz", "--answers", str(answers_file(tmp_path, chosen)), "--json", *extra)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []
    assert (data["asked"] is not None) == (answers == "adaptive")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("recommendation",), None),  # a required field removed
        (("margin",), "30.8"),  # a number as text
        (("margin",), 101),  # beyond the 0..100 scale
        (("recommendation", "verdict"), "certain"),  # not one of the verdicts
        (("bank", "extra"), 1),  # a field the schema does not publish
        (("unpublished",), True),
        (("schema_version",), 1),  # the schema publishes version 2 only
    ],
)
def test_the_published_schema_rejects_broken_results(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet, path: tuple[str, ...], value: object
) -> None:
    """A result with a field missing, mistyped, out of range, unknown or of another version fails the schema."""
    validator = published_validator()
    data = json.loads(run("quiz", "--answers", str(answers_file(tmp_path, CLOSE_CALL)), "--json").stdout)
    assert validator.is_valid(data)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if value is None:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    assert not validator.is_valid(data)


def test_answers_from_stdin_as_json(core: LoadedBank, profiles: ProfileSet) -> None:
    """`--answers -` reads JSON (or YAML) from stdin."""
    document = json.dumps(
        {"bank": "quick", "answers": {"digs-into-usage-data": 5, "enjoys-competitor-research": "skip"}}
    )
    result = run("quiz", "--bank", "quick", "--answers", "-", "--json", stdin=document)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["answers"] == {"digs-into-usage-data": 5}
    assert data["bank"]["id"] == "quick" and data["skipped"] == 11


@pytest.mark.parametrize(("role", "short"), [(PM, "PM"), (PMM, "PMM")])
def test_quiz_without_json_renders_for_people(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet, role: str, short: str
) -> None:
    """Without --json stdout is the drawn result, not JSON: the verdict naming the role, the JSON's fits, the sections."""
    path = answers_file(tmp_path, extreme(core, profiles, role))
    data = json.loads(run("quiz", "--answers", str(path), "--json").stdout)
    result = run("quiz", "--answers", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    text = result.stdout
    lines = text.splitlines()
    name = data["recommendation"]["name"]
    assert data["recommendation"]["role"] == role
    assert lines[0] == f"Clear fit: {name}"
    for fit in data["fits"]:
        line = next(line for line in lines if line.startswith(fit["name"] + "  "))
        assert re.search(rf"█+░*\s+{fit['score']:.0f}/100$", line), line
    runner_up = data["fits"][1]["name"]
    assert f"{name} leads {runner_up} by {data['margin']:.1f} points." in text
    assert f"Based on your answers to all {len(core.items)} questions." in text
    headings = [m.group(1) for m in re.finditer(r"^(\S.*?) ─{3,}$", text, re.MULTILINE)]
    assert headings == [
        f"Why {short}",
        "What would change it",
        "Trait breakdown",
        f"What the {short} role is like",
        f"Next steps for {short}",
        "Words used here",
    ]
    assert not text.lstrip().startswith(("{", "["))
    assert '"schema_version"' not in text and '"recommendation":' not in text
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {"enjoys-writing-specs": 0},
            "answers.enjoys-writing-specs: 0 is not an answer to likert item 'enjoys-writing-specs': use 1 to 5, or skip",
        ),
        ({"enjoys-writing-specs": 6}, "6 is not an answer to likert item"),
        ({"enjoys-writing-specs": "five"}, "'five' is not an answer to likert item"),
        (
            {"enjoys-writing-specz": 4},
            "answers.enjoys-writing-specz: no item 'enjoys-writing-specz' in bank 'core' "
            "(did you mean 'enjoys-writing-specs'?): use an item id from `rolefit bank show core`",
        ),
        (
            {"spec-or-positioning-doc": "maybe"},
            "'maybe' is not an option of item 'spec-or-positioning-doc': use one of",
        ),
    ],
)
def test_bad_answers_are_one_line_errors_at_their_place(
    tmp_path: Path, answers: dict[str, object], expected: str
) -> None:
    """A bad value or an unknown item id names the file, line, column, item and fix; exit 1."""
    path = answers_file(tmp_path, answers)
    result = run("quiz", "--answers", str(path), "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:2:") and expected in lines[0], lines
    assert "Traceback" not in result.stderr


def test_answers_for_another_bank(tmp_path: Path) -> None:
    """Answers written for one bank are not silently applied to another."""
    result = run("quiz", "--answers", str(answers_file(tmp_path, {}, bank="quick")), "--json")
    assert result.exit_code == 1
    assert "these answers are for bank 'quick', not 'core': pass --bank quick" in result.stderr


def test_truncated_json_answers(tmp_path: Path) -> None:
    """A cut-off JSON file is reported with its line and column."""
    path = tmp_path / "answers.json"
    path.write_text('{"bank": "core", "answers": {"enjoys-writing-specs": 4,', encoding="utf-8")
    result = run("quiz", "--answers", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:1:") and "invalid JSON" in result.stderr


def test_no_terminal_and_no_answers_exits_2() -> None:
    """Without a terminal to ask in, quiz stops at once naming --answers."""
    result = run("quiz", stdin="")
    assert result.exit_code == 2
    assert "--answers" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["quiz", "--bank", "nope", "--answers", "-"], 2, "rolefit: no bank 'nope': choose one of core, quick"),
        (["profile", "show", "nope"], 2, "rolefit: no profile 'nope': choose one of"),
        (["quiz", "--answers", "missing.yaml"], 1, "missing.yaml: no such file: check the path"),
        (["validate", "missing.yaml"], 1, "missing.yaml: no such file: check the path"),
        (["quiz", "--profiles", "nowhere", "--answers", "-"], 1, "nowhere: no such directory: check the path"),
    ],
)
def test_user_mistakes_are_one_line_errors(args: list[str], code: int, expected: str) -> None:
    """Unknown ids and missing paths give one line, the documented code, no traceback."""
    result = run(*args, stdin="{}")
    assert result.exit_code == code
    assert result.stderr.strip() == expected or result.stderr.startswith(expected), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_validate_shipped_data() -> None:
    """`rolefit validate` checks the shipped profiles and every shipped bank."""
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert "bank 'core'" in result.stderr and "bank 'quick'" in result.stderr


def test_validate_reports_problems_with_positions(tmp_path: Path) -> None:
    """A broken bank file is reported file:line:col and exits 1."""
    path = tmp_path / "bank.yaml"
    path.write_text("id: x\nversion: 1\ntitle: X\ndescription: X.\nitems: []\nextra: 1\n", encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:6:8: extra: unknown field: remove it or check its spelling" in result.stderr


def test_bank_show_json_shape(core: LoadedBank) -> None:
    """`bank show core --json` lists items with kind, text, source and effects (on the item or its options)."""
    data = json.loads(run("bank", "show", "core", "--json").stdout)
    assert data["id"] == "core" and data["version"] == core.bank.version
    assert len(data["items"]) == len(core.items)
    for item in data["items"]:
        assert set(item) == {"id", "kind", "text", "source", "effects", "options"}
        assert bool(item["effects"]) == (item["kind"] == "likert")
        assert all(set(option) == {"id", "text", "effects"} for option in item["options"])


def test_bank_show_names_each_source_by_its_title(
    core: LoadedBank, profiles: ProfileSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`bank show` names each item's source by its article's title (and publisher), not its seed file."""
    monkeypatch.setenv("COLUMNS", "400")  # wide enough that no title wraps
    shown = run("bank", "show", "core")
    assert shown.exit_code == 0, shown.stderr
    assert ".txt" not in shown.stdout
    blocks = {block.split()[0]: block for block in shown.stdout.split("\n\n")[1:]}
    assert list(blocks) == [item.id for item in core.items]
    for item in core.items:
        article = profiles.article(item.source.file)
        name = f"{article.title} ({article.publisher})" if article.publisher else article.title
        assert f"  source: {name}\n" in blocks[item.id] + "\n", (item.id, blocks[item.id])
    assert any(" (Yardstick)\n" in block + "\n" for block in blocks.values())


@pytest.mark.parametrize("columns", ["40", "80", "120"])
def test_bank_show_never_cuts_an_id(core: LoadedBank, columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every item id and option id shows whole, at the start of a line, however narrow the terminal."""
    monkeypatch.setenv("COLUMNS", columns)
    lines = run("bank", "show", "core").stdout.splitlines()
    assert "…" not in "\n".join(lines)
    starts = {line.split()[0] for line in lines if line.strip()} | {
        line.split()[1].rstrip(":") for line in lines if line.lstrip().startswith("- ")
    }
    for item in core.items:
        assert item.id in starts, item.id
        for option in getattr(item, "options", []):
            assert option.id in starts, option.id


def test_bank_and_profile_lists() -> None:
    """The list commands name the shipped banks and roles."""
    assert [b["id"] for b in json.loads(run("bank", "list", "--json").stdout)] == ["core", "quick"]
    assert [p["id"] for p in json.loads(run("profile", "list", "--json").stdout)] == [PM, PMM]


def test_profile_show_json_has_weights(profiles: ProfileSet) -> None:
    """`profile show ID --json` includes a weight for every trait."""
    data = json.loads(run("profile", "show", PM, "--json").stdout)
    assert data["id"] == PM
    assert set(data["weights"]) == {trait.id for trait in profiles.traits}


# ---- command-line conventions: help, usage errors, completion, files announced ---------------------


def command_paths() -> list[list[str]]:
    """Every command and group of the program, as the words that name it (the program itself is [])."""
    import typer.main

    found: list[list[str]] = []

    def walk(command: object, words: list[str]) -> None:
        found.append(words)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*words, name])

    walk(typer.main.get_command(app), [])
    return found


def test_command_paths_cover_the_program() -> None:
    """The help scan below reaches every command, nested ones included."""
    paths = command_paths()
    assert ["quiz"] in paths and ["bank", "show"] in paths and ["profile", "show"] in paths and len(paths) >= 13


@pytest.mark.parametrize("words", command_paths(), ids=lambda words: " ".join(words) or "rolefit")
def test_every_help_page_names_arguments_by_plain_metavars(words: list[str]) -> None:
    """No help page shows an internal type name (`<path>`, `<list[str]>`) or a doubled bracket (`[[PATH]...]...`)."""
    page = run(*words, "--help")
    assert page.exit_code == 0, page.stderr
    assert not re.search(r"<[a-z][\w\[\], ]*>", page.stdout), page.stdout
    assert "[[" not in page.stdout and "]...]" not in page.stdout and "{" not in page.stdout, page.stdout
    metavars = re.findall(r"^  ([A-Z|]+)(?:\.\.\.)?  ", page.stdout, re.MULTILINE)  # the Arguments section
    assert all(set(name) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ|") for name in metavars)


@pytest.mark.parametrize(
    ("words", "usage"),
    [
        (["validate"], "Usage: rolefit validate [OPTIONS] [PATH]..."),
        (["score"], "Usage: rolefit score [OPTIONS] [FILE]..."),
        (["explain"], "Usage: rolefit explain [OPTIONS] FILE"),
        (["bank", "show"], "Usage: rolefit bank show [OPTIONS] ID|FILE"),
        (["profile", "show"], "Usage: rolefit profile show [OPTIONS] ID"),
    ],
)
def test_usage_lines_read_plainly(words: list[str], usage: str) -> None:
    """The usage line names arguments as a person would write them."""
    assert run(*words, "--help").stdout.splitlines()[0] == usage


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["quiz", "--foo"], "rolefit: no such option: --foo: see `rolefit quiz --help`"),
        (
            ["quiz", "--bnk", "quick"],
            "rolefit: no such option: --bnk (did you mean --bank?): see `rolefit quiz --help`",
        ),
        (["qiz"], "rolefit: no such command 'qiz' (did you mean 'quiz'?): see `rolefit --help`"),
        (["bank", "shw"], "rolefit: no such command 'shw' (did you mean 'show'?): see `rolefit bank --help`"),
        (["explain"], "rolefit: missing argument 'FILE': see `rolefit explain --help`"),
        (["quiz", "--seed", "x"], "rolefit: invalid value for '--seed': "),
        (["analyze", "-n", "5"], "rolefit: invalid value for '--respondents' / '-n': "),
    ],
)
def test_usage_errors_are_one_rolefit_line(args: list[str], says: str) -> None:
    """typer's usage errors read like rolefit's own: one line on stderr starting `rolefit:`, exit 2, no usage dump."""
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(says), result.stderr


def test_a_group_without_a_command_still_shows_its_help() -> None:
    """`rolefit bank` alone shows the group's help, as before (exit 2)."""
    result = run("bank")
    assert result.exit_code == 2
    assert "Commands:" in result.stderr + result.stdout and "rolefit:" not in result.stderr


@pytest.mark.parametrize(
    ("args", "nearest"),
    [
        (["bank", "show", "cor"], "(did you mean 'core'?)"),
        (["profile", "show", "product-manger"], "(did you mean 'product-manager'?)"),
        (["quiz", "--bank", "qick", "--answers", "-"], "(did you mean 'quick'?)"),
        (["score", "--bank", "qick"], "(did you mean 'quick'?)"),
        (["schema", "score-lin"], "(did you mean 'score-line'?)"),
    ],
)
def test_an_unknown_id_suggests_the_nearest(args: list[str], nearest: str) -> None:
    """A mistyped bank, role or shape id names the nearest known one, in one rolefit: line, exit 2."""
    result = run(*args, stdin="")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("rolefit: ") and nearest in result.stderr and len(result.stderr.splitlines()) == 1


def test_completion_callbacks_offer_shipped_ids() -> None:
    """--bank completes the shipped bank ids by prefix; a path is left to the shell's file completion."""
    from rolefit.cli.conventions import complete_bank
    from rolefit.data.catalog import shipped_bank_ids

    assert complete_bank("") == shipped_bank_ids()
    assert complete_bank("q") == [bank for bank in shipped_bank_ids() if bank.startswith("q")] != []
    assert complete_bank("./") == [] and complete_bank("questions/") == [] and complete_bank("zzz") == []


def test_role_completion_follows_the_profiles_directory(profiles: ProfileSet) -> None:
    """`profile show` completes the shipped role ids, or those of --profiles DIR when given."""
    import typer.main

    from rolefit.cli.conventions import complete_role

    command = typer.main.get_command(app)
    ctx = typer.Context(command)
    assert complete_role(ctx, "") == sorted(profile.id for profile in profiles.profiles)
    assert complete_role(ctx, "product-mark") == [PMM]
    ctx.params["profiles"] = REPO / "tests" / "fixtures" / "third_role"
    third = complete_role(ctx, "")
    assert len(third) == 3 and set(third) > {PM, PMM}
    ctx.params["profiles"] = REPO / "no-such-directory"
    assert complete_role(ctx, "") == []


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("rolefit quiz --bank q", ["quick"]),
        ("rolefit bank show c", ["core"]),
        ("rolefit profile show product-ma", [PM, PMM]),
        ("rolefit schema score-", ["score-line", "score-summary"]),
    ],
)
def test_bash_completion_completes_ids(words: str, expected: list[str]) -> None:
    """A real bash completion request (the variables the completion script sets) answers with the ids."""
    env = {"_ROLEFIT_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    result = runner.invoke(app, [], env=env, prog_name="rolefit")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == expected


def test_output_and_report_files_are_announced(tmp_path: Path, core: LoadedBank, profiles: ProfileSet) -> None:
    """Each file `quiz` and `explain` write is named on stderr, once."""
    path = answers_file(tmp_path, extreme(core, profiles, PM))
    out, report, again = tmp_path / "result.json", tmp_path / "result.md", tmp_path / "again.html"
    result = run("quiz", "--answers", str(path), "--output", str(out), "--report", str(report))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"rolefit: wrote the result JSON to {out}",
        f"rolefit: wrote the report to {report}",
    ]
    shown = run("explain", str(out), "--report", str(again))
    assert shown.exit_code == 0, shown.stderr
    assert shown.stderr.splitlines() == [f"rolefit: wrote the report to {again}"] and again.is_file()


@pytest.mark.slow
def test_the_installed_command_completes_bank_ids_in_bash(tmp_path: Path) -> None:
    """The installed `rolefit`, asked as bash's completion script asks, offers the bank ids; a path is left to bash."""
    from tests.helpers import env_for, run_rolefit

    env = env_for(tmp_path / "home")
    env.update(_ROLEFIT_COMPLETE="complete_bash", COMP_WORDS="rolefit quiz --bank ", COMP_CWORD="3")
    done = run_rolefit(env=env)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    from rolefit.data.catalog import shipped_bank_ids

    assert done.stdout.split() == shipped_bank_ids()
    env.update(COMP_WORDS="rolefit quiz --bank ./", COMP_CWORD="3")
    assert run_rolefit(env=env).stdout.split() == []  # nothing offered: bash falls back to its own file completion
