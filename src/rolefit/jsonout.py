"""The one way rolefit writes JSON: the json module (never a console that wraps lines), every control escaped.

json escapes C0 controls by itself but leaves DEL and the C1 controls (U+0080-U+009F, U+009B being an
8-bit CSI) raw, which a terminal would act on; they are escaped here too, so any JSON rolefit writes,
to stdout or to a file, is inert when shown.
"""

from __future__ import annotations

import json
import re
from typing import IO, Any

from rolefit.errors import StdoutClosed, writing_to

_C1 = re.compile("[\x7f-\x9f]")


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """A JSON document as text, one trailing newline; indent None gives one compact line."""
    separators = (",", ":") if indent is None else None
    text = json.dumps(data, indent=indent, ensure_ascii=False, separators=separators)
    return _C1.sub(lambda found: f"\\u{ord(found.group()):04x}", text) + "\n"


def write_json(data: Any, stream: IO[Any] | None, *, indent: int | None = 2) -> None:
    """Write a JSON document to stdout (the Environment's; None when closed) and flush it; failures are OutputFailed."""
    if stream is None:
        raise StdoutClosed
    with writing_to("stdout"):
        stream.write(json_text(data, indent=indent))
        stream.flush()
