"""``rolefit bank ...`` and ``rolefit profile ...``: the shipped data, for bank authors, as JSON or as tables."""

from __future__ import annotations

from pathlib import Path

from rolefit.data.catalog import load_bank, load_profiles, shipped_bank_ids
from rolefit.data.shapes import bank_detail, bank_list, profile_list
from rolefit.env import Environment
from rolefit.views.listing import BankListing, BankShowing, ProfileListing, ProfileShowing


def list_banks(env: Environment) -> BankListing:
    """The shipped banks."""
    profiles = load_profiles(cache=env.cache_dir)
    return BankListing(bank_list([load_bank(bank_id, profiles, cache=env.cache_dir) for bank_id in shipped_bank_ids()]))


def show_bank(ref: str, profiles_dir: Path | None, env: Environment) -> BankShowing:
    """One bank's items with their sources and effects."""
    profiles = load_profiles(profiles_dir, cache=env.cache_dir)
    return BankShowing(bank_detail(load_bank(ref, profiles, cache=env.cache_dir)), tuple(profiles.shared.sources))


def list_profiles(profiles_dir: Path | None, env: Environment) -> ProfileListing:
    """The role profiles."""
    return ProfileListing(profile_list(load_profiles(profiles_dir, cache=env.cache_dir)))


def show_profile(role: str, profiles_dir: Path | None, env: Environment) -> ProfileShowing:
    """One role profile."""
    profiles = load_profiles(profiles_dir, cache=env.cache_dir)
    return ProfileShowing(profiles.profile(role), profiles)
