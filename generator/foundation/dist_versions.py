"""The versions of installed distributions, read off the names of their `.dist-info` folders.

`importlib.metadata.version` gives the same answers, but importing it (with the e-mail parser it
reads METADATA files with) costs about 35 ms, a tenth of a warm `generate`, which needs half a
dozen versions for its cache keys and manifest. Installers name the folder
`{normalized name}-{version}.dist-info`, so the version is in a directory listing. Whatever the
listing does not settle (a folder of another form, two candidates, an `.egg-info`, a path entry
that is a zip file) is left to importlib.metadata, which then answers as it always would.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache

_SEPARATORS = re.compile(r"[-_.]+")


def _normalized(name: str) -> str:
    return _SEPARATORS.sub("_", name).lower()


@cache
def _listing(entry: str) -> tuple[str, ...] | None:
    """The names in a sys.path entry; None where it is not a folder (a zip file, say)."""
    try:
        return tuple(os.listdir(entry or "."))
    except FileNotFoundError:
        return ()
    except OSError:
        return None


def _from_listing(name: str) -> str | None:
    wanted = _normalized(name)
    for entry in sys.path:
        names = _listing(entry)
        if names is None:
            return None
        matches = [
            found for found in names
            if found.lower().endswith((".dist-info", ".egg-info", ".egg"))
            and _normalized(found.rsplit(".", 1)[0].split("-", 1)[0]) == wanted
        ]
        if not matches:
            continue
        if len(matches) != 1 or not matches[0].endswith(".dist-info"):
            return None
        parts = matches[0][: -len(".dist-info")].split("-")
        return parts[1] if len(parts) == 2 and parts[1] else None
    return None


@cache
def version(name: str) -> str:
    """The installed version of distribution `name`, as `importlib.metadata.version` says it."""
    found = _from_listing(name)
    if found is not None:
        return found
    from importlib import metadata

    return metadata.version(name)
