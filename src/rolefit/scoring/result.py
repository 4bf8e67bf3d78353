"""The result: an immutable, versioned model that JSON output, reports and renderers all draw from."""

from __future__ import annotations

from typing import Annotated, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from rolefit import __version__
from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.data.models import MAX_ITEMS, MAX_ROLES, MAX_TRAITS, Item, Profile, Source
from rolefit.scoring import engine
from rolefit.scoring.verdict import Limit
from rolefit.types import Answer, Answers, Verdict

SCHEMA_VERSION: Literal[1] = 1
MAX_REASONS_FOR = 5
MAX_REASONS_AGAINST = 3
Score = Annotated[float, Field(ge=0, le=100)]
ItemIds = Annotated[list[str], Field(max_length=MAX_ITEMS)]


class Out(BaseModel):
    """Base of the result models: frozen and strict about their own fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class BankRef(Out):
    """Which bank produced the result."""

    id: str
    version: int
    hash: str


class Recommendation(Out):
    """The recommended role and how sure the result is."""

    role: str = Field(description="profile id of the recommended role")
    name: str
    verdict: Verdict


class Fit(Out):
    """How well the answers fit one role."""

    role: str
    name: str
    score: Score


class TraitLevel(Out):
    """One trait: the user's level on it and how much each role weighs it."""

    trait: str
    name: str
    level: Annotated[float, Field(ge=-1, le=1, description="-1 avoids .. 1 seeks")]
    answered: int = Field(description="answered items that feed this trait")
    weights: dict[str, float] = Field(
        max_length=MAX_ROLES, description="role id -> the weight that role's profile gives this trait"
    )


class Evidence(Out):
    """One of the user's answers, in words."""

    item: str
    answer: int | str
    text: str


class Reason(Out):
    """A trait whose answers moved the margin toward a role."""

    trait: str
    name: str
    role: str = Field(description="the role this evidence supports")
    direction: Literal["seeks", "avoids"] | None = Field(
        default=None, description="whether the user's answers seek or avoid the trait (from the trait's level)"
    )
    points: float = Field(description="fit points this trait moved between the top two roles")
    items: ItemIds
    evidence: Annotated[list[Evidence], Field(max_length=MAX_ITEMS)]
    fact: str = Field(description="why the trait matters for the role, from its profile")
    source: Source


class Change(Out):
    """One answer that, changed, moves the margin toward the runner-up."""

    item: str
    answer: int | str
    to: int | str
    points: float
    text: str


class WhatWouldChange(Out):
    """The fewest answer changes that would weaken the verdict a level, or flip it; empty if none could."""

    weaken: Annotated[list[Change], Field(max_length=MAX_ITEMS)]
    flip: Annotated[list[Change], Field(max_length=MAX_ITEMS)]


class Result(Out):
    """The outcome of one quiz: rolefit's public JSON contract (see the README)."""

    schema_version: Literal[1] = SCHEMA_VERSION
    rolefit_version: str = __version__
    bank: BankRef
    recommendation: Recommendation
    fits: list[Fit] = Field(max_length=MAX_ROLES, description="highest first")
    margin: float = Field(ge=0, le=100, description="points between the two best fits")
    traits: list[TraitLevel] = Field(max_length=MAX_TRAITS)
    reasons: list[Reason] = Field(
        max_length=MAX_REASONS_FOR + MAX_REASONS_AGAINST,
        description="evidence for the recommended role first, then for the others",
    )
    limits: list[Limit]
    what_would_change: WhatWouldChange
    answered: int
    skipped: int
    answers: dict[str, int | str] = Field(max_length=MAX_ITEMS, description="item id -> answer, for answered items")
    asked: ItemIds | None = Field(default=None, description="adaptive mode: the items it asked, in order")
    stop_reason: str | None = Field(default=None, description="adaptive mode: why it stopped asking")


class Phrasing(Protocol):
    """How one answer reads in the result's text fields; the views layer supplies it (rolefit.views.wording)."""

    def evidence(self, item: Item, answer: Answer) -> str:
        """One answer as evidence: what the user said, to what."""
        ...

    def change_text(self, item: Item, answer: Answer, to: Answer) -> str:
        """One answer change in words."""
        ...


def build_result(
    bank: LoadedBank,
    profiles: ProfileSet,
    answers: Answers,
    *,
    phrasing: Phrasing,
    asked: list[str] | None = None,
    stop_reason: str | None = None,
) -> Result:
    """Score validated answers and assemble the full result; an adaptive quiz is scored on the items it asked.

    The contract holds numbers and ids; its few text fields are phrased by ``phrasing``, so the
    scoring layer never imports the wording.
    """
    model = engine.compile_model(bank.items, profiles.traits, profiles.profiles)
    if asked is not None:
        model = engine.restrict(model, asked)
    scores = engine.score(model, answers)
    order = engine.ranking(scores)
    by_role = {profile.id: profile for profile in profiles.profiles}
    top = profiles.profiles[order[0]]
    gap = engine.margin(scores)
    found = engine.limits(model, scores, answers)
    weaken, flip = engine.what_would_change(model, scores, answers)
    return Result(
        bank=BankRef(id=bank.id, version=bank.bank.version, hash=bank.hash),
        recommendation=Recommendation(role=top.id, name=top.name, verdict=engine.decide(gap, found)),
        fits=[Fit(role=model.roles[r], name=profiles.profiles[r].name, score=round(scores.fits[r], 1)) for r in order],
        margin=round(gap, 1),
        traits=[
            TraitLevel(
                trait=trait.id,
                name=trait.name,
                level=round(scores.levels[t], 3),
                answered=scores.counts[t],
                weights={profile.id: profile.weights[trait.id] for profile in profiles.profiles},
            )
            for t, trait in enumerate(profiles.traits)
        ],
        reasons=_reasons(
            engine.reasons(model, scores, answers), scores.levels, top.id, by_role, bank, profiles, answers, phrasing
        ),
        limits=found,
        what_would_change=WhatWouldChange(
            weaken=[_change(c, bank, phrasing) for c in weaken], flip=[_change(c, bank, phrasing) for c in flip]
        ),
        answered=len(scores.answered),
        skipped=len(scores.skipped),
        answers={item: answers[item] for item in scores.answered},
        asked=asked,
        stop_reason=stop_reason,
    )


def _reasons(
    found: list[engine.TraitPull],
    levels_of: tuple[float, ...],
    top: str,
    by_role: dict[str, Profile],
    bank: LoadedBank,
    profiles: ProfileSet,
    answers: Answers,
    phrasing: Phrasing,
) -> list[Reason]:
    names = {trait.id: trait.name for trait in profiles.traits}
    levels = dict(zip((trait.id for trait in profiles.traits), levels_of, strict=True))
    chosen = [r for r in found if r.role == top][:MAX_REASONS_FOR] + [r for r in found if r.role != top][
        :MAX_REASONS_AGAINST
    ]
    out = []
    for reason in chosen:
        fact = by_role[reason.role].trait_facts[reason.trait]
        out.append(
            Reason(
                trait=reason.trait,
                name=names[reason.trait],
                role=reason.role,
                direction="seeks" if levels[reason.trait] > 0 else "avoids",
                points=reason.points,
                items=list(reason.items),
                evidence=[
                    Evidence(item=i, answer=answers[i], text=phrasing.evidence(bank.item(i), answers[i]))
                    for i in reason.items
                ],
                fact=fact.text,
                source=fact.source,
            )
        )
    return out


def _change(change: engine.AnswerChange, bank: LoadedBank, phrasing: Phrasing) -> Change:
    text = phrasing.change_text(bank.item(change.item), change.answer, change.to)
    return Change(item=change.item, answer=change.answer, to=change.to, points=change.points, text=text)
