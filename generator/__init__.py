"""clientgen: typed Python clients from OpenAPI specs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .api import Project, generate_to
from .foundation.diagnostics import Diagnostic, SpecError

if TYPE_CHECKING:
    from .pipeline import generate_package

__all__ = ["Diagnostic", "Project", "SpecError", "generate_package", "generate_to"]


def __getattr__(name: str) -> Any:
    # The pipeline loads the model generator and black: only a caller that renders pays for them,
    # so the command line's no-op path stays fast.
    if name == "generate_package":
        from .pipeline import generate_package

        return generate_package
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
