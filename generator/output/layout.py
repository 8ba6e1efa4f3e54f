"""Where things live in a project: specs/<name>.yaml becomes generated/<provider>/ (light to import)."""

from __future__ import annotations

from pathlib import Path

from ..foundation.naming import snake_case

SPEC_SUFFIXES = (".yaml", ".yml", ".json")


def provider_for(spec_path: Path) -> str:
    """The provider key of a spec file, from its name only: `specs/kombo.yaml` -> `kombo`."""
    return snake_case(spec_path.stem)
