"""Shared test set-up: the project root and the generated packages on sys.path."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROVIDERS = ("kombo", "stackone", "unified", "xobin")

for provider in PROVIDERS:
    package_root = str(ROOT / "generated" / provider)
    if package_root not in sys.path:
        sys.path.insert(0, package_root)
