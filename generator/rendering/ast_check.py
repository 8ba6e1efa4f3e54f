"""The last check before writing: spec text appears in generated Python only inside strings.

Spec text legitimately becomes code in one way only: as an identifier made by naming.py, which is
letters, digits and `_`. Any other spec string could change what the code does if it were pasted
in raw, so each one of at least `MIN_LENGTH` characters holding anything besides letters, digits,
`_` and spaces is looked up in every generated module, whole and line by line (a template could
strip or split it). Every occurrence must lie wholly inside one plain string literal (a docstring
included; f-strings do not count) or one comment. Text that was escaped on its way in (a docstring's
`\\"`, a repr's `\\n`) no longer matches, which is the point: only raw text is dangerous.

The check runs on the rendered modules before black, which would reformat leaked code (quotes,
spacing) until it no longer reads like the spec text.

A spec string that merely looks like a piece of the generated code (`str | None = None`) is refused
too; that costs a rename in a description and can never let code through. Every identifier token must
also be ASCII, since Python folds look-alike Unicode identifiers into one another.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..foundation.diagnostics import Diagnostic
from ..reading.loader import LoadedSpec, PathParts
from .pysource import Inert, first_non_ascii_code_line, scan

MIN_LENGTH = 8
_FEW = 50  # fragments to look for in a module, below which its words are not indexed
_HARMLESS = re.compile(r"[A-Za-z0-9_ ]*")
_WORD = re.compile(r"\w+")


def _strings(data: Any) -> Iterator[tuple[str, PathParts]]:
    """Every string in the document, keys included, with where it sits."""
    pending: list[tuple[Any, PathParts]] = [(data, ())]
    while pending:
        node, parts = pending.pop()
        if isinstance(node, str):
            yield node, parts
        elif isinstance(node, dict):
            for key, value in node.items():
                yield str(key), parts + (key,)
                pending.append((value, parts + (key,)))
        elif isinstance(node, list):
            pending.extend((value, parts + (index,)) for index, value in enumerate(node))


def _searched(text: str) -> bool:
    return len(text) >= MIN_LENGTH and _HARMLESS.fullmatch(text) is None


def spec_fragments(data: Any, extra: tuple[str, ...] = ()) -> dict[str, PathParts]:
    """The spec texts to look for, each with the first place it comes from."""
    fragments: dict[str, PathParts] = {}
    for text, parts in [*_strings(data), *((e, ()) for e in extra)]:
        for fragment in (text, *(line.strip() for line in text.splitlines())):
            if _searched(fragment) and fragment not in fragments:
                fragments[fragment] = parts
    return fragments


class _Occurrences:
    """Finds every occurrence of many fragments in one big module without scanning it once per
    fragment: a fragment with a word inside it (bounded by other characters on both sides) can only
    occur where that whole word does, so the module's words are indexed once."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._words: dict[str, list[int]] | None = None

    def _index(self) -> dict[str, list[int]]:
        if self._words is None:
            self._words = {}
            for match in _WORD.finditer(self._source):
                self._words.setdefault(match.group(), []).append(match.start())
        return self._words

    def __call__(self, fragment: str, anchor: tuple[str, int] | None) -> Iterator[int]:
        """Where `fragment` occurs; `anchor` is its `_anchor`, worked out once for every module."""
        if anchor is None:
            found = self._source.find(fragment)
            while found >= 0:
                yield found
                found = self._source.find(fragment, found + 1)
            return
        word, offset = anchor
        for position in self._index().get(word, ()):
            if position >= offset and self._source.startswith(fragment, position - offset):
                yield position - offset


def _anchor(fragment: str) -> tuple[str, int] | None:
    """The longest word wholly inside `fragment` (not at either end), and where it starts."""
    best: tuple[str, int] | None = None
    for match in _WORD.finditer(fragment):
        inside = 0 < match.start() and match.end() < len(fragment)
        if inside and (best is None or len(match.group()) > len(best[0])):
            best = (match.group(), match.start())
    return best


def _first_exposed(occurrences: Iterator[int], length: int, inert: Inert) -> int | None:
    """The first occurrence of a fragment of `length` that is not inside one inert span."""
    for found in occurrences:
        span = bisect.bisect_right(inert.starts, found) - 1
        if span < 0 or found + length > inert.ends[span]:
            return found
    return None


@dataclass(frozen=True)
class SpecTexts:
    """What the check looks for in one spec: its fragments, each with where it comes from and its
    anchor. It depends on the spec alone, so it can be worked out before anything is rendered."""

    fragments: dict[str, PathParts]
    anchors: dict[str, tuple[str, int] | None]

    @cached_property
    def digest(self) -> str:
        """Names this set of fragments: a module found clean of them is clean of them again."""
        return hashlib.sha256(json.dumps(sorted(self.fragments)).encode()).hexdigest()


def spec_texts(spec: LoadedSpec) -> SpecTexts:
    fragments = spec_fragments(spec.data, (spec.path.name,))
    return SpecTexts(fragments, {fragment: _anchor(fragment) for fragment in fragments})


def spec_text_problems(
    spec: LoadedSpec, files: dict[str, str], texts: SpecTexts | None = None
) -> list[Diagnostic]:
    """One diagnostic per spec text found outside string literals, per generated module; `texts`
    are `spec_texts(spec)`, where they were worked out already."""
    return [problem for problems in problems_by_module(spec, files, texts).values() for problem in problems]


def problems_by_module(
    spec: LoadedSpec, files: dict[str, str], texts: SpecTexts | None = None,
    clean_of: Mapping[str, Collection[str]] | None = None,
) -> dict[str, list[Diagnostic]]:
    """`spec_text_problems` for each generated module. `clean_of` maps a module to fragments it is
    known to be clean of (its very text was checked against them before): only the others are
    looked for there, and its names are not checked again (that depends on the text alone)."""
    texts = texts or spec_texts(spec)
    clean_of = clean_of or {}
    return {
        path: _module_problems(spec, path, source, texts, clean_of.get(path, ()))
        for path, source in sorted(files.items()) if path.endswith(".py")
    }


def _module_problems(
    spec: LoadedSpec, path: str, source: str, texts: SpecTexts, clean_of: Collection[str]
) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    inert: Inert | None = None  # worked out at the first occurrence of anything, or for the names
    if not clean_of:
        inert = scan(source)
        line = first_non_ascii_code_line(source, inert)
        if line is not None:
            problems.append(Diagnostic(spec.display_name, 1, 1, "#",
                                       f"generated {path} has a non-ASCII name on line {line}"))
    occurrences = _Occurrences(source)
    wanted = [fragment for fragment in texts.fragments if fragment not in clean_of]
    few = len(wanted) < _FEW  # found fastest by searching the text for each: no index of its words
    for fragment in wanted:
        found = occurrences(fragment, None if few else texts.anchors[fragment])
        first = next(found, None)
        if first is None:
            continue
        inert = inert or scan(source)
        offset = _first_exposed(itertools.chain([first], found), len(fragment), inert)
        if offset is not None:
            line = source.count("\n", 0, offset) + 1
            problems.append(spec.diagnostic(
                texts.fragments[fragment], f"spec text would appear as code in generated {path} on line {line}"
            ))
    return problems
