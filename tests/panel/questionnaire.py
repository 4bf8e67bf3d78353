"""How the validation panel is answered (docs/validation.md): a questionnaire per respondent, and the answers back.

``make DESCRIPTIONS OUT_DIR`` writes, for each description, two files a reader gets and nothing else:
``<id>.description.txt`` (the description alone) and ``<id>.questionnaire.txt`` (the core bank's questions in
an order shuffled for that respondent, numbered Q1..Qn, choice options shuffled and lettered, with the quiz
screen's own help lines and glossary terms, and how to answer). Item ids and option ids never appear, since
they hint at the keying; the key that maps numbers and letters back is ``<id>.key.json``, kept apart.

``collect DESCRIPTIONS OUT_DIR PANEL_DIR`` reads each reader's ``<id>.answers.txt`` (``Q1: 4``, ``Q2: B``,
``Q3: skip``), maps it back through the key, and writes ``PANEL_DIR/<id>.yaml``: an answers file
``rolefit quiz --answers`` takes, with the respondent's id, background and expected outcome. A line that
cannot be mapped stops it, naming the file and line: an answer is never guessed.

Run with the project's Python: ``.venv/bin/python tests/panel/questionnaire.py make ...``.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from rolefit.data.catalog import load_bank, load_profiles
from rolefit.data.models import LikertItem
from rolefit.types import LIKERT_LABELS, LIKERT_VALUES
from rolefit.views.wording import item_terms

LETTERS = "ABCDEFGH"
HOW = """How to answer: read the description of the person, then answer every question as that person would,
from what the description says or clearly implies about them. One line per question, in order:
  Qn: 1-5   for a statement (1 strongly disagree, 2 disagree, 3 neutral, 4 agree, 5 strongly agree)
  Qn: A     for a question with lettered options (the letter of the one option they would choose)
  Qn: skip  only where the description gives no way to tell what they would answer
"""


def make(descriptions: Path, out: Path) -> None:
    """A questionnaire, a description file and a key for each respondent."""
    profiles = load_profiles()
    bank = load_bank("core", profiles)
    glossary = profiles.shared.glossary
    out.mkdir(parents=True, exist_ok=True)
    for person in yaml.safe_load(descriptions.read_text(encoding="utf-8"))["descriptions"]:
        shuffle = random.Random(f"panel:{person['id']}")
        items = list(bank.items)
        shuffle.shuffle(items)
        lines: list[str] = [HOW]
        key: dict[str, dict[str, Any]] = {}
        for number, item in enumerate(items, start=1):
            lines.append(f"Q{number}. {item.text}")
            if item.help:
                lines.append(f"    ({item.help})")
            lines += [f"    ({term}: {meaning})" for term, meaning in item_terms(item, glossary)]
            if isinstance(item, LikertItem):
                lines.append(
                    "    How much do you agree? "
                    + " / ".join(f"{v} {label}" for v, label in zip(LIKERT_VALUES, LIKERT_LABELS, strict=True))
                )
                key[f"Q{number}"] = {"item": item.id}
            else:
                options = list(item.options)
                shuffle.shuffle(options)
                lines += [f"    {LETTERS[n]}. {option.text}" for n, option in enumerate(options)]
                key[f"Q{number}"] = {"item": item.id, "options": {LETTERS[n]: o.id for n, o in enumerate(options)}}
            lines.append("")
        (out / f"{person['id']}.questionnaire.txt").write_text("\n".join(lines), encoding="utf-8")
        (out / f"{person['id']}.description.txt").write_text(person["description"] + "\n", encoding="utf-8")
        (out / f"{person['id']}.key.json").write_text(json.dumps(key), encoding="utf-8")


def collect(descriptions: Path, out: Path, panel: Path) -> None:
    """Each reader's answers, mapped back through its key, as an answers file in the panel directory."""
    for person in yaml.safe_load(descriptions.read_text(encoding="utf-8"))["descriptions"]:
        key = json.loads((out / f"{person['id']}.key.json").read_text(encoding="utf-8"))
        path = out / f"{person['id']}.answers.txt"
        answers: dict[str, Any] = {}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found = re.fullmatch(r"\s*(Q\d+)\s*[:.]\s*(\S+)\s*", line)
            if not line.strip():
                continue
            if found is None or found[1] not in key:
                sys.exit(f"{path}:{number}: not an answer line: {line!r}")
            entry, given = key[found[1]], found[2].rstrip(".")
            if given.lower() == "skip":
                answers[entry["item"]] = "skip"
            elif "options" in entry and given.upper() in entry["options"]:
                answers[entry["item"]] = entry["options"][given.upper()]
            elif "options" not in entry and given in {"1", "2", "3", "4", "5"}:
                answers[entry["item"]] = int(given)
            else:
                sys.exit(f"{path}:{number}: {given!r} is not an answer to {found[1]}")
        if len(answers) != len(key):
            sys.exit(f"{path}: {len(answers)} of {len(key)} questions answered")
        document = {
            "id": person["id"],
            "background": person["background"],
            "expected": person["expected"],
            "bank": "core",
            "answers": answers,
        }
        (panel / f"{person['id']}.yaml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "make":
        make(Path(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) == 5 and sys.argv[1] == "collect":
        collect(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        sys.exit(__doc__)
