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
import io
import re
import tokenize
from collections.abc import Iterator
from typing import Any

from .diagnostics import Diagnostic
from .loader import LoadedSpec, PathParts

MIN_LENGTH = 8
_HARMLESS = re.compile(r"[A-Za-z0-9_ ]*")


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


def _inert_spans(source: str) -> tuple[list[int], list[int], list[int]]:
    """Start and end offsets of each plain string literal and comment, and non-ASCII names' lines."""
    # Rows as the tokenizer counts them: ended by "\n" only, not by every str.splitlines break.
    line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
    starts: list[int] = []
    ends: list[int] = []
    non_ascii_names: list[int] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NAME and not token.string.isascii():
            non_ascii_names.append(token.start[0])
        is_plain_string = token.type == tokenize.STRING and "f" not in _prefix(token.string)
        if is_plain_string or token.type == tokenize.COMMENT:
            starts.append(line_starts[token.start[0] - 1] + token.start[1])
            ends.append(line_starts[token.end[0] - 1] + token.end[1])
    return starts, ends, non_ascii_names


def _prefix(literal: str) -> str:
    return literal[: min(i for i in (literal.find("'"), literal.find('"')) if i >= 0)].lower()


def _first_exposed(source: str, fragment: str, starts: list[int], ends: list[int]) -> int | None:
    """The offset of the first occurrence of `fragment` that is not inside one inert span."""
    found = source.find(fragment)
    while found >= 0:
        span = bisect.bisect_right(starts, found) - 1
        if span < 0 or found + len(fragment) > ends[span]:
            return found
        found = source.find(fragment, found + 1)
    return None


def spec_text_problems(spec: LoadedSpec, files: dict[str, str]) -> list[Diagnostic]:
    """One diagnostic per spec text found outside string literals, per generated module."""
    fragments = spec_fragments(spec.data, (spec.path.name,))
    problems: list[Diagnostic] = []
    for path, source in sorted(files.items()):
        if not path.endswith(".py"):
            continue
        starts, ends, non_ascii_names = _inert_spans(source)
        for line in non_ascii_names[:1]:
            problems.append(Diagnostic(spec.display_name, 1, 1, "#",
                                       f"generated {path} has a non-ASCII name on line {line}"))
        for fragment, parts in fragments.items():
            offset = _first_exposed(source, fragment, starts, ends)
            if offset is not None:
                line = source.count("\n", 0, offset) + 1
                problems.append(spec.diagnostic(
                    parts, f"spec text would appear as code in generated {path} on line {line}"
                ))
    return problems
