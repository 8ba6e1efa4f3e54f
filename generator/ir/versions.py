"""Package versions are semver; a package starts at its spec's `info.version` where that is semver."""

from __future__ import annotations

import re

INITIAL_VERSION = "1.0.0"
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


def initial_version(api_version: object) -> str:
    """The first package version: the spec's `info.version` when it is semver, else 1.0.0.

    Vendors date their API versions ("2026-05") more often than not; a package version must
    still order and bump, so those start at 1.0.0.
    """
    text = str(api_version or "").strip().removeprefix("v")
    return text if SEMVER.match(text) else INITIAL_VERSION
