"""The spec-text check (ast_check.py) remembered module by module, so that a regeneration looks in
each module only for the spec texts it has not been searched for.

A verdict depends on a module's text and on the fragments looked for. After a small change of the
spec most modules render byte for byte as before, but the fragments differ a little (a new
description is a new fragment): a verdict kept for the whole set would never be found again. So
the cache keeps, for each module text found clean, the digest of the fragments it was found clean
of, and under that digest the fragments themselves. A module is then searched only for fragments
it was not searched for, if any: after a one-field change of Kombo's full spec, 0.13 s of the
check's 0.18 s was spent on a client module that had not changed. A problem is never remembered.
"""

from __future__ import annotations

import json

from ..foundation import cache
from ..foundation.diagnostics import Diagnostic
from ..foundation.fingerprint import generator_fingerprint
from ..reading.loader import LoadedSpec
from .ast_check import SpecTexts, problems_by_module

_CLEAN = "spec-text-clean"  # a module's text -> the digest of the fragments it is clean of
_FRAGMENTS = "spec-text-fragments"  # a digest -> those fragments


def checked_problems(spec: LoadedSpec, modules: dict[str, str], texts: SpecTexts) -> list[Diagnostic]:
    """`ast_check.spec_text_problems(spec, modules, texts)`, searching each module only for the
    fragments it has not been found clean of before."""
    keys = {path: cache.make_key(generator_fingerprint(), path, text) for path, text in modules.items()}
    verdicts = cache.get_many(_CLEAN, keys.values())
    todo = {path: text for path, text in modules.items() if verdicts.get(keys[path]) != texts.digest}
    known: dict[str, frozenset[str] | None] = {}
    clean_of: dict[str, frozenset[str]] = {}
    for path in todo:
        digest = verdicts.get(keys[path])
        if digest is not None:
            if digest not in known:
                known[digest] = _fragments(digest)
            fragments = known[digest]
            if fragments is not None:
                clean_of[path] = fragments
    found = problems_by_module(spec, todo, texts, clean_of)
    clean = [path for path, problems in found.items() if not problems]
    if clean:
        if cache.get(_FRAGMENTS, texts.digest) is None:  # before any verdict that names them
            cache.put(_FRAGMENTS, texts.digest, json.dumps(sorted(texts.fragments)))
        for path in clean:
            cache.put(_CLEAN, keys[path], texts.digest)
    return [problem for problems in found.values() for problem in problems]


def _fragments(digest: str) -> frozenset[str] | None:
    """The fragments kept under `digest`; None where they are missing or unreadable."""
    text = cache.get(_FRAGMENTS, digest)
    try:
        fragments = json.loads(text) if text is not None else None
    except ValueError:
        return None
    if not isinstance(fragments, list) or not all(isinstance(f, str) for f in fragments):
        return None
    return frozenset(fragments)
