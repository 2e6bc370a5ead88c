"""Front matter we write, one ``key: <JSON>`` line per key.

JSON is YAML 1.2 flow syntax, so every builder's YAML reader takes these lines as they
are, and :func:`json.dumps` writes megabytes of JSON-LD in milliseconds where a YAML
dumper (even libyaml's, whose representer is Python) took seconds per period page.

A few characters are legal raw in JSON but not in a YAML stream: C1 controls and DEL
are refused, NEL (U+0085) is read as a line break inside a quoted string, and U+2028,
U+2029, U+FEFF, U+FFFE and U+FFFF are line breaks, a BOM or non-characters to YAML. Those
are written as ``\\uXXXX`` escapes, which both languages read back to the same text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

_NOT_RAW_IN_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def value_text(value: Any) -> str:
    """``value`` as one line of JSON that YAML reads back as the same value."""
    text = json.dumps(value, ensure_ascii=False)
    return _NOT_RAW_IN_YAML.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def lines(meta: Mapping[str, Any]) -> str:
    """``key: value`` lines (each ending in a newline) for keys that are plain YAML names."""
    return "".join(f"{key}: {value_text(value)}\n" for key, value in meta.items())
