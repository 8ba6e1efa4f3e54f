"""The shipped black seed holds black's own output for exactly the pieces every golden fixture
renders alike, and a run with an empty cache takes those from it instead of formatting them."""

from __future__ import annotations

import os
from pathlib import Path

import black
import pytest

from generator.foundation import cache
from generator.ir.parser import build_api
from generator.reading.loader import load_spec
from generator.rendering import black_seed
from generator.rendering import format as formatting
from generator.rendering.render import render_package

PROJECT = Path(__file__).resolve().parents[3]
FIXTURES = sorted(PROJECT.glob("tests/golden/*/spec.yaml"))
UPDATE = os.environ.get("CLIENTGEN_UPDATE_GOLDEN") == "1"


def _pieces(spec: Path) -> list[str]:
    files = render_package(build_api(load_spec(spec), spec.parent.name), spec.name)
    return [piece for path, text in sorted(files.items()) if path.endswith(".py")
            for piece in formatting.split_module(text)]


def test_the_seed_is_black_on_the_pieces_every_fixture_renders_alike() -> None:
    common = black_seed.common_pieces(_pieces(spec) for spec in FIXTURES)
    expected = black_seed.seed_text(
        {formatting.seed_key(piece): black.format_str(piece, mode=formatting.black_mode()) for piece in common}
    )
    current = black_seed.SEED_FILE.read_text(encoding="utf-8") if black_seed.SEED_FILE.exists() else ""
    if current != expected and UPDATE:
        black_seed.SEED_FILE.write_text(expected, encoding="utf-8")
        pytest.fail(f"CLIENTGEN_UPDATE_GOLDEN=1 rewrote {black_seed.SEED_FILE.name} ({len(common)} pieces)")
    assert current == expected, (
        f"{black_seed.SEED_FILE.name} is stale (the package templates or black changed): "
        "`CLIENTGEN_UPDATE_GOLDEN=1 pytest tests/unit/rendering/test_unit_black_seed.py` rewrites it"
    )
    assert len(common) >= 30, "the runtime's classes and functions are the same in every package"


def test_an_empty_cache_formats_only_what_the_seed_does_not_hold(
    monkeypatch: pytest.MonkeyPatch, sent_to_black: list[str]
) -> None:
    monkeypatch.setattr(cache, "_enabled", False)
    spec = FIXTURES[0]
    files = render_package(build_api(load_spec(spec), spec.parent.name), spec.name)
    formatted_by_black = sent_to_black
    out = formatting.format_files(files)
    seeded = {key for key in black_seed.seeded()}
    assert seeded and not any(formatting.seed_key(s) in seeded for s in formatted_by_black)
    assert len(formatted_by_black) < len([p for t in files.values() for p in formatting.split_module(t)])
    for path, text in out.items():
        if path.endswith(".py"):
            assert black.format_str(text, mode=formatting.black_mode()) == text, path
