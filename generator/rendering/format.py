"""black, in-process, with one fixed configuration: cheap by never formatting the same text twice.

A module is cut between top-level classes and functions, where black always puts exactly two
blank lines, and each piece is formatted on its own: the result is byte for byte what black gives
for the whole file, but each piece can be looked up in the content-addressed cache (cache.py) and
a regeneration reformats only the pieces that changed. Pieces that miss the cache are spread over
the cores by a forked process pool when there are enough of them to pay for it.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import re
from collections.abc import Callable, Collection, Iterable
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from typing import TYPE_CHECKING

from ..foundation import cache, dist_versions, oneshot
from . import async_twins, black_helper, black_seed
from .layout import LINE_LENGTH
from .pysource import method_cuts, relaid_only, respelled_literals_only, top_level_cuts

if TYPE_CHECKING:
    import black

# black is imported only when a piece has to be formatted: a run that finds every piece in the
# cache or the seed never pays for its import (about 0.1 s of a warm run's 0.6 s).
_LINE_LENGTH = LINE_LENGTH  # the layouts the templates print are measured against it too
_TARGET = "PY310"
_CACHE_NAMESPACE = "black"
# Whole modules, once formatted: what a warm run of an unchanged package finds.
_MODULE_NAMESPACE = "black-modules"
# black's version and the mode's settings: every other setting of the mode is black's default,
# which its version fixes (test_unit_black_form checks the mode is what this says).
_CACHE_SALT = f"black {dist_versions.version('black')} line-length {_LINE_LENGTH} target {_TARGET}"
# Below this many lines to format (a quarter of a second of black), forking a pool costs more than
# it saves (measured on 2 cores: 0.15 s saved on a 2,000-line package).
_POOL_MIN_LINES = 1000
_BATCH_LINES = 400
_AHEAD_SAMPLE = 20  # units looked up to tell whether formatting ahead is worth it


@lru_cache(maxsize=1)
def black_mode() -> black.Mode:
    """The one configuration every piece is formatted with."""
    import black

    return black.Mode(
        target_versions={getattr(black.TargetVersion, _TARGET)}, line_length=_LINE_LENGTH
    )


def _black(source: str) -> str:
    """`black.format_str(source)`, without its second pass where that pass cannot change anything.

    The second pass exists for what the first one adds that black reads back differently (a
    trailing comma it added is "magic" the next time, parentheses it added are the source's own).
    Black lays code out from its tokens alone, save for a few things it keeps from the source's
    layout: magic trailing commas (tokens too), comments, backslash continuations and blank lines.
    A first pass that changed none of those and added or dropped no token, only laid lines out
    otherwise or respelled literals (a string's quotes, prefix or escapes, a number's exponent or
    prefix: the same value, which black respells as it reads, before it measures a line), leaves
    the second pass what the first one read: its result is the first pass's.
    """
    import black

    mode = black_mode()
    # One pass of black's formatter; `black.format_str` runs it a second time over its own
    # output whenever the first pass changed anything. Private to black: without it, format_str.
    format_once: Callable[..., str] | None = getattr(black, "_format_str_once", None)
    if format_once is None:
        return black.format_str(source, mode=mode)
    once = format_once(source, mode=mode)
    if once == source or respelled_literals_only(source, once) or relaid_only(source, once):
        return once
    return format_once(once, mode=mode)


def seed_key(source: str) -> str:
    """The key of black's output for `source`, in the cache and in the shipped seed."""
    return cache.make_key(_CACHE_SALT, source)


def _black_many(sources: list[str]) -> list[str]:
    return [_black(source) for source in sources]


def split_module(source: str) -> list[str]:
    """`source` cut into pieces that black formats the same apart as together (joined by two blank
    lines). A cut falls only between two top-level class or function definitions separated by
    blank lines alone, where black always puts exactly two; anything unusual stays in one piece.
    """
    cuts = top_level_cuts(source)
    return [
        source[begin:end].strip("\n") + "\n"
        for begin, end in zip([0, *cuts], [*cuts, len(source)])
    ]


def _join(pieces: list[str]) -> str:
    return "\n\n".join(pieces)


def _worker_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _batches(sources: list[str]) -> list[list[str]]:
    """Sources grouped into batches of about _BATCH_LINES lines, largest first (for balance)."""
    batches: list[list[str]] = []
    current: list[str] = []
    size = 0
    for source in sorted(sources, key=lambda s: -s.count("\n")):
        current.append(source)
        size += source.count("\n")
        if size >= _BATCH_LINES:
            batches.append(current)
            current, size = [], 0
    if current:
        batches.append(current)
    return batches


def _format_all(sources: Iterable[str], meanwhile: Callable[[], None] = lambda: None) -> dict[str, str]:
    """black's output for each distinct source, from the cache where it can.

    `meanwhile` runs in this process while the pool formats, or first when there is no pool; an
    exception from it stops the formatting and propagates.
    """
    unique = list(dict.fromkeys(sources))
    keys = {source: seed_key(source) for source in unique}
    results: dict[str, str] = {}
    found = cache.get_many(_CACHE_NAMESPACE, keys.values())
    seeded = black_seed.seeded()
    for source in unique:
        known = found.get(keys[source]) or seeded.get(keys[source])
        if known is not None:
            results[source] = known
    twins = {twin: sync for twin, sync in async_twins.pair_twins(unique).items() if twin not in results}
    missing = [source for source in unique if source not in results and source not in twins]
    results.update(_format_missing(missing, keys, meanwhile))
    derived = {
        twin: async_twins.derive(sync, results[sync], _LINE_LENGTH) for twin, sync in twins.items()
    }
    for twin, output in derived.items():
        if output is not None:
            results[twin] = output
            cache.put(_CACHE_NAMESPACE, keys[twin], output)
    results.update(_format_missing([twin for twin, output in derived.items() if output is None], keys))
    return results


def _format_missing(
    missing: list[str], keys: dict[str, str], meanwhile: Callable[[], None] = lambda: None
) -> dict[str, str]:
    """black's output for each of `missing`, spread over a pool of processes when they are many
    enough to pay for it; each is written to the cache. `meanwhile` as for _format_all.

    A class is formatted a method at a time (`_units`): a method that black's first pass changes
    costs a second pass over that method alone, a regeneration reformats only the methods that
    changed, and the pool's largest task is a method rather than a class of thousands of lines.
    """
    units_of = {source: _units(source) for source in missing}
    unit_keys = {unit: seed_key(unit) for units in units_of.values() for unit in units}
    cut = [unit_keys[unit] for source, units in units_of.items() if len(units) > 1 for unit in units]
    found = cache.get_many(_CACHE_NAMESPACE, cut) if cut else {}
    done = {unit: found[key] for unit, key in unit_keys.items() if key in found}
    todo = [unit for unit in unit_keys if unit not in done]
    formatted, kept = _black_all(todo, meanwhile)
    done.update(zip(todo, formatted))
    if not kept:
        for unit in todo:
            cache.put(_CACHE_NAMESPACE, unit_keys[unit], done[unit])
    results = {}
    for source, units in units_of.items():
        joined = _join_units([done[unit] for unit in units]) if len(units) > 1 else done[source]
        results[source] = joined if joined is not None else _black(source)
        if len(units) > 1:
            cache.put(_CACHE_NAMESPACE, keys[source], results[source])
    return results


def format_ahead(files: dict[str, str], leave_out: Collection[str] = ()) -> None:
    """Have the run's black helper, if it has one, format the units of `files` (a method, or a
    piece that has none) that neither the cache nor the seed holds, while this process waits for
    something else; the async twins are left out (they are derived from their sync twins), and so
    are the methods named in `leave_out`. The helper stops at this process's next request and
    keeps each unit in the cache as it goes."""
    helper = black_helper.current()
    if helper is None:
        return
    pieces = [piece for path, text in files.items() if path.endswith(".py") for piece in split_module(text)]
    twins = async_twins.pair_twins(pieces)
    units = list(dict.fromkeys(
        unit for piece in pieces if piece not in twins for unit in _units(piece)
        if _first_method(unit) not in leave_out
    ))
    keys = {unit: seed_key(unit) for unit in units}
    seeded = black_seed.seeded()
    unseeded = [unit for unit in units if keys[unit] not in seeded]
    # A package formatted before has most of these in the cache: then formatting the few it
    # lacks would only take CPU from the model generator (a regeneration). Asked of a sample first.
    sample = unseeded[:: max(1, len(unseeded) // _AHEAD_SAMPLE)]
    if len(cache.get_many(_CACHE_NAMESPACE, (keys[unit] for unit in sample))) * 2 > len(sample):
        return
    found = cache.get_many(_CACHE_NAMESPACE, (keys[unit] for unit in unseeded))
    todo = [unit for unit in unseeded if keys[unit] not in found]
    if todo:
        helper.format_ahead(todo)


_METHOD_DEF = re.compile(r"^    (?:async )?def (\w+)\(", re.MULTILINE)


def _first_method(unit: str) -> str | None:
    """The name of the first method a unit defines: the one it holds, for a unit cut out of a class."""
    found = _METHOD_DEF.search(unit)
    return found.group(1) if found else None


def formatted_ahead(units: list[str], stop: Callable[[], bool]) -> None:
    """In black's helper: black's output for each of `units`, kept in the cache, until `stop()`."""
    with oneshot.collecting():  # black's trees point back to their parents
        for unit in units:
            if stop():
                return
            keep(unit, _black(unit))


def _black_all(sources: list[str], meanwhile: Callable[[], None]) -> tuple[list[str], bool]:
    """black's output for each of `sources`, in order: by the run's helper process where it has
    one (black_helper.py), else here; and whether the helper keeps it in the cache (it does that
    once it has answered, while this process goes on)."""
    if not sources:  # nothing for black: above all, no collection of this process's heap
        meanwhile()
        return [], False
    helper = black_helper.current()
    if helper is not None:
        formatted = helper.format(sources, meanwhile)
        return (formatted, True) if formatted is not None else (black_here(sources), False)
    return black_here(sources, meanwhile), False


def keep(source: str, formatted: str) -> None:
    """black's output for `source`, kept in the cache."""
    cache.put(_CACHE_NAMESPACE, seed_key(source), formatted)


def black_here(sources: list[str], meanwhile: Callable[[], None] = lambda: None) -> list[str]:
    """black's output for each of `sources`, in order, formatted by this process or over a pool
    forked from it when they are many enough; `meanwhile` as for _format_all."""
    with oneshot.collecting():  # black's trees point back to their parents
        return _black_here(sources, meanwhile)


def _black_here(sources: list[str], meanwhile: Callable[[], None]) -> list[str]:
    if sources:
        black_mode()  # imported here, once, rather than in each worker after the fork
    workers = min(_worker_count(), len(sources))
    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork and workers > 1 and sum(s.count("\n") for s in sources) >= _POOL_MIN_LINES:
        batches = _batches(sources)
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        try:
            results_in_order = pool.map(_black_many, batches)
            meanwhile()  # this process would only wait for the pool otherwise
            formatted = {s: out for batch, outs in zip(batches, results_in_order)
                         for s, out in zip(batch, outs)}
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return [formatted[source] for source in sources]
    meanwhile()
    return _black_many(sources)


# A method is formatted inside a class of its own, so that black indents it as a method.
_CLASS_WRAPPER = "class _:\n"


def _units(source: str) -> list[str]:
    """`source` cut before each method of a class that follows another (pysource.method_cuts):
    the class up to its second method, then each method inside `_CLASS_WRAPPER`."""
    cuts = method_cuts(source)
    if not cuts:
        return [source]
    bounds = [0, *cuts, len(source)]
    pieces = [source[begin:end].strip("\n") + "\n" for begin, end in itertools.pairwise(bounds)]
    return [pieces[0], *(_CLASS_WRAPPER + piece for piece in pieces[1:])]


def _join_units(formatted: list[str]) -> str | None:
    """The class from black's output for each of its `_units`: one blank line between methods,
    as black puts it. None if black's output for a method is not inside its wrapper."""
    first, *methods = formatted
    if not all(method.startswith(_CLASS_WRAPPER) for method in methods):
        return None
    return "\n".join([first, *(method[len(_CLASS_WRAPPER):] for method in methods)])


_CODE_BLOCK = re.compile(r"(```python\n)(.*?)(```)", re.DOTALL)


def format_files(files: dict[str, str], meanwhile: Callable[[], None] = lambda: None) -> dict[str, str]:
    """Every .py file formatted, and every python block of every .md file; one pass over the cores.

    A module formatted before is taken whole from the cache, without cutting it into pieces: a
    warm run of a 1,000-operation package skips some 20,000 lookups. `meanwhile` is other work for
    this process, done while worker processes format (a check that must pass before the result is
    used: an exception from it is raised instead of any result).
    """
    module_keys = {path: seed_key(text) for path, text in files.items() if path.endswith(".py")}
    known = cache.get_many(_MODULE_NAMESPACE, module_keys.values())
    pieces = {path: split_module(files[path]) for path, key in module_keys.items() if key not in known}
    blocks = [m.group(2) for path, text in files.items() if path.endswith(".md")
              for m in _CODE_BLOCK.finditer(text)]
    done = _format_all([p for parts in pieces.values() for p in parts] + blocks, meanwhile)
    formatted = {}
    for path, text in files.items():
        if path in pieces:
            text = _join([done[piece] for piece in pieces[path]])
            cache.put(_MODULE_NAMESPACE, module_keys[path], text)
        elif path in module_keys:
            text = known[module_keys[path]]
        elif path.endswith(".md"):
            text = _CODE_BLOCK.sub(lambda m: m.group(1) + done[m.group(2)] + m.group(3), text)
        formatted[path] = text
    return formatted
