"""Carry one mutant of a rendered module into the other renderings of the same template.

Every package renders `_runtime.py` from one template; the renderings differ only where the
template prints provider values (names, versions). Cosmic Ray mutates one rendering on disk, and
a mutant of the template is a mutant of all of them, so the same edit is made to each sibling.
"""

from __future__ import annotations

from difflib import SequenceMatcher


def carry_edit(base: str, edited: str, sibling: str) -> str | None:
    """`sibling` with the edit that turned `base` into `edited`.

    None when the edit touches a line where `sibling` differs from `base` (a provider value):
    there is no same edit to make there.
    """
    base_lines, edited_lines = base.splitlines(keepends=True), edited.splitlines(keepends=True)
    sibling_lines = sibling.splitlines(keepends=True)
    in_sibling: dict[int, int] = {}  # line of base -> the same line in sibling
    for block in SequenceMatcher(None, base_lines, sibling_lines, autojunk=False).get_matching_blocks():
        in_sibling.update({block.a + k: block.b + k for k in range(block.size)})
    carried, shift = list(sibling_lines), 0
    edits = SequenceMatcher(None, base_lines, edited_lines, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in edits:
        if tag == "equal":
            continue
        if i1 < i2:  # replaced or deleted lines: all must be lines sibling shares, in one run
            if any(i not in in_sibling for i in range(i1, i2)):
                return None
            start = in_sibling[i1]
            if in_sibling[i2 - 1] != start + (i2 - i1 - 1):
                return None
        elif i1 > 0 and i1 - 1 in in_sibling:  # inserted after a shared line
            start = in_sibling[i1 - 1] + 1
        elif i1 in in_sibling:  # inserted before a shared line
            start = in_sibling[i1]
        else:
            return None
        carried[start + shift:start + shift + (i2 - i1)] = edited_lines[j1:j2]
        shift += (j2 - j1) - (i2 - i1)
    return "".join(carried)
