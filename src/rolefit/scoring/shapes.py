"""The JSON shapes the scoring commands print: ``rolefit score`` lines and summary, ``rolefit analyze``."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from rolefit.scoring.result import BankRef, Recommendation
from rolefit.types import ItemKind


class Shape(BaseModel):
    """Base of the printed shapes: frozen, strict about their own fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LineFit(Shape):
    """A role's fit in a score line (its name is in ``recommendation`` for the leader, and in the profiles)."""

    role: str
    score: float = Field(ge=0, le=100)


class ScoreLine(Shape):
    """One line of ``rolefit score``: an answer set's outcome, with the numbers ``quiz --answers`` gives."""

    file: str = Field(description="the file the line came from (<stdin> for stdin)")
    line: int = Field(description="the line number in that file (1 for an answers file)")
    id: str | int | float | None = Field(description="the line's own id, echoed back, or null")
    bank: BankRef
    recommendation: Recommendation
    fits: list[LineFit] = Field(description="highest first")
    margin: float
    answered: int
    skipped: int


class ScoreSummary(Shape):
    """``rolefit score --summary``: counts per verdict and per recommended role, mean fit per role."""

    count: int
    failed: int
    verdicts: dict[str, int]
    recommended: dict[str, int]
    mean_fit: dict[str, float | None]


class AnalysedBank(Shape):
    """The bank analysed."""

    id: str
    version: int
    hash: str
    items: int


class SimulationModel(Shape):
    """The simulated respondents' model (docs/scoring.md)."""

    person_sd: float
    answer_sd: float
    choice_noise: float
    seed: int
    respondents: int


class ItemAnalysis(Shape):
    """One item: its swing on the margin, how well it separates the roles, the traits it feeds, and deadness."""

    id: str
    kind: ItemKind
    traits: list[str]
    swing: float
    separation: float
    dead: bool


class TraitKeying(Shape):
    """One trait: how many items feed it, and how its statements are keyed."""

    trait: str
    items: int
    statements: int
    positive: int
    reverse: int


class Simulation(Shape):
    """Accuracy, verdict shares, the half-way close-call rate and stability of the simulated respondents."""

    accuracy: dict[str, float]
    verdicts: dict[str, dict[str, float]]
    close_call_halfway: float
    stability: float


class BaseAgreement(Shape):
    """How often a selection bank recommends what its base does."""

    base: str
    agreement: float


class AdaptiveAnalysis(Shape):
    """How adaptive mode compares with the full bank."""

    respondents: int
    agreement: float
    mean_asked: float
    mean_share: float


class PositionBias(Shape):
    """Which role each choice's first-listed option leans to (people favour the first option)."""

    choices: int
    first_option_leans: dict[str, int] = Field(description="role id -> choice items whose first option leans to it")
    balanced: bool = Field(description="no role leads by more than one item")


class KeyingBalance(Shape):
    """Which role agreeing with each statement leans to (so agreeing with everything says nothing)."""

    statements: int
    agreeing_leans: dict[str, int] = Field(description="role id -> statements whose agreement leans to it")
    balanced: bool = Field(description="no role leads by more than one statement")


class PanelRespondent(Shape):
    """One described respondent of the validation panel (docs/validation.md)."""

    id: str
    expected: str
    outcome: str


class PanelAnalysis(Shape):
    """The validation panel: real descriptions answered item by item, against the outcome the articles imply."""

    respondents: list[PanelRespondent]
    confusion: dict[str, dict[str, int]] = Field(description="expected outcome -> outcome given -> respondents")
    matched: int
    accuracy: float


class Target(Shape):
    """One measured target and whether it is met."""

    name: str
    value: float
    target: str
    ok: bool


class Analysis(Shape):
    """``rolefit analyze --json``: how well a bank measures (docs/scoring.md defines every measure)."""

    bank: AnalysedBank
    model: SimulationModel
    items: list[ItemAnalysis]
    traits: list[TraitKeying]
    simulation: Simulation
    base_agreement: BaseAgreement | None = None
    adaptive: AdaptiveAnalysis | None = None
    position: PositionBias
    keying: KeyingBalance
    panel: PanelAnalysis | None = None
    dead_items: list[str]
    targets: list[Target]
