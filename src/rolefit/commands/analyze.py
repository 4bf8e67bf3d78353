"""``rolefit analyze``: how well a bank measures, for bank authors. The model is in docs/scoring.md."""

from __future__ import annotations

from pathlib import Path

from rolefit.data.catalog import load_bank, load_profiles
from rolefit.data.panel import read_panel
from rolefit.env import Environment
from rolefit.errors import UsageError
from rolefit.scoring.analysis import analysis
from rolefit.scoring.panel import panel_report
from rolefit.scoring.shapes import Analysis
from rolefit.views.analysis import AnalysisReport

# Adaptive runs cost about N x items^2 (each step weighs every item left); this is 1,000 runs of the core bank's
# 40 items, some ten seconds, so a bigger bank gets proportionally fewer, refused up front (README, Security).
ADAPTIVE_WORK = 1_000 * 40 * 40


def adaptive_ceiling(items: int) -> int:
    """The most adaptive runs ``rolefit analyze --adaptive`` takes for a bank of this many items."""
    return max(1, ADAPTIVE_WORK // max(1, items * items))


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
    ceiling = adaptive_ceiling(len(bank.items))
    if adaptive > ceiling:
        raise UsageError(
            f"--adaptive {adaptive} is more than this bank's {len(bank.items)} items allow in reasonable time "
            f"(the work grows with the runs times the items squared): use --adaptive {ceiling} or fewer"
        )
    members = read_panel(panel, bank) if panel is not None else None  # a bad panel file fails before the long run
    report = analysis(bank, profiles, seed=seed, respondents=respondents, adaptive=adaptive)
    if members is not None:
        report["panel"] = panel_report(members, bank, profiles)
    return AnalysisReport(Analysis.model_validate(report))
