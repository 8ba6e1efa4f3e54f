"""The seeds shipped with clientgen (black's output, compiled templates): one JSON object of
{key: text} per file, read as empty when it is absent or unreadable, so a seed can only miss."""

from __future__ import annotations

import json
from pathlib import Path


def read_seed(path: Path) -> dict[str, str]:
    """The entries of the seed at `path`; none when the file is absent or unreadable."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


def seed_text(entries: dict[str, str]) -> str:
    """A seed file's text: sorted keys, one entry per line, so a change reads as a small diff."""
    return json.dumps(dict(sorted(entries.items())), indent=0, ensure_ascii=False) + "\n"
