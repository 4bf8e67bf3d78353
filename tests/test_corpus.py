"""A corpus of broken and hostile inputs: each gives one exact line on stderr, the documented exit code, fast.

Every case runs the installed ``rolefit`` as a real subprocess, from ``tests/corpus`` (or, for inputs
too big, binary or special to commit, from a fresh directory the case builds), so paths print as a
user would type them. A case marked ``bug`` is a known defect in ``src/`` with the line it should
give; it is a strict xfail until the fix lands.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from rolefit import __version__
from rolefit.data.catalog import shipped_bank_ids
from rolefit.data.reading import MAX_BYTES
from tests.helpers import ROLEFIT, drop_dac_capabilities, env_for, run_rolefit

pytestmark = pytest.mark.slow  # every test here runs the installed command

CORPUS = Path(__file__).resolve().parent / "corpus"
TIME_LIMIT = 3.0  # wall-clock seconds: the target is well under one; this leaves room for a loaded 2-core machine
CATEGORIES = ("malformed", "hostile", "bank", "profiles", "answers", "result", "path")


@dataclass(frozen=True)
class Case:
    """One broken or hostile input: the command that reads it and the one line it must produce."""

    id: str
    category: str
    args: tuple[str, ...]
    stderr: str
    code: int = 1
    stdin: bytes = b""
    stdin_from: str | None = None  # a corpus file fed to stdin
    make: Callable[[Path], None] | None = None  # builds the input in a fresh directory, which becomes the cwd
    unreadable: bool = False  # needs a permission error, even when the tests run as root
    stdout_has: str | None = None  # the result was shown before a file failed: stdout holds it; else stdout is empty
    bug: str | None = None  # a known defect in src/: the case is a strict xfail until it is fixed


@dataclass(frozen=True)
class Outcome:
    """What one run of rolefit did."""

    code: int
    stdout: str
    stderr: str
    elapsed: float
    skip: str | None = None


def _file(name: str, data: bytes, mode: int | None = None) -> Callable[[Path], None]:
    """A maker that writes one file (and sets its mode)."""

    def make(directory: Path) -> None:
        """Write the file."""
        (directory / name).write_bytes(data)
        if mode is not None:
            (directory / name).chmod(mode)

    return make


def _symlink_loop(directory: Path) -> None:
    """A symlink that points at itself."""
    (directory / "answers-loop.yaml").symlink_to("answers-loop.yaml")


def _answers_here(directory: Path) -> None:
    """Valid answers, and a directory named out where --output will point."""
    answers = "enjoys-writing-specs: 4, wants-to-decide-what-gets-built: 5, digs-into-usage-data: 4"
    chosen = "energised-by-engineering-syncs: 4, motivated-by-active-users: 4, enjoys-sales-meetings: 2"
    more = "wants-to-shape-perception: 2, enjoys-launch-narrative: 2, enjoys-training-sales: 3, specs-feel-tedious: 2"
    # Ten answers of 40: enough for a result (under a quarter is undetermined), which the terminal still shows.
    text = f"bank: core\nanswers: {{{answers}, {chosen}, {more}}}\n"
    (directory / "answers.yaml").write_text(text, encoding="utf-8")
    (directory / "out").mkdir()


def _deep_json() -> bytes:
    """A JSON answers file with one value nested 100,000 lists deep."""
    return b'{"bank": "core", "answers": {"enjoys-writing-specs": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"


BANKS = ", ".join(shipped_bank_ids())
ROLES = "product-manager, product-marketing-manager"
OPTIONS = "use one of write-feature-spec, draft-positioning-doc, or skip"
TOP_LEVEL_BANK = "write a mapping with id, version, title, description"
RESULT_FIX = "explain reads the JSON that `rolefit quiz --output FILE.json` saves"
TAG_FIX = "rolefit reads plain data only: remove the tag and write the value plainly"

# fmt: off
CASES = [
    # ---- malformed files --------------------------------------------------------------------------
    Case("invalid-syntax", "malformed", ("validate", "bank-invalid-syntax.yaml"),
         "bank-invalid-syntax.yaml:10:11: invalid YAML: did not find expected ',' or '}': "
         "close the mapping with '}', and put ',' between its entries"),
    Case("bad-indentation", "malformed", ("validate", "bank-bad-indentation.yaml"),
         "bank-bad-indentation.yaml:4:14: invalid YAML: mapping values are not allowed in this context: "
         "put a value that holds ': ' in quotes, or check the indentation"),
    Case("tab-indentation", "malformed", ("validate", "bank-tab-indentation.yaml"),
         "bank-tab-indentation.yaml:3:1: invalid YAML: found a tab character that violates indentation: "
         "indent with spaces, not tabs"),
    Case("top-level-list", "malformed", ("validate", "bank-top-level-list.yaml"),
         f"bank-top-level-list.yaml:1:1: is a list, not a mapping: {TOP_LEVEL_BANK}"),
    Case("top-level-text", "malformed", ("validate", "bank-top-level-text.yaml"),
         f"bank-top-level-text.yaml:1:1: is text, not a mapping: {TOP_LEVEL_BANK}"),
    Case("empty-file", "malformed", ("validate", "bank-empty.yaml"),
         f"bank-empty.yaml: is empty: {TOP_LEVEL_BANK}"),
    Case("only-comments", "malformed", ("validate", "bank-only-comments.yaml"),
         f"bank-only-comments.yaml: is empty: {TOP_LEVEL_BANK}"),
    Case("two-documents", "malformed", ("validate", "bank-multi-document.yaml"),
         "bank-multi-document.yaml:6:1: invalid YAML: expected a single document in the stream, "
         "but found another document: keep one document per file"),
    Case("invalid-date", "malformed", ("validate", "bank-invalid-date.yaml"),
         "bank-invalid-date.yaml:10:52: '2024-13-45' is not a valid timestamp (month must be in 1..12): "
         "quote it if it is text"),
    Case("huge-file", "malformed", ("validate", "bank-huge.yaml"),
         "bank-huge.yaml: is larger than 1024 KiB: split it or trim it",
         make=_file("bank-huge.yaml", b"id: huge\n" + b"#" * MAX_BYTES + b"\n")),
    Case("nul-bytes", "malformed", ("validate", "bank-nul-bytes.yaml"),
         "bank-nul-bytes.yaml:3:10: holds binary data (NUL bytes): name a text file",
         make=_file("bank-nul-bytes.yaml", b"id: nul\nversion: 1\ntitle: A \x00 byte\n")),
    Case("control-character", "malformed", ("validate", "bank-control-character.yaml"),
         "bank-control-character.yaml:3:11: invalid YAML: unacceptable character #x001b: control characters are not "
         "allowed: remove it, or write it as an escape (\\x1b) in double quotes",
         make=_file("bank-control-character.yaml", b'id: x\nversion: 1\ntitle: "A \x1b[31m title"\n')),
    Case("gzip-binary", "malformed", ("validate", "bank-gzip.yaml"),
         "bank-gzip.yaml:1:1: is not UTF-8 text: save it as UTF-8",
         make=_file("bank-gzip.yaml", gzip.compress(b"id: zipped\n", mtime=0))),
    Case("latin-1", "malformed", ("validate", "bank-latin-1.yaml"),
         "bank-latin-1.yaml:3:1: is not UTF-8 text: save it as UTF-8",
         make=_file("bank-latin-1.yaml", "id: latin\nversion: 1\ntitle: Café\n".encode("latin-1"))),
    Case("utf-16", "malformed", ("validate", "bank-utf-16.yaml"),
         "bank-utf-16.yaml:1:1: is not UTF-8 text: save it as UTF-8",
         make=_file("bank-utf-16.yaml", "id: utf16\n".encode("utf-16"))),
    Case("deep-flow", "malformed", ("validate", "bank-deep-flow.yaml"),
         "bank-deep-flow.yaml:2:71: nested deeper than 64 levels",
         make=_file("bank-deep-flow.yaml", b"id: deep\nitems: " + b"[" * 50_000 + b"]" * 50_000 + b"\n")),
    Case("deep-block", "malformed", ("validate", "bank-deep-block.yaml"),
         "bank-deep-block.yaml:66:129: nested deeper than 64 levels",
         make=_file(
             "bank-deep-block.yaml",
             b"id: deep\nitems:\n" + b"".join(b"  " * (n + 1) + b"a:\n" for n in range(100)) + b"  " * 101 + b"1\n",
         )),
    Case("deep-json-answers", "malformed", ("quiz", "--answers", "answers-deep.json", "--json"),
         "answers-deep.json:1:116: nested deeper than 64 levels",
         make=_file("answers-deep.json", _deep_json())),
    # ---- hostile YAML -----------------------------------------------------------------------------
    Case("alias-bomb", "hostile", ("validate", "bank-alias-bomb.yaml"),
         "bank-alias-bomb.yaml:3:8: YAML aliases (*name) are not allowed: write the value out"),
    Case("duplicate-key", "hostile", ("validate", "bank-duplicate-key.yaml"),
         "bank-duplicate-key.yaml:10:5: duplicate key 'text' (first at line 8): keep one"),
    Case("python-object-apply", "hostile", ("validate", "bank-python-object-apply.yaml"),
         "bank-python-object-apply.yaml:3:8: tag !!python/object/apply:os.system is not allowed: "
         f"{TAG_FIX}"),
    Case("python-object-new", "hostile", ("validate", "bank-python-object-new.yaml"),
         "bank-python-object-new.yaml:4:14: tag !!python/object/new:subprocess.Popen is not allowed: "
         f"{TAG_FIX}"),
    Case("python-tag-in-answers", "hostile", ("quiz", "--answers", "answers-python-tag.yaml", "--json"),
         "answers-python-tag.yaml:3:25: tag !!python/object/apply:os.system is not allowed: "
         f"{TAG_FIX}"),
    Case("include-tag", "hostile", ("validate", "bank-custom-tag.yaml"),
         f"bank-custom-tag.yaml:5:8: tag !include is not allowed: {TAG_FIX}"),
    Case("int-tag-on-quoted-answer", "hostile", ("quiz", "--answers", "answers-int-tag.yaml", "--json"),
         f"answers-int-tag.yaml:4:25: tag !!int is not allowed: {TAG_FIX}"),
    Case("float-tag-on-quoted-effect", "hostile", ("validate", "bank-float-tag.yaml"),
         f"bank-float-tag.yaml:10:31: tag !!float is not allowed: {TAG_FIX}"),
    Case("merge-key", "hostile", ("validate", "bank-merge-key.yaml"),
         "bank-merge-key.yaml:6:5: merge keys (<<) are not allowed: write the keys out"),
    # ---- bad banks --------------------------------------------------------------------------------
    Case("unknown-field", "bank", ("validate", "bank-unknown-field.yaml"),
         "bank-unknown-field.yaml:10:66: items.0.options.0.weight: unknown field: remove it or check its spelling"),
    Case("unknown-trait", "bank", ("validate", "bank-unknown-trait.yaml"),
         "bank-unknown-trait.yaml:11:36: items.0.options.1.effects.messagin: unknown trait 'messagin': "
         "use a trait id from shared.yaml"),
    Case("unknown-source", "bank", ("validate", "bank-unknown-source.yaml"),
         "bank-unknown-source.yaml:10:20: items.0.source.file: unknown source file '003_d8ee61504b744ef.txt' "
         "(did you mean '003_d8ee61504b744ef8.txt'?): cite a file from the sources list in shared.yaml, "
         "or add the article there"),
    Case("unknown-pair", "bank", ("validate", "bank-unknown-pair.yaml"),
         "bank-unknown-pair.yaml:10:11: items.0.pair: pair 'specs-are-tedious' is not another likert item: "
         "check the id"),
    Case("unknown-select", "bank", ("validate", "bank-select-unknown-item.yaml"),
         "bank-select-unknown-item.yaml:8:5: select.1: no item 'enjoys-writing-specz' in bank 'valid-bank' "
         "(did you mean 'enjoys-writing-specs'?): use an item id from `rolefit bank show valid-bank.yaml`"),
    Case("unknown-base", "bank", ("validate", "bank-unknown-base.yaml"),
         "bank-unknown-base.yaml:5:7: base: no bank file nope.yaml beside this one: check the base id"),
    Case("unknown-kind", "bank", ("validate", "bank-unknown-kind.yaml"),
         "bank-unknown-kind.yaml:6:5: items.0: Input tag 'slider' found using 'kind' does not match any of the "
         "expected tags: 'likert', 'choice', 'forced_choice'"),
    Case("missing-kind", "bank", ("validate", "bank-missing-kind.yaml"),
         "bank-missing-kind.yaml:6:5: items.0: required field 'kind' is missing: "
         "add kind: likert, choice or forced_choice"),
    Case("duplicate-item-ids", "bank", ("validate", "bank-duplicate-item-ids.yaml"),
         "bank-duplicate-item-ids.yaml:11:9: items.1.id: duplicate item id 'a': item ids must be unique"),
    Case("duplicate-option-ids", "bank", ("validate", "bank-duplicate-option-ids.yaml"),
         "bank-duplicate-option-ids.yaml:12:14: items.0.options.2.id: duplicate option id 'x': "
         "option ids must be unique"),
    Case("no-items", "bank", ("validate", "bank-no-items.yaml"),
         "bank-no-items.yaml:1:1: items: a bank needs at least one item: add items, or base + select"),
    Case("choice-two-options", "bank", ("validate", "bank-choice-two-options.yaml"),
         "bank-choice-two-options.yaml:10:7: items.0.options: "
         "2 entries, fewer than the 3 needed here: add 1 more"),
    Case("effect-out-of-range", "bank", ("validate", "bank-effect-out-of-range.yaml"),
         "bank-effect-out-of-range.yaml:9:31: items.0.effects.prioritisation: 1.5 is more than 1, the most allowed here: "
         "write at most 1"),
    Case("effect-nan", "bank", ("validate", "bank-effect-nan.yaml"),
         "bank-effect-nan.yaml:9:31: items.0.effects.prioritisation: Input should be a finite number: "
         "write an ordinary number (not .inf, .nan, or one past 1.7e+308)"),
    Case("effect-tiny", "bank", ("validate", "bank-effect-tiny.yaml"),
         "bank-effect-tiny.yaml:9:31: items.0.effects.prioritisation: 2.2e-307 is too small to count: "
         "write at least 1e-06, or remove it"),
    Case("effect-zero", "bank", ("validate", "bank-effect-zero.yaml"),
         "bank-effect-zero.yaml:9:14: items.0.effects: an effect of 0 does nothing: remove it"),
    Case("blank-text", "bank", ("validate", "bank-blank-text.yaml"),
         "bank-blank-text.yaml:8:11: items.0.text: is empty: write the text"),
    Case("version-as-text", "bank", ("validate", "bank-version-text.yaml"),
         "bank-version-text.yaml:2:10: version: Input should be a valid integer"),
    Case("bad-bank-id", "bank", ("validate", "bank-bad-id.yaml"),
         "bank-bad-id.yaml:1:5: id: 'My Bank' is not a valid id: use lowercase letters, digits and '-'"),
    Case("unknown-bank-id", "bank", ("quiz", "--bank", "advanced", "--answers", "answers-valid.yaml", "--json"),
         f"rolefit: no bank 'advanced': choose one of {BANKS}, or give a path to a bank file", code=2),
    # ---- bad profiles -----------------------------------------------------------------------------
    Case("all-zero-weights", "profiles", ("validate", "profiles-all-zero-weights"),
         "profiles-all-zero-weights/product-manager.yaml:12:3: weights: every weight is 0, so this role could never "
         "fit: give its traits weight"),
    Case("profile-unknown-trait", "profiles",
         ("quiz", "--profiles", "profiles-unknown-trait", "--answers", "answers-valid.yaml", "--json"),
         "profiles-unknown-trait/product-marketing-manager.yaml:23:3: weights.presentation: unknown trait "
         "'presentation': use a trait id from shared.yaml"),
    Case("profile-missing-weight", "profiles",
         ("quiz", "--profiles", "profiles-missing-weight", "--answers", "answers-valid.yaml", "--json"),
         "profiles-missing-weight/product-manager.yaml:12:3: weights: "
         "no entry for trait(s) customer-insight: add them"),
    Case("duplicate-trait", "profiles", ("validate", "profiles-duplicate-trait"),
         "profiles-duplicate-trait/shared.yaml:88:9: traits.12.id: duplicate trait id 'messaging': "
         "trait ids must be unique"),
    Case("profile-unknown-field", "profiles",
         ("bank", "show", "core", "--json", "--profiles", "profiles-unknown-field"),
         "profiles-unknown-field/product-manager.yaml:6:9: salary: unknown field: remove it or check its spelling"),
    Case("one-role", "profiles", ("validate", "profiles-one-role"),
         "profiles-one-role: needs at least two role profiles (*.yaml) besides shared.yaml"),
    Case("no-shared", "profiles", ("validate", "profiles-no-shared"),
         "profiles-no-shared: has no shared.yaml, so it is not a profiles directory: add the trait registry "
         "(shared.yaml) to it, or name the bank files in it (profiles-no-shared/*.yaml) to validate them"),
    Case("unknown-role", "profiles", ("profile", "show", "product-owner"),
         f"rolefit: no profile 'product-owner': choose one of {ROLES}", code=2),
    # ---- bad answers files ------------------------------------------------------------------------
    Case("likert-zero", "answers", ("quiz", "--answers", "answers-likert-zero.yaml", "--json"),
         "answers-likert-zero.yaml:3:25: answers.enjoys-writing-specs: 0 is not an answer to likert item "
         "'enjoys-writing-specs': use 1 to 5, or skip"),
    Case("likert-six", "answers", ("quiz", "--answers", "answers-likert-six.json", "--json"),
         "answers-likert-six.json:5:39: answers.energised-by-engineering-syncs: 6 is not an answer to likert item "
         "'energised-by-engineering-syncs': use 1 to 5, or skip"),
    Case("likert-six-stdin", "answers", ("quiz", "--answers", "-", "--json"),
         "<stdin>:5:39: answers.energised-by-engineering-syncs: 6 is not an answer to likert item "
         "'energised-by-engineering-syncs': use 1 to 5, or skip", stdin_from="answers-likert-six.json"),
    Case("likert-word", "answers", ("quiz", "--answers", "answers-likert-word.yaml", "--json"),
         "answers-likert-word.yaml:3:25: answers.enjoys-writing-specs: 'five' is not an answer to likert item "
         "'enjoys-writing-specs': use 1 to 5, or skip"),
    Case("likert-fraction", "answers", ("quiz", "--answers", "answers-likert-fraction.json", "--json"),
         "answers-likert-fraction.json:1:54: answers.enjoys-writing-specs: 4.5 is not an answer to likert item "
         "'enjoys-writing-specs': use 1 to 5, or skip"),
    Case("likert-yaml11-boolean", "answers", ("quiz", "--answers", "answers-yaml11-boolean.yaml", "--json"),
         "answers-yaml11-boolean.yaml:3:25: 'yes' means false/true in YAML 1.1 but text in YAML 1.2: "
         "quote it ('yes'), or write true/false"),
    Case("unknown-item", "answers", ("quiz", "--answers", "answers-unknown-item.yaml", "--json"),
         "answers-unknown-item.yaml:5:3: answers.energised-by-engineering-sync: no item "
         "'energised-by-engineering-sync' in bank 'core' (did you mean 'energised-by-engineering-syncs'?): "
         "use an item id from `rolefit bank show core`"),
    Case("unknown-option", "answers", ("quiz", "--answers", "answers-unknown-option.yaml", "--json"),
         "answers-unknown-option.yaml:3:28: answers.spec-or-positioning-doc: 'write-the-spec' is not an option of "
         f"item 'spec-or-positioning-doc': {OPTIONS}"),
    Case("option-as-number", "answers", ("quiz", "--answers", "answers-option-as-number.yaml", "--json"),
         "answers-option-as-number.yaml:3:28: answers.spec-or-positioning-doc: 1 is not an option of "
         f"item 'spec-or-positioning-doc': {OPTIONS}"),
    Case("answers-for-another-bank", "answers", ("quiz", "--answers", "answers-other-bank.yaml", "--json"),
         "answers-other-bank.yaml:1:7: bank: these answers are for bank 'quick', not 'core': pass --bank quick"),
    Case("bank-for-other-answers", "answers",
         ("quiz", "--bank", "valid-bank.yaml", "--answers", "answers-for-core.yaml", "--json"),
         "answers-for-core.yaml:1:7: bank: these answers are for bank 'core', not 'valid-bank': pass --bank core"),
    Case("truncated-json", "answers", ("quiz", "--answers", "answers-truncated.json", "--json"),
         "answers-truncated.json:1:91: invalid JSON: the text ends before the JSON does (cut short?): "
         "close every open {, [ and string"),
    Case("two-json-documents", "answers", ("quiz", "--answers", "answers-two-documents.json", "--json"),
         "answers-two-documents.json:2:1: invalid JSON: more text after the JSON value ends: "
         "keep one JSON object per file"),
    Case("duplicate-json-key", "answers", ("quiz", "--answers", "answers-duplicate-key.json", "--json"),
         "answers-duplicate-key.json:5:5: duplicate key 'enjoys-writing-specs' (first at line 4): keep one"),
    Case("duplicate-yaml-key", "answers", ("quiz", "--answers", "answers-duplicate-key.yaml", "--json"),
         "answers-duplicate-key.yaml:4:3: duplicate key 'enjoys-writing-specs' (first at line 3): keep one"),
    Case("answers-not-a-mapping", "answers", ("quiz", "--answers", "answers-not-a-mapping.json", "--json"),
         "answers-not-a-mapping.json:1:1: is a list, not a mapping: write a mapping with bank, answers"),
    Case("answers-empty", "answers", ("quiz", "--answers", "answers-empty.yaml", "--json"),
         "answers-empty.yaml: is empty: write a mapping with bank, answers"),
    Case("answers-empty-stdin", "answers", ("quiz", "--answers", "-", "--json"),
         "<stdin>: is empty: write a mapping with bank, answers"),
    Case("answers-huge-stdin", "answers", ("quiz", "--answers", "-", "--json"),
         "<stdin>: is larger than 1024 KiB: trim it", stdin=b" " * (MAX_BYTES + 1)),
    Case("answers-missing-bank", "answers", ("quiz", "--answers", "answers-missing-bank.yaml", "--json"),
         "answers-missing-bank.yaml:1:1: bank: required field is missing: add it"),
    Case("answers-unknown-field", "answers", ("quiz", "--answers", "answers-unknown-field.yaml", "--json"),
         "answers-unknown-field.yaml:2:7: name: unknown field: remove it or check its spelling"),
    Case("answers-as-list", "answers", ("quiz", "--answers", "answers-list-of-answers.yaml", "--json"),
         "answers-list-of-answers.yaml:3:3: answers: must be a mapping, not a list: "
         "write one `key: value` per line beneath it"),
    # ---- bad result files (rolefit explain) -------------------------------------------------------
    Case("result-truncated", "result", ("explain", "result-truncated.json"),
         "result-truncated.json:1:72: invalid JSON: the text ends before the JSON does (cut short?): "
         "close every open {, [ and string"),
    Case("result-is-answers", "result", ("explain", "result-is-answers.json"),
         "result-is-answers.json: is not a rolefit result: save one with `rolefit quiz --output FILE.json` "
         "or `--report FILE.json`"),
    Case("result-is-yaml", "result", ("explain", "answers-valid.yaml"),
         f"answers-valid.yaml:1:1: is not JSON, and a result is: {RESULT_FIX}; "
         "an answers file is read by `rolefit quiz --answers FILE`"),
    Case("result-empty", "result", ("explain", "bank-empty.yaml"),
         f"bank-empty.yaml: is empty, and a result is JSON: {RESULT_FIX}"),
    Case("result-score-out-of-range", "result", ("explain", "result-score-out-of-range.json"),
         "result-score-out-of-range.json:18:16: fits.0.score: "
         "250 is more than 100, the most allowed here: write at most 100"),
    Case("result-future-version", "result", ("explain", "result-future-version.json"),
         f"result-future-version.json:2:21: schema_version: 3 is not a result schema rolefit {__version__} reads (1 or 2): "
         "upgrade rolefit"),
    # ---- bad paths --------------------------------------------------------------------------------
    Case("answers-is-directory", "path", ("quiz", "--answers", "profiles-one-role", "--json"),
         "profiles-one-role: is a directory, not a file: name a YAML or JSON file"),
    Case("bank-is-directory", "path", ("quiz", "--bank", "profiles-one-role/", "--answers", "answers-valid.yaml"),
         "profiles-one-role: is a directory, not a file: name a YAML or JSON file"),
    Case("profiles-is-file", "path", ("quiz", "--profiles", "answers-valid.yaml", "--answers", "answers-valid.yaml"),
         "answers-valid.yaml: is not a directory: --profiles takes a directory"),
    Case("profiles-missing", "path", ("quiz", "--profiles", "missing-profiles", "--answers", "answers-valid.yaml"),
         "missing-profiles: no such directory: check the path"),
    Case("answers-missing", "path", ("quiz", "--answers", "missing-answers.yaml", "--json"),
         "missing-answers.yaml: no such file: check the path"),
    Case("bank-missing", "path", ("validate", "missing-bank.yaml"),
         "missing-bank.yaml: no such file: check the path"),
    Case("path-through-a-file", "path", ("quiz", "--answers", "answers-valid.yaml/answers.yaml", "--json"),
         "answers-valid.yaml/answers.yaml: cannot be read (Not a directory): check the path"),
    Case("symlink-loop", "path", ("quiz", "--answers", "answers-loop.yaml", "--json"),
         "answers-loop.yaml: cannot be read (Too many levels of symbolic links): check the path", make=_symlink_loop),
    Case("unreadable-answers", "path", ("quiz", "--answers", "answers-unreadable.yaml", "--json"),
         "answers-unreadable.yaml: cannot be read (permission denied): check its permissions",
         make=_file("answers-unreadable.yaml", b"bank: core\n", mode=0o000), unreadable=True),
    Case("unreadable-bank", "path", ("validate", "bank-unreadable.yaml"),
         "bank-unreadable.yaml: cannot be read (permission denied): check its permissions",
         make=_file("bank-unreadable.yaml", b"id: secret\n", mode=0o000), unreadable=True),
    Case("output-is-directory", "path", ("quiz", "--answers", "answers.yaml", "--output", "out"),
         "rolefit: cannot write out: Is a directory: name a file, not a directory", make=_answers_here,
         stdout_has="Product Manager"),
    Case("output-in-missing-directory", "path", ("quiz", "--answers", "answers.yaml", "--output", "nope/result.json"),
         "rolefit: cannot write nope/result.json: No such file or directory: "
         "check the directory exists and is writable",
         make=_answers_here, stdout_has="Product Manager"),
    Case("report-extension", "path", ("quiz", "--answers", "answers-valid.yaml", "--report", "result.txt"),
         "rolefit: cannot write a report to result.txt: it has extension '.txt'; use one of .md, .html, .svg, .json",
         code=2),
]
# fmt: on


def run_case(case: Case, workdir: Path) -> Outcome:
    """Run one case as a real subprocess and time it."""
    cwd = CORPUS
    if case.make is not None:
        cwd = workdir / case.id
        cwd.mkdir()
        case.make(cwd)
    stdin = (CORPUS / case.stdin_from).read_bytes() if case.stdin_from else case.stdin
    preexec = None
    if case.unreadable and os.geteuid() == 0:
        preexec = drop_dac_capabilities
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [str(ROLEFIT), *case.args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env=env_for(workdir / f"{case.id}-home"),
            timeout=60,
            check=False,
            preexec_fn=preexec,
        )
    except subprocess.SubprocessError as error:  # the capability drop failed: no way to get EACCES as root here
        return Outcome(-1, "", "", 0.0, skip=f"cannot make a file unreadable for root here: {error}")
    elapsed = time.perf_counter() - start
    return Outcome(done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace"), elapsed)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every case run once, a few at a time (one per core), so the corpus costs seconds, not a minute."""
    workdir = tmp_path_factory.mktemp("corpus-runs")
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 2)) as pool:
        results = dict(
            zip((case.id for case in CASES), pool.map(lambda case: run_case(case, workdir), CASES), strict=True)
        )
    return results


def _param(case: Case) -> object:
    """A case as a pytest param: a strict xfail when it pins a known bug."""
    marks = [pytest.mark.xfail(strict=True, reason=f"bug: {case.bug}")] if case.bug else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_each_case_gives_one_exact_line(case: Case, outcomes: dict[str, Outcome]) -> None:
    """No traceback; exactly the expected line on stderr; nothing on stdout; the documented exit code; fast."""
    outcome = outcomes[case.id]
    if outcome.skip:
        pytest.skip(outcome.skip)
    assert "Traceback" not in outcome.stderr, outcome.stderr[-2000:]
    assert outcome.stderr == case.stderr + "\n"
    if case.stdout_has is None:
        assert outcome.stdout == ""
    else:
        assert case.stdout_has in outcome.stdout
    assert outcome.code == case.code
    assert outcome.elapsed < TIME_LIMIT, f"took {outcome.elapsed:.2f}s"


def test_the_corpus_covers_every_category() -> None:
    """At least 30 cases, with several of each kind the issue lists, and unique ids."""
    counts = Counter(case.category for case in CASES)
    assert len(CASES) >= 30
    assert set(counts) == set(CATEGORIES), counts
    assert all(count >= 3 for count in counts.values()), counts
    assert len({case.id for case in CASES}) == len(CASES)


def test_every_corpus_file_is_used() -> None:
    """Each committed file or directory in tests/corpus is read by some case (or is a named helper)."""
    helpers = {"valid-bank.yaml"}  # the base bank-select-unknown-item.yaml selects from
    used = {arg.split("/")[0] for case in CASES for arg in case.args} | {case.stdin_from for case in CASES}
    committed = {path.name for path in CORPUS.iterdir()}
    assert committed - used - helpers == set()


def test_the_corpus_helpers_are_valid(tmp_path: Path) -> None:
    """The valid bank and answers the cases build on pass, so each case fails for its own defect only."""
    env = env_for(tmp_path)
    for args in (("validate", "valid-bank.yaml"), ("quiz", "--answers", "answers-valid.yaml", "--json")):
        done = run_rolefit(*args, cwd=CORPUS, env=env)
        assert done.returncode == 0, done.stderr


def test_hostile_tags_executed_nothing(outcomes: dict[str, Outcome]) -> None:
    """The python/object tags in the corpus would create pwned-by-rolefit under an unsafe loader; none exists."""
    assert outcomes["python-object-apply"].code == 1 and outcomes["python-object-new"].code == 1
    assert not list(CORPUS.rglob("pwned-by-rolefit"))


def test_errors_are_fast(outcomes: dict[str, Outcome]) -> None:
    """Every case finishes inside the limit, the ones with known bugs included (their line is wrong, not slow)."""
    timed = {case_id: outcome.elapsed for case_id, outcome in outcomes.items() if not outcome.skip}
    slowest = max(timed, key=timed.__getitem__)
    assert timed[slowest] < TIME_LIMIT, f"{slowest} took {timed[slowest]:.2f}s"
