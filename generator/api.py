"""The project-level operations behind the command line: validate, generate, check, list."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic, SpecError
from .escape import docstring_value
from .loader import load_spec
from .parser import build_api
from .pipeline import Generated, generate_package, load_and_validate, provider_for
from .validator import validate
from .writer import read_tree, unified_diff, write_tree

SPEC_SUFFIXES = (".yaml", ".yml", ".json")


class UnknownProvider(ValueError):
    pass


def generate_to(spec_path: Path, out_dir: Path, provider: str | None = None) -> tuple[str, bool]:
    """Generate one spec file anywhere into `out_dir`; return (provider, whether files changed)."""
    generated = generate_package(spec_path, provider)
    return generated.provider, write_tree(out_dir, generated.files)


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
        problems: list[Diagnostic] = []
        for path in specs or self.spec_paths():
            try:
                problems += validate(load_spec(path, self._display(path)))
            except SpecError as error:
                problems += error.diagnostics
        return problems

    def render(self, providers: list[str] | None = None) -> list[Generated]:
        """Every selected package in memory; raises SpecError with the problems of all specs."""
        rendered, problems = [], []
        for path in self._select(providers):
            try:
                rendered.append(generate_package(path, display_name=self._display(path)))
            except SpecError as error:
                problems += error.diagnostics
        if problems:
            raise SpecError(problems)
        return rendered

    def generate(self, providers: list[str] | None = None) -> list[tuple[str, bool]]:
        # Everything is rendered before the first write: one bad spec writes nothing at all.
        return [
            (g.provider, write_tree(self.generated_dir / g.provider, g.files))
            for g in self.render(providers)
        ]

    def check(self) -> str:
        diffs = []
        for generated in self.render():
            on_disk = read_tree(self.generated_dir / generated.provider)
            diffs.append(unified_diff(generated.files, on_disk, f"generated/{generated.provider}"))
        return "".join(diffs)

    def operations(self) -> list[tuple[str, str, str]]:
        rows = []
        for path in self.spec_paths():
            spec = load_and_validate(path, self._display(path))
            api = build_api(spec, provider_for(path))
            for resource in api.resources:
                for op in resource.operations:
                    http = docstring_value(op.path_doc)
                    rows.append((api.provider, f"{resource.attribute}.{op.method_name}", http))
        return rows
