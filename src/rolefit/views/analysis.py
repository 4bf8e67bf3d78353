"""``rolefit analyze`` for people: the analysis as tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rolefit.scoring.shapes import Analysis


@dataclass(frozen=True)
class AnalysisReport:
    """``rolefit analyze``: the analysis, and its tables."""

    data: Analysis

    def view(self) -> Any:
        """Items, traits and keying, the simulation and the targets, as tables."""
        from rich.console import Group

        return Group(*_tables(self.data.model_dump(mode="json", exclude_unset=True)))


def _tables(report: dict[str, Any]) -> list[Any]:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    bank = report["bank"]
    sim = report["simulation"]
    title = Text(
        f"Bank {bank['id']} v{bank['version']}: {bank['items']} items, {report['model']['respondents']} simulated respondents (seed {report['model']['seed']})",
        style="bold",
    )
    items = Table(
        box=box.SIMPLE_HEAD,
        title="Items, best separating first",
        caption="swing: margin points between the item's extreme answers; separation: effect size between respondents of the first two roles",
    )
    items.add_column("item", no_wrap=True)
    items.add_column("swing", justify="right")
    items.add_column("separation", justify="right")
    items.add_column("traits", overflow="fold")
    for item in sorted(report["items"], key=lambda i: -abs(i["separation"])):
        flag = Text(" DEAD", style="bold red") if item["dead"] else Text("")
        items.add_row(
            Text(item["id"]) + flag, f"{item['swing']:.1f}", f"{item['separation']:+.2f}", "\n".join(item["traits"])
        )
    traits = Table("trait", "items", "statements", "agree raises", "agree lowers", title="Traits and keying")
    for trait in report["traits"]:
        traits.add_row(
            trait["trait"], str(trait["items"]), str(trait["statements"]), str(trait["positive"]), str(trait["reverse"])
        )
    summary = Table("measure", "value", title="Simulation")
    for role, share in sim["accuracy"].items():
        summary.add_row(f"accuracy: {role}", f"{share:.2%}")
    summary.add_row("close-call rate, respondents half-way between roles", f"{sim['close_call_halfway']:.1%}")
    summary.add_row("one changed answer flips a clear respondent", f"{sim['stability']:.2%}")
    if "base_agreement" in report:
        summary.add_row(
            f"agrees with {report['base_agreement']['base']}", f"{report['base_agreement']['agreement']:.1%}"
        )
    if "adaptive" in report:
        ad = report["adaptive"]
        summary.add_row("adaptive: agrees with the full bank", f"{ad['agreement']:.1%} of {ad['respondents']}")
        summary.add_row("adaptive: questions asked", f"{ad['mean_asked']:.1f} ({ad['mean_share']:.0%})")
    balance = Table("measure", "per role", "", title="Balance")
    position, keying = report["position"], report["keying"]
    balance.add_row(
        f"first-listed option of the {position['choices']} choices leans to",
        _per_role(position["first_option_leans"]),
        "balanced" if position["balanced"] else "UNBALANCED",
    )
    balance.add_row(
        f"agreeing with the {keying['statements']} statements leans to",
        _per_role(keying["agreeing_leans"]),
        "balanced" if keying["balanced"] else "UNBALANCED",
    )
    tables: list[Any] = [title, items, traits, summary, balance]
    if "panel" in report:
        tables.append(_panel(report["panel"]))
    targets = Table("target", "value", "needed", "", title="Targets")
    for target in report["targets"]:
        targets.add_row(target["name"], f"{target['value']:.2%}", target["target"], "ok" if target["ok"] else "MISSED")
    return [*tables, targets]


def _per_role(counts: dict[str, int]) -> str:
    return ", ".join(f"{role} {count}" for role, count in counts.items())


def _panel(panel: dict[str, Any]) -> Any:
    """The validation panel's confusion table: expected outcome by row, outcome given by column."""
    from rich.table import Table

    columns = list(next(iter(panel["confusion"].values())))
    table = Table(
        "expected \\ given",
        *columns,
        title=f"Validation panel: {panel['matched']} of {len(panel['respondents'])} as expected ({panel['accuracy']:.0%})",
    )
    for expected, row in panel["confusion"].items():
        table.add_row(expected, *(str(row[column]) for column in columns))
    return table
