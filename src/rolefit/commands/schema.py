"""``rolefit schema``: the JSON Schema of every JSON shape rolefit prints, each with its version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from rolefit.data.models import Profile
from rolefit.data.shapes import BankDetail, BankList, ProfileList, RolesSideBySide, TaskList, Validation
from rolefit.errors import UsageError, did_you_mean
from rolefit.scoring.comparison import COMPARISON_VERSION, Comparison
from rolefit.scoring.gaps import GAP_SCHEMA_VERSION, GapMap
from rolefit.scoring.history import HISTORY_ENTRY_VERSION, HISTORY_LIST_VERSION, HistoryList, KeptResult
from rolefit.scoring.result import SCHEMA_VERSION, Result
from rolefit.scoring.shapes import Analysis, ScoreLine, ScoreSummary
from rolefit.scoring.team import TEAM_SCHEMA_VERSION, TeamResult


@dataclass(frozen=True)
class JsonShape:
    """One JSON shape: its model, its version, and which commands print it."""

    model: type[BaseModel]
    version: int
    printed_by: str


SHAPES: dict[str, JsonShape] = {
    "result": JsonShape(Result, SCHEMA_VERSION, "rolefit quiz --json, --output FILE, --report FILE.json"),
    "score-line": JsonShape(ScoreLine, 2, "rolefit score (one per line)"),
    "score-summary": JsonShape(ScoreSummary, 2, "rolefit score --summary"),
    "analysis": JsonShape(Analysis, 2, "rolefit analyze --json"),
    "bank-list": JsonShape(BankList, 1, "rolefit bank list --json"),
    "bank": JsonShape(BankDetail, 1, "rolefit bank show ID --json"),
    "profile-list": JsonShape(ProfileList, 1, "rolefit profile list --json"),
    "profile": JsonShape(Profile, 1, "rolefit profile show ROLE --json"),
    "roles": JsonShape(RolesSideBySide, 1, "rolefit roles --json"),
    "validation": JsonShape(Validation, 1, "rolefit validate --json"),
    "tasks": JsonShape(TaskList, 1, "rolefit tasks --json"),
    "team-result": JsonShape(TeamResult, TEAM_SCHEMA_VERSION, "rolefit team --json"),
    "gap-map": JsonShape(GapMap, GAP_SCHEMA_VERSION, "rolefit matrix --json"),
    "history-list": JsonShape(HistoryList, HISTORY_LIST_VERSION, "rolefit history --json"),
    "history-entry": JsonShape(KeptResult, HISTORY_ENTRY_VERSION, "rolefit history show N --json"),
    "comparison": JsonShape(Comparison, COMPARISON_VERSION, "rolefit compare A B --json"),
}


def schema_of(name: str) -> dict[str, Any]:
    """The JSON Schema of one shape, with ``$id`` naming the shape and its version."""
    shape = SHAPES.get(name)
    if shape is None:
        raise UsageError(f"no JSON shape {name!r}{did_you_mean(name, SHAPES)}: choose one of {', '.join(SHAPES)}")
    schema = shape.model.model_json_schema()
    schema["description"] = schema.get("description", "").replace("``", "")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:rolefit:{name}:{shape.version}",
        "description": f"{schema.get('description', '')} Printed by: {shape.printed_by}. Shape version {shape.version}.".strip(),
        **{key: value for key, value in schema.items() if key != "description"},
    }


def shape_list() -> list[dict[str, Any]]:
    """Every shape: its name, version and the commands that print it."""
    return [{"name": name, "version": s.version, "printed_by": s.printed_by} for name, s in SHAPES.items()]
