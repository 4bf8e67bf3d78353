"""Reports (.md, .html, .svg, .json) and ``rolefit explain``: every format holds the verdict, Markdown every section."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.commands.explain import read_result
from rolefit.data.catalog import ProfileSet, load_bank, load_profiles
from rolefit.errors import DataError, UsageError
from rolefit.scoring.result import Result
from rolefit.views.markdown import code, markdown_report, md
from rolefit.views.report import report_text, write_report
from tests.answer_sets import ANALYST, CLEAR_PM, CLOSE_CALL, FEW_ANSWERS, LEAN_PMM
from tests.helpers import avoiding_everything, result_of, visible_text

HERE = Path(__file__).parent
THIRD_ROLE = HERE / "fixtures" / "third_role"
ENV = {"NO_COLOR": "1", "_TYPER_FORCE_DISABLE_TERMINAL": "1", "COLUMNS": "80", "TERM": "dumb"}

VERDICTS: dict[str, dict[str, int | str]] = {"clear": CLEAR_PM, "lean": LEAN_PMM, "close-call": CLOSE_CALL}


@pytest.fixture(scope="module")
def shipped() -> ProfileSet:
    """The shipped profiles."""
    return load_profiles()


def result_for(profiles: ProfileSet, answers: dict[str, int | str]) -> Result:
    """Score a fixed answer set against the core bank."""
    return result_of(load_bank("core", profiles), profiles, answers)


def headings(markdown: str) -> list[tuple[int, str]]:
    """The (level, text) of every heading, as a Markdown parser reads them."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    found = []
    for number, token in enumerate(tokens):
        if token.type == "heading_open":
            found.append((int(token.tag[1]), tokens[number + 1].content))
    return found


def test_answer_sets_give_their_verdicts(shipped: ProfileSet) -> None:
    """The fixed answer sets still reach the verdicts the tests are about."""
    assert {v: result_for(shipped, a).recommendation.verdict for v, a in VERDICTS.items()} == {v: v for v in VERDICTS}
    assert result_for(shipped, LEAN_PMM).recommendation.role == "product-marketing-manager"


# ---- every format holds the recommendation ------------------------------------------------------


@pytest.mark.parametrize("fmt", [".md", ".html", ".svg", ".json"])
@pytest.mark.parametrize("verdict", ["clear", "lean", "close-call"])
def test_every_format_holds_the_recommendation(fmt: str, verdict: str, shipped: ProfileSet, tmp_path: Path) -> None:
    """Each report file names the verdict, the recommended role and every fit."""
    result = result_for(shipped, VERDICTS[verdict])
    path = tmp_path / f"result{fmt}"
    write_report(result, shipped, path)
    raw = path.read_text(encoding="utf-8")
    if fmt == ".json":
        data = json.loads(raw)
        assert data["recommendation"] == {
            "role": result.recommendation.role,
            "name": result.recommendation.name,
            "verdict": verdict,
            "needed": None,
        }
        assert Result.model_validate(data) == result
        return
    seen = visible_text(raw, fmt)
    headline = {
        "clear": "Clear fit: Product Manager",
        "lean": "Leaning Product Marketing Manager",
        "close-call": "Close call: you would fit either; here is how to decide",
    }[verdict]
    assert headline in seen
    assert result.recommendation.name is not None and result.recommendation.name in seen
    for fit in result.fits:
        assert f"{fit.score:.0f}/100" in seen and fit.name in seen
    assert f"by {result.margin:.1f} points" in seen


def test_json_report_matches_the_quiz_json_and_keeps_structured_reasons(shipped: ProfileSet) -> None:
    """The .json report is the result JSON: reasons carry trait, role (direction), item ids and source."""
    result = result_for(shipped, CLEAR_PM)
    data = json.loads(report_text(result, shipped, ".json"))
    assert data == result.model_dump(mode="json")
    reason = data["reasons"][0]
    assert {"trait", "role", "points", "items", "evidence", "fact", "source"} <= reason.keys()
    assert reason["items"] == [e["item"] for e in reason["evidence"]]
    assert reason["source"]["file"].endswith(".txt")
    assert reason["source"]["title"] == shipped.article(reason["source"]["file"]).title
    assert reason["source"].keys() == {"file", "fact", "title", "publisher"}


MADE = dt.date(2026, 12, 1)


# ---- the Markdown report ------------------------------------------------------------------------


def test_markdown_has_every_section_for_a_clear_result(shipped: ProfileSet) -> None:
    """Headline, limits, why (for and against), changes, traits, the role, next steps and sources, in order."""
    found = headings(markdown_report(result_for(shipped, CLEAR_PM), shipped))
    assert [h for h in found if h[0] <= 2] == [
        (1, "Clear fit: Product Manager"),
        (2, "What limits certainty"),
        (2, "Why PM"),
        (2, "What would change it"),
        (2, "Trait breakdown"),
        (2, "What the PM role is like"),
        (2, "Next steps for PM"),
        (2, "Words used here"),
        (2, "Sources"),
    ]
    titles = [text for _, text in found]
    for title in (
        "The evidence for Product Manager",
        "The evidence for Product Marketing Manager",
        "Day to day",
        "How success is measured",
        "Reporting line",
        "Career path",
        "Interview loop",
        "Prepare for PM roles",
        "Mistakes to avoid",
        "Skills worth borrowing from other roles",
    ):
        assert title in titles, title
    assert any(text.startswith("1. ") and "favours PM by" in text for text in titles)
    assert any(text.startswith("1. ") and "favours PMM by" in text for text in titles)


def test_markdown_close_call_explains_how_to_decide(shipped: ProfileSet) -> None:
    """A close call's report has the decision guidance and why one person should not hold both jobs."""
    report = markdown_report(result_for(shipped, CLOSE_CALL), shipped)
    found = [text for level, text in headings(report) if level <= 3]
    for title in (
        "What pulls each way",
        "How to decide",
        "If you would fit either",
        "If one job asks you to do both",
        "PM and PMM side by side",
        "Day to day",
        "Interview loop",
        "Next steps for either role",
        "Prepare",
    ):
        assert title in found, title
    assert "What the PM role is like" not in found
    assert "rolefit profile show" not in report
    both = report.split("## PM and PMM side by side")[1].split("## Next steps")[0]
    assert both.count("**Product Manager**") == both.count("**Product Marketing Manager**") == 6
    assert "some of these important tasks would simply not get done" in report


def test_markdown_holds_the_numbers_and_the_users_answers(shipped: ProfileSet) -> None:
    """Fits, margin, every reason's evidence (without item ids), each change and every trait are in the report."""
    result = result_for(shipped, LEAN_PMM)
    report = markdown_report(result, shipped)
    text = " ".join(report.split())
    assert f"Product Marketing Manager leads Product Manager by {result.margin:.1f} points." in text
    for fit in result.fits:
        assert re.search(rf"\| (\*\*)?{re.escape(fit.name)}(\*\*)? \| `[█░]+` \| {fit.score:.0f}/100 \|", report)
    for reason in result.reasons:
        for evidence in reason.evidence:
            assert f"- {md(evidence.text)}\n" in report
            assert evidence.item not in report
        assert f"Source: {md(cited_as(reason.source.file, shipped))} — *" in text
    for change in result.what_would_change.flip:
        assert md(change.text) in text
    for trait in result.traits:
        assert f"| {md(trait.name)} |" in report
    assert "would flip it to Product Manager:" in text
    assert not [item for item in result.answers if md(item) in report or item in report]
    assert "points off the margin" not in text


def cited_as(file: str, profiles: ProfileSet) -> str:
    """How a report should name a seed article: its title, then the publisher in brackets when named."""
    article = profiles.article(file)
    return f"{article.title} ({article.publisher})" if article.publisher else article.title


def test_markdown_names_every_source_it_cites(shipped: ProfileSet) -> None:
    """Each block names its source by the article's title (and publisher) with the fact; the Sources section lists
    every article cited, by title, with how many facts it gave; no seed file name shows anywhere."""
    report = markdown_report(result_for(shipped, CLEAR_PM), shipped)
    files = [article.file for article in shipped.shared.sources]
    names = {md(cited_as(file, shipped)): file for file in files}
    body, sources = report.split("## Sources", 1)
    cited = re.findall(r"^Source: (.+?) — \*(.+)\*$", body, re.MULTILINE)
    assert {name for name, _ in cited} == set(names) and len(cited) == body.count("Source: ")
    assert ".txt" not in report and not [file for file in files if md(file) in report]
    assert (
        "Source: Product Manager vs Product Marketing Manager: responsibilities, skills and career paths (Yardstick) — *"
        in body
    )
    facts = {name: {fact for cited_name, fact in cited if cited_name == name} for name in names}
    listed = re.findall(r"^- (.+?) — (\d+) facts? cited above$", sources, re.MULTILINE)
    assert ".txt" not in sources
    assert sorted(listed) == sorted((name, str(len(facts[name]))) for name in names)


def test_markdown_escapes_data_text(shipped: ProfileSet) -> None:
    """Data that looks like Markdown or HTML is shown as text, not turned into links, emphasis or tags."""
    data = result_for(shipped, CLEAR_PM).model_dump(mode="json")
    data["reasons"][0]["fact"] = "Click [here](https://evil.example) <script>x</script> *now* | ok"
    data["reasons"][0]["evidence"][0]["text"] = "1. not a list # nor a heading `code`"
    data["recommendation"]["name"] = "- Product_Manager\x1b[31m"
    report = markdown_report(Result.model_validate(data), shipped)
    rendered = MarkdownIt("commonmark").enable("table").render(report)
    assert "<a href" not in rendered and "<script>" not in rendered and "<em>now</em>" not in rendered
    assert "Click [here](https://evil.example) &lt;script&gt;x&lt;/script&gt; *now* | ok" in rendered
    assert "1. not a list # nor a heading `code`" in html.unescape(rendered)
    assert "\x1b" not in report
    assert "<h1>Clear fit: - Product_Manager\N{REPLACEMENT CHARACTER}[31m</h1>" in rendered


class _Headings(HTMLParser):
    """The levels of an HTML document's h1-h6, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def heading_levels(report: str, fmt: str) -> list[int]:
    """The heading levels of a Markdown or HTML report, as a parser reads them."""
    if fmt == ".md":
        return [level for level, _ in headings(report)]
    parser = _Headings()
    parser.feed(report)
    return parser.levels


ORDER_CASES: dict[str, tuple[Path | None, dict[str, int | str] | str]] = {
    "clear": (None, CLEAR_PM),
    "lean": (None, LEAN_PMM),
    "close-call": (None, CLOSE_CALL),
    "capped": (None, FEW_ANSWERS),
    "neither": (None, "avoiding"),
    "undetermined": (None, {"enjoys-writing-specs": 5}),
    "third-role": (THIRD_ROLE, ANALYST),
}


@pytest.mark.parametrize("fmt", [".md", ".html"])
@pytest.mark.parametrize("case", list(ORDER_CASES))
def test_heading_levels_never_jump(case: str, fmt: str) -> None:
    """One top heading (the verdict), and each heading at most one level below the one before it."""
    folder, answers = ORDER_CASES[case]
    profiles = load_profiles(folder)
    bank = load_bank("core", profiles)
    result = result_of(bank, profiles, avoiding_everything(bank) if isinstance(answers, str) else answers)
    levels = heading_levels(report_text(result, profiles, fmt, MADE), fmt)
    assert levels[0] == 1 and levels.count(1) == 1, levels
    jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert jumps == [], levels


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("1. first", "1\\. first"),
        ("- item", "\\- item"),
        ("---", "\\---"),
        ("version 0.1.0", "version 0.1.0"),
        ("a|b", "a\\|b"),
        ("$150k-$180k", "\\$150k-\\$180k"),
        ("two\nlines", "two lines"),
    ],
)
def test_md_escape(text: str, escaped: str) -> None:
    """md() escapes what Markdown would read as markup, and nothing more."""
    assert md(text) == escaped


def test_code_span_survives_backticks() -> None:
    """A code span is fenced by more backticks than it holds."""
    assert code("a`b") == "``a`b``"
    assert code("`x") == "`` `x ``"


def test_third_role_report_names_the_third_role(tmp_path: Path) -> None:
    """A third role added by a custom profile gets its own sections in the Markdown report."""
    profiles = load_profiles(THIRD_ROLE)
    report = markdown_report(result_for(profiles, ANALYST), profiles)
    titles = [text for _, text in headings(report)]
    assert titles[0] == "Leaning Insights Analyst"
    assert "Why Analyst" in titles and "What the Analyst role is like" in titles and "Next steps for Analyst" in titles
    assert "The evidence for Product Manager" in titles
    assert "| Trait | You | Analyst | PM | PMM |" in report


# ---- file names and errors ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["report.txt", "report", "report.markdown", "report.pdf"])
def test_unknown_extension_is_a_usage_error_naming_the_formats(name: str, shipped: ProfileSet, tmp_path: Path) -> None:
    """Anything but .md, .html, .svg or .json is refused before anything is written."""
    with pytest.raises(UsageError) as raised:
        write_report(result_for(shipped, CLEAR_PM), shipped, tmp_path / name)
    assert ".md, .html, .svg, .json" in str(raised.value)
    assert raised.value.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_extension_case_does_not_matter(shipped: ProfileSet, tmp_path: Path) -> None:
    """REPORT.MD is a Markdown report."""
    write_report(result_for(shipped, CLEAR_PM), shipped, tmp_path / "REPORT.MD")
    assert (tmp_path / "REPORT.MD").read_text(encoding="utf-8").startswith("# Clear fit: Product Manager\n")


# ---- the CLI: quiz --report and explain ---------------------------------------------------------


def _answers_file(tmp_path: Path, answers: dict[str, int | str]) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"bank": "core", "answers": answers}), encoding="utf-8")
    return path


def test_quiz_report_flag_writes_each_format(tmp_path: Path) -> None:
    """`rolefit quiz --answers F --report R` writes R in the format its extension names, beside the same result,
    and says on stderr where it wrote."""
    answers = _answers_file(tmp_path, CLEAR_PM)
    runner = CliRunner()
    for fmt in (".md", ".html", ".svg", ".json"):
        target = tmp_path / f"out{fmt}"
        run = runner.invoke(app, ["quiz", "--answers", str(answers), "--report", str(target), "--json"], env=ENV)
        assert run.exit_code == 0, run.stderr
        written = target.read_text(encoding="utf-8")
        if fmt == ".json":
            assert json.loads(written) == json.loads(run.stdout)  # the .json report is the result itself
        else:
            assert "Clear fit: Product Manager" in visible_text(written, fmt)
        assert {".md": "# ", ".html": "<!DOCTYPE html>", ".svg": "<svg", ".json": "{"}[fmt] in written[:200]
        assert json.loads(run.stdout)["recommendation"]["role"] == "product-manager"
        assert run.stderr == f"rolefit: wrote the report to {target}\n"


def test_quiz_report_with_a_bad_extension_exits_2(tmp_path: Path) -> None:
    """A report name with an unknown extension is a usage error."""
    run = CliRunner().invoke(
        app, ["quiz", "--answers", str(_answers_file(tmp_path, CLEAR_PM)), "--report", str(tmp_path / "r.txt")], env=ENV
    )
    assert run.exit_code == 2
    assert ".md, .html, .svg, .json" in run.stderr


def _saved(tmp_path: Path, profiles: ProfileSet, answers: dict[str, int | str]) -> Path:
    path = tmp_path / "result.json"
    path.write_text(report_text(result_for(profiles, answers), profiles, ".json"), encoding="utf-8")
    return path


def test_explain_renders_a_saved_result_like_the_quiz(shipped: ProfileSet, tmp_path: Path) -> None:
    """`rolefit explain RESULT.json` prints the same view the quiz printed, on stdout, with nothing on stderr."""
    saved = _saved(tmp_path, shipped, LEAN_PMM)
    runner = CliRunner()
    explained = runner.invoke(app, ["explain", str(saved)], env=ENV)
    assert explained.exit_code == 0, explained.stderr
    assert explained.stderr == ""
    quiz = runner.invoke(app, ["quiz", "--answers", str(_answers_file(tmp_path, LEAN_PMM))], env=ENV)
    assert explained.stdout == quiz.stdout
    assert explained.stdout.startswith("Leaning Product Marketing Manager\n")
    assert "Next steps for PMM" in explained.stdout


def test_explain_writes_a_report_too(shipped: ProfileSet, tmp_path: Path) -> None:
    """`rolefit explain RESULT.json --report R.md` also writes the report, identical to the quiz's, and says where."""
    result = result_for(shipped, CLOSE_CALL)
    saved = _saved(tmp_path, shipped, CLOSE_CALL)
    run = CliRunner().invoke(app, ["explain", str(saved), "--report", str(tmp_path / "r.md")], env=ENV)
    assert run.exit_code == 0, run.stderr
    assert run.stderr == f"rolefit: wrote the report to {tmp_path / 'r.md'}\n"
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == markdown_report(result, shipped)


def test_explain_with_a_bad_report_extension_prints_nothing(shipped: ProfileSet, tmp_path: Path) -> None:
    """The report name is checked before anything is rendered."""
    run = CliRunner().invoke(app, ["explain", str(_saved(tmp_path, shipped, CLEAR_PM)), "--report", "x.pdf"], env=ENV)
    assert run.exit_code == 2
    assert run.stdout == ""
    assert "use one of .md, .html, .svg, .json" in run.stderr


def test_explain_a_role_the_profiles_do_not_have(tmp_path: Path) -> None:
    """A result made with a custom third role still renders with the shipped profiles, and in full with its own."""
    saved = _saved(tmp_path, load_profiles(THIRD_ROLE), ANALYST)
    runner = CliRunner()
    bare = runner.invoke(app, ["explain", str(saved)], env=ENV)
    assert bare.exit_code == 0, bare.stderr
    assert bare.stdout.startswith("Leaning Insights Analyst")
    assert "No profile is loaded for insights-analyst" in " ".join(bare.stdout.split())
    full = runner.invoke(app, ["explain", str(saved), "--profiles", str(THIRD_ROLE)], env=ENV)
    assert full.exit_code == 0, full.stderr
    assert "Next steps for Analyst" in full.stdout and "No profile is loaded" not in full.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (
            '{"schema_version": 1,\n  "recommendation": }',
            ":2:21: invalid JSON: a value is missing here: write a string, number, object or list, "
            "and remove any trailing comma",
        ),
        ("[1, 2]", "is not a rolefit result"),
        ('{"answers": {}}', "is not a rolefit result"),
        ('{"schema_version": 7, "recommendation": {}}', "schema_version: 7 is not a result schema"),
    ],
)
def test_explain_bad_files_give_one_line_errors(content: str | None, message: str, tmp_path: Path) -> None:
    """A missing, broken or foreign file is one line on stderr and exit 1."""
    path = tmp_path / "result.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    run = CliRunner().invoke(app, ["explain", str(path)], env=ENV)
    assert run.exit_code == 1
    assert run.stdout == ""
    assert message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_explain_wrong_schema_names_the_field_and_line(shipped: ProfileSet, tmp_path: Path) -> None:
    """A result JSON with a bad field is reported at its line and column."""
    data = result_for(shipped, CLEAR_PM).model_dump(mode="json")
    data["margin"] = "wide"
    path = tmp_path / "result.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        read_result(path)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if '"margin"' in text)
    assert f"result.json:{line}:" in str(raised.value)
    assert "margin:" in str(raised.value)
