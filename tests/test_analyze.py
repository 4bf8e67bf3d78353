"""Measurement quality: bank analysis, the simulation, and adaptive questioning."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.data.catalog import LoadedBank, ProfileSet, load_bank
from rolefit.data.models import MAX_ITEMS, Item, LikertItem
from rolefit.scoring import analysis as analysis_module
from rolefit.scoring import engine, simulate
from rolefit.scoring.adaptive import AdaptivePlan, replay
from rolefit.scoring.analysis import analysis
from rolefit.scoring.engine import compile_model
from rolefit.scoring.vector import Batch, VectorScorer
from rolefit.scoring.verdict import LEAN_MARGIN, VERDICTS
from rolefit.types import Answer, LimitCode, Verdict
from tests.conftest import REPO
from tests.helpers import big_bank, extreme, model_for, result_of

runner = CliRunner()


@pytest.fixture(scope="module")
def core_report(core: LoadedBank, profiles: ProfileSet) -> dict:  # type: ignore[type-arg]
    """One analysis of the core bank, shared by the tests below."""
    return analysis(core, profiles, seed=3, respondents=3000, adaptive=30)


def test_core_meets_its_measurement_targets(core_report: dict) -> None:  # type: ignore[type-arg]
    """Simulated accuracy and adaptive agreement reach their targets; adaptive asks at most half."""
    assert core_report["simulation"]["accuracy"]["overall"] >= 0.95
    assert all(target["ok"] for target in core_report["targets"]), core_report["targets"]
    assert core_report["adaptive"]["mean_share"] <= 0.5
    assert core_report["dead_items"] == []


def test_items_and_traits_are_reported(core_report: dict, core: LoadedBank, profiles: ProfileSet) -> None:  # type: ignore[type-arg]
    """Every item gets a swing, a separation and its traits; every trait its count and keying."""
    assert [item["id"] for item in core_report["items"]] == [item.id for item in core.items]
    assert all(item["swing"] > 0 and item["traits"] for item in core_report["items"])
    pm_items = {i.id for i in core.items if i.kind == "likert" and model_for(core, profiles).items[i.id].keyed == 0}
    assert all(item["separation"] > 0 for item in core_report["items"] if item["id"] in pm_items)
    assert {t["trait"] for t in core_report["traits"]} == {t.id for t in profiles.traits}


def test_analysis_reproduces_with_its_seed(core: LoadedBank, profiles: ProfileSet) -> None:
    """The same seed gives the same report; another seed gives other simulated numbers."""
    first = analysis(core, profiles, seed=11, respondents=900)
    assert analysis(core, profiles, seed=11, respondents=900) == first
    assert analysis(core, profiles, seed=12, respondents=900)["items"] != first["items"]


def test_quick_bank_agrees_with_core(quick: LoadedBank, profiles: ProfileSet) -> None:
    """The quick bank recommends as core does for at least 90% of simulated respondents."""
    report = analysis(quick, profiles, seed=0, respondents=3000)
    assert report["base_agreement"]["base"] == "core"
    assert report["base_agreement"]["agreement"] >= 0.9


def test_an_item_that_cannot_move_the_margin_is_dead(tmp_path: Path, profiles: ProfileSet) -> None:
    """An item whose answers all move the traits alike never changes a verdict, and is flagged."""
    path = padded_core(tmp_path / "padded.yaml")
    report = analysis(load_bank(str(path), profiles), profiles, seed=0, respondents=1500)
    assert report["dead_items"] == ["likes-customers"]


def outcomes(scorer: VectorScorer, rows: np.ndarray) -> np.ndarray:
    """Each row's outcome as analysis judges deadness: the role a clear or lean verdict names, else the verdict."""
    batch = scorer.score(rows)
    named = batch.verdict < VERDICTS.index(Verdict.CLOSE_CALL)
    return np.where(named, batch.order[:, 0], -1 - batch.verdict)


def dead_by_rescoring(scorer: VectorScorer, sample: np.ndarray) -> list[bool]:
    """The definition, scored in full: an item is dead if no answer to it, put in every row, changes an outcome."""
    before = outcomes(scorer, sample)
    dead = []
    for i, answers in enumerate(scorer.answers):
        dead.append(True)
        for code in range(len(answers)):
            rows = sample.copy()
            rows[:, i] = code
            if (outcomes(scorer, rows) != before).any():
                dead[-1] = False
                break
    return dead


def repeated_core(path: Path, count: int) -> Path:
    """A bank of ``count`` items: the core bank's likert, choice and paired items over and over, ids numbered."""
    data = yaml.safe_load((REPO / "questions" / "core.yaml").read_text(encoding="utf-8"))
    items = []
    for n in range(count):
        item = json.loads(json.dumps(data["items"][n % len(data["items"])]))  # no shared nodes, so no aliases
        copy = n // len(data["items"])
        item["id"] = f"{item['id']}-{copy}"
        if "pair" in item:
            item["pair"] = f"{item['pair']}-{copy}"
        items.append(item)
    data.update(id="repeated", items=items)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def padded_core(path: Path) -> Path:
    """The core bank and one forced choice whose two answers move the same trait alike."""
    data = yaml.safe_load((REPO / "questions" / "core.yaml").read_text(encoding="utf-8"))
    data["id"] = "padded"
    data["items"].append(
        {
            "id": "likes-customers",
            "kind": "forced_choice",
            "text": "Which would you rather do?",
            "options": [
                {"id": "interview", "text": "Interview a customer.", "effects": {"customer-insight": 1.0}},
                {"id": "survey", "text": "Read a customer survey.", "effects": {"customer-insight": 1.0}},
            ],
            "source": {"file": "000_acce55285afc1692.txt", "fact": "Both roles work closely with customers."},
        }
    )
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


BANKS: dict[str, Callable[[Path], str]] = {
    "core": lambda here: "core",
    "quick": lambda here: "quick",
    "padded": lambda here: str(padded_core(here / "padded.yaml")),
    "big-likert": lambda here: str(big_bank(here / "big.yaml", MAX_ITEMS)),
    "repeated-core": lambda here: str(repeated_core(here / "repeated.yaml", MAX_ITEMS)),
}
AT_THE_LIMIT = ("big-likert", "repeated-core")  # the rescoring takes seconds here: that is what analysis avoids


@pytest.mark.parametrize(
    "name", [pytest.param(name, marks=[pytest.mark.slow] if name in AT_THE_LIMIT else []) for name in BANKS]
)
def test_dead_items_are_exactly_those_no_answer_changes(
    name: str, tmp_path: Path, profiles: ProfileSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """analysis flags as dead exactly the items that rescoring every changed sample finds dead, at any size."""
    bank = load_bank(BANKS[name](tmp_path), profiles)
    seen: list[tuple[VectorScorer, np.ndarray]] = []
    check = analysis_module._dead

    def recorded(scorer: VectorScorer, sample: np.ndarray) -> object:
        seen.append((scorer, sample))
        return check(scorer, sample)

    monkeypatch.setattr(analysis_module, "_dead", recorded)
    report = analysis(bank, profiles, seed=1, respondents=200 if name in AT_THE_LIMIT else 3000)
    [(scorer, sample)] = seen
    expected = dead_by_rescoring(scorer, sample)
    assert [item["dead"] for item in report["items"]] == expected
    assert report["dead_items"] == [item.id for item, dead in zip(bank.items, expected, strict=True) if dead]
    if name != "core" and name != "quick":
        assert 0 < sum(expected) < len(expected)  # both kinds are there, so the comparison means something


def test_dead_items_with_skipped_answers_are_found_as_by_rescoring(tmp_path: Path, profiles: ProfileSet) -> None:
    """Rows with skips (some with too few answers to be more than undetermined) give the rescoring's findings."""
    bank = load_bank(str(padded_core(tmp_path / "padded.yaml")), profiles)
    scorer = VectorScorer(compile_model(bank.items, profiles.traits, profiles.profiles))
    rng = np.random.default_rng(4)
    rows = simulate.draw_answers(scorer, simulate.draw_people(simulate.ideal_levels(profiles)[0], 400, rng), rng)
    share = rng.choice([0.15, 0.24, 0.26, 0.5, 0.9], size=(len(rows), 1))  # around the 25% undetermined line
    sample = np.where(rng.random(rows.shape) < share, rows, scorer.skip).astype(rows.dtype)
    padding = scorer.item_ids.index("likes-customers")
    sample[:, padding] = rows[:, padding]  # always answered, so it stays dead: its two answers are alike
    held = scorer.score(sample)
    assert ((held.verdict == VERDICTS.index(Verdict.UNDETERMINED)) & (held.margin >= LEAN_MARGIN)).any()
    dead = analysis_module._dead(scorer, sample)
    assert dead == dead_by_rescoring(scorer, sample)
    assert [scorer.item_ids[i] for i, flag in enumerate(dead) if flag] == ["likes-customers"]


def test_dead_items_at_ties_are_found_as_by_rescoring(
    tmp_path: Path, profiles: ProfileSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows that an answer puts on an exact tie are scored again, and give the rescoring's findings."""
    bank = load_bank(str(big_bank(tmp_path / "big.yaml", 40)), profiles)
    scorer = VectorScorer(compile_model(bank.items, profiles.traits, profiles.profiles))
    neutral = np.full((40, 40), 2, dtype=np.int8)  # every statement answered 3: every fit is 50, a tie
    off = neutral.copy()
    off[np.arange(40), np.arange(40)] = 4  # one "strongly agree" each: back to 3, the row ties again
    sample = np.concatenate([neutral, off])
    scored: list[int] = []
    score = scorer.score

    def counted(rows: np.ndarray) -> Batch:
        scored.append(len(rows))
        return score(rows)

    monkeypatch.setattr(scorer, "score", counted)
    dead = analysis_module._dead(scorer, sample)
    assert len(scored) > 1  # the ties went to the scorer
    assert dead == dead_by_rescoring(VectorScorer(scorer.model), sample)


def test_only_too_few_answers_cap_a_result_at_a_close_call(core: LoadedBank, profiles: ProfileSet) -> None:
    """The dead-item check rests on this: the answer-pattern limits cap at lean, so one answer changed for another
    never makes or unmakes a close call through a limit (the answered count is what can)."""
    model = model_for(core, profiles)
    answers: dict[str, Answer] = {item.id: 5 if item.kind == "likert" else item.options[0].id for item in core.items}
    found = engine.limits(model, engine.score(model, answers), answers)
    assert {limit.code for limit in found} == {
        LimitCode.STRAIGHT_LINING,
        LimitCode.ACQUIESCENCE,
        LimitCode.CONTRADICTION,
    }
    assert {limit.cap for limit in found} == {Verdict.LEAN}


def test_adaptive_stops_early_with_coverage_and_says_why(core: LoadedBank, profiles: ProfileSet) -> None:
    """Consistent answers stop adaptive questioning early, after the minimum and with every trait touched."""
    model = model_for(core, profiles)
    plan = AdaptivePlan(model, seed=0)
    answers, asked = replay(plan, extreme(core, profiles, "product-marketing-manager"))
    assert plan.minimum <= len(asked) <= len(core.items) // 2
    assert all(engine.score(engine.restrict(model, asked), answers).counts)
    assert plan.stop is not None and str(plan.stop).startswith(
        f"stopped after {len(asked)} of {len(core.items)} questions"
    )


def test_adaptive_asks_uncovered_traits_first(core: LoadedBank, profiles: ProfileSet) -> None:
    """Until every trait has an answer, each new question touches a trait not yet touched."""
    model = model_for(core, profiles)
    plan = AdaptivePlan(model, seed=0)
    answers: dict[str, Answer] = {}
    asked: list[str] = []
    full = extreme(core, profiles, "product-manager")
    while not all(engine.score(model, answers).counts):
        item = plan.next_item(answers, asked)
        assert item is not None
        before = engine.score(model, answers).counts
        assert any(before[t] == 0 for t, _ in model.items[item].reach)
        asked.append(item)
        answers[item] = full[item]


def test_adaptive_with_an_answers_file_lists_what_it_asked(
    tmp_path: Path, core: LoadedBank, profiles: ProfileSet
) -> None:
    """`quiz --answers F --adaptive --json` uses only the asked items and lists them as `asked`."""
    full = extreme(core, profiles, "product-manager")
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({"bank": "core", "answers": full}), encoding="utf-8")
    result = runner.invoke(app, ["quiz", "--answers", str(path), "--adaptive", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["asked"] and set(data["asked"]) <= set(full)
    assert set(data["answers"]) == set(data["asked"])
    assert data["answered"] == len(data["asked"]) < len(core.items)
    assert data["stop_reason"].startswith(f"stopped after {len(data['asked'])} of {len(core.items)}")
    assert data["recommendation"] == result_of(core, profiles, full).model_dump()["recommendation"]


def analyze_json(*args: str) -> dict:  # type: ignore[type-arg]
    """`rolefit analyze ARGS --json` in-process, parsed."""
    result = runner.invoke(app, ["analyze", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    data: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    return data


def fed_traits(item: Item) -> set[str]:
    """The traits an item's answers move, read off the bank."""
    if isinstance(item, LikertItem):
        return set(item.effects)
    return {trait for option in item.options for trait in option.effects}


def test_analyze_command_json(quick: LoadedBank, profiles: ProfileSet) -> None:
    """`analyze --json` reports every item, the keying per trait, fractions in 0..1 and targets that match them."""
    data = analyze_json("--bank", "quick", "--respondents", "600", "--seed", "5")
    assert data["bank"] == {"id": "quick", "version": quick.bank.version, "hash": quick.hash, "items": len(quick.items)}
    roles = [p.id for p in profiles.profiles]
    assert data["model"]["seed"] == 5
    assert data["model"]["respondents"] >= 600 and data["model"]["respondents"] % (len(roles) + 1) == 0
    assert [item["id"] for item in data["items"]] == [item.id for item in quick.items]
    for item, reported in zip(quick.items, data["items"], strict=True):
        assert reported["kind"] == item.kind
        assert reported["traits"] == sorted(fed_traits(item))
        assert 0 < reported["swing"] <= 100, reported
        # Separation is a standardised difference: a forced choice scored both ways (its options pull opposite ways)
        # that simulated people of one role nearly always answer alike has a small spread, so it can run to ~20.
        assert math.isfinite(reported["separation"]) and abs(reported["separation"]) < 50, reported
        assert isinstance(reported["dead"], bool)
    assert data["dead_items"] == [item["id"] for item in data["items"] if item["dead"]]
    assert [t["trait"] for t in data["traits"]] == [t.id for t in profiles.traits]
    for trait in data["traits"]:
        statements = [i for i in quick.items if isinstance(i, LikertItem) and trait["trait"] in i.effects]
        assert trait["items"] == sum(trait["trait"] in fed_traits(i) for i in quick.items)
        assert trait["statements"] == len(statements)
        assert trait["positive"] == sum(i.effects[trait["trait"]] > 0 for i in statements)
        assert trait["positive"] + trait["reverse"] == trait["statements"] <= trait["items"]
    simulation = data["simulation"]
    accuracy = simulation["accuracy"]
    assert list(accuracy) == [*roles, "overall"]
    assert all(0 <= share <= 1 for share in accuracy.values())
    assert accuracy["overall"] == pytest.approx(sum(accuracy[r] for r in roles) / len(roles))
    for role in roles:
        shares = simulation["verdicts"][role]
        assert set(shares) == set(VERDICTS) and all(0 <= v <= 1 for v in shares.values())
        assert sum(shares.values()) == pytest.approx(1, abs=1e-3)
    assert 0 <= simulation["close_call_halfway"] <= 1 and 0 <= simulation["stability"] <= 1
    agreement = data["base_agreement"]
    assert agreement["base"] == "core" and 0 <= agreement["agreement"] <= 1
    targets = {t["name"]: t for t in data["targets"]}
    assert set(targets) == {"accuracy", "agreement with core"}
    for name, value, needed in [
        ("accuracy", accuracy["overall"], 0.95),
        ("agreement with core", agreement["agreement"], 0.90),
    ]:
        assert targets[name]["value"] == pytest.approx(value, abs=1e-4)
        assert targets[name]["target"] == f">= {needed:.0%}"
        assert targets[name]["ok"] == (targets[name]["value"] >= needed)


def test_analyze_command_reproduces_with_its_seed() -> None:
    """The same --seed prints the same report; another seed other simulated numbers (the bank facts stay)."""
    first = analyze_json("--bank", "quick", "--respondents", "600", "--seed", "5")
    assert analyze_json("--bank", "quick", "--respondents", "600", "--seed", "5") == first
    other = analyze_json("--bank", "quick", "--respondents", "600", "--seed", "6")
    assert other["model"]["seed"] == 6
    assert [i["separation"] for i in other["items"]] != [i["separation"] for i in first["items"]]
    assert other["simulation"] != first["simulation"]
    assert other["traits"] == first["traits"] and [i["swing"] for i in other["items"]] == [
        i["swing"] for i in first["items"]
    ]


def test_adaptive_runs_past_what_a_bank_allows_in_seconds_are_refused_up_front(tmp_path: Path) -> None:
    """The work grows with the runs times the items squared: a 500-item bank takes a handful, the core bank 1,000."""
    from rolefit.commands.analyze import adaptive_ceiling
    from tests.helpers import big_bank

    assert adaptive_ceiling(40) == 1_000 and adaptive_ceiling(500) == 6
    refused = runner.invoke(app, ["analyze", "--adaptive", "1001", "-n", "100"])
    assert refused.exit_code == 2 and "use --adaptive 1000 or fewer" in refused.stderr
    path = big_bank(tmp_path / "big.yaml", 500)
    refused = runner.invoke(app, ["analyze", "--bank", str(path), "--adaptive", "7", "-n", "100"])
    assert refused.exit_code == 2 and "use --adaptive 6 or fewer" in refused.stderr
