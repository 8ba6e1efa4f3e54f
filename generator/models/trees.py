"""The models module parsed once per text, however many steps read it."""

from __future__ import annotations

import ast
from functools import lru_cache


@lru_cache(maxsize=4)
def parse_module(source: str) -> ast.Module:
    """`source` parsed, once however many readers it has: the model generator's output is read by
    the run that made it, by the holder replacement and by model polish, the polished module by
    the class renames and by read_model_classes (a big models module takes a while to parse). The
    tree is shared: readers must not change it (the edits that need a changed tree work on a
    copy)."""
    return ast.parse(source)
