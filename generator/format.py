"""black, in-process, with one fixed configuration."""

from __future__ import annotations

import re

import black

_MODE = black.Mode(
    target_versions={black.TargetVersion.PY310},
    line_length=100,
)


def format_python(source: str) -> str:
    return black.format_str(source, mode=_MODE)


_CODE_BLOCK = re.compile(r"(```python\n)(.*?)(```)", re.DOTALL)


def format_markdown_code(text: str) -> str:
    """Markdown with every ```python block formatted like the code it documents."""
    return _CODE_BLOCK.sub(lambda m: m.group(1) + format_python(m.group(2)) + m.group(3), text)


def format_files(files: dict[str, str]) -> dict[str, str]:
    formatted = {}
    for path, text in files.items():
        if path.endswith(".py"):
            text = format_python(text)
        elif path.endswith(".md"):
            text = format_markdown_code(text)
        formatted[path] = text
    return formatted
