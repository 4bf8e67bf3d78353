"""``rolefit analyze``: how well a bank measures, for bank authors. The model is in docs/scoring.md."""

from __future__ import annotations

from pathlib import Path

from rolefit.data.catalog import load_bank, load_profiles
from rolefit.data.panel import read_panel
from rolefit.env import Environment
from rolefit.scoring.analysis import analysis
from rolefit.scoring.panel import panel_report
from rolefit.scoring.shapes import Analysis
from rolefit.views.analysis import AnalysisReport


def analyze_bank(
    bank_ref: str | None,
    profiles_dir: Path | None,
    env: Environment,
    *,
    seed: int,
    respondents: int,
    adaptive: int = 0,
    panel: Path | None = None,
) -> AnalysisReport:
    """Analyse a bank (and score a validation panel against it): the report, for `render` as JSON or tables."""
    profiles = load_profiles(profiles_dir, cache=env.cache_dir)
    bank = load_bank(bank_ref, profiles, cache=env.cache_dir)
    members = read_panel(panel, bank) if panel is not None else None  # a bad panel file fails before the long run
    report = analysis(bank, profiles, seed=seed, respondents=respondents, adaptive=adaptive)
    if members is not None:
        report["panel"] = panel_report(members, bank, profiles)
    return AnalysisReport(Analysis.model_validate(report))
