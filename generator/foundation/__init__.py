"""Foundations every stage may import: names, escaping, diagnostics, the cache, forked calls.

Nothing here knows about OpenAPI or the pipeline. Later stages import these modules whole.
"""

__all__ = [
    "cache", "diagnostics", "dist_versions", "escape", "exports", "fingerprint", "forked", "naming",
    "oneshot", "progress",
]
