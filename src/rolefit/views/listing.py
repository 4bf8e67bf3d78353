"""The listings for people: banks and profiles as tables. Data text is shown literally, never as markup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rolefit.data.catalog import ProfileSet
from rolefit.data.models import Article, Profile
from rolefit.data.shapes import BankDetail, BankList, ProfileList, RolesSideBySide, Validation
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
        """Every item as a block: its id whole on a line of its own (never cut, at any width), then its text, its
        options with their ids, its effects and its source, wrapped under it."""
        from rich.console import Group
        from rich.text import Text

        from rolefit.views.terminal import Hanging

        bank = self.data
        names = {article.file: source_name(article.title, article.publisher) for article in self.articles}
        parts: list[RenderableType] = [Text(clean(f"{bank.id} v{bank.version}: {bank.title}"), style="bold")]
        for item in bank.items:
            head = Text(clean(item.id), style="bold", no_wrap=True, overflow="ignore")
            head.append(f"  ({item.kind})", style="dim")
            body: list[RenderableType] = [Text(clean(item.text))]
            if item.options:
                for option in item.options:
                    line = Text(clean(option.id), style="bold")
                    line.append(clean(f": {option.text} ({_effects(option.effects)})"))
                    body.append(Hanging(line, "-"))
            else:
                body.append(Text(clean(f"effects: {_effects(item.effects)}")))
            body.append(Text(clean(f"source: {names[item.source.file]}"), style="dim"))
            parts += [Text(""), head, Hanging(Group(*body), indent=2)]
        return Group(*parts)


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
    """``rolefit profile show``: the JSON is the profile itself; the view tells the role, then its trait weights."""

    data: Profile
    profiles: ProfileSet

    def view(self) -> RenderableType:
        """The role's content (day to day, metrics, reporting line, career path, interview loop, next steps, each
        with its source by title), then its trait weights with the reason for each."""
        from rich.console import Group
        from rich.rule import Rule
        from rich.table import Table
        from rich.text import Text

        from rolefit.views.sections import profile_sections
        from rolefit.views.terminal import Hanging, render_sections

        profile = self.data
        table = Table("trait", "weight", "why", box=None, pad_edge=False, header_style="bold")
        for trait in self.profiles.traits:
            table.add_row(
                Text(clean(trait.name)),
                f"{profile.weights[trait.id]:.1f}",
                Text(clean(profile.trait_facts[trait.id].text)),
            )
        return Hanging(  # no trailing spaces from the table's padding
            Group(
                Text(clean(f"{profile.name} ({profile.short_name})"), style="bold"),
                render_sections(profile_sections(profile, self.profiles)),
                Text(""),
                Rule(Text("Trait weights", style="bold"), align="left", style="dim"),
                Text("How much the role needs each trait, from 0 to 1, and why.", style="dim"),
                table,
            )
        )


@dataclass(frozen=True)
class RolesShowing:
    """``rolefit roles``: every role side by side (one column per role on a wide terminal, one after the other on a
    narrow one); the JSON is every profile with the sources registry."""

    data: RolesSideBySide
    profiles: ProfileSet

    def view(self) -> RenderableType:
        """The roles compared: what each is like, then how to prepare for each."""
        from rolefit.views.sections import roles_sections
        from rolefit.views.terminal import render_sections

        return render_sections(roles_sections(self.profiles))


@dataclass(frozen=True)
class ValidationReport:
    """``rolefit validate``: one ``ok`` line per file or directory checked (shown on stderr)."""

    data: Validation

    def view(self) -> RenderableType:
        """The ok lines."""
        from rich.text import Text

        return Text("\n".join(f"ok  {one_line(line)}" for line in self.data.checked))
