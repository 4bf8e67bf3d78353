"""The data rolefit reads: traits, role profiles and question banks, as strict pydantic models.

Every model forbids unknown keys, takes strings only where a string is meant and numbers and
booleans only where those are meant (strict types: no ``"0.5"`` or ``true`` for a weight, no ``1``
for a flag), so YAML 1.1's guesses (``no`` -> False, ``1.10`` -> 1.1) surface as errors instead of
silent changes.
"""

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator

SLUG = r"^[a-z0-9][a-z0-9-]*$"
# Size limits beyond the loader's 1 MiB (README, Security): analysis grows with a bank's items, so a bank is held
# well above any real quiz (core has 40 items) but below where `rolefit analyze` gets slow.
MAX_ITEMS = 500  # items in a bank, and ids in a select list
MAX_ROLES = 20  # role profiles in a profiles directory, so fits (and trait weights) in a result
MAX_TRAITS = 100  # traits in shared.yaml
MAX_SOURCES = 100  # articles in shared.yaml's sources registry
MAX_TERMS = 100  # terms in shared.yaml's glossary
SOURCE_FILE_PATTERN = r"^[\w.-]+\.txt$"  # a seed article's bare file name
Id = Annotated[str, StringConstraints(strict=True, pattern=SLUG, max_length=64)]
Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=2000)]
# A one-line explanation, shown under an item, of a field term the item must keep ("win rate: ...").
Help = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=160)]
# Numbers are strict: YAML or JSON cannot slip in a string ("0.5") or a bool (true) for one; ints are exact floats.
# A number nearer 0 than MIN_SIZE (but not 0) means nothing in a quiz, and near float's underflow it makes the
# scoring's sums lose their precision (a fit of -50): it is refused, with the fix.
MIN_SIZE = 1e-6


def _effect_size(value: float) -> float:
    if value and abs(value) < MIN_SIZE:
        raise ValueError(f"{value!r} is too small to count: write at least {MIN_SIZE!r}, or remove it")
    return value


def _weight_size(value: float) -> float:
    if value and value < MIN_SIZE:
        raise ValueError(f"{value!r} is too small to count: write 0, or at least {MIN_SIZE!r}")
    return value


Weight = Annotated[float, Field(strict=True, ge=-1.0, le=1.0, allow_inf_nan=False), AfterValidator(_effect_size)]
RoleWeight = Annotated[float, Field(strict=True, ge=0.0, le=1.0, allow_inf_nan=False), AfterValidator(_weight_size)]
Flag = Annotated[bool, Field(strict=True)]


class Strict(BaseModel):
    """Base for every data model: frozen, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)


SourceFile = Annotated[str, StringConstraints(strict=True, pattern=SOURCE_FILE_PATTERN)]
# An article's title or publisher as people see it in place of its file name: one short line.
Title = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=200)]


class Source(Strict):
    """Where a piece of data comes from: a seed article and the fact it rests on, paraphrased."""

    file: SourceFile
    fact: Text


class CitedSource(Source):
    """A source as rolefit prints it: the seed file (its id) and the fact, with the article's title and publisher."""

    title: str = Field(description="the article's title, from the sources registry in shared.yaml")
    publisher: str | None = Field(description="the article's publisher, null when the article names none")


class Article(Strict):
    """One entry of the sources registry: a seed article by file name (the id a source cites) and its title.

    ``publisher`` is set only where the article names one; a title is its headline when it has one, else a
    short description of it.
    """

    file: SourceFile
    title: Title
    publisher: Title | None = None


# A field term as people read it ("win rate", "go-to-market"): one short line, matched as whole words.
TermText = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=2, max_length=60)]


class GlossaryTerm(Strict):
    """One field term the questions or the result use, with a one-line plain definition and its source.

    ``also`` lists the other forms the term takes in text ("specs", "industry analysts"), matched like the term.
    """

    term: TermText
    also: Annotated[list[TermText], Field(max_length=10)] = []
    definition: Help
    source: Source


class Trait(Strict):
    """One trait the quiz measures."""

    id: Id
    name: Text
    description: Text
    shared: Flag = False
    source: Source


class TextBlock(Strict):
    """A paragraph of result content with its source."""

    text: Text
    source: Source


class ListBlock(Strict):
    """A list of result content lines with their source."""

    items: Annotated[list[Text], Field(min_length=1)]
    source: Source


class Shared(Strict):
    """``profiles/shared.yaml``: the sources and trait registries, and content that belongs to no single role."""

    sources: Annotated[list[Article], Field(min_length=1, max_length=MAX_SOURCES)]
    traits: Annotated[list[Trait], Field(min_length=1, max_length=MAX_TRAITS)]
    close_call: ListBlock
    one_person_both_roles: TextBlock
    glossary: Annotated[list[GlossaryTerm], Field(max_length=MAX_TERMS)] = []


class Profile(Strict):
    """A role's trait weights and the content its result shows."""

    id: Id
    name: Text
    short_name: Annotated[str, StringConstraints(strict=True, min_length=1, max_length=12)]
    summary: TextBlock
    weights: dict[Id, RoleWeight]
    trait_facts: dict[Id, TextBlock]
    responsibilities: ListBlock
    day_to_day: ListBlock
    success_metrics: ListBlock
    reporting_line: TextBlock
    career_path: ListBlock
    interview_loop: ListBlock
    borrow_skills: ListBlock
    preparation: ListBlock
    mistakes: ListBlock


class Option(Strict):
    """One answer option of a ``choice`` or ``forced_choice`` item."""

    id: Id
    text: Text
    effects: Annotated[dict[Id, Weight], Field(min_length=1)]


class LikertItem(Strict):
    """A statement answered on a 5-point agree scale; agreement moves traits by ``effects``."""

    id: Id
    kind: Literal["likert"]
    text: Text
    help: Help | None = None
    effects: Annotated[dict[Id, Weight], Field(min_length=1)]
    pair: Id | None = None
    source: Source

    @field_validator("effects")
    @classmethod
    def _no_zero(cls, effects: dict[str, float]) -> dict[str, float]:
        if any(weight == 0 for weight in effects.values()):
            raise ValueError("an effect of 0 does nothing: remove it")
        return effects


class ChoiceItem(Strict):
    """A scenario with 3 to 5 options, each moving traits in its own way."""

    id: Id
    kind: Literal["choice"]
    text: Text
    help: Help | None = None
    options: Annotated[list[Option], Field(min_length=3, max_length=5)]
    source: Source


class ForcedChoiceItem(Strict):
    """Two activities; the respondent picks the one they would rather do."""

    id: Id
    kind: Literal["forced_choice"]
    text: Text
    help: Help | None = None
    options: Annotated[list[Option], Field(min_length=2, max_length=2)]
    source: Source


Item = Annotated[LikertItem | ChoiceItem | ForcedChoiceItem, Field(discriminator="kind")]


class Bank(Strict):
    """A question bank: its own items, or a selection of another bank's items (``base`` + ``select``)."""

    id: Id
    version: Annotated[int, Field(strict=True, ge=1)]
    title: Text
    description: Text
    shuffle: Flag = False
    items: Annotated[list[Item], Field(max_length=MAX_ITEMS)] = []
    base: Id | None = None
    select: Annotated[list[Id], Field(max_length=MAX_ITEMS)] = []
