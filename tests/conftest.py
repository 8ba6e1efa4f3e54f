"""Shared test set-up: the project root and the generated packages on sys.path."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

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

# Some tests read files from ../shared/ (beside the repository; CI has it): they skip when it is
# absent, except where CLIENTGEN_REQUIRE_SHARED=1 (set by .ci/run), where its absence fails them.
SHARED = ROOT.parent / "shared"


def shared_path(relative: str, shared: Path = SHARED) -> Path:
    import pytest

    path = shared / relative
    if not path.exists():
        message = f"../shared/{relative} is absent"
        if os.environ.get("CLIENTGEN_REQUIRE_SHARED") == "1":
            pytest.fail(f"{message}, and CLIENTGEN_REQUIRE_SHARED=1 requires it")
        pytest.skip(message)
    return path


def process_gone(pid: int) -> bool:
    """Whether no process `pid` exists (a child that was stopped and reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def sent_to_black(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every source handed to black from here on, in order; formatted in this process, where it
    can be recorded, however many lines there are."""
    from generator.rendering import format as formatting

    sent: list[str] = []
    real = formatting._black_many

    def recording(sources: list[str]) -> list[str]:
        sent.extend(sources)
        return real(sources)

    monkeypatch.setattr(formatting, "_black_many", recording)
    monkeypatch.setattr(formatting, "_POOL_MIN_LINES", 10**9)
    return sent
