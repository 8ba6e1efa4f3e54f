"""black's output for the pieces of the package's own modules that every spec renders alike (most
of `_runtime`, `_checks`, `_base`), shipped with clientgen: a first run on a machine with an empty
cache then formats only what its spec makes different, about half of a small package.

Entries are keyed as the cache's are (black's version and mode are in the key), so a seed made by
another black, or for templates that have since changed, only misses: it can never change what a
run produces. A test rebuilds the seed from the golden fixtures and fails when it is stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .seed_file import read_seed, seed_text

__all__ = ["SEED_FILE", "common_pieces", "seed_text", "seeded"]

SEED_FILE = Path(__file__).with_name("black_seed.json")


@lru_cache(maxsize=1)
def seeded() -> dict[str, str]:
    """The shipped entries, {cache key: black's output}."""
    return read_seed(SEED_FILE)


def common_pieces(packages: Iterable[Iterable[str]]) -> list[str]:
    """The pieces every one of `packages` (each the pieces of one rendered package) holds, in the
    order the first package holds them."""
    sets = [list(dict.fromkeys(pieces)) for pieces in packages]
    if not sets:
        return []
    shared = set(sets[0]).intersection(*sets[1:])
    return [piece for piece in sets[0] if piece in shared]
