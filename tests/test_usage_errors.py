"""Usage errors (typer's own and rolefit's) are one inert line that starts with ``rolefit:``, exit 2.

typer's parser echoes what was typed (an unknown option, a bad value, an extra argument), so a name holding a
right-to-left override, a line separator, a zero-width character or ESC must reach the terminal as a mark.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.errors import EXIT_USAGE
from rolefit.textsafe import UNSAFE

runner = CliRunner()
HOSTILE = {
    "rlo": "\u202e",
    "line-separator": "\u2028",
    "zero-width-space": "\u200b",
    "esc": "\x1b]0;PWNED\x07",
    "newline": "\nrolefit: all good",
}
USAGE_MISTAKES = {
    "unknown-option": lambda bad: ["quiz", f"--a{bad}b"],
    "bad-option-value": lambda bad: ["analyze", "-n", f"x{bad}"],
    "extra-argument": lambda bad: ["bank", "list", f"x{bad}"],
    "unknown-command": lambda bad: [f"x{bad}"],
    "bad-choice-for-a-group": lambda bad: ["bank", f"x{bad}"],
}


def _one_usage_line(args: list[str]) -> str:
    """Run rolefit in-process with a usage mistake: exit 2, nothing on stdout, one line on stderr; that line."""
    result = runner.invoke(app, args)
    assert result.exit_code == EXIT_USAGE, (args, result.stdout, result.stderr, result.exception)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("bad", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("mistake", USAGE_MISTAKES.values(), ids=USAGE_MISTAKES.keys())
def test_a_usage_error_is_one_inert_line(mistake, bad: str) -> None:  # type: ignore[no-untyped-def]
    """What typer echoes back from the command line is inert: the hostile characters become the mark."""
    line = _one_usage_line(mistake(bad))
    assert line.startswith("rolefit: ")
    assert UNSAFE.search(line) is None, repr(line)


@pytest.mark.parametrize(
    ("args", "says", "help_for"),
    [
        (["quiz", "--nope"], "rolefit: no such option: --nope", "rolefit quiz"),
        (["analyze", "-n", "many"], "rolefit: invalid value for '--respondents' / '-n'", "rolefit analyze"),
        (["bank", "show"], "rolefit: missing argument 'ID|FILE'", "rolefit bank show"),
        (["bank", "list", "extra"], "rolefit: got unexpected extra argument(s) (extra)", "rolefit bank list"),
    ],
)
def test_a_usage_error_says_what_and_where_to_look(args: list[str], says: str, help_for: str) -> None:
    """The parser's own words, then the fix: the help of the command that was mistyped."""
    line = _one_usage_line(args)
    assert line.startswith(says) and line.endswith(f"see `{help_for} --help`"), line


def test_no_arguments_still_shows_the_help() -> None:
    """`rolefit` alone is not a mistake to report in one line: it shows the help (and exits 2, as typer does)."""
    result = runner.invoke(app, [])
    assert "Usage: rolefit" in result.stdout + result.stderr and "Commands" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["explain", ""], "rolefit: the result file name is empty: name a result saved with `rolefit quiz --output"),
        (["score", ""], "rolefit: a file name to score is empty: name an answers file or a JSON Lines stream"),
        (["score", "-", ""], "rolefit: a file name to score is empty: name an answers file or a JSON Lines stream"),
        (["validate", ""], "rolefit: a path to validate is empty: name a bank file or a profiles directory"),
    ],
)
def test_an_empty_path_is_a_usage_error_not_the_current_directory(args: list[str], says: str) -> None:
    """`''` names no file: it is refused before anything is read, never taken as `.`."""
    assert _one_usage_line(args).startswith(says)


@pytest.mark.parametrize("args", [["quiz", "--seed"], ["analyze", "-n"], ["analyze", "--adaptive"]])
def test_a_number_too_long_to_read_is_named_with_the_fix(args: list[str]) -> None:
    """A 5000-digit number for an option gets rolefit's words and a fix, not the parser's 'exceeded maximum size'."""
    done = CliRunner().invoke(app, [*args, "9" * 5000])
    assert done.exit_code == EXIT_USAGE
    assert done.stderr.startswith("rolefit: invalid value for ") and f"'{args[1]}'" in done.stderr
    assert "': a number of more than 4300 digits: write a whole number of ordinary size: see `rolefit" in done.stderr
    assert "maximum size" not in done.stderr and len(done.stderr.splitlines()) == 1
