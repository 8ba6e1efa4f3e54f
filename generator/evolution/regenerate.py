"""One package's regeneration: skip it when its manifest proves it current, else render it with its
next version, changelog and manifest, and say what changed for code that uses it.
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models import model_helper
from ..output.config import SpecOptions
from ..output.layout import provider_for
from ..output.manifest import (
    MANIFEST_NAME,
    Manifest,
    file_sha256,
    read_manifest,
    sha256_bytes,
    sha256_text,
)
from ..output.writer import PackageWrite, unified_diff
from .changelog import bump, release_entry, render_changelog

if TYPE_CHECKING:
    from ..ir.nodes import Api
    from .apidiff import Change

CHANGELOG_NAME = "CHANGELOG.md"


@dataclass(frozen=True)
class Plan:
    """What regenerating one package would do. `files` is None when nothing can have changed."""

    provider: str
    out_dir: Path
    previous: Manifest | None
    version: str
    files: dict[str, str] | None = None  # every generated file, the manifest included
    changes: list[Change] = field(default_factory=list)

    @property
    def up_to_date(self) -> bool:
        return self.files is None

    @property
    def breaking(self) -> bool:
        return any(c.kind == "breaking" for c in self.changes)

    def _removable(self) -> frozenset[str]:
        """Files generated last time and no longer produced, unless edited since (never lose work)."""
        if self.previous is None or self.files is None:
            return frozenset()
        return frozenset(
            relative for relative, digest in self.previous.files.items()
            if relative not in self.files and file_sha256(self.out_dir / relative) == digest
        )

    def write(self) -> PackageWrite:
        return PackageWrite(self.out_dir, self.files or {}, self._removable())

    def foreign(self) -> list[str]:
        """Files on disk that the write would replace although clientgen did not write them: not
        in the previous manifest, or in a folder without one (a user's README, say)."""
        ours = {MANIFEST_NAME, *(self.previous.files if self.previous else ())}
        return sorted(
            relative for relative in self.write().changed()
            if relative not in ours and os.path.lexists(self.out_dir / relative)
        )

    def drift(self, root: str) -> str:
        """A unified diff of what `write` would change, the manifest aside (it is bookkeeping)."""
        if self.files is None:
            return ""
        expected = {r: t for r, t in self.files.items() if r != MANIFEST_NAME}
        on_disk = {}
        for relative in sorted(set(expected) | self._removable()):
            path = self.out_dir / relative
            if path.is_file():
                on_disk[relative] = path.read_text(encoding="utf-8", errors="replace")
        return unified_diff(expected, on_disk, root)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def plan_package(
    spec_path: Path, out_dir: Path, provider: str | None = None, display_name: str | None = None,
    use_manifest: bool = True, options: SpecOptions | None = None,
) -> Plan:
    """Raises SpecError for a bad spec. `use_manifest=False` always renders (no fast path).

    `options` are what the repository's [tool.clientgen] sets for this spec."""
    options = options or SpecOptions()
    try:
        spec_sha = sha256_bytes(spec_path.read_bytes())
    except OSError:
        spec_sha = ""  # the loader reports the unreadable file as a diagnostic
    previous = read_manifest(out_dir)
    if (use_manifest and previous is not None
            and previous.produced_by_this_generator(spec_sha, options.recorded())
            and previous.files_intact(out_dir)):
        return Plan(provider or provider_for(spec_path), out_dir, previous, previous.package_version)
    # Rendering needs the model generator and black; a no-op run above never imports them. The
    # command line's run imports the model generator in a helper meanwhile (models/model_helper.py).
    model_helper.start()
    from ..pipeline import generate_package
    from .apidiff import diff_surfaces, verdict
    from .surface import extract_surface

    decided: dict[str, Any] = {}

    def choose_version(api: Api) -> str:
        surface = extract_surface(api)
        api_version = _one_line(str(ast.literal_eval(api.version_literal)))
        changes: list[Change] = []
        if previous is None:
            version = api.package_version
            history = [release_entry(version, api_version, spec_path.name, [])]
        else:
            changes = diff_surfaces(previous.surface, surface)
            kind = verdict(changes)
            version = bump(previous.package_version, kind) if kind else previous.package_version
            history = previous.history
            if kind:
                entry = release_entry(version, api_version, spec_path.name,
                                      [c.as_dict() for c in changes])
                history = [entry, *history]
        decided.update(package=api.package, surface=surface, version=version, history=history,
                       changes=changes)
        return version

    generated = generate_package(spec_path, provider, display_name, package_version=choose_version,
                                 options=options)
    files = dict(generated.files)
    files[CHANGELOG_NAME] = render_changelog(decided["package"], decided["history"])
    manifest = Manifest(
        spec_file=spec_path.name,
        spec_sha256=spec_sha,
        package=decided["package"],
        package_version=decided["version"],
        files={relative: sha256_text(text) for relative, text in sorted(files.items())},
        surface=decided["surface"],
        history=decided["history"],
        options=options.recorded(),
    )
    files[MANIFEST_NAME] = manifest.to_json()
    return Plan(generated.provider, out_dir, previous, decided["version"], files,
                decided["changes"])
