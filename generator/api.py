"""The project-level operations behind the command line: validate, generate, check, diff, list.

Heavy modules (the model generator, black, the spec validator) are imported inside the functions
that need them, so a no-op `generate` or `check` that the manifests settle stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .evolution.regenerate import Plan, plan_package
from .foundation.diagnostics import Diagnostic, SpecError
from .output.layout import SPEC_SUFFIXES, provider_for
from .output.writer import apply_writes

if TYPE_CHECKING:
    from .evolution.apidiff import Change
    from .evolution.surface import Surface
    from .reading.loader import LoadedSpec


class UnknownProvider(ValueError):
    pass


class BreakingChanges(Exception):
    """Regeneration would break code using a client; nothing was written."""

    def __init__(self, plans: list[Plan]) -> None:
        self.plans = plans
        super().__init__(", ".join(p.provider for p in plans))


def _write(plans: list[Plan], allow_breaking: bool) -> list[tuple[Plan, bool]]:
    breaking = [p for p in plans if p.breaking]
    if breaking and not allow_breaking:
        raise BreakingChanges(breaking)
    written = apply_writes([p.write() for p in plans if not p.up_to_date])
    return [(p, p.out_dir in written) for p in plans]


def generate_to(
    spec_path: Path, out_dir: Path, provider: str | None = None, allow_breaking: bool = False
) -> tuple[str, bool]:
    """Generate one spec file anywhere into `out_dir`; return (provider, whether files changed)."""
    [(plan, wrote)] = _write([plan_package(spec_path, out_dir, provider)], allow_breaking)
    return plan.provider, wrote


def surface_of(spec: LoadedSpec, provider: str) -> Surface:
    from .evolution.surface import extract_surface
    from .ir.parser import build_api

    return extract_surface(build_api(spec, provider))


class Project:
    """A folder with specs/ (inputs) and generated/ (one package per spec)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.specs_dir = root / "specs"
        self.generated_dir = root / "generated"

    def spec_paths(self) -> list[Path]:
        if not self.specs_dir.is_dir():
            return []
        return sorted(p for p in self.specs_dir.iterdir() if p.suffix in SPEC_SUFFIXES)

    def _display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def _select(self, providers: list[str] | None) -> list[Path]:
        paths = {provider_for(p): p for p in self.spec_paths()}
        if providers is None:
            return list(paths.values())
        unknown = [p for p in providers if p not in paths]
        if unknown:
            raise UnknownProvider(f"no spec for {', '.join(unknown)} in {self.specs_dir}")
        return [paths[p] for p in providers]

    def validate(self, specs: list[Path] | None = None) -> list[Diagnostic]:
        from .reading.loader import load_spec
        from .reading.validator import validate

        problems: list[Diagnostic] = []
        for path in specs or self.spec_paths():
            try:
                problems += validate(load_spec(path, self._display(path)))
            except SpecError as error:
                problems += error.diagnostics
        return problems

    def plans(self, providers: list[str] | None = None, use_manifest: bool = True) -> list[Plan]:
        """What regenerating each selected package would do; SpecError carries every spec's problems."""
        plans, problems = [], []
        for path in self._select(providers):
            out_dir = self.generated_dir / provider_for(path)
            try:
                plans.append(plan_package(path, out_dir, display_name=self._display(path),
                                          use_manifest=use_manifest))
            except SpecError as error:
                problems += error.diagnostics
        if problems:
            raise SpecError(problems)
        return plans

    def generate(
        self, providers: list[str] | None = None, allow_breaking: bool = False
    ) -> list[tuple[Plan, bool]]:
        # Every package is planned and rendered before the first write, and all are written as
        # one step: one bad spec, or one refused breaking change, writes nothing at all.
        return _write(self.plans(providers), allow_breaking)

    def check(self, use_manifest: bool = True) -> str:
        return "".join(
            plan.drift(f"generated/{plan.provider}") for plan in self.plans(None, use_manifest)
        )

    def diff(self, providers: list[str] | None, against: str) -> list[tuple[str, list[Change]]]:
        """Changes to each client from the spec at git ref `against` to the working tree's."""
        from .evolution.apidiff import diff_surfaces
        from .evolution.gitref import spec_at_ref
        from .evolution.surface import empty_surface
        from .pipeline import load_and_validate

        reports, problems = [], []
        for path in self._select(providers):
            provider = provider_for(path)
            try:
                old_spec = spec_at_ref(self.root, path, against, self._display(path))
                old = surface_of(old_spec, provider) if old_spec else empty_surface()
                new = surface_of(load_and_validate(path, self._display(path)), provider)
            except SpecError as error:
                problems += error.diagnostics
                continue
            reports.append((provider, diff_surfaces(old, new)))
        if problems:
            raise SpecError(problems)
        return reports

    def operations(self) -> list[tuple[str, str, str]]:
        from .foundation.escape import docstring_value
        from .ir.parser import build_api
        from .pipeline import load_and_validate

        rows = []
        for path in self.spec_paths():
            spec = load_and_validate(path, self._display(path))
            api = build_api(spec, provider_for(path))
            for resource in api.resources:
                for op in resource.operations:
                    http = docstring_value(op.path_doc)
                    rows.append((api.provider, f"{resource.attribute}.{op.method_name}", http))
        return rows
