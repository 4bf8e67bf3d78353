"""The validation panel scored: each described respondent's outcome against the one the seed articles imply.

An outcome is the role a ``clear`` or ``lean`` verdict names, ``either`` for a ``close-call``, or the verdict
itself for ``neither`` and ``undetermined``. The confusion table counts, per expected outcome, what came out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.data.panel import PanelFile
from rolefit.scoring import engine
from rolefit.scoring.engine import ScoringModel
from rolefit.types import Answers, Verdict

EXPECTED = ("product-manager", "product-marketing-manager", "either", "neither")


def outcome(model: ScoringModel, answers: Answers) -> str:
    """What the quiz tells this respondent, as a panel outcome (a close call is the articles' "either")."""
    found = engine.outcome(model, engine.score(model, answers), answers)
    return "either" if found == Verdict.CLOSE_CALL else found


def panel_report(
    members: Sequence[tuple[PanelFile, Answers]], bank: LoadedBank, profiles: ProfileSet
) -> dict[str, Any]:
    """Each respondent's expected and actual outcome, the confusion table and the share that matched."""
    model = engine.compile_model(bank.items, profiles.traits, profiles.profiles)
    rows = [{"id": m.id, "expected": m.expected, "outcome": outcome(model, answers)} for m, answers in members]
    columns = [*model.roles, "either", "neither", "undetermined"]
    confusion = {
        expected: {got: sum(1 for r in rows if r["expected"] == expected and r["outcome"] == got) for got in columns}
        for expected in EXPECTED
        if any(r["expected"] == expected for r in rows)
    }
    matched = sum(1 for r in rows if r["expected"] == r["outcome"])
    return {"respondents": rows, "confusion": confusion, "matched": matched, "accuracy": round(matched / len(rows), 4)}
