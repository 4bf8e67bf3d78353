"""Reports to keep or share (Markdown, HTML, SVG, JSON), and ``rolefit explain`` for a saved result.

The Markdown report holds every section of the terminal view, with the same sentences (from
``explain``) and every source named; HTML and SVG are the terminal view as rich exports it; JSON is
the result itself. Data text is escaped for Markdown and HTML, so it can never turn into markup.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolefit import __version__
from rolefit.data.catalog import ProfileSet, load_profiles
from rolefit.data.loader import compose, locate, read_text, validate
from rolefit.data.models import ListBlock, Profile, Source, TextBlock
from rolefit.errors import DataError, Problem, UsageError
from rolefit.files import atomic_write
from rolefit.scoring.result import Reason, Result
from rolefit.textsafe import clean
from rolefit.views import wording

if TYPE_CHECKING:
    from rolefit.views.terminal import Roles

FORMATS = (".md", ".html", ".svg", ".json")
EXPORT_WIDTH = 100
MD_BAR = 30
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#$&!{}])")
_MD_LINE_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([-+=])(?=[\s=-]|$)")  # list markers, rules, setext lines
_REMOTE_FONT = re.compile(r',\s*url\("https?://[^"]*"\)\s*format\("[^"]*"\)')
HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{{stylesheet}}
body {{{{
    color: {{foreground}};
    background-color: {{background}};
}}}}
</style>
</head>
<body>
    <pre style="font-family:Menlo,'DejaVu Sans Mono',consolas,'Courier New',monospace"><code
        style="font-family:inherit">{{code}}</code></pre>
</body>
</html>
"""


# ---- writing reports ----------------------------------------------------------------------------


def report_format(path: Path) -> str:
    """The report format a file name asks for (its extension), or a UsageError naming the allowed ones."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        allowed = ", ".join(FORMATS)
        shown = f"extension {path.suffix!r}" if path.suffix else "no extension"
        raise UsageError(f"cannot write a report to {path}: it has {shown}; use one of {allowed}")
    return suffix


def report_text(result: Result, profiles: ProfileSet, fmt: str) -> str:
    """A whole report in one format (".md", ".html", ".svg" or ".json")."""
    if fmt == ".json":
        return json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    if fmt == ".md":
        return markdown_report(result, profiles)
    if fmt in (".html", ".svg"):
        return _export(result, profiles, fmt)
    raise UsageError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")


def write_report(result: Result, profiles: ProfileSet, path: Path) -> None:
    """Write a self-contained report; the file's extension picks the format."""
    atomic_write(path, report_text(result, profiles, report_format(path)))


def _export(result: Result, profiles: ProfileSet, fmt: str) -> str:
    """The terminal view recorded by rich and exported as HTML or SVG, in colour whatever NO_COLOR says."""
    from rich.console import Console

    from rolefit.views.terminal import headline, render_result

    recorder = Console(
        record=True,
        width=EXPORT_WIDTH,
        file=io.StringIO(),
        no_color=False,
        highlight=False,
        emoji=False,
        color_system="truecolor",
    )
    recorder.print(render_result(result, profiles))
    title = f"rolefit: {headline(result)}"
    if fmt == ".html":
        page = HTML_PAGE.format(title=html.escape(title).replace("{", "{{").replace("}", "}}"))
        return recorder.export_html(inline_styles=True, code_format=page)
    # rich's SVG asks the web for a font it also names locally; drop the web copy so opening the file fetches nothing.
    return _REMOTE_FONT.sub("", recorder.export_svg(title=title))


# ---- Markdown -----------------------------------------------------------------------------------


def md(text: str) -> str:
    """Data text made inert for Markdown: one line, control characters and markup characters escaped."""
    flat = " ".join(clean(text).split())
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def code(text: str) -> str:
    """Text as a Markdown code span, whatever backticks it holds."""
    flat = " ".join(clean(text).split())
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or not flat.strip() else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def markdown_report(result: Result, profiles: ProfileSet) -> str:
    """The whole result as a Markdown document with every section and its sources."""
    from rolefit.views.terminal import Roles

    roles = Roles(result, profiles)
    out = _Doc()
    _md_headline(out, roles)
    _md_why(out, roles)
    _md_changes(out, roles)
    _md_traits(out, roles)
    top = roles.profile(roles.top)
    if result.recommendation.verdict == "close-call":
        _md_close_call(out, roles)
    elif top is not None:
        _md_role_life(out, top)
    if top is not None:
        _md_next_steps(out, top, roles)
    missing = [fit.role for fit in result.fits[:2] if roles.profile(fit.role) is None]
    if missing:
        out.para(
            f"*No profile was loaded for {md(', '.join(missing))}, "
            "so what the role is like and the next steps are left out.*"
        )
    _md_sources(out, result, roles)
    out.para("---")
    out.para(
        f"Made by rolefit {md(__version__)} from bank {code(result.bank.id)} version {result.bank.version} "
        f"({code(result.bank.hash)}); result schema {result.schema_version}, "
        f"recorded by rolefit {md(result.rolefit_version)}."
    )
    return out.text()


class _Doc:
    """Markdown blocks separated by blank lines, and the sources they cite."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.cited: dict[str, list[str]] = {}

    def para(self, text: str) -> None:
        self.blocks.append(text)

    def heading(self, level: int, text: str) -> None:
        self.blocks.append(f"{'#' * level} {text}")

    def bullets(self, lines: Iterable[str]) -> None:
        items = [f"- {line}" for line in lines]
        if items:
            self.blocks.append("\n".join(items))

    def source(self, source: Source) -> str:
        """A source line, remembered for the Sources section."""
        facts = self.cited.setdefault(source.file, [])
        if source.fact not in facts:
            facts.append(source.fact)
        return f"Source: {code(source.file)}: *{md(source.fact)}*"

    def block(self, title: str, block: ListBlock | TextBlock, level: int = 3) -> None:
        self.heading(level, md(title))
        if isinstance(block, ListBlock):
            self.bullets(md(line) for line in block.items)
        else:
            self.para(md(block.text))
        self.para(self.source(block.source))

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


def _md_headline(out: _Doc, roles: Roles) -> None:
    from rolefit.views.terminal import headline

    result = roles.result
    out.heading(1, md(headline(result)))
    rows = ["| Role | Fit | Score |", "| --- | --- | ---: |"]
    for fit in result.fits:
        filled = max(0, min(MD_BAR, round(fit.score / 100 * MD_BAR)))
        name = md(roles.name(fit.role))
        name = f"**{name}**" if fit.role == roles.top else name
        rows.append(f"| {name} | {code('█' * filled + '░' * (MD_BAR - filled))} | {fit.score:.0f}/100 |")
    out.para("\n".join(rows))
    runner = roles.runner_up
    out.para(
        f"{md(wording.margin_note(result.margin, roles.name(roles.top), roles.name(runner) if runner else None))} "
        f"{md(wording.scale_note())}"
    )
    asked = len(result.asked) if result.asked is not None else None
    out.para(md(wording.coverage_note(result.answered, result.skipped, asked)))
    out.heading(3, "What limits certainty")
    if result.limits:
        out.bullets(md(wording.limit_note(limit.message, limit.cap)) for limit in result.limits)
        capped = wording.capped_note(result.margin, result.recommendation.verdict)
        if capped:
            out.para(f"*{md(capped)}*")
    else:
        out.para(md(wording.no_limits_note()))


def _md_why(out: _Doc, roles: Roles) -> None:
    top = roles.top
    close = roles.result.recommendation.verdict == "close-call"
    out.heading(2, "What pulls each way" if close else f"Why {md(roles.short(top))}")
    groups = [(top, f"The evidence for {roles.name(top)}")]
    groups += [(fit.role, f"The evidence for {roles.name(fit.role)}") for fit in roles.result.fits[1:2]]
    for role, title in groups:
        out.heading(3, md(title))
        reasons = roles.reasons_for(role)
        if not reasons:
            out.para(md(f"None of your answers pointed clearly to {roles.name(role)}."))
        for number, reason in enumerate(reasons, 1):
            _md_reason(out, number, reason, roles)


def _md_reason(out: _Doc, number: int, reason: Reason, roles: Roles) -> None:
    short = roles.short(reason.role)
    out.heading(4, f"{number}. {md(wording.reason_title(reason.name, short, reason.points))}")
    out.para(md(roles.direction(reason)))
    out.bullets(f"{md(e.text)} ({code(e.item)})" for e in reason.evidence)
    out.para(f"**Why it matters for {md(short)}:** {md(reason.fact)}")
    out.para(out.source(Source(file=reason.source.file, fact=reason.source.fact)))


def _md_changes(out: _Doc, roles: Roles) -> None:
    result = roles.result
    change = result.what_would_change
    runner = roles.runner_up
    out.heading(2, "What would change it")
    weaken = wording.weaken_intro(
        len(change.weaken), result.margin, result.recommendation.verdict, roles.name(roles.top)
    )
    if weaken and change.weaken and change.weaken != change.flip:
        out.para(md(weaken))
        out.bullets(f"{md(c.text)} ({c.points:.1f} points off the margin)" for c in change.weaken)
    if change.flip and runner is not None:
        out.para(md(wording.flip_intro(len(change.flip), roles.name(runner))))
        out.bullets(f"{md(c.text)} ({c.points:.1f} points off the margin)" for c in change.flip)
    else:
        out.para(md(wording.no_flip_note(result.answered, roles.name(runner) if runner else None)))


def _md_traits(out: _Doc, roles: Roles) -> None:
    columns = [fit.role for fit in roles.result.fits]
    out.heading(2, "Trait breakdown")
    rows = [
        "| Trait | You | " + " | ".join(md(roles.short(role)) for role in columns) + " |",
        "| --- | --- | " + " | ".join("---:" for _ in columns) + " |",
    ]
    for trait in roles.result.traits:
        weights = [trait.weights.get(role, 0.0) for role in columns]
        heaviest = max(weights, default=0.0)
        unequal = len(set(weights)) > 1
        level = f"{wording.level_word(trait.level)} {wording.signed(trait.level)}" if trait.answered else "no answers"
        cells = [f"**{w:.1f}**" if unequal and w == heaviest else f"{w:.1f}" for w in weights]
        rows.append(f"| {md(trait.name)} | {level} | " + " | ".join(cells) + " |")
    out.para("\n".join(rows))
    names = ", ".join(roles.short(role) for role in columns)
    out.para(
        md(
            f"You: your level, from −1 (you avoid it) to +1 (you seek it). {names}: how much each role weighs "
            "the trait, from 0 to 1; the heavier weight is in bold."
        )
    )


def _md_role_life(out: _Doc, profile: Profile) -> None:
    out.heading(2, f"What the {md(profile.short_name)} role is like")
    out.para(md(profile.summary.text))
    out.para(out.source(profile.summary.source))
    for title, block in wording.role_life(profile):
        out.block(title, block)


def _md_close_call(out: _Doc, roles: Roles) -> None:
    shared = roles.profiles.shared
    out.heading(2, "How to decide")
    out.block("If you would fit either", shared.close_call)
    out.block("If one job asks you to do both", shared.one_person_both_roles)
    for fit in roles.result.fits[:2]:
        profile = roles.profile(fit.role)
        if profile is None:
            continue
        out.heading(3, f"{md(profile.name)}, day to day")
        out.para(md(profile.summary.text))
        out.bullets(md(line) for line in profile.day_to_day.items)
        out.para(out.source(profile.day_to_day.source))


def _md_next_steps(out: _Doc, top: Profile, roles: Roles) -> None:
    short = top.short_name
    out.heading(2, f"Next steps for {md(short)}")
    if roles.result.recommendation.verdict == "close-call" and roles.runner_up is not None:
        other = roles.runner_up
        out.para(
            f"These are for {md(short)}; for the {md(roles.short(other))} checklist, run "
            f"{code(f'rolefit profile show {other} --json')}."
        )
    out.block(f"Prepare for {short} roles", top.preparation)
    out.block("Mistakes to avoid", top.mistakes)
    out.block("Skills worth borrowing from other roles", top.borrow_skills)


def _md_sources(out: _Doc, result: Result, roles: Roles) -> None:
    out.heading(2, "Sources")
    out.para("Every fact above is paraphrased from one of these source articles, named as the role profiles cite them.")
    out.bullets(
        f"{code(file)}: {len(facts)} {'fact' if len(facts) == 1 else 'facts'} cited above"
        for file, facts in sorted(out.cited.items())
    )


# ---- rolefit explain ----------------------------------------------------------------------------


def read_result(path: Path) -> Result:
    """Read a saved result JSON; every problem is one line naming the file (and line:col when known)."""
    label = str(path)
    text = read_text(path, label)
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError([Problem(label, error.lineno, error.colno, "", f"invalid JSON: {error.msg}")]) from None
    except RecursionError:
        raise DataError([Problem(label, 0, 0, "", "invalid JSON: nested too deeply")]) from None
    if not isinstance(data, dict) or "schema_version" not in data or "recommendation" not in data:
        raise DataError(
            [
                Problem(
                    label,
                    0,
                    0,
                    "",
                    "is not a rolefit result: save one with `rolefit quiz --output FILE.json` or `--report FILE.json`",
                )
            ]
        )
    version = data.get("schema_version")
    if version != 1:
        message = f"{version!r} is not a result schema rolefit {__version__} reads (1): upgrade rolefit"
        raise DataError([locate(compose(text), label, ("schema_version",), message)])
    return validate(Result, data, text, label)


def explain_file(result_file: Path, profiles_dir: Path | None, report: Path | None) -> None:
    """Render a saved result in the terminal again, and write a report of it when asked."""
    from rolefit.views.output import console
    from rolefit.views.terminal import render_result

    if report is not None:
        report_format(report)  # a bad extension is a usage error: say so before doing anything
    result = read_result(result_file)
    profiles = load_profiles(profiles_dir)
    console(stderr=False).print(render_result(result, profiles))
    if report is not None:
        write_report(result, profiles, report)
