"""Output: package files in memory -> the output folder, atomically, with a manifest.

Takes {relative path: text} per package; writes only what changed (staged in a hidden folder inside
the package folder and moved into place together) and reads and writes the manifest that records
what was generated. Also where a project keeps its specs and packages (layout, and the
[tool.clientgen] table of its pyproject.toml in config).
"""

from ..foundation.exports import lazy_exports

__all__, __getattr__ = lazy_exports(__name__, {
    "config": ("Config", "ConfigError", "SpecOptions", "read_config"),
    "layout": ("SPEC_SUFFIXES", "provider_for"),
    "manifest": ("MANIFEST_NAME", "Manifest", "file_sha256", "read_manifest", "sha256_bytes", "sha256_text"),
    "writer": ("OutputError", "PackageWrite", "apply_writes", "unified_diff"),
})
