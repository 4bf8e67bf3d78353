"""The result: an immutable, versioned model that JSON output, reports and renderers all draw from."""

import itertools
import math
from typing import Annotated, Any, Literal, Protocol

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from rolefit import __version__
from rolefit.data.catalog import LoadedBank, ProfileSet
from rolefit.data.models import MAX_ITEMS, MAX_ROLES, MAX_TRAITS, CitedSource, Item, Profile
from rolefit.scoring import engine
from rolefit.scoring.verdict import (
    LINES,
    LUKEWARM_FIT,
    NEITHER_FIT,
    REJECTED_FIT,
    VERDICTS,
    Limit,
    fit_rank,
    rank,
    recommends,
)
from rolefit.types import LIKERT_VALUES, Answer, Answers, Verdict

SCHEMA_VERSION: Literal[2] = 2
MAX_REASONS_FOR = 5
MAX_REASONS_AGAINST = 3
Score = Annotated[float, Field(strict=True, ge=0, le=100, allow_inf_nan=False)]
ItemIds = Annotated[list[str], Field(max_length=MAX_ITEMS)]
# Every number a result holds is strict (JSON cannot slip in "16" or true for one), finite and bounded,
# so a saved result read back by `rolefit explain` is refused at the field, never drawn from nonsense.
Points = Annotated[float, Field(strict=True, ge=-200, le=200, allow_inf_nan=False)]  # a fit difference moved
Count = Annotated[int, Field(strict=True, ge=0)]
RoleWeight = Annotated[float, Field(strict=True, ge=0, le=1, allow_inf_nan=False)]
ROUNDING = 0.05 + 1e-9  # a score or margin is rounded to 0.1; how far the shown value may be from the true one


def _plain_answer(value: Any) -> Any:
    """An answer is an int (never a bool or a float such as 3.0) or a string; anything else is refused here."""
    if type(value) is int or isinstance(value, str):
        return value
    raise ValueError(f"{value!r} is not an answer: write 1 to 5 or an option id")


AnswerValue = Annotated[int | str, BeforeValidator(_plain_answer)]


class Out(BaseModel):
    """Base of the result models: frozen and strict about their own fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class BankRef(Out):
    """Which bank produced the result."""

    id: str
    version: Annotated[int, Field(strict=True, ge=1)]
    hash: str


class Recommendation(Out):
    """The recommended role and how sure the result is; no role for ``neither`` and ``undetermined``."""

    role: str | None = Field(description="profile id of the recommended role; null when the verdict names none")
    name: str | None
    verdict: Verdict
    needed: Count | None = Field(
        default=None, description="undetermined: how many more answers would give a result; else null"
    )


class Fit(Out):
    """How well the answers fit one role."""

    role: str
    name: str
    score: Score


class TraitLevel(Out):
    """One trait: the user's level on it and how much each role weighs it."""

    trait: str
    name: str
    level: Annotated[float, Field(strict=True, ge=-1, le=1, allow_inf_nan=False, description="-1 avoids .. 1 seeks")]
    answered: Count = Field(description="answered items that feed this trait")
    weights: dict[str, RoleWeight] = Field(
        max_length=MAX_ROLES, description="role id -> the weight that role's profile gives this trait"
    )


class Evidence(Out):
    """One of the user's answers, in words."""

    item: str
    answer: AnswerValue
    text: str


class Reason(Out):
    """A trait whose answers moved the margin toward a role."""

    trait: str
    name: str
    role: str = Field(description="the role this evidence supports")
    direction: Literal["seeks", "avoids"] | None = Field(
        default=None, description="whether the user's answers seek or avoid the trait (from the trait's level)"
    )
    points: Points = Field(description="fit points this trait moved between the top two roles")
    items: ItemIds
    evidence: Annotated[list[Evidence], Field(max_length=MAX_ITEMS)]
    fact: str = Field(description="why the trait matters for the role, from its profile")
    source: CitedSource


class Change(Out):
    """One answer that, changed, moves the margin toward the runner-up."""

    item: str
    answer: AnswerValue
    to: AnswerValue
    points: Points
    text: str


class WhatWouldChange(Out):
    """The fewest answer changes that would weaken the verdict a level, or flip it; empty if none could."""

    weaken: Annotated[list[Change], Field(max_length=MAX_ITEMS)]
    flip: Annotated[list[Change], Field(max_length=MAX_ITEMS)]


class Result(Out):
    """The outcome of one quiz: rolefit's public JSON contract (see the README)."""

    schema_version: Literal[2] = SCHEMA_VERSION
    rolefit_version: str = __version__
    bank: BankRef
    recommendation: Recommendation
    fits: list[Fit] = Field(max_length=MAX_ROLES, description="highest first")
    margin: Score = Field(description="points between the two best fits")
    traits: list[TraitLevel] = Field(max_length=MAX_TRAITS)
    reasons: list[Reason] = Field(
        max_length=MAX_REASONS_FOR + MAX_REASONS_AGAINST,
        description="evidence for the recommended role first, then for the others",
    )
    limits: list[Limit]
    what_would_change: WhatWouldChange
    answered: Count
    skipped: Count
    answers: dict[str, AnswerValue] = Field(max_length=MAX_ITEMS, description="item id -> answer, for answered items")
    asked: ItemIds | None = Field(default=None, description="adaptive mode: the items it asked, in order")
    stop_reason: str | None = Field(default=None, description="adaptive mode: why it stopped asking")


Loc = tuple[int | str, ...]


def inconsistencies(result: Result, *, neither_rule: bool = True) -> list[tuple[Loc, str]]:
    """Where a result contradicts itself, as (field path, message); empty for every result build_result makes.

    The models check each number's type and range; this checks that they agree with each other: the
    fits ranked and distinct, the recommendation the best fit, the margin the gap between the two best
    fits (each rounded to 0.1), the verdict the one that margin and the limits allow, the counts the
    answers', and every role, item and weight naming what the result itself holds.
    """
    fits = result.fits
    roles = [fit.role for fit in fits]
    if len(fits) < 2:
        return [(("fits",), f"a result ranks at least two roles, not {len(fits)}: save it again with rolefit quiz")]
    found: list[tuple[Loc, str]] = [
        (("fits", index, "role"), f"role {role!r} is ranked twice: each role has one fit")
        for index, role in enumerate(roles)
        if role in roles[:index]
    ]
    if any(earlier.score < later.score for earlier, later in itertools.pairwise(fits)):
        found.append((("fits",), "the fits are not ranked highest first"))
    if found:
        return found  # every check below rests on the ranking
    return [*_recommendation_problems(result, roles, neither_rule), *_reference_problems(result, roles)]


def _recommendation_problems(result: Result, roles: list[str], neither_rule: bool) -> list[tuple[Loc, str]]:
    """The recommendation against the ranked fits: its role the best fit, the margin their gap, the verdict the
    one that margin, the best fit and the limits allow."""
    found: list[tuple[Loc, str]] = []
    fits, recommended = result.fits, result.recommendation
    best = fits[0]
    if recommended.role is None or not recommends(recommended.verdict):
        if (recommended.role is None) == recommends(recommended.verdict) or recommended.name is not None:
            found.append(
                (("recommendation", "role"), f"a {recommended.verdict.value!r} verdict names no role, a role's does")
            )
    elif recommended.role not in roles:
        found.append((("recommendation", "role"), f"{recommended.role!r} is not one of the fits' roles"))
    elif recommended.role != best.role and not math.isclose(fits[roles.index(recommended.role)].score, best.score):
        found.append((("recommendation", "role"), f"{recommended.role!r} is not the best fit ({best.role!r} is)"))
    elif recommended.name != fits[roles.index(recommended.role)].name:
        found.append((("recommendation", "name"), f"{recommended.name!r} is not the name of {recommended.role!r}"))
    gap = best.score - fits[1].score
    if abs(result.margin - gap) > 3 * ROUNDING:
        found.append((("margin",), f"{result.margin} is not the gap between the two best fits ({gap:.1f})"))
    caps = max((VERDICTS.index(limit.cap) for limit in result.limits), default=0)

    def low_fit(score: float, margin: float) -> int:
        return int(fit_rank(score, margin)) if neither_rule else 0

    # both fits shown rounded up (or both down): the best moves by the rounding, the gap between them stays
    weakest = max(int(rank(result.margin + ROUNDING)), low_fit(best.score + ROUNDING, gap), caps)
    strongest = max(int(rank(result.margin - ROUNDING)), low_fit(best.score - ROUNDING, gap), caps)
    verdict = VERDICTS.index(recommended.verdict)
    if not weakest <= verdict <= strongest:
        allowed = VERDICTS[weakest] if weakest == strongest else f"{VERDICTS[weakest]} or {VERDICTS[strongest]}"
        found.append(
            (
                ("recommendation", "verdict"),
                f"{recommended.verdict.value!r} does not follow from a margin of {result.margin} and the limits "
                f"(clear from {LINES[0]:g} points, lean from {LINES[1]:g}, neither under a best fit of {NEITHER_FIT:g} "
                f"or of {LUKEWARM_FIT:g} beside a second under {REJECTED_FIT:g}): "
                f"it would be {allowed}",
            )
        )
    return found


def _reference_problems(result: Result, roles: list[str]) -> list[tuple[Loc, str]]:  # noqa: C901 - flat checks
    """The counts, and every role, item and answer a part of the result names, against what the result holds."""
    found: list[tuple[Loc, str]] = []
    for item, value in result.answers.items():
        if isinstance(value, int) and value not in LIKERT_VALUES:
            found.append((("answers", item), f"{value} is not an answer: a statement's answer is 1 to 5"))
    if result.answered != len(result.answers):
        found.append((("answered",), f"{result.answered} does not count the {len(result.answers)} answers given"))
    if result.asked is not None and result.answered + result.skipped != len(result.asked):
        found.append((("skipped",), f"answered and skipped do not add up to the {len(result.asked)} items asked"))
    for index, trait in enumerate(result.traits):
        if trait.answered > result.answered:
            found.append(
                (("traits", index, "answered"), f"{trait.answered} is more than the {result.answered} answers")
            )
        if set(trait.weights) != set(roles):
            found.append((("traits", index, "weights"), "the weights do not name exactly the fits' roles"))
    for index, reason in enumerate(result.reasons):
        if reason.role not in roles:
            found.append((("reasons", index, "role"), f"{reason.role!r} is not one of the fits' roles"))
        for number, item in enumerate(reason.items):
            if item not in result.answers:
                found.append((("reasons", index, "items", number), f"{item!r} is not one of the answers"))
        for number, evidence in enumerate(reason.evidence):
            if result.answers.get(evidence.item) != evidence.answer:
                found.append((("reasons", index, "evidence", number), f"{evidence.item!r} was not answered so"))
    for kind in ("weaken", "flip"):
        for index, change in enumerate(getattr(result.what_would_change, kind)):
            if result.answers.get(change.item) != change.answer:
                found.append((("what_would_change", kind, index), f"{change.item!r} was not answered so"))
    return found


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
    verdict = engine.decide(scores, found)
    named = recommends(verdict)
    weaken, flip = engine.what_would_change(model, scores, answers) if named else ([], [])
    needed = engine.needed_for_result(len(model.items)) - len(scores.answered)
    return Result(
        bank=BankRef(id=bank.id, version=bank.bank.version, hash=bank.hash),
        recommendation=Recommendation(
            role=top.id if named else None,
            name=top.name if named else None,
            verdict=verdict,
            needed=needed if verdict == Verdict.UNDETERMINED else None,
        ),
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
                source=profiles.cite(fact.source),
            )
        )
    return out


def _change(change: engine.AnswerChange, bank: LoadedBank, phrasing: Phrasing) -> Change:
    text = phrasing.change_text(bank.item(change.item), change.answer, change.to)
    return Change(item=change.item, answer=change.answer, to=change.to, points=change.points, text=text)
