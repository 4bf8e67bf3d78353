"""Shared test helpers: answer sets built from the shipped data (so tests never hard-code what the
engine should say), and running the installed command as a real subprocess."""

from __future__ import annotations

import ctypes
import html
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from rolefit.data.catalog import LoadedBank, ProfileSet, load_profiles
from rolefit.data.models import LikertItem
from rolefit.quiz.session import QuizSession
from rolefit.scoring import engine
from rolefit.scoring.engine import compile_model
from rolefit.scoring.result import Result, build_result
from rolefit.types import LIKERT_VALUES, Answer, Answers
from rolefit.views import wording

ROLEFIT = Path(sys.executable).with_name("rolefit")
if not ROLEFIT.exists():  # pragma: no cover - an install without the venv layout
    ROLEFIT = Path(shutil.which("rolefit") or "rolefit")
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, PR_CAPBSET_DROP = 1, 2, 24


def lean(profiles: ProfileSet, role: str, item_effects: dict[str, float]) -> float:
    """How much an effect set pulls toward ``role`` rather than the other roles (by profile weights)."""
    total = 0.0
    for profile in profiles.profiles:
        scale = sum(profile.weights.values())
        sign = 1.0 if profile.id == role else -1.0 / (len(profiles.profiles) - 1)
        total += sign * sum(profile.weights[t] * w for t, w in item_effects.items()) / scale
    return total


def extreme(bank: LoadedBank, profiles: ProfileSet, role: str, strength: int = 2) -> dict[str, Answer]:
    """Answers that favour ``role`` on every item; ``strength`` 1 agrees mildly, 2 strongly."""
    answers: dict[str, Answer] = {}
    for item in bank.items:
        if isinstance(item, LikertItem):
            pull = lean(profiles, role, item.effects)
            answers[item.id] = 3 + strength if pull > 0 else 3 - strength if pull < 0 else 3
        else:
            answers[item.id] = max(item.options, key=lambda o: lean(profiles, role, o.effects)).id
    return answers


def model_for(bank: LoadedBank, profiles: ProfileSet):  # type: ignore[no-untyped-def]
    """The compiled scoring model of a bank."""
    return compile_model(bank.items, profiles.traits, profiles.profiles)


def answer_sets(bank: LoadedBank) -> st.SearchStrategy[dict[str, Answer]]:
    """Any answers to a bank, with any subset skipped."""
    per_item: dict[str, st.SearchStrategy[Answer | None]] = {
        item.id: st.none()
        | st.sampled_from(LIKERT_VALUES if isinstance(item, LikertItem) else [o.id for o in item.options])
        for item in bank.items
    }
    return st.fixed_dictionaries(per_item).map(lambda d: {k: v for k, v in d.items() if v is not None})


def toy_model(
    specs: Sequence[tuple[Sequence[float], Mapping[Answer, float]]],
    roles: tuple[str, ...] = ("a", "b"),
    keyed: dict[int, int] | None = None,
    pairs: tuple[tuple[str, str], ...] = (),
) -> engine.ScoringModel:
    """A hand-built model with exact numbers: item ``i<n>`` alone moves trait ``t<n>``.

    Each spec is (the trait's weight per role, what each answer adds to the trait); the reach is the
    largest amount, and ``keyed`` maps item numbers to the role they are keyed toward.
    """
    items: dict[str, engine.CompiledItem] = {}
    for n, (_, options) in enumerate(specs):
        effects = {answer: ((n, amount),) for answer, amount in options.items()}
        reach = ((n, max(abs(amount) for amount in options.values())),)
        items[f"i{n}"] = engine.CompiledItem(f"i{n}", effects, reach, (keyed or {}).get(n))
    weights = tuple(tuple(spec[0][r] for spec in specs) for r in range(len(roles)))
    return engine.ScoringModel(tuple(f"t{n}" for n in range(len(specs))), roles, weights, items, pairs)


def env_for(home: Path) -> dict[str, str]:
    """A clean environment: isolated user directories, no colour, a fixed width, no bytecode writes."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "PY_COLORS", "GITHUB_ACTIONS", "CLICOLOR_FORCE"}
    }
    for name in ("XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env.update(HOME=str(home), NO_COLOR="1", COLUMNS="100", TERM="xterm", PYTHONDONTWRITEBYTECODE="1")
    return env


def drop_dac_capabilities() -> None:
    """In the child, before exec: drop root's power to read any file, so chmod 000 means unreadable."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def run_rolefit(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, **options: Any
) -> subprocess.CompletedProcess[str]:
    """The installed rolefit as a real subprocess: output captured as text, a minute at most.

    The environment is ``env_for(cwd / "home")`` unless one is given; ``options`` go to subprocess.run.
    """
    if env is None:
        assert cwd is not None, "give cwd or env"
        env = env_for(cwd / "home")
    return subprocess.run(
        [str(ROLEFIT), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False, **options
    )


def result_of(bank: LoadedBank, profiles: ProfileSet, answers: Answers, **options: Any) -> Result:
    """The result of answers to a bank, phrased by the shipped wording, as the quiz builds it."""
    return build_result(bank, profiles, answers, phrasing=wording, **options)


def answered(bank: LoadedBank, count: int = 0) -> QuizSession:
    """A session on ``bank`` with the first ``count`` items answered (likert 4, else the first option)."""
    session = QuizSession([item.id for item in bank.items])
    for _ in range(count):
        item = bank.item(session.current or "")
        session.answer(4 if item.kind == "likert" else item.options[0].id)
    return session


def big_bank(path: Path, count: int) -> Path:
    """A valid bank of ``count`` short likert items (8,000 of them, each citing a registered source, fit in 1 MiB)."""
    traits = [trait.id for trait in load_profiles().traits]
    lines = ["id: big", "version: 1", "title: Big", "description: A big bank.", "items:"]
    for i in range(count):
        trait = traits[i % len(traits)]
        sign = 1 if i % 2 else -1
        lines.append(
            f"  - {{id: i{i}, kind: likert, text: S, effects: {{{trait}: {sign}}}, source: {{file: 000_acce55285afc1692.txt, fact: F}}}}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def avoiding_everything(bank: LoadedBank) -> dict[str, Answer]:
    """Every statement answered against what it measures; choices, which only trade one activity for another, skipped."""
    return {item.id: 1 if sum(item.effects.values()) > 0 else 5 for item in bank.items if isinstance(item, LikertItem)}


def visible_text(report: str, fmt: str) -> str:
    """What a reader of the report sees, as plain text with single spaces."""
    if fmt in (".html", ".svg"):
        report = html.unescape(re.sub(r"<[^>]+>", "", report)).replace("\xa0", " ")
    return " ".join(report.split())


def card_lines(path: Path) -> tuple[str | None, list[tuple[str | None, str]]]:
    """An SVG card as an XML parser reads it: its viewBox, and each text line as (its baseline, its text)."""
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
    return root.get("viewBox"), [
        (line.get("y"), line.text or "") for line in root.iter("{http://www.w3.org/2000/svg}text")
    ]


def assert_summary_card(path: Path, summary: Any, rows: Sequence[tuple[str, float]], about: str) -> None:
    """A summary's card (a team result's, a gap map's): 1200x630; the headline, its reasons and its footer in
    words; each role's name on one line with its number out of 100 on the same baseline; no mark at 50."""
    import datetime as dt

    from rolefit.views.html import long_date

    box, lines = card_lines(path)
    assert box == "0 0 1200 630"
    said = " ".join(" ".join(text for _, text in lines).split())
    assert " ".join(summary.headline.split()) in said
    for name, score in rows:
        baselines = {y for y, text in lines if text == name}
        assert baselines, f"no line names {name!r}: {lines}"
        assert any(y in baselines and text == f"{score:.0f}/100" for y, text in lines), (name, score, lines)
    for reason in summary.reasons:
        assert " ".join(reason.split()) in said
    if summary.reasons_title:
        assert summary.reasons_title in said
    assert f"Made on {long_date(dt.date.today())} · {about}" in said
    assert "stroke-dasharray" not in path.read_text(encoding="utf-8")  # a team's or a person's 50 means nothing
