"""clientgen: typed Python clients from OpenAPI specs."""

from .api import Project, generate_to
from .diagnostics import Diagnostic, SpecError
from .pipeline import generate_package

__all__ = ["Diagnostic", "Project", "SpecError", "generate_package", "generate_to"]
