"""load -> validate -> IR -> render -> format: pure steps that return files in memory."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import cache
from .ast_check import spec_text_problems
from .diagnostics import Diagnostic, SpecError
from .format import format_files
from .ir import Api
from .layout import provider_for
from .loader import LoadedSpec, load_spec
from .models import UnexpectedFieldName
from .naming import NameCollision
from .parser import build_api
from .render import render_package


@dataclass(frozen=True)
class Generated:
    """One rendered package: its files by relative path, ready to write."""

    provider: str
    spec: LoadedSpec
    files: dict[str, str]


def load_and_validate(spec_path: Path, display_name: str | None = None) -> LoadedSpec:
    spec = load_spec(spec_path, display_name)
    key = cache.validation_key(spec.text, spec_path.suffix)
    if cache.get("valid", key) is None:  # only a clean result is kept: problems are always shown
        from .validator import validate  # 0.15 s of imports that a cached verdict does without

        problems = validate(spec)
        if problems:
            raise SpecError(problems)
        cache.put("valid", key, "")
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
    spec_path: Path, provider: str | None = None, display_name: str | None = None,
    package_version: Callable[[Api], str] | None = None,
) -> Generated:
    """Render one spec into its package files, in memory. Raises SpecError for a bad spec.

    `package_version` picks the version from the IR (regenerate.py compares its API surface with
    the previous one); without it a package gets its first version.
    """
    spec = load_and_validate(spec_path, display_name)
    name = provider or provider_for(spec_path)
    try:
        api = build_api(spec, name)
    except (NameCollision, UnexpectedFieldName) as exc:  # the validator reports these first
        raise SpecError([spec.diagnostic(("components", "schemas"), str(exc))]) from None
    if package_version is not None:
        api = dataclasses.replace(api, package_version=package_version(api))
    rendered = render_package(api, spec_path.name)
    _verify_python(spec, rendered)  # before black, which would fail on broken code less clearly
    # Spec text only inside strings, or nothing is written. Checked before black, which would
    # reformat leaked code (quotes, spacing) until it no longer reads like the spec text.
    problems = spec_text_problems(spec, rendered)
    if problems:
        raise SpecError(problems)
    files = format_files(rendered)
    _verify_python(spec, files)
    return Generated(name, spec, files)
