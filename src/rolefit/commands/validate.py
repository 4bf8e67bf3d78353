"""``rolefit validate``: check banks and profile directories, reporting every problem at once."""

from __future__ import annotations

from pathlib import Path

from rolefit.data.catalog import (
    LoadedBank,
    ProfileSet,
    data_dir,
    load_bank,
    load_profiles,
    shipped_bank_ids,
    shown_path,
)
from rolefit.data.shapes import Validation
from rolefit.data.tasks import load_tasks
from rolefit.errors import DataError, Problem
from rolefit.scoring.balance import position_bias
from rolefit.shipped import SHARED_FILE, TASKS_FILE
from rolefit.views.listing import ValidationReport


def validate_paths(paths: list[Path], profiles_dir: Path | None) -> ValidationReport:
    """Validate the given paths (the shipped data when none, never through a cache); DataError lists every problem."""
    problems: list[Problem] = []
    checked: list[str] = []
    profile_dirs = [p for p in paths if p.is_dir() or p.name == SHARED_FILE or (p.parent / SHARED_FILE).is_file()]
    bank_files = [p for p in paths if p not in profile_dirs]
    if not paths:
        profile_dirs, bank_files = [profiles_dir or data_dir("profiles")], []
    profile_set = None
    for directory in profile_dirs:
        loaded = _profile_dir(directory if directory.is_dir() else directory.parent, checked, problems)
        profile_set = loaded or profile_set
    if profile_set is None and not problems:
        profile_set = load_profiles(profiles_dir)
    if profile_set is not None:
        refs = [str(p) for p in bank_files] if paths else shipped_bank_ids()
        for ref in refs:
            try:
                bank = load_bank(ref, profile_set)
                checked.append(
                    f"{bank.label}: bank {bank.id!r}, {len(bank.items)} items, {_first_options(bank, profile_set)}"
                )
            except DataError as failure:
                problems.extend(failure.problems)
    if problems:
        raise DataError(problems)
    return ValidationReport(Validation(checked=checked))


def _profile_dir(directory: Path, checked: list[str], problems: list[Problem]) -> ProfileSet | None:
    """Validate one profiles directory (and its task matrix, when it has one); its profiles, or None on a problem."""
    if not (directory / SHARED_FILE).exists() and not (directory / SHARED_FILE).is_symlink():
        shown = shown_path(directory)
        message = (
            f"has no {SHARED_FILE}, so it is not a profiles directory: add the trait registry ({SHARED_FILE}) "
            f"to it, or name the bank files in it ({shown}/*.yaml) to validate them"
        )
        problems.append(Problem(shown, 0, 0, "", message))
        return None
    try:
        profile_set = load_profiles(directory)
        checked.append(
            f"{shown_path(directory)}: {len(profile_set.traits)} traits, {len(profile_set.profiles)} profiles"
        )
        if (directory / TASKS_FILE).is_file():
            matrix = load_tasks(profile_set, directory)
            checked.append(f"{shown_path(directory / TASKS_FILE)}: {len(matrix.tasks)} tasks")
    except DataError as failure:
        problems.extend(failure.problems)
        return None
    return profile_set


def _first_options(bank: LoadedBank, profiles: ProfileSet) -> str:
    """Where the bank's first-listed choice options lean (position bias), and whether that is balanced."""
    bias = position_bias(bank, profiles)
    leans = ", ".join(f"{role} {count}" for role, count in bias["first_option_leans"].items())
    verdict = "balanced" if bias["balanced"] else "unbalanced: reorder options so each role leads about equally"
    return f"first options lean {leans} ({verdict})"
