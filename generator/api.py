"""The project-level operations behind the command line: validate, generate, check, diff, list.

Heavy modules (the model generator, black, the spec validator) are imported inside the functions
that need them, so a no-op `generate` or `check` that the manifests settle stays fast.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .evolution.regenerate import Plan, plan_package
from .foundation import progress
from .foundation.diagnostics import Diagnostic, SpecError, UserError
from .output.config import Config, SpecOptions, read_config
from .output.layout import SPEC_SUFFIXES, provider_for
from .output.writer import apply_writes

if TYPE_CHECKING:
    from .evolution.apidiff import Change
    from .evolution.surface import Surface
    from .reading.loader import LoadedSpec


class UnknownProvider(ValueError):
    pass


class NoSpecs(UserError):
    """The specs folder holds no spec: running from the wrong folder must not look like success."""

    def __init__(self, config: Config) -> None:
        super().__init__(
            f"clientgen: no specs ({', '.join('*' + s for s in SPEC_SUFFIXES)}) in "
            f"{config.specs_dir.resolve()}; run clientgen in the folder that holds them, pass "
            "--root FOLDER, or set `specs` under [tool.clientgen] in pyproject.toml"
        )


class WouldOverwrite(UserError):
    """Generating would replace a file that clientgen did not write; nothing was written."""

    def __init__(self, out_dir: Path, relative: str) -> None:
        super().__init__(
            f"clientgen: refusing to replace {out_dir / relative}, which clientgen did not write; "
            "nothing was written (move it away, choose another folder, or pass --overwrite)"
        )


class BreakingChanges(Exception):
    """Regeneration would break code using a client; nothing was written."""

    def __init__(self, plans: list[Plan]) -> None:
        self.plans = plans
        super().__init__(", ".join(p.provider for p in plans))


def _write(
    plans: list[Plan], allow_breaking: bool, overwrite: bool = False
) -> list[tuple[Plan, list[str]]]:
    """Write every plan as one step; each plan with the files it wrote or removed."""
    breaking = [p for p in plans if p.breaking]
    if breaking and not allow_breaking:
        raise BreakingChanges(breaking)
    pending = [p for p in plans if not p.up_to_date]
    if not overwrite:
        for plan in pending:
            foreign = plan.foreign()
            if foreign:
                raise WouldOverwrite(plan.out_dir, foreign[0])
    if pending:
        progress.step(", ".join(p.provider for p in pending), "writing")
    written = apply_writes([p.write() for p in pending])
    return [(p, written.get(p.out_dir, [])) for p in plans]


def generate_to(
    spec_path: Path, out_dir: Path, provider: str | None = None, allow_breaking: bool = False,
    overwrite: bool = False, options: SpecOptions | None = None,
) -> tuple[str, bool]:
    """Generate one spec file anywhere into `out_dir`; return (provider, whether files changed).

    A file in `out_dir` that clientgen did not write is never replaced unless `overwrite`."""
    plan = plan_package(spec_path, out_dir, provider, options=options)
    [(plan, wrote)] = _write([plan], allow_breaking, overwrite)
    return plan.provider, bool(wrote)


def surface_of(spec: LoadedSpec, provider: str, options: SpecOptions | None = None) -> Surface:
    from .evolution.surface import extract_surface
    from .pipeline import build_configured_api

    return extract_surface(build_configured_api(spec, provider, options))


class Project:
    """A folder with its specs (inputs) and one generated package per spec: `specs/` and
    `generated/` unless the [tool.clientgen] table of its pyproject.toml says otherwise."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @cached_property
    def config(self) -> Config:
        return read_config(self.root)  # read on first use: `--help` works with a broken table

    @property
    def specs_dir(self) -> Path:
        return self.config.specs_dir

    @property
    def generated_dir(self) -> Path:
        return self.config.output_dir

    def spec_paths(self) -> list[Path]:
        """Every spec in the specs folder; NoSpecs when there is none."""
        found = sorted(p for p in self.specs_dir.iterdir() if p.suffix in SPEC_SUFFIXES) \
            if self.specs_dir.is_dir() else []
        if not found:
            raise NoSpecs(self.config)
        self.config.check_providers([provider_for(p) for p in found])
        return found

    def display(self, path: Path) -> str:
        """`path` as the user knows it: relative to the project folder where it is inside it."""
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
            raise UnknownProvider(
                f"no spec for {', '.join(unknown)} in {self.display(self.specs_dir)}/ "
                f"(there are: {', '.join(paths)})"
            )
        return [paths[p] for p in providers]

    def generate_file(
        self, spec_path: Path, out_dir: Path, provider: str | None = None,
        allow_breaking: bool = False, overwrite: bool = False,
    ) -> tuple[Plan, list[str]]:
        """One spec file anywhere into `out_dir`, with what [tool.clientgen] sets for its provider."""
        options = self.config.options_for(provider or provider_for(spec_path))
        plan = plan_package(spec_path, out_dir, provider, options=options)
        [result] = _write([plan], allow_breaking, overwrite)
        return result

    def validate(self, specs: list[Path] | None = None) -> list[Diagnostic]:
        from .reading.loader import load_spec
        from .reading.validator import validate

        problems: list[Diagnostic] = []
        for path in specs or self.spec_paths():
            try:
                problems += validate(load_spec(path, self.display(path)))
            except SpecError as error:
                problems += error.diagnostics
        return problems

    def plans(self, providers: list[str] | None = None, use_manifest: bool = True) -> list[Plan]:
        """What regenerating each selected package would do; SpecError carries every spec's problems."""
        plans, problems = [], []
        for path in self._select(providers):
            provider = provider_for(path)
            try:
                plans.append(plan_package(
                    path, self.generated_dir / provider, display_name=self.display(path),
                    use_manifest=use_manifest, options=self.config.options_for(provider),
                ))
            except SpecError as error:
                problems += error.diagnostics
        if problems:
            raise SpecError(problems)
        return plans

    def generate(
        self, providers: list[str] | None = None, allow_breaking: bool = False,
        overwrite: bool = False,
    ) -> list[tuple[Plan, list[str]]]:
        """Each selected package's plan with the files written or removed for it."""
        # Every package is planned and rendered before the first write, and all are written as
        # one step: one bad spec, or one refused breaking change, writes nothing at all.
        return _write(self.plans(providers), allow_breaking, overwrite)

    def check(self, use_manifest: bool = True) -> str:
        return "".join(
            plan.drift(self.display(plan.out_dir)) for plan in self.plans(None, use_manifest)
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
                old_spec = spec_at_ref(self.root, path, against, self.display(path))
                options = self.config.options_for(provider)
                old = surface_of(old_spec, provider, options) if old_spec else empty_surface()
                new = surface_of(load_and_validate(path, self.display(path)), provider, options)
            except SpecError as error:
                problems += error.diagnostics
                continue
            reports.append((provider, diff_surfaces(old, new)))
        if problems:
            raise SpecError(problems)
        return reports

    def operations(self) -> list[tuple[str, str, str]]:
        from .foundation.escape import docstring_value
        from .pipeline import build_configured_api, load_and_validate

        rows = []
        for path in self.spec_paths():
            provider = provider_for(path)
            spec = load_and_validate(path, self.display(path))
            api = build_configured_api(spec, provider, self.config.options_for(provider))
            for resource in api.resources:
                for op in resource.operations:
                    http = docstring_value(op.path_doc)
                    rows.append((api.provider, f"{resource.attribute}.{op.method_name}", http))
        return rows
