"""Make text from data files safe to print: no terminal control sequences get through."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (which include the 8-bit CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Text with control characters (and so escape sequences) replaced by a visible mark."""
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)
