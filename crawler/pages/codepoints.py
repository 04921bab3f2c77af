"""Text a page gives is valid Unicode before it becomes an item.

The HTML parser already turns NUL and unpaired surrogates into U+FFFD, but JSON-LD's
escapes reach Python unchecked: ``"\\u0000"`` and a lone ``"\\ud800"`` decode to characters
that no sink takes (UTF-8 cannot encode a surrogate; PostgreSQL refuses NUL in text and
jsonb). They carry no text, so they are removed, and counted.
"""
from __future__ import annotations

import re
from typing import Any

INVALID = re.compile("[\x00\ud800-\udfff]")


def valid(text: str) -> tuple[str, int]:
    """``text`` without NUL and surrogates, and how many were removed."""
    return INVALID.subn("", text)


def valid_json(data: Any) -> tuple[Any, int]:
    """Parsed JSON with every string (keys too) made ``valid``, and how many characters went."""
    if isinstance(data, str):
        return valid(data)
    if isinstance(data, list):
        out, removed = [], 0
        for value in data:
            value, n = valid_json(value)
            out.append(value)
            removed += n
        return out, removed
    if isinstance(data, dict):
        obj, removed = {}, 0
        for key, value in data.items():
            key, k = valid(key)
            value, n = valid_json(value)
            obj[key] = value
            removed += k + n
        return obj, removed
    return data, 0
