"""``rolefit bank ...`` and ``rolefit profile ...``: the data as JSON or as tables, for bank authors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rolefit.data.catalog import LoadedBank, load_bank, load_profiles, shipped_bank_ids
from rolefit.data.models import LikertItem
from rolefit.env import Environment
from rolefit.jsonout import write_json
from rolefit.textsafe import clean
from rolefit.views.output import console


def bank_json(bank: LoadedBank) -> dict[str, Any]:
    """A bank as ``rolefit bank show --json`` prints it."""
    items = []
    for item in bank.items:
        effects = dict(item.effects) if isinstance(item, LikertItem) else {}
        options = [] if isinstance(item, LikertItem) else [o.model_dump(mode="json") for o in item.options]
        items.append(
            {
                "id": item.id,
                "kind": item.kind,
                "text": item.text,
                "source": item.source.model_dump(mode="json"),
                "effects": effects,
                "options": options,
            }
        )
    return {"id": bank.id, "version": bank.bank.version, "hash": bank.hash, "title": bank.bank.title, "items": items}


def list_banks(json_out: bool, env: Environment) -> None:
    """Print the shipped banks."""
    profiles = load_profiles(cache=env.cache_dir)
    banks = [load_bank(bank_id, profiles, cache=env.cache_dir) for bank_id in shipped_bank_ids()]
    if json_out:
        write_json(
            stream=env.stdout,
            data=[{"id": b.id, "version": b.bank.version, "title": b.bank.title, "items": len(b.items)} for b in banks],
        )
        return
    from rich.table import Table
    from rich.text import Text

    table = Table("id", "items", "title", "description", box=None, pad_edge=False)
    for bank in banks:
        table.add_row(bank.id, str(len(bank.items)), Text(clean(bank.bank.title)), Text(clean(bank.bank.description)))
    console(env, stderr=False).print(table)


def show_bank(ref: str, profiles_dir: Path | None, json_out: bool, env: Environment) -> None:
    """Print one bank's items with their sources and effects."""
    bank = load_bank(ref, load_profiles(profiles_dir, cache=env.cache_dir), cache=env.cache_dir)
    data = bank_json(bank)
    if json_out:
        write_json(stream=env.stdout, data=data)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(
        "id",
        "kind",
        "text",
        "effects",
        "source",
        title=Text(clean(f"{bank.id} v{bank.bank.version}: {bank.bank.title}")),
    )
    for item in data["items"]:
        if item["options"]:
            effects = "\n".join(f"{o['id']}: {_effects(o['effects'])}" for o in item["options"])
        else:
            effects = _effects(item["effects"])
        table.add_row(item["id"], item["kind"], Text(clean(item["text"])), Text(clean(effects)), item["source"]["file"])
    console(env, stderr=False).print(table)


def list_profiles(profiles_dir: Path | None, json_out: bool, env: Environment) -> None:
    """Print the role profiles."""
    profiles = load_profiles(profiles_dir, cache=env.cache_dir)
    rows = [{"id": p.id, "name": p.name, "short_name": p.short_name} for p in profiles.profiles]
    if json_out:
        write_json(stream=env.stdout, data=rows)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table("id", "name", "short name", box=None, pad_edge=False)
    for row in rows:
        table.add_row(row["id"], Text(clean(row["name"])), Text(clean(row["short_name"])))
    console(env, stderr=False).print(table)


def show_profile(role: str, profiles_dir: Path | None, json_out: bool, env: Environment) -> None:
    """Print one role profile."""
    profiles = load_profiles(profiles_dir, cache=env.cache_dir)
    profile = profiles.profile(role)
    if json_out:
        write_json(stream=env.stdout, data=profile.model_dump(mode="json"))
        return
    from rich.table import Table
    from rich.text import Text

    out = console(env, stderr=False)
    out.print(Text(clean(f"{profile.name} ({profile.short_name})"), style="bold"))
    out.print(Text(clean(profile.summary.text)))
    table = Table("trait", "weight", "why", title="Trait weights")
    for trait in profiles.traits:
        table.add_row(
            Text(clean(trait.name)), f"{profile.weights[trait.id]:.1f}", Text(clean(profile.trait_facts[trait.id].text))
        )
    out.print(table)


def _effects(effects: dict[str, float]) -> str:
    return ", ".join(f"{trait} {weight:+.1f}" for trait, weight in effects.items())
