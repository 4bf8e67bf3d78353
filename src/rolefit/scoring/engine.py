"""The scoring engine: answers -> trait levels -> a fit per role, each number traced to answers.

Pure functions over plain data: no I/O, no terminal. The formulas are in docs/scoring.md.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rolefit.data.models import Item, LikertItem, Option, Profile, Trait
from rolefit.scoring import verdict
from rolefit.scoring.verdict import Limit
from rolefit.types import LIKERT_VALUES, Answer, Answers, LimitCode, Verdict

Sparse = tuple[tuple[int, float], ...]  # (trait index, value) pairs

MIN_REASON_POINTS = 0.5
UNDETERMINED_SHARE = 0.25  # answered under this share of the items: too little to say anything
LEAN_SHARE = 0.5  # answered under half the items: at most a lean
SCALE_FLOOR = 0.5  # a fit's scale is at least this share of the role's weight on the traits answered


@dataclass(frozen=True)
class CompiledItem:
    """An item as the engine sees it: what each answer adds to each trait, and the most it could."""

    id: str
    effects: Mapping[Answer, Sparse]  # answer -> (trait, signed amount)
    reach: Sparse  # (trait, largest amount any answer moves it)
    keyed: int | None  # likert: the role that agreeing pulls toward


@dataclass(frozen=True)
class ScoringModel:
    """A bank and a set of profiles compiled into plain numbers."""

    traits: tuple[str, ...]
    roles: tuple[str, ...]
    weights: tuple[tuple[float, ...], ...]  # per role, per trait, divided by the role's weight total
    items: Mapping[str, CompiledItem]
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Scores:
    """The numbers behind a result."""

    levels: tuple[float, ...]  # per trait, -1 (avoids) .. 1 (seeks)
    reach: tuple[float, ...]  # per trait, the normaliser: most the answered items could move it
    counts: tuple[int, ...]  # per trait, answered items that feed it
    fits: tuple[float, ...]  # per role, 0 .. 100
    answered: tuple[str, ...]  # item ids, bank order
    skipped: tuple[str, ...]
    scale: tuple[float, ...]  # per role, how far the answered items could move its weighted level its way (0: none)


@dataclass(frozen=True)
class TraitPull:
    """A trait whose answers moved the margin toward one role, with the answers behind it (a reason, unworded)."""

    trait: str
    role: str
    points: float
    items: tuple[str, ...]


@dataclass(frozen=True)
class AnswerChange:
    """One answer that, changed, would move the margin toward the runner-up (a change, unworded)."""

    item: str
    answer: Answer
    to: Answer
    points: float


def compile_model(items: Sequence[Item], traits: Sequence[Trait], profiles: Sequence[Profile]) -> ScoringModel:
    """Compile validated items and profiles into the engine's plain-number form."""
    trait_ids = tuple(trait.id for trait in traits)
    index = {trait: number for number, trait in enumerate(trait_ids)}
    weights = tuple(_normalised_weights(profile, trait_ids) for profile in profiles)
    compiled: dict[str, CompiledItem] = {}
    pairs: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, LikertItem):
            sparse = tuple((index[trait], weight) for trait, weight in item.effects.items())
            effects: dict[Answer, Sparse] = {
                value: tuple((t, weight * (value - 3) / 2) for t, weight in sparse) for value in LIKERT_VALUES
            }
            pulls = [sum(role[t] * weight for t, weight in sparse) for role in weights]
            keyed = max(range(len(pulls)), key=pulls.__getitem__)
            if item.pair is not None:
                pairs.append((item.id, item.pair))
        else:
            effects = _centred(item.options, index)
            keyed = None
        reach: dict[int, float] = {}
        for sparse_effects in effects.values():
            for t, amount in sparse_effects:
                reach[t] = max(reach.get(t, 0.0), abs(amount))
        compiled[item.id] = CompiledItem(item.id, effects, tuple(reach.items()), keyed)
    return ScoringModel(trait_ids, tuple(p.id for p in profiles), weights, compiled, tuple(pairs))


def _centred(options: Sequence[Option], index: Mapping[str, int]) -> dict[Answer, Sparse]:
    """Forced-choice scoring: each option adds its effects minus the mean of all the options' effects.

    Choosing one option over the others moves its own traits up and the traits of the options not
    chosen down, by the same total: an item's answers sum to zero on every trait (docs/scoring.md).
    """
    touched = sorted({index[trait] for option in options for trait in option.effects})
    own = [{index[trait]: weight for trait, weight in option.effects.items()} for option in options]
    mean = {t: sum(effects.get(t, 0.0) for effects in own) / len(own) for t in touched}
    centred: dict[Answer, Sparse] = {}
    for option, effects in zip(options, own, strict=True):
        moved = ((t, effects.get(t, 0.0) - mean[t]) for t in touched)
        centred[option.id] = tuple((t, amount) for t, amount in moved if abs(amount) > 1e-12)
    return centred


def restrict(model: ScoringModel, item_ids: Sequence[str]) -> ScoringModel:
    """The model with only these items (an adaptive quiz is scored on the items it asked)."""
    keep = set(item_ids)
    items = {item_id: item for item_id, item in model.items.items() if item_id in keep}
    pairs = tuple(pair for pair in model.pairs if set(pair) <= keep)
    return ScoringModel(model.traits, model.roles, model.weights, items, pairs)


def _normalised_weights(profile: Profile, trait_ids: tuple[str, ...]) -> tuple[float, ...]:
    total = sum(profile.weights[trait] for trait in trait_ids)
    return tuple(profile.weights[trait] / total for trait in trait_ids)


def score(model: ScoringModel, answers: Answers) -> Scores:
    """Trait levels and role fits from answers; only answered items count, skipped ones are left out."""
    size = len(model.traits)
    total = [0.0] * size
    reach = [0.0] * size
    counts = [0] * size
    answered, skipped = [], []
    for item_id, item in model.items.items():
        answer = answers.get(item_id)
        if answer is None:
            skipped.append(item_id)
            continue
        answered.append(item_id)
        for t, amount in item.effects[answer]:
            total[t] += amount
        for t, most in item.reach:
            reach[t] += most
            counts[t] += 1
    levels = tuple(total[t] / reach[t] if reach[t] else 0.0 for t in range(size))
    raws = tuple(sum(w * level for w, level in zip(role, levels, strict=True)) for role in model.weights)
    scale = _scale(model, answered, reach, raws)
    fits = tuple(50.0 + 50.0 * raw / span if span else 50.0 for raw, span in zip(raws, scale, strict=True))
    return Scores(levels, tuple(reach), tuple(counts), fits, tuple(answered), tuple(skipped), scale)


def _scale(
    model: ScoringModel, answered: Sequence[str], reach: Sequence[float], raws: Sequence[float]
) -> tuple[float, ...]:
    """Per role, how far the answered items could move its weighted level on the side it lies (docs/scoring.md).

    Dividing by it puts a fit on a scale the answers can reach: 100 when every answered item was
    answered the way that most favours the role, 0 when every one went most against it, 50 between.
    Each side has its own span, since a choice item can move a trait further one way than the other.
    A span is never less than SCALE_FLOOR of the role's weight on the traits answered, so no one trait
    moves a fit more than 100 points in a bank whose items pull a role's traits against each other.
    """
    spans = []
    for role, raw in zip(model.weights, raws, strict=True):
        up = down = 0.0
        for item_id in answered:
            pulls = [
                sum(role[t] * amount / reach[t] for t, amount in effects)
                for effects in model.items[item_id].effects.values()
            ]
            up += max(pulls)
            down -= min(pulls)
        floor = SCALE_FLOOR * sum(weight for weight, most in zip(role, reach, strict=True) if most)
        spans.append(max(up if raw >= 0 else down, floor))
    return tuple(spans)


def ranking(scores: Scores) -> list[int]:
    """Role indexes from best fit to worst; ties keep profile order, so the result is deterministic."""
    return sorted(range(len(scores.fits)), key=lambda role: -scores.fits[role])


def margin(scores: Scores) -> float:
    """Points between the best fit and the runner-up."""
    first, second = ranking(scores)[:2]
    return scores.fits[first] - scores.fits[second]


def trait_contributions(
    model: ScoringModel, scores: Scores, item_id: str, answer: Answer, role: int
) -> dict[int, float]:
    """How many fit points one answer gives a role, per trait (they sum, over answers, to fit - 50)."""
    weights, span = model.weights[role], scores.scale[role]
    if not span:
        return {}
    return {
        t: 50.0 * weights[t] * amount / scores.reach[t] / span
        for t, amount in model.items[item_id].effects[answer]
        if scores.reach[t]
    }


def contribution(model: ScoringModel, scores: Scores, item_id: str, answer: Answer, role: int) -> float:
    """How many fit points one answer gives a role."""
    return sum(trait_contributions(model, scores, item_id, answer, role).values())


def reasons(model: ScoringModel, scores: Scores, answers: Answers) -> list[TraitPull]:
    """Traits that moved the margin between the top two roles, strongest first, each with its answers."""
    first, second = ranking(scores)[:2]
    per_trait: dict[int, dict[str, float]] = {}
    for item_id in scores.answered:
        answer = answers[item_id]
        gained = trait_contributions(model, scores, item_id, answer, first)
        lost = trait_contributions(model, scores, item_id, answer, second)
        for t in gained.keys() | lost.keys():  # pragma: no mutate  (equivalent: both have the same keys)
            per_trait.setdefault(t, {})[item_id] = gained.get(t, 0.0) - lost.get(t, 0.0)
    found = []
    for t, by_item in per_trait.items():
        points = sum(by_item.values())
        if abs(points) < MIN_REASON_POINTS:
            continue
        role = first if points > 0 else second
        behind = sorted((i for i, p in by_item.items() if p * points > 0), key=lambda i: -abs(by_item[i]))
        found.append(TraitPull(model.traits[t], model.roles[role], round(abs(points), 2), tuple(behind[:3])))
    return sorted(found, key=lambda reason: -reason.points)


def what_would_change(
    model: ScoringModel, scores: Scores, answers: Answers
) -> tuple[list[AnswerChange], list[AnswerChange]]:
    """The fewest answer changes that would weaken the verdict a level, and that would flip it; [] if none could.

    Each change is priced at today's scale; the set is then checked by scoring it, since a fit's scale
    differs on either side of 50 (docs/scoring.md).
    """
    first, second = ranking(scores)[:2]
    gap = scores.fits[first] - scores.fits[second]
    changes = []
    for item_id in scores.answered:
        answer = answers[item_id]

        def edge(value: Answer, item_id: str = item_id) -> float:
            """How much this answer to the item adds to the margin between the two leading roles."""
            return contribution(model, scores, item_id, value, first) - contribution(
                model, scores, item_id, value, second
            )

        best = min(model.items[item_id].effects, key=edge)
        # priced at today's scale, a change can overshoot what two fits between 0 and 100 allow: the margin can
        # fall at most to -100, so a change moves it at most gap + 100 points
        points = min(edge(answer) - edge(best), gap + 100.0)
        if points > 1e-9:
            changes.append(AnswerChange(item_id, answer, best, round(points, 2)))
    changes.sort(key=lambda change: -change.points)
    lead = _Lead(model, answers, first, second)
    return lead.fewest(changes, verdict.line_under(gap)), lead.fewest(changes, 0.0)


@dataclass(frozen=True)
class _Lead:
    """The lead of one role over another, rescored for a set of changed answers."""

    model: ScoringModel
    answers: Answers
    first: int
    second: int

    def after(self, taken: Sequence[AnswerChange]) -> float:
        """The lead once these changes are made."""
        fits = score(self.model, {**self.answers, **{c.item: c.to for c in taken}}).fits
        return fits[self.first] - fits[self.second]

    def fewest(self, changes: list[AnswerChange], below: float) -> list[AnswerChange]:
        """The first changes, largest first, that take the lead under ``below`` (landing on it is not enough)."""
        for count in range(1, len(changes) + 1):
            if self.after(changes[:count]) < below - 1e-9:
                return changes[:count]
        return []


def limits(model: ScoringModel, scores: Scores, answers: Answers) -> list[Limit]:
    """What limits certainty: skips, trait coverage and response-quality checks, each with a verdict cap."""
    found = []
    total = len(model.items)
    share = len(scores.answered) / total if total else 0.0
    if share < UNDETERMINED_SHARE:
        more = needed_for_result(total) - len(scores.answered)
        found.append(
            Limit(
                LimitCode.MANY_SKIPS,
                f"only {len(scores.answered)} of {total} questions answered"
                + (f": answer {more} more to get a result" if more > 0 else ""),
                Verdict.UNDETERMINED,
            )
        )
    elif share < LEAN_SHARE:
        found.append(
            Limit(LimitCode.MANY_SKIPS, f"only {len(scores.answered)} of {total} questions answered", Verdict.LEAN)
        )
    covered = sum(1 for count in scores.counts if count)
    if covered < 0.75 * len(model.traits):
        found.append(
            Limit(LimitCode.LOW_COVERAGE, f"answers touched only {covered} of {len(model.traits)} traits", Verdict.LEAN)
        )
    found.extend(_quality(model, answers))
    return found


def _quality(model: ScoringModel, answers: Answers) -> list[Limit]:
    likert = {i: v for i, v in answers.items() if isinstance(v, int) and model.items[i].keyed is not None}
    found = []
    values = list(likert.values())
    if len(values) >= 8:
        common = max(values.count(v) for v in set(values))
        if common >= 0.8 * len(values):
            found.append(
                Limit(
                    LimitCode.STRAIGHT_LINING, f"{common} of {len(values)} statements got the same answer", Verdict.LEAN
                )
            )
    by_role: dict[int, list[float]] = {}
    for item_id, value in likert.items():
        by_role.setdefault(model.items[item_id].keyed or 0, []).append((value - 3) / 2)
    means = [sum(xs) / len(xs) for xs in by_role.values() if len(xs) >= 3]
    if len(means) >= 2 and (min(means) >= 0.5 or max(means) <= -0.5):
        leaning = "agreed" if min(means) >= 0.5 else "disagreed"
        found.append(
            Limit(LimitCode.ACQUIESCENCE, f"you {leaning} with statements that point to opposite roles", Verdict.LEAN)
        )
    contradicted = [
        (a, b) for a, b in model.pairs if a in likert and b in likert and (likert[a] - 3) * (likert[b] - 3) >= 2
    ]
    if contradicted:
        names = ", ".join(f"{a} / {b}" for a, b in contradicted)
        found.append(Limit(LimitCode.CONTRADICTION, f"opposite statements got the same answer ({names})", Verdict.LEAN))
    return found


def outcome(model: ScoringModel, scores: Scores, answers: Answers) -> str:
    """The role a clear or lean verdict names, or the verdict itself ('close-call', 'neither', 'undetermined')."""
    found = decide(scores, limits(model, scores, answers))
    return model.roles[ranking(scores)[0]] if found in (Verdict.CLEAR, Verdict.LEAN) else str(found)


def needed_for_result(total: int) -> int:
    """The fewest answers out of ``total`` items that can give a result rather than ``undetermined``."""
    return math.ceil(UNDETERMINED_SHARE * total)


def decide(scores: Scores, found: Sequence[Limit]) -> Verdict:
    """The verdict for scores: margin and best fit, capped by the strongest limit (the rule: rolefit.scoring.verdict)."""
    return verdict.decide(margin(scores), max(scores.fits), (limit.cap for limit in found))
