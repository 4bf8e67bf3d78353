"""The HTML report and the SVG card in a real browser (headless Chromium): nothing overflows sideways at phone
or desktop width, the charts render, the headings are there, nothing is fetched, hostile data stays inert.

The report is loaded in an iframe of a small wrapper page whose script measures it and writes the numbers into
the DOM, which ``--dump-dom`` prints. Screenshots (and a PDF printed with the print stylesheet) are kept in
tests/artifacts/browser/ for a person to look at. Without chromium these skip, except in CI (``CI`` set), where
a missing browser is a failure: .ci/run installs it.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from rolefit.data.catalog import ProfileSet, load_bank, load_profiles
from rolefit.data.tasks import Experience, load_tasks
from rolefit.scoring.gaps import map_gaps
from rolefit.scoring.result import Result
from rolefit.scoring.team import assess_team
from rolefit.types import Answers
from rolefit.views.card import summary_card
from rolefit.views.drawing import FOOT
from rolefit.views.gaps import gap_about, gap_summary
from rolefit.views.report import report_text
from rolefit.views.sections import headline
from rolefit.views.summary import Summary
from rolefit.views.team import team_about, team_summary
from tests.answer_sets import CLEAR_PM, CLOSE_CALL, LEAN_PMM
from tests.helpers import avoiding_everything, result_of

pytestmark = pytest.mark.slow
ARTIFACTS = Path(__file__).parent / "artifacts" / "browser"
MADE = dt.date(2026, 12, 1)
WIDTHS = (390, 1280)

MEASURE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="page" src="{src}" style="border:0;width:{width}px;height:{height}px"></iframe>
<script>
window.addEventListener("load", () => {{
  const frame = document.getElementById("page");
  const doc = frame.contentDocument, win = frame.contentWindow, root = doc.documentElement;
  const box = (e) => {{ const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }};
  const out = {{
    scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, scrollHeight: root.scrollHeight,
    charts: [...doc.querySelectorAll("svg.chart")].map((s) => {{ const b = s.getBBox(); return [box(s), [b.width, b.height]]; }}),
    headings: [...doc.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => [Number(h.tagName[1]), h.textContent]),
    texts: [...doc.querySelectorAll("text")].map((t) => {{ const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; }}),
    wide: [...doc.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5)
      .slice(0, 5).map((e) => e.tagName + ": " + (e.textContent || "").slice(0, 80)),
    active: doc.querySelectorAll("script, img, image, iframe, object, embed, link, [onerror], [onload]").length,
    fetched: win.performance.getEntriesByType("resource").map((e) => e.name),
  }};
  const pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}});
</script></body></html>
"""


@pytest.fixture(scope="module")
def chromium() -> str:
    """The chromium executable; skipped without one, except in CI, where it must be there."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, and CI needs it: .ci/run installs it with apt-get")
        pytest.skip("chromium is not installed (Debian: apt-get install chromium); CI runs these tests")
    return found


@pytest.fixture(scope="module")
def shipped() -> ProfileSet:
    """The shipped profiles."""
    return load_profiles()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    """Where the screenshots are kept (printed, so a person can open them)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    print(f"browser screenshots in {ARTIFACTS}")
    return ARTIFACTS


def browse(chromium: str, profile: Path, *args: str) -> str:
    """Run headless chromium once with a throwaway profile; its stdout."""
    command = [
        chromium,
        "--headless",
        "--no-sandbox",  # root in a container has no sandbox; the pages are our own files
        "--disable-gpu",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        f"--user-data-dir={profile}",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def measure(chromium: str, page: Path, width: int, height: int, tmp_path: Path) -> dict[str, Any]:
    """Load ``page`` in a ``width`` x ``height`` frame and return what the wrapper's script measured."""
    wrapper = tmp_path / f"measure-{page.stem}-{width}.html"
    wrapper.write_text(MEASURE.format(src=page.resolve().as_uri(), width=width, height=height), encoding="utf-8")
    dom = browse(
        chromium,
        tmp_path / "profile",
        "--allow-file-access-from-files",
        "--virtual-time-budget=5000",
        f"--window-size={width + 40},{height + 40}",
        "--dump-dom",
        wrapper.as_uri(),
    )
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.DOTALL)
    assert found, f"the measuring script wrote nothing: {dom[-1000:]}"
    measured: dict[str, Any] = json.loads(html.unescape(found[1]))
    return measured


def screenshot(chromium: str, page: Path, width: int, height: int, target: Path, tmp_path: Path) -> None:
    """A screenshot of ``page`` at ``width`` x ``height`` pixels, kept at ``target``."""
    browse(chromium, tmp_path / "profile", f"--screenshot={target}", f"--window-size={width},{height}", page.as_uri())
    assert target.stat().st_size > 10_000  # a picture, not an empty frame


def written(result: Result, profiles: ProfileSet, fmt: str, path: Path) -> Path:
    """The report of a result, written to ``path``."""
    path.write_text(report_text(result, profiles, fmt, MADE), encoding="utf-8")
    return path


RESULTS = {"clear": CLEAR_PM, "lean": LEAN_PMM, "close-call": CLOSE_CALL}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("verdict", list(RESULTS))
def test_html_report_fits_the_width_and_draws_its_charts(
    verdict: str, width: int, chromium: str, shipped: ProfileSet, artifacts: Path, tmp_path: Path
) -> None:
    """At 390 and 1280 px nothing scrolls sideways, every chart has a size, the headings descend in order, and
    the page fetches nothing; a full-page screenshot is kept."""
    result = result_of(load_bank("core", shipped), shipped, RESULTS[verdict])
    page = written(result, shipped, ".html", tmp_path / f"{verdict}.html")
    seen = measure(chromium, page, width, 2000, tmp_path)
    assert seen["scrollWidth"] <= width and seen["clientWidth"] == width, seen["wide"]
    assert seen["wide"] == []
    charts = seen["charts"]
    assert len(charts) == len(result.fits) + len(result.traits)
    for (left, top, right, bottom), (box_width, box_height) in charts:
        assert right - left > 100 and bottom - top > 8 and box_width > 0 and box_height > 0
        assert left >= 0 and right <= width
    levels = [level for level, _ in seen["headings"]]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    titles = [title for _, title in seen["headings"]]
    assert titles[0] == headline(result)
    assert {"What would change it", "Trait breakdown", "Sources"} <= set(titles)
    assert seen["fetched"] == [] and seen["active"] == 0
    screenshot(chromium, page, width, seen["scrollHeight"], artifacts / f"report-{verdict}-{width}.png", tmp_path)


def test_html_report_prints_to_pdf(chromium: str, shipped: ProfileSet, artifacts: Path, tmp_path: Path) -> None:
    """The browser's print makes a PDF of the report (kept beside the screenshots)."""
    result = result_of(load_bank("core", shipped), shipped, CLEAR_PM)
    page = written(result, shipped, ".html", tmp_path / "clear.html")
    target = artifacts / "report-clear.pdf"
    browse(chromium, tmp_path / "profile", f"--print-to-pdf={target}", "--no-pdf-header-footer", page.as_uri())
    assert target.read_bytes()[:5] == b"%PDF-" and target.stat().st_size > 20_000


@pytest.mark.parametrize("verdict", [*RESULTS, "neither", "undetermined"])
def test_svg_card_keeps_every_line_on_the_card(
    verdict: str, chromium: str, shipped: ProfileSet, artifacts: Path, tmp_path: Path
) -> None:
    """Every line of the 1200x630 card lies inside it, with the margins clear; a screenshot is kept."""
    bank = load_bank("core", shipped)
    others: dict[str, Answers] = {"neither": avoiding_everything(bank), "undetermined": {"enjoys-writing-specs": 5}}
    result = result_of(bank, shipped, RESULTS[verdict] if verdict in RESULTS else others[verdict])
    assert result.recommendation.verdict == verdict
    card = written(result, shipped, ".svg", tmp_path / f"{verdict}.svg")
    seen = measure(chromium, card, 1200, 630, tmp_path)
    assert len(seen["texts"]) >= 6
    for left, top, right, bottom in seen["texts"]:
        assert left >= 40 and right <= 1160 and top >= 0 and bottom <= 630, (left, top, right, bottom)
    assert _no_overlap(seen["texts"])
    assert seen["fetched"] == [] and seen["active"] == 0
    screenshot(chromium, card, 1200, 630, artifacts / f"card-{verdict}.png", tmp_path)


def _no_overlap(boxes: list[list[float]]) -> bool:
    """No two text lines cover the same pixels (a line that ran into the next would)."""
    for number, (l1, t1, r1, b1) in enumerate(boxes):
        for l2, t2, r2, b2 in boxes[number + 1 :]:
            if min(r1, r2) - max(l1, l2) > 1 and min(b1, b2) - max(t1, t2) > 1:
                return False
    return True


HOSTILE = '</script><script>alert(1)</script><img src=x onerror="alert(2)"> \u202egnp.exe\u202c <b>bold</b>'
LONG_WORD = "https://example.com/" + "a-very-long-unbroken-path" * 8  # must wrap, not push the page wider


def test_hostile_text_stays_inert_in_the_browser(
    chromium: str, shipped: ProfileSet, artifacts: Path, tmp_path: Path
) -> None:
    """Markup and bidi characters in a result's data render as text: no element, script or fetch comes of it; a
    very long word wraps instead of widening the page."""
    data = result_of(load_bank("core", shipped), shipped, CLEAR_PM).model_dump(mode="json")
    data["recommendation"]["name"] = data["fits"][0]["name"] = HOSTILE
    data["reasons"][0]["fact"] = data["reasons"][0]["evidence"][0]["text"] = HOSTILE
    data["traits"][0]["name"] = HOSTILE
    data["reasons"][1]["fact"] = data["recommendation"]["name"] = f"{HOSTILE} {LONG_WORD}"
    hostile = Result.model_validate(data)
    for fmt in (".html", ".svg"):
        page = written(hostile, shipped, fmt, tmp_path / f"hostile{fmt}")
        seen = measure(chromium, page, 390 if fmt == ".html" else 1200, 2000 if fmt == ".html" else 630, tmp_path)
        assert seen["active"] == 0 and seen["fetched"] == []
        if fmt == ".html":
            assert any("</script><script>alert(1)</script>" in title for _, title in seen["headings"])
            assert seen["scrollWidth"] <= 390, seen["wide"]


# ---- the cards of rolefit team and rolefit matrix -----------------------------------------------


def summary_cards(profiles: ProfileSet) -> dict[str, tuple[Summary, str]]:
    """A team result's and a gap map's summaries to draw, with what each card's footer says it is: the longest
    texts the shipped tasks give (every gap, an overload), the sparse ones, and hostile text."""
    matrix = load_tasks(profiles)
    pm, pmm = "product-manager", "product-marketing-manager"
    owner = {task.id: task.owner for task in matrix.tasks}
    undone = {task: "nobody" if who != pm else pm for task, who in owner.items()}
    undone |= {next(task for task, who in owner.items() if who == pmm): "one-person"}
    undone |= {next(task for task, who in owner.items() if who == pm): "one-person"}
    lean = {  # every other task nobody does: both roles need someone, one a little more
        task: "nobody" if number % 2 else (who if who in (pm, pmm) else pm)
        for number, (task, who) in enumerate(owner.items())
    }
    tried = {task: "none" if number % 3 else "some" for number, task in enumerate(owner)}
    teams = {"team": undone, "team-lean": lean, "team-undetermined": {matrix.tasks[0].id: "one-person"}}
    cards: dict[str, tuple[Summary, str]] = {}
    for name, team in teams.items():
        result = assess_team(matrix, profiles, team)
        cards[name] = (team_summary(result), team_about(result))
    for name, levels in {"matrix": tried, "matrix-empty": {}}.items():
        gaps = map_gaps(matrix, profiles, {task: Experience(level) for task, level in levels.items()})
        cards[name] = (gap_summary(gaps), gap_about(gaps))
    summary = cards["team"][0]
    hostile = replace(summary, headline=f"{HOSTILE} {LONG_WORD}", reasons=(HOSTILE, LONG_WORD), change=HOSTILE)
    cards["team-hostile"] = (hostile, f"rolefit team: {HOSTILE}")
    return cards


@pytest.mark.parametrize("case", ["team", "team-lean", "team-undetermined", "matrix", "matrix-empty", "team-hostile"])
def test_team_and_matrix_cards_keep_every_line_on_the_card(
    case: str, chromium: str, shipped: ProfileSet, artifacts: Path, tmp_path: Path
) -> None:
    """Every line of a team's or a gap map's card lies inside it, margins clear, no two overlapping; it fetches and
    runs nothing, even from hostile text; a screenshot is kept."""
    summary, about = summary_cards(shipped)[case]
    card = tmp_path / f"{case}.svg"
    card.write_text(summary_card(summary, MADE, about), encoding="utf-8")
    seen = measure(chromium, card, 1200, 630, tmp_path)
    assert len(seen["texts"]) >= (8 if summary.fits is not None else 3)
    for left, top, right, bottom in seen["texts"]:
        assert left >= 40 and right <= 1160 and top >= 0 and bottom <= 630, (left, top, right, bottom)
    *body, footer = sorted(seen["texts"], key=lambda box: box[1])
    assert footer[1] > FOOT and all(bottom < FOOT for *_, bottom in body)  # only the footer is under the rule
    assert _no_overlap(seen["texts"])
    assert seen["fetched"] == [] and seen["active"] == 0
    screenshot(chromium, card, 1200, 630, artifacts / f"card-{case}.png", tmp_path)
