"""The one way rolefit writes JSON: the json module (never a console that wraps lines), every control escaped.

json escapes C0 controls by itself but leaves DEL and the C1 controls (U+0080-U+009F, U+009B being an
8-bit CSI) raw, which a terminal would act on, and the invisible and reordering characters that
``textsafe`` marks (bidirectional overrides, zero-width characters, line separators); they are escaped
here too (``escape_unsafe``), so any JSON rolefit writes, to stdout or to a file, is inert when shown
and still reads back as the same data.
"""

from __future__ import annotations

import json
import re
from typing import IO, Any

from rolefit.errors import StdoutClosed, writing_to
from rolefit.textsafe import UNSAFE


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code > 0xFFFF:  # JSON spells a character beyond the BMP as its UTF-16 surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def escape_unsafe(text: str) -> str:
    """JSON text with every character a terminal would act on or hide written as a \\u escape."""
    return UNSAFE.sub(_escape, text)


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """A JSON document as text, one trailing newline; indent None gives one compact line."""
    separators = (",", ":") if indent is None else None
    text = json.dumps(data, indent=indent, ensure_ascii=False, separators=separators)
    return escape_unsafe(text) + "\n"


def write_json(data: Any, stream: IO[Any] | None, *, indent: int | None = 2) -> None:
    """Write a JSON document to stdout (the Environment's; None when closed) and flush it; failures are OutputFailed."""
    if stream is None:
        raise StdoutClosed
    with writing_to("stdout"):
        stream.write(json_text(data, indent=indent))
        stream.flush()
