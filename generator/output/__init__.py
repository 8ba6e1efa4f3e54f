"""Output: package files in memory -> the output folder, atomically, with a manifest.

Takes {relative path: text} per package; writes only what changed (staged in a sibling folder and
moved into place together) and reads and writes the manifest that records what was generated.
"""

from ..foundation.exports import lazy_exports

__all__, __getattr__ = lazy_exports(__name__, {
    "layout": ("SPEC_SUFFIXES", "provider_for"),
    "manifest": ("MANIFEST_NAME", "Manifest", "file_sha256", "read_manifest", "sha256_bytes", "sha256_text"),
    "writer": ("PackageWrite", "apply_writes", "unified_diff"),
})
