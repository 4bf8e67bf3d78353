"""The validation panel's answer files (tests/panel/*.yaml, docs/validation.md): one described respondent each.

Each file is an answers file (``bank`` and ``answers``, checked like any other) plus who answered: the
description's ``id``, a few words of ``background`` and the ``expected`` outcome the seed articles imply.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from rolefit.data.answers import AnswerFile, _read, check_answers
from rolefit.data.catalog import LoadedBank
from rolefit.data.models import Id, Text
from rolefit.data.positions import validate
from rolefit.errors import DataError, Problem
from rolefit.types import Answers

Expected = Literal["product-manager", "product-marketing-manager", "either", "neither"]


class PanelFile(AnswerFile):
    """One panel respondent: who answered, what the seed articles imply for them, and their answers."""

    id: Id
    background: Text
    expected: Expected = Field(description="the outcome the seed articles imply for this description")


def read_panel(directory: Path, bank: LoadedBank) -> list[tuple[PanelFile, Answers]]:
    """Every panel file in a directory, in file-name order, each with its answers checked against the bank."""
    files = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
    if not files:
        raise DataError([Problem(str(directory), 0, 0, "", "holds no panel files (*.yaml): name the panel directory")])
    members: list[tuple[PanelFile, Answers]] = []
    for path in files:
        doc = _read(str(path), None)
        parsed = validate(PanelFile, doc.data, doc.text, doc.label)
        members.append((parsed, check_answers(parsed, bank, doc)))
    return members
