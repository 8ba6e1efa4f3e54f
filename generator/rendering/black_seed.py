"""black's output for the pieces of the package's own modules that every spec renders alike (most
of `_runtime`, `_checks`, `_base`), shipped with clientgen: a first run on a machine with an empty
cache then formats only what its spec makes different, about half of a small package.

Entries are keyed as the cache's are (black's version and mode are in the key), so a seed made by
another black, or for templates that have since changed, only misses: it can never change what a
run produces. A test rebuilds the seed from the golden fixtures and fails when it is stale.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

SEED_FILE = Path(__file__).with_name("black_seed.json")


@lru_cache(maxsize=1)
def seeded() -> dict[str, str]:
    """The shipped entries, {cache key: black's output}; none when the file is absent or unreadable."""
    try:
        entries = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


def common_pieces(packages: Iterable[Iterable[str]]) -> list[str]:
    """The pieces every one of `packages` (each the pieces of one rendered package) holds, in the
    order the first package holds them."""
    sets = [list(dict.fromkeys(pieces)) for pieces in packages]
    if not sets:
        return []
    shared = set(sets[0]).intersection(*sets[1:])
    return [piece for piece in sets[0] if piece in shared]


def seed_text(entries: dict[str, str]) -> str:
    """The seed file's text: sorted keys, one entry per line, so a change reads as a small diff."""
    return json.dumps(dict(sorted(entries.items())), indent=0, ensure_ascii=False) + "\n"
