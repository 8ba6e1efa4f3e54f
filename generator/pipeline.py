"""load -> validate -> IR -> render -> format: pure steps that return files in memory."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, SpecError
from .format import format_files
from .loader import LoadedSpec, load_spec
from .naming import snake_case
from .parser import build_api
from .render import render_package
from .validator import validate


@dataclass(frozen=True)
class Generated:
    """One rendered package: its files by relative path, ready to write."""

    provider: str
    spec: LoadedSpec
    files: dict[str, str]


def provider_for(spec_path: Path) -> str:
    """The provider key of a spec file, from its name only: `specs/kombo.yaml` -> `kombo`."""
    return snake_case(spec_path.stem)


def load_and_validate(spec_path: Path, display_name: str | None = None) -> LoadedSpec:
    spec = load_spec(spec_path, display_name)
    problems = validate(spec)
    if problems:
        raise SpecError(problems)
    return spec


def _verify_python(spec: LoadedSpec, files: dict[str, str]) -> None:
    """Every generated module must parse and compile before anything reaches the disk."""
    for path, text in files.items():
        if path.endswith(".py"):
            try:
                compile(ast.parse(text, filename=path), path, "exec")
            except SyntaxError as exc:
                raise SpecError([Diagnostic(spec.display_name, 1, 1, "#",
                                            f"generated {path} does not compile: {exc.msg}")])


def generate_package(
    spec_path: Path, provider: str | None = None, display_name: str | None = None
) -> Generated:
    """Render one spec into its package files, in memory. Raises SpecError for a bad spec."""
    spec = load_and_validate(spec_path, display_name)
    name = provider or provider_for(spec_path)
    api = build_api(spec, name)
    files = format_files(render_package(api, spec_path.name))
    _verify_python(spec, files)
    return Generated(name, spec, files)
