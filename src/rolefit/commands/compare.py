"""``rolefit compare A B``: two results (kept ones by number or ``last``, or result files), and what moved between."""

from __future__ import annotations

import re
from pathlib import Path

from rolefit.commands.explain import read_result
from rolefit.commands.history import open_history
from rolefit.data.catalog import LoadedBank, ProfileSet, load_bank, load_profiles
from rolefit.env import Environment
from rolefit.errors import RolefitError
from rolefit.scoring.comparison import Compared, compare_results
from rolefit.views.history import ComparisonView, Moves, short_names

KEPT = re.compile(r"[0-9]+|last")


def compare(
    before: str, after: str, bank_ref: str | None, profiles_dir: Path | None, env: Environment
) -> ComparisonView:
    """Compare two results; each changed answer is rescored when the bank they came from is at hand."""
    profiles = load_profiles(profiles_dir, cache=env.cache_dir)
    a, b = _read(before, env), _read(after, env)
    bank = _bank(bank_ref or a.result.bank.id, profiles, env, named=bank_ref is not None)
    comparison = compare_results(a, b, bank, profiles, phrasing=Moves())
    return ComparisonView(comparison, short_names(profiles))


def _read(ref: str, env: Environment) -> Compared:
    """A number or ``last`` is a kept result (write ./3 for a file named 3); anything else a result file."""
    if KEPT.fullmatch(ref):
        with open_history(env) as history:
            kept = history.get(history.number_of(ref))
        return Compared(kept.result, number=kept.number, saved=kept.saved)
    return Compared(read_result(Path(ref)), file=ref)


def _bank(ref: str, profiles: ProfileSet, env: Environment, *, named: bool) -> LoadedBank | None:
    """The bank to rescore with; a bank the results name that is not shipped is None (a --bank given must load)."""
    try:
        return load_bank(ref, profiles, cache=env.cache_dir)
    except RolefitError:
        if named:
            raise
        return None
