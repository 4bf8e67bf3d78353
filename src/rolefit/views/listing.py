"""The listings for people: banks and profiles as tables. Data text is shown literally, never as markup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rolefit.data.models import Article, Profile, Trait
from rolefit.data.shapes import BankDetail, BankList, ProfileList, Validation
from rolefit.textsafe import clean, one_line
from rolefit.views.wording import source_name

if TYPE_CHECKING:
    from rich.console import RenderableType


def _effects(effects: dict[str, float]) -> str:
    return ", ".join(f"{trait} {weight:+.1f}" for trait, weight in effects.items())


@dataclass(frozen=True)
class BankListing:
    """``rolefit bank list``."""

    data: BankList

    def view(self) -> RenderableType:
        """The banks, one row each."""
        from rich.table import Table
        from rich.text import Text

        table = Table("id", "items", "title", "description", box=None, pad_edge=False)
        for bank in self.data.root:
            table.add_row(Text(clean(bank.id)), str(bank.items), Text(clean(bank.title)), Text(clean(bank.description)))
        return table


@dataclass(frozen=True)
class BankShowing:
    """``rolefit bank show``: the JSON is the bank; the table names each source by its article's title."""

    data: BankDetail
    articles: tuple[Article, ...]

    def view(self) -> RenderableType:
        """Every item with its kind, text, effects and source."""
        from rich.table import Table
        from rich.text import Text

        bank = self.data
        names = {article.file: source_name(article.title, article.publisher) for article in self.articles}
        table = Table(
            "id", "kind", "text", "effects", "source", title=Text(clean(f"{bank.id} v{bank.version}: {bank.title}"))
        )
        for item in bank.items:
            if item.options:
                effects = "\n".join(f"{o.id}: {_effects(o.effects)}" for o in item.options)
            else:
                effects = _effects(item.effects)
            source = Text(clean(names[item.source.file]))
            table.add_row(item.id, item.kind, Text(clean(item.text)), Text(clean(effects)), source)
        return table


@dataclass(frozen=True)
class ProfileListing:
    """``rolefit profile list``."""

    data: ProfileList

    def view(self) -> RenderableType:
        """The roles, one row each."""
        from rich.table import Table
        from rich.text import Text

        table = Table("id", "name", "short name", box=None, pad_edge=False)
        for row in self.data.root:
            table.add_row(Text(clean(row.id)), Text(clean(row.name)), Text(clean(row.short_name)))
        return table


@dataclass(frozen=True)
class ProfileShowing:
    """``rolefit profile show``: the JSON is the profile itself; the view also names the traits."""

    data: Profile
    traits: tuple[Trait, ...]

    def view(self) -> RenderableType:
        """The role, its summary and its trait weights with the reason for each."""
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        profile = self.data
        table = Table("trait", "weight", "why", title="Trait weights")
        for trait in self.traits:
            table.add_row(
                Text(clean(trait.name)),
                f"{profile.weights[trait.id]:.1f}",
                Text(clean(profile.trait_facts[trait.id].text)),
            )
        return Group(
            Text(clean(f"{profile.name} ({profile.short_name})"), style="bold"),
            Text(clean(profile.summary.text)),
            table,
        )


@dataclass(frozen=True)
class ValidationReport:
    """``rolefit validate``: one ``ok`` line per file or directory checked (shown on stderr)."""

    data: Validation

    def view(self) -> RenderableType:
        """The ok lines."""
        from rich.text import Text

        return Text("\n".join(f"ok  {one_line(line)}" for line in self.data.checked))
