"""``rolefit history``: list the kept results, reopen one, delete one or all (asking first on a terminal)."""

from __future__ import annotations

from pathlib import Path

from rolefit.data.catalog import load_profiles
from rolefit.env import Environment
from rolefit.errors import UsageError
from rolefit.quiz.history import History, HistoryError, history_path
from rolefit.views.history import HistoryListing, KeptShowing, day, entry_standing, short_names
from rolefit.views.output import error


def open_history(env: Environment) -> History:
    """The history in the environment's state directory; its warnings go to stderr."""
    return History(history_path(env), lambda message: error(message, env.stderr))


def list_history(profiles_dir: Path | None, env: Environment) -> HistoryListing:
    """Every kept result, oldest first."""
    with open_history(env) as history:
        listed = history.entries()
    return HistoryListing(listed, short_names(load_profiles(profiles_dir, cache=env.cache_dir)))


def show_history(ref: str, profiles_dir: Path | None, env: Environment) -> KeptShowing:
    """One kept result (a number, or ``last``), to draw as the quiz drew it."""
    with open_history(env) as history:
        kept = history.get(history.number_of(ref))
    return KeptShowing(kept, load_profiles(profiles_dir, cache=env.cache_dir))


def delete_history(ref: str | None, *, every: bool, yes: bool, env: Environment) -> int:
    """Delete one kept result or all of them, after a yes on a terminal (or with ``yes``); how many were deleted."""
    if (ref is None) == (not every):
        raise UsageError("name one result to delete (a number, or last), or pass --all, not both")
    with open_history(env) as history:
        number = history.number_of(ref) if ref is not None else None
        entries = history.entries().results
        if number is not None:
            chosen = [entry for entry in entries if entry.number == number]
            if not chosen:
                raise HistoryError(f"there is no result {number} in the history: `rolefit history` lists them")
            entry = chosen[0]
            what = f"result {number} ({day(entry.saved, time=True)}, {entry_standing(entry, {})})"
        elif not entries:
            error("rolefit: the history is empty: nothing to delete", env.stderr)
            return 0
        else:
            what = "all 1 kept result" if len(entries) == 1 else f"all {len(entries)} kept results"
        if not yes and not _confirmed(f"Delete {what} from the history? [y/N] ", env):
            error("rolefit: nothing deleted", env.stderr)
            return 0
        deleted = history.delete(number)
    error(f"rolefit: deleted {what}", env.stderr)
    return deleted


def _confirmed(question: str, env: Environment) -> bool:
    """A yes typed at the terminal; without one to ask at, --yes is the way."""
    if not env.stdin_isatty or env.stdin is None or env.stderr is None:
        raise UsageError("there is no terminal to confirm at: pass --yes to delete without asking")
    env.stderr.write(question)
    env.stderr.flush()
    return env.stdin.readline().strip().lower() in ("y", "yes")
