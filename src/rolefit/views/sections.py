"""The result as sections of plain blocks (views.blocks), built once; the terminal and Markdown writers lay them out.

Every sentence comes from ``wording``; every piece of data text is kept raw here (writers make it
inert for their medium).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rolefit.data.catalog import ProfileSet
from rolefit.data.models import ListBlock, Profile, Source, TextBlock
from rolefit.scoring.result import Change, Reason, Result
from rolefit.scoring.verdict import NEITHER_FIT
from rolefit.types import Verdict
from rolefit.views import wording
from rolefit.views.blocks import (
    Block,
    ChangeLine,
    Changes,
    EvidenceLine,
    FitBars,
    FitRow,
    Limits,
    Para,
    ProfileBlock,
    ReasonEntry,
    ReasonGroup,
    Section,
    SideBySide,
    SideBySideRow,
    SourceLine,
    TermEntry,
    Terms,
    TraitRow,
    TraitTable,
    VerdictLine,
)

MAX_CHANGES = 8
TRAIT_NOTE = (
    "You: your level, from −1 (you avoid it) to +1 (you seek it). {names}: how much each role weighs the trait, "
    "from 0 to 1; the heavier weight is marked *."
)


@dataclass(frozen=True)
class Roles:
    """The roles of a result by name and profile; a role with no loaded profile falls back to the result's names."""

    result: Result
    profiles: ProfileSet

    @property
    def top(self) -> str:
        """The recommended role's id, or the best fit's when the verdict names no role."""
        return self.result.recommendation.role or self.result.fits[0].role

    @property
    def runner_up(self) -> str | None:
        """The second-best role's id, if any."""
        others = [fit.role for fit in self.result.fits if fit.role != self.top]
        return others[0] if others else None

    def profile(self, role: str) -> Profile | None:
        """The loaded profile for a role, or None."""
        return next((p for p in self.profiles.profiles if p.id == role), None)

    def name(self, role: str) -> str:
        """A role's full name, as the result recorded it."""
        if role == self.result.recommendation.role and self.result.recommendation.name is not None:
            return self.result.recommendation.name
        fit = next((f for f in self.result.fits if f.role == role), None)
        if fit is not None:
            return fit.name
        profile = self.profile(role)
        return profile.name if profile else role

    def short(self, role: str) -> str:
        """A role's short name (PM, PMM) from its profile, else its full name."""
        profile = self.profile(role)
        return profile.short_name if profile else self.name(role)

    def other(self, role: str) -> str | None:
        """The role a reason for ``role`` was weighed against: the other of the two best fits."""
        rest = [fit.role for fit in self.result.fits[:2] if fit.role != role]
        return rest[0] if rest else None

    def trait_share(self, trait: str, role: str) -> float:
        """How much of a role's fit one trait makes up, in percent."""
        total = sum(level.weights.get(role, 0.0) for level in self.result.traits)
        found = next((t for t in self.result.traits if t.trait == trait), None)
        return wording.share(found.weights.get(role, 0.0) if found else 0.0, total)

    def level(self, trait: str) -> float:
        """The user's level on a trait (0 when the result does not list it)."""
        return next((t.level for t in self.result.traits if t.trait == trait), 0.0)

    def reasons_for(self, role: str) -> list[Reason]:
        """The result's reasons that favour one role, strongest first."""
        return [r for r in self.result.reasons if r.role == role]

    def direction(self, reason: Reason) -> str:
        """Which way the user leans on a reason's trait, and why that favours its role."""
        other = self.other(reason.role)
        level = self.level(reason.trait)
        if other is None:
            return f"Your level: {wording.signed(level)}."
        return wording.direction_note(
            level,
            self.short(reason.role),
            self.short(other),
            self.trait_share(reason.trait, reason.role),
            self.trait_share(reason.trait, other),
        )


# ---- building -----------------------------------------------------------------------------------


def result_sections(result: Result, profiles: ProfileSet) -> list[Section]:
    """Every section of a result, top to bottom, as every view shows them."""
    roles = Roles(result, profiles)
    verdict = result.recommendation.verdict
    if verdict == Verdict.UNDETERMINED:  # no role advice: only what would settle it
        return [_headline(roles), _settle(roles), *_glossary(profiles)]
    if verdict == Verdict.NEITHER:
        return [_headline(roles), _seeks(roles), _traits(roles), *_glossary(profiles)]
    top = roles.profile(roles.top)
    sections = [_headline(roles), _why(roles), _changes(roles), _traits(roles)]
    pair = [p for p in (roles.profile(fit.role) for fit in result.fits[:2]) if p is not None]
    if result.recommendation.verdict == Verdict.CLOSE_CALL and len(pair) == 2:
        sections += [_close_call(roles), _both_roles(pair, profiles), _both_next_steps(pair, profiles)]
    elif top is not None:
        sections += [_role_life(top, roles), _next_steps(top, profiles)]
    missing = [fit.role for fit in result.fits[:2] if roles.profile(fit.role) is None]
    if missing:
        note = (
            f"No profile is loaded for {', '.join(missing)}, so what the role is like and the next steps are left "
            "out: pass --profiles DIR with the profiles this result was made with."
        )
        sections.append(Section("missing", None, (Para(note, "dim"),)))
    return sections + _glossary(profiles)


def headline(result: Result) -> str:
    """The verdict in plain words."""
    recommendation = result.recommendation
    return wording.headline(recommendation.verdict, recommendation.name, recommendation.needed)


def _lead_note(roles: Roles) -> str:
    """How far the best role leads; for a lukewarm neither, why that lead is no fit."""
    result, runner = roles.result, roles.runner_up
    if result.recommendation.verdict == Verdict.NEITHER and runner is not None and result.fits[0].score >= NEITHER_FIT:
        return wording.lukewarm_note(
            roles.name(roles.top), result.fits[0].score, roles.name(runner), result.fits[1].score
        )
    return wording.margin_note(result.margin, roles.name(roles.top), roles.name(runner) if runner else None)


def _headline(roles: Roles) -> Section:
    result = roles.result
    verdict = result.recommendation.verdict
    asked = len(result.asked) if result.asked is not None else None
    named = verdict not in (Verdict.NEITHER, Verdict.UNDETERMINED)
    fits: tuple[Block, ...] = ()
    if verdict != Verdict.UNDETERMINED:  # fits from too few answers would read as a result
        leader = roles.name(roles.top) if named else None
        fits = (
            FitBars(
                tuple(FitRow(roles.name(f.role), max(0.0, f.score), roles.name(f.role) == leader) for f in result.fits)
            ),
            Para(_lead_note(roles)),
            Para(wording.scale_note(), "dim"),
        )
    return Section(
        "headline",
        None,
        (
            VerdictLine(headline(result), verdict),
            *fits,
            Para(wording.coverage_note(result.answered, result.skipped, asked), "dim"),
            Limits(
                "What limits certainty",
                tuple(wording.limit_note(limit.code, limit.message, limit.cap) for limit in result.limits),
                wording.capped_note(result.margin, verdict) if result.limits else None,
                wording.no_limits_note(),
            ),
        ),
    )


def _why(roles: Roles) -> Section:
    top = roles.top
    close = roles.result.recommendation.verdict == Verdict.CLOSE_CALL
    groups = [
        ReasonGroup(
            f"The evidence for {roles.name(top)}",
            None if close else f"The traits that moved your result toward {roles.name(top)} most:",
            _entries(roles, top),
            f"None of your answers pointed clearly to {roles.name(top)}.",
        )
    ]
    groups += [
        ReasonGroup(
            f"The evidence for {roles.name(fit.role)}",
            None,
            _entries(roles, fit.role),
            f"None of your answers pointed clearly to {roles.name(fit.role)}.",
        )
        for fit in roles.result.fits[1:2]
    ]
    return Section("why", "What pulls each way" if close else f"Why {roles.short(top)}", tuple(groups))


def _settle(roles: Roles) -> Section:
    return Section(
        "settle", "What would settle it", (Para(wording.settle_note(roles.result.recommendation.needed or 0)),)
    )


def _seeks(roles: Roles) -> Section:
    seeks = sorted((t for t in roles.result.traits if t.answered and t.level > 0), key=lambda t: -t.level)
    blocks: tuple[Block, ...] = (Para(wording.seeks_intro([t.name for t in seeks])), Para(wording.outside_note()))
    return Section("seeks", "What you do seek", blocks)


def _entries(roles: Roles, role: str) -> tuple[ReasonEntry, ...]:
    return tuple(
        ReasonEntry(
            number,
            reason.name,
            roles.short(reason.role),
            reason.points,
            roles.direction(reason),
            tuple(EvidenceLine(e.text, e.item) for e in reason.evidence),
            reason.fact,
            SourceLine(
                reason.source.file,
                wording.source_name(reason.source.title, reason.source.publisher),
                reason.source.fact,
            ),
        )
        for number, reason in enumerate(roles.reasons_for(role), 1)
    )


def _changes(roles: Roles) -> Section:
    """The changes that would weaken the verdict, then those that would flip it; a change is listed once."""
    result = roles.result
    change = result.what_would_change
    runner = roles.runner_up
    toward = roles.short(runner) if runner is not None else ""
    blocks: list[Block] = []
    weaken = wording.weaken_intro(
        len(change.weaken), result.margin, result.recommendation.verdict, roles.name(roles.top)
    )
    shown: list[Change] = []
    if weaken and change.weaken and change.weaken != change.flip:
        blocks.append(_change_list(weaken, change.weaken, toward))
        shown = list(change.weaken)
    if change.flip and runner is not None:
        rest = [c for c in change.flip if c not in shown]
        above = len(change.flip) - len(rest)
        intro = wording.flip_intro(len(rest), roles.name(runner), above, len(shown))
        blocks.append(_change_list(intro, rest, toward))
    else:
        blocks.append(Para(wording.no_flip_note(result.answered, roles.name(runner) if runner else None)))
    return Section("changes", "What would change it", tuple(blocks))


def _change_list(intro: str, changes: Sequence[Change], toward: str) -> Changes:
    lines = tuple(ChangeLine(c.text, c.points, wording.change_note(c.points, toward)) for c in changes)
    return Changes(intro, lines, max(0, len(lines) - MAX_CHANGES))


def _traits(roles: Roles) -> Section:
    columns = [fit.role for fit in roles.result.fits]
    rows = tuple(
        TraitRow(
            trait.name,
            trait.level if trait.answered else None,
            f"{wording.level_word(trait.level)} {wording.signed(trait.level)}" if trait.answered else "no answers",
            tuple(trait.weights.get(role, 0.0) for role in columns),
        )
        for trait in roles.result.traits
    )
    shorts = tuple(roles.short(role) for role in columns)
    note = TRAIT_NOTE.format(names=", ".join(shorts))
    return Section("traits", "Trait breakdown", (TraitTable(shorts, rows), Para(note, "dim")))


def source_line(source: Source, profiles: ProfileSet, indent: int = 0) -> SourceLine:
    """A data block's source, named by its article's title (and publisher) from the sources registry."""
    article = profiles.article(source.file)
    return SourceLine(source.file, wording.source_name(article.title, article.publisher), source.fact, indent)


def profile_block(title: str, block: ListBlock | TextBlock, profiles: ProfileSet, indent: int = 2) -> ProfileBlock:
    """A profile's list or text block under a title, with its source."""
    source = source_line(block.source, profiles, indent)
    if isinstance(block, ListBlock):
        return ProfileBlock(title, tuple(block.items), None, source)
    return ProfileBlock(title, None, block.text, source)


def role_blocks(profile: Profile, profiles: ProfileSet) -> list[Block]:
    """What a role is like: its summary, then day to day, metrics, reporting line, career path and interview loop."""
    blocks: list[Block] = [Para(profile.summary.text), source_line(profile.summary.source, profiles)]
    return blocks + [profile_block(title, block, profiles) for title, block in wording.role_life(profile)]


def profile_sections(profile: Profile, profiles: ProfileSet) -> list[Section]:
    """One role as ``rolefit profile show`` tells it: what it is like, then the next steps toward it."""
    return [Section("role", None, tuple(role_blocks(profile, profiles))), _next_steps(profile, profiles)]


def roles_sections(profiles: ProfileSet) -> list[Section]:
    """Every role side by side, as ``rolefit roles`` shows them: what each is like, then how to get there."""
    every = profiles.profiles
    names = " and ".join(p.short_name for p in every) if len(every) == 2 else "The roles"
    return [
        Section("both-roles", f"{names} side by side", (side_by_side(every, profiles),)),
        Section("next-steps", "Next steps for each role", (side_by_side(every, profiles, "steps"),)),
    ]


def _role_life(profile: Profile, roles: Roles) -> Section:
    blocks = role_blocks(profile, roles.profiles)
    other = roles.other(profile.id)
    if other is not None:
        blocks.append(Para(wording.other_role_note(roles.short(other), other), "dim"))
    return Section("role", f"What the {profile.short_name} role is like", tuple(blocks))


def _close_call(roles: Roles) -> Section:
    shared = roles.profiles.shared
    blocks: list[Block] = [
        profile_block("If you would fit either", shared.close_call, roles.profiles),
        profile_block("If one job asks you to do both", shared.one_person_both_roles, roles.profiles),
    ]
    return Section("decide", "How to decide", tuple(blocks))


def side_by_side(pair: Sequence[Profile], profiles: ProfileSet, aspects: str = "life") -> SideBySide:
    """Roles side by side: what each is like ("life": summary, day to day, metrics, reporting line, career path,
    interview loop) or how to get there ("steps": preparation, mistakes, skills to borrow)."""
    rows: list[SideBySideRow] = []
    for index, (title, _) in enumerate(_aspects(pair[0], aspects)):
        cells = tuple(profile_block(p.name, _aspects(p, aspects)[index][1], profiles, indent=0) for p in pair)
        rows.append(SideBySideRow(title, cells))
    return SideBySide(tuple(p.name for p in pair), tuple(rows))


def _aspects(profile: Profile, aspects: str) -> list[tuple[str, ListBlock | TextBlock]]:
    if aspects == "steps":
        return [
            ("Prepare", profile.preparation),
            ("Mistakes to avoid", profile.mistakes),
            ("Skills to borrow", profile.borrow_skills),
        ]
    return [("In short", profile.summary), *wording.role_life(profile)]


def _both_roles(pair: Sequence[Profile], profiles: ProfileSet) -> Section:
    names = " and ".join(p.short_name for p in pair)
    return Section("both-roles", f"{names} side by side", (side_by_side(pair, profiles),))


def _both_next_steps(pair: Sequence[Profile], profiles: ProfileSet) -> Section:
    return Section("next-steps", "Next steps for either role", (side_by_side(pair, profiles, "steps"),))


def _next_steps(top: Profile, profiles: ProfileSet) -> Section:
    short = top.short_name
    blocks: list[Block] = [
        profile_block(f"Prepare for {short} roles", top.preparation, profiles),
        profile_block("Mistakes to avoid", top.mistakes, profiles),
        profile_block("Skills worth borrowing from other roles", top.borrow_skills, profiles),
        Para(wording.matrix_note(short), "dim"),
    ]
    return Section("next-steps", f"Next steps for {short}", tuple(blocks))


def _glossary(profiles: ProfileSet) -> list[Section]:
    """The glossary at the end, when the data has one."""
    entries = tuple(
        TermEntry(entry.term, entry.definition, source_line(entry.source, profiles))
        for entry in profiles.shared.glossary
    )
    return [Section("glossary", "Words used here", (Terms(entries),))] if entries else []
