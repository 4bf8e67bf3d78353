"""Reports to keep or share: the file's extension picks Markdown, HTML, SVG or JSON.

The Markdown report lays out the result's sections (views.markdown); HTML and SVG are the terminal
view as rich exports it; JSON is the result itself. Data text is escaped for Markdown and HTML, so it
can never turn into markup.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

from rolefit.data.catalog import ProfileSet
from rolefit.errors import UsageError
from rolefit.files import atomic_write
from rolefit.jsonout import json_text
from rolefit.scoring.result import Result
from rolefit.views.markdown import markdown_report

FORMATS = (".md", ".html", ".svg", ".json")
EXPORT_WIDTH = 100
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
        return json_text(result.model_dump(mode="json"))
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
