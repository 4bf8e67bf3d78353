"""Make text from data files safe to print: no terminal control sequences, no invisible or reordering characters.

Replaced by a visible mark:

- C0 controls except tab and newline, DEL, and C1 controls (which include the 8-bit CSI): a terminal acts on them;
- every Unicode format character (category Cf): bidirectional overrides, embeddings and isolates (U+202A-U+202E,
  U+2066-U+2069, the "Trojan Source" trick), zero-width spaces and joiners, the BOM, invisible operators, and the
  tag characters (U+E0000 block) that can hide text;
- the line and paragraph separators U+2028 and U+2029, which some terminals and editors break lines at.

The Cf ranges are Unicode 15's (tests/test_channels.py checks them against this Python's unicodedata).
"""

from __future__ import annotations

import re

MARK = "\N{REPLACEMENT CHARACTER}"
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_SEPARATORS = "\u2028\u2029"
# What a terminal would act on or hide, and what JSON leaves raw (jsonout escapes these as \uXXXX).
UNSAFE = re.compile(f"[{_CONTROLS}{_FORMAT}{_SEPARATORS}]")
_UNSAFE_OR_LINE_BREAK = re.compile(f"[\n\r{_CONTROLS}{_FORMAT}{_SEPARATORS}]")


def clean(text: str) -> str:
    """Text with control, format and separator characters (and so escape sequences) replaced by a visible mark."""
    return UNSAFE.sub(MARK, text)


def one_line(text: str) -> str:
    """``clean``, and a line break from the data becomes the mark too, so one message stays one line."""
    return _UNSAFE_OR_LINE_BREAK.sub(MARK, text)
