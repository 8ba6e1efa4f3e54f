"""Shared test set-up: the project root and the generated packages on sys.path."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROVIDERS = ("kombo", "stackone", "unified", "xobin")

for provider in PROVIDERS:
    package_root = str(ROOT / "generated" / provider)
    if package_root not in sys.path:
        sys.path.insert(0, package_root)

# The generator caches under $XDG_CACHE_HOME: tests use a cache of their own, empty at the start,
# so they neither fill the user's cache nor depend on what an earlier run left in it.
_CACHE = tempfile.mkdtemp(prefix="clientgen-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)
