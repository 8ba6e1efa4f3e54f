"""The async resource classes of a client, derived from black's output for their sync twins.

The client template renders each resource class twice: the async class is the sync one with
`async def` operations, `await`ed sends and `Async` names. black would spend as long on the twin as
on the original (about a quarter of a large package's formatting), yet every line the two differ
on is one black leaves as it is: a one-line statement that still fits, or the head of a bracket
that stays exploded whatever its length (the sends and signatures end in a magic trailing comma).
So the twin is the same edits made to black's output for the sync class, taken only when

- the edits turn the sync class's source into exactly the async class's source, and
- they find in black's output the same lines, as many of each, and every edited line still fits.

Anything else (a long class name pushing a line past the limit, an edit black's output does not
show) leaves the twin to black. A test compares every generated file with black's own output.
"""

from __future__ import annotations

import re

# Each edit and the line it rewrites, whole; the count of each must agree between source and output.
_EDITS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.MULTILINE), replacement)
    for pattern, replacement in (
        (r"^class (\w+):$", r"class Async\1:"),
        (r"^    def __init__\(self, api: SyncAPI\) -> None:$", r"    def __init__(self, api: AsyncAPI) -> None:"),
        (r"^    def with_raw_response\(self\) -> (\w+):$", r"    def with_raw_response(self) -> Async\1:"),
        (r"^        return (\w+)\(self\)$", r"        return Async\1(self)"),
        (r"^    def (?!__init__\(|with_raw_response\()(\w+)\($", r"    async def \1("),
        (r"^        (response = )?self\._api\.send\($", r"        \1await self._api.send("),
    )
)

def _edited(source: str) -> tuple[str, tuple[int, ...]]:
    counts = []
    for pattern, replacement in _EDITS:
        source, count = pattern.subn(replacement, source)
        counts.append(count)
    return source, tuple(counts)


def pair_twins(sources: list[str]) -> dict[str, str]:
    """{async class source: its sync twin's source} for the classes among `sources` that are
    exactly the edits of another one of them."""
    present = set(sources)
    twins = {}
    for source in sources:
        if not source.startswith("class ") or "SyncAPI" not in source:
            continue
        twin, _ = _edited(source)
        if twin != source and twin in present:
            twins[twin] = source
    return twins


def derive(sync_source: str, sync_formatted: str, line_length: int) -> str | None:
    """black's output (at `line_length`) for the async twin of `sync_source`, from black's output
    for it; None where that cannot be told without black."""
    _, expected_counts = _edited(sync_source)
    twin, counts = _edited(sync_formatted)
    if counts != expected_counts:
        return None
    for before, after in zip(sync_formatted.split("\n"), twin.split("\n")):
        if after != before and (len(after) > line_length or not after.isascii()):
            return None
    return twin
