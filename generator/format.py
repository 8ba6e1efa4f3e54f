"""black, in-process, with one fixed configuration."""

from __future__ import annotations

import black

_MODE = black.Mode(
    target_versions={black.TargetVersion.PY310},
    line_length=100,
)


def format_python(source: str) -> str:
    return black.format_str(source, mode=_MODE)


def format_files(files: dict[str, str]) -> dict[str, str]:
    return {
        path: format_python(text) if path.endswith(".py") else text
        for path, text in files.items()
    }
