"""``rolefit analyze``: how well a bank measures, for bank authors. The model is in docs/scoring.md."""

from __future__ import annotations

from pathlib import Path

from rolefit.data.catalog import load_bank, load_profiles
from rolefit.env import Environment
from rolefit.scoring.analysis import analysis
from rolefit.scoring.shapes import Analysis
from rolefit.views.analysis import AnalysisReport


def analyze_bank(
    bank_ref: str | None, profiles_dir: Path | None, env: Environment, *, seed: int, respondents: int, adaptive: int = 0
) -> AnalysisReport:
    """Analyse a bank: the report, for `render` to print as JSON or as tables."""
    profiles = load_profiles(profiles_dir, cache=env.cache_dir)
    bank = load_bank(bank_ref, profiles, cache=env.cache_dir)
    report = analysis(bank, profiles, seed=seed, respondents=respondents, adaptive=adaptive)
    return AnalysisReport(Analysis.model_validate(report))
