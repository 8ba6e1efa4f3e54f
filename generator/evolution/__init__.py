"""Evolution: what a regeneration changes for code using a client, and what it writes.

Takes the previous manifest and a freshly generated package; returns the API surface diff (each
change breaking, additive or cosmetic), the version bump, the changelog and the plan of writes.
"""

from ..foundation.exports import lazy_exports

__all__, __getattr__ = lazy_exports(__name__, {
    "apidiff": ("Change", "diff_surfaces", "report_json", "report_text", "verdict"),
    "gitref": ("GitError", "spec_at_ref"),
    "regenerate": ("Plan", "plan_package"),
    "surface": ("Surface", "empty_surface", "extract_surface"),
})
