"""How well a bank measures: item swing and separation, keying, dead items, and a seeded simulation (docs/scoring.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from rolefit.data.catalog import LoadedBank, ProfileSet, load_bank
from rolefit.data.models import LikertItem
from rolefit.scoring import balance, engine, simulate
from rolefit.scoring.adaptive import AdaptivePlan, replay
from rolefit.scoring.engine import compile_model
from rolefit.scoring.vector import VectorScorer
from rolefit.scoring.verdict import LINES, LUKEWARM_FIT, NEITHER_FIT, REJECTED_FIT, VERDICTS, fit_rank, rank
from rolefit.types import Verdict

CLOSE_CALL = VERDICTS.index(Verdict.CLOSE_CALL)  # the rank the vectorised scorer gives a close call
NEITHER = VERDICTS.index(Verdict.NEITHER)
UNDETERMINED = VERDICTS.index(Verdict.UNDETERMINED)
ACCURACY_TARGET = 0.95
BASE_AGREEMENT_TARGET = 0.90
ADAPTIVE_AGREEMENT_TARGET = 0.95
ADAPTIVE_SHARE_TARGET = 0.50
DEAD_SAMPLE = 1000
UNSURE = 1e-6  # a changed fit this close to a tie or a verdict line is scored again, exactly


def analysis(
    bank: LoadedBank, profiles: ProfileSet, *, seed: int, respondents: int, adaptive: int = 0
) -> dict[str, Any]:
    """The full analysis as plain data."""
    rng = np.random.default_rng(seed)
    model = compile_model(bank.items, profiles.traits, profiles.profiles)
    scorer = VectorScorer(model)
    ideal = simulate.ideal_levels(profiles)
    roles = model.roles
    per_group = -(-respondents // (len(roles) + 1))  # ceiling: at least the number asked for
    groups = [
        simulate.draw_answers(scorer, simulate.draw_people(ideal[r], per_group, rng), rng) for r in range(len(roles))
    ]
    halfway = simulate.draw_answers(scorer, simulate.draw_people(ideal.mean(axis=0), per_group, rng), rng)
    batches = [scorer.score(rows) for rows in groups]
    accuracy = {roles[r]: float((b.order[:, 0] == r).mean()) for r, b in enumerate(batches)}
    overall = float(np.mean(list(accuracy.values())))
    report: dict[str, Any] = {
        "bank": {"id": bank.id, "version": bank.bank.version, "hash": bank.hash, "items": len(bank.items)},
        "model": {
            "person_sd": simulate.PERSON_SD,
            "answer_sd": simulate.ANSWER_SD,
            "choice_noise": simulate.CHOICE_NOISE,
            "seed": seed,
            "respondents": per_group * (len(roles) + 1),
        },
        "items": _items(bank, scorer, groups, rng, np.concatenate([*groups, halfway])),
        "traits": _traits(bank, profiles),
        "simulation": {
            "accuracy": {**accuracy, "overall": overall},
            "verdicts": {roles[r]: _shares(b.verdict) for r, b in enumerate(batches)},
            "close_call_halfway": float((scorer.score(halfway).verdict == CLOSE_CALL).mean()),
            "stability": _stability(scorer, groups, batches, rng),
        },
    }
    report["position"] = balance.position_bias(bank, profiles)
    report["keying"] = balance.keying(bank, profiles)
    targets = [_target("accuracy", overall, ACCURACY_TARGET, at_least=True)]
    if bank.bank.base is not None:
        agreement = _base_agreement(bank, profiles, rng, per_group)
        report["base_agreement"] = {"base": bank.bank.base, "agreement": agreement}
        targets.append(_target(f"agreement with {bank.bank.base}", agreement, BASE_AGREEMENT_TARGET, at_least=True))
    if adaptive:
        report["adaptive"] = _adaptive(model, scorer, ideal, rng, adaptive, seed)
        targets.append(
            _target("adaptive agreement", report["adaptive"]["agreement"], ADAPTIVE_AGREEMENT_TARGET, at_least=True)
        )
        targets.append(
            _target("adaptive share asked", report["adaptive"]["mean_share"], ADAPTIVE_SHARE_TARGET, at_least=False)
        )
    report["dead_items"] = [item["id"] for item in report["items"] if item["dead"]]
    report["targets"] = targets
    return report


def _items(
    bank: LoadedBank, scorer: VectorScorer, groups: list[np.ndarray], rng: np.random.Generator, mixed: np.ndarray
) -> list[dict[str, Any]]:
    """Per item: its swing on the margin between the first two roles, its separation, traits, and deadness."""
    weights = np.array(scorer.model.weights)
    edge = weights[0] - weights[1]
    reach = scorer.reach[:, 0, :].sum(axis=0)  # every item answered
    pulls = 50.0 * np.einsum(
        "ikt,t->ik", scorer.added, np.divide(edge, reach, out=np.zeros_like(edge), where=reach > 0)
    )
    sample = mixed[rng.choice(len(mixed), size=min(DEAD_SAMPLE, len(mixed)), replace=False)]
    dead = _dead(scorer, sample)
    out = []
    for i, item in enumerate(bank.items):
        codes = range(len(scorer.answers[i]))
        values = [pulls[i][g[:, i]] for g in groups[:2]]
        pooled = np.sqrt((values[0].var() + values[1].var()) / 2) or 1.0
        out.append(
            {
                "id": item.id,
                "kind": item.kind,
                "traits": sorted({scorer.model.traits[t] for t, _ in scorer.model.items[item.id].reach}),
                "swing": round(float(pulls[i][list(codes)].max() - pulls[i][list(codes)].min()), 2),
                "separation": round(float((values[0].mean() - values[1].mean()) / pooled), 2),
                "dead": dead[i],
            }
        )
    return out


def _dead(scorer: VectorScorer, sample: np.ndarray) -> list[bool]:
    """Per item: whether no answer to it, given in every sampled row, changes any row's outcome.

    A changed answer moves only the traits its item feeds, so each changed row's fits are the row's
    fits plus that item's difference: one pass over the items, each touching only its own traits. A
    changed fit within UNSURE of a tie or a verdict line, and a row that had skipped the item, is
    scored again by the scorer itself, so the findings are those of scoring every changed sample.
    """
    base = scorer.score(sample)
    before = _ends(base)
    # Only too few answers make a row undetermined (rolefit.scoring.vector), and one answer changed for
    # another leaves the count: such a row stays so. Any other row's outcome follows from its fits alone
    # (the other limits cap at lean, which names the same role).
    held = base.verdict == UNDETERMINED
    weights = np.array(scorer.model.weights).T  # traits x roles: weighted level per unit of level
    reach = np.zeros((len(sample), len(scorer.model.traits)))
    for i, column in enumerate(sample.T):
        reach += scorer.reach[i][column]
    dead = []
    for i, column in enumerate(sample.T):
        codes = np.arange(len(scorer.answers[i]))[:, None]  # one row of the arrays below per answer
        fed = np.flatnonzero(scorer.reach[i].any(axis=0))
        added, most = scorer.added[i][:, fed], reach[:, fed]
        # answers x rows x fed traits: how far each answer moves a level from where the row's own answer put it
        moved = np.divide(added[codes] - added[column], most, out=np.zeros((len(codes), *most.shape)), where=most > 0)
        raw = base.raw + moved @ weights[fed]  # a row's scale is fixed by which items it answered
        span = np.where(raw >= 0, base.up.T, base.down.T)
        fits = 50.0 + 50.0 * np.divide(raw, span, out=np.zeros_like(raw), where=span > 0)
        top = np.sort(fits, axis=-1)
        margin = top[..., -1] - top[..., -2]
        named = np.where(rank(margin) == CLOSE_CALL, _end(CLOSE_CALL), fits.argmax(axis=-1))
        after = np.where(held, _end(UNDETERMINED), np.where(fit_rank(top[..., -1], margin) > 0, _end(NEITHER), named))
        lines = [*LINES, 0.0]
        near = np.any([np.abs(margin - line) < UNSURE for line in lines], axis=0)
        near |= np.abs(top[..., -1] - NEITHER_FIT) < UNSURE
        near |= (np.abs(top[..., -1] - LUKEWARM_FIT) < UNSURE) | (np.abs(top[..., -2] - REJECTED_FIT) < UNSURE)
        unsure = (column != codes) & ((near & ~held) | (column == scorer.skip))  # only rows the answer changes
        dead.append(
            not (~unsure & (after != before)).any()
            and not any(
                (_ends(scorer.score(_answering(sample[rows], i, code))) != before[rows]).any()
                for code, rows in enumerate(unsure)
                if rows.any()
            )
        )
    return dead


def _answering(rows: np.ndarray, item: int, code: int) -> np.ndarray:
    """The rows (a copy) with this answer to the item."""
    rows[:, item] = code
    return rows


def _end(verdict: int) -> int:
    """The outcome code of a verdict that names no one role: -1 - its rank (roles are 0 and up)."""
    return -1 - verdict


def _ends(batch: Any) -> np.ndarray:
    """Each row's outcome: the role a clear or lean verdict names, or the code of its verdict (see _end)."""
    return np.where(batch.verdict >= CLOSE_CALL, _end(batch.verdict), batch.order[:, 0])


def _traits(bank: LoadedBank, profiles: ProfileSet) -> list[dict[str, Any]]:
    """Per trait: how many items feed it, and how its statements are keyed."""
    out = []
    for trait in profiles.traits:
        feeding = [item for item in bank.items if trait.id in _fed(item)]
        statements = [item for item in feeding if isinstance(item, LikertItem)]
        positive = sum(1 for item in statements if item.effects[trait.id] > 0)
        out.append(
            {
                "trait": trait.id,
                "items": len(feeding),
                "statements": len(statements),
                "positive": positive,
                "reverse": len(statements) - positive,
            }
        )
    return out


def _fed(item: Any) -> set[str]:
    if isinstance(item, LikertItem):
        return set(item.effects)
    return {trait for option in item.options for trait in option.effects}


def _shares(verdicts: np.ndarray) -> dict[str, float]:
    counts = np.bincount(verdicts, minlength=len(VERDICTS)) / len(verdicts)
    return {verdict: round(float(counts[n]), 4) for n, verdict in enumerate(VERDICTS)}


def _stability(scorer: VectorScorer, groups: list[np.ndarray], batches: list[Any], rng: np.random.Generator) -> float:
    """How often one random changed answer flips the recommended role of a clear respondent."""
    rows = np.concatenate([g[b.verdict == 0] for g, b in zip(groups, batches, strict=True)])
    if not len(rows):
        return 0.0
    before = scorer.score(rows).order[:, 0]
    columns = rng.integers(0, rows.shape[1], len(rows))
    sizes = np.array([len(answers) for answers in scorer.answers])[columns]
    shift = rng.integers(1, sizes)  # a different answer than the current one
    changed = rows.copy()
    changed[np.arange(len(rows)), columns] = (rows[np.arange(len(rows)), columns] + shift) % sizes
    return round(float((scorer.score(changed).order[:, 0] != before).mean()), 5)


def _base_agreement(bank: LoadedBank, profiles: ProfileSet, rng: np.random.Generator, per_group: int) -> float:
    """Share of respondents (drawn from every role) for whom this bank and its base recommend alike."""
    base = load_bank(str(Path(bank.label).with_name(f"{bank.bank.base}.yaml")), profiles)
    full = VectorScorer(compile_model(base.items, profiles.traits, profiles.profiles))
    short = VectorScorer(compile_model(bank.items, profiles.traits, profiles.profiles))
    ideal = simulate.ideal_levels(profiles)
    rows = np.concatenate([simulate.draw_answers(full, simulate.draw_people(c, per_group, rng), rng) for c in ideal])
    columns = [full.item_ids.index(item) for item in short.item_ids]
    return round(float((_ends(full.score(rows)) == _ends(short.score(rows[:, columns]))).mean()), 4)


def _adaptive(
    model: engine.ScoringModel, scorer: VectorScorer, ideal: np.ndarray, rng: np.random.Generator, n: int, seed: int
) -> dict[str, Any]:
    """Adaptive mode against the full bank, on n respondents drawn from every role and from half-way."""
    centres = [*ideal, ideal.mean(axis=0)]
    agree, asked_counts = 0, []
    for number in range(n):
        row = simulate.draw_answers(scorer, simulate.draw_people(centres[number % len(centres)], 1, rng), rng)[0]
        full = {scorer.item_ids[i]: scorer.answers[i][code] for i, code in enumerate(row)}
        answers, asked = replay(AdaptivePlan(model, seed=seed + number), full)
        sub = engine.restrict(model, asked)
        agree += engine.outcome(sub, engine.score(sub, answers), answers) == engine.outcome(
            model, engine.score(model, full), full
        )
        asked_counts.append(len(asked))
    total = len(model.items)
    return {
        "respondents": n,
        "agreement": round(agree / n, 4),
        "mean_asked": round(float(np.mean(asked_counts)), 2),
        "mean_share": round(float(np.mean(asked_counts)) / total, 4),
    }


def _target(name: str, value: float, target: float, *, at_least: bool) -> dict[str, Any]:
    ok = value >= target if at_least else value <= target
    return {"name": name, "value": round(value, 4), "target": f"{'>=' if at_least else '<='} {target:.0%}", "ok": ok}
