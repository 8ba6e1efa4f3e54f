"""A class formatted a method at a time is exactly what black makes of the whole class."""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from generator.foundation import cache
from generator.ir.parser import build_api
from generator.reading.loader import load_spec
from generator.rendering import format as formatting
from generator.rendering.render import render_package

PROJECT = Path(__file__).resolve().parents[3]
SPECS = sorted(PROJECT.glob("tests/golden/*/spec.yaml")) + sorted((PROJECT / "specs").glob("*.yaml"))


def _black(source: str) -> str:
    return black.format_str(source, mode=formatting.black_mode())


def _by_units(source: str) -> str | None:
    return formatting._join_units([_black(unit) for unit in formatting._units(source)])


TRICKY = [
    # black changes the first method and not the second, and the other way round
    "class A:\n    def a(self, x = 1):\n        return {'k':x}\n\n    def b(self):\n        return 1\n",
    "class A:\n    def a(self):\n        return 1\n\n\n\n    async def b(self, *, y: int=2) -> None:\n        await   g( y, )\n",
    # decorators, a class attribute between methods, a docstring with a line that reads like a def
    ('class A:\n    """Doc.\n\n    def fake(self):\n    """\n\n    x = 1\n\n    @property\n    def a(self):\n'
    '        return self\n\n    @staticmethod\n\n    def b():\n        pass\n\n    def c(self): return 3\n'),
    # a method body ending in a comment stays with it
    "class A:\n    def a(self):\n        pass\n        # the end\n\n    def b(self):\n        pass\n",
]


@pytest.mark.parametrize("source", TRICKY)
def test_unusual_classes(source: str) -> None:
    assert _by_units(source) == _black(source)


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_generated_class(spec: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_enabled", False)
    files = render_package(build_api(load_spec(spec), "x"), spec.name)
    classes = [piece for path, text in files.items() if path.endswith(".py")
               for piece in formatting.split_module(text) if len(formatting._units(piece)) > 1]
    assert classes, "resource and client classes are cut into methods"
    for source in classes:
        assert _by_units(source) == _black(source), source[:300]


def test_a_regeneration_reformats_only_the_method_that_changed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sent_to_black: list[str]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    methods = "".join(f"\n    def m{i}(self, x = {i}):\n        return x\n" for i in range(5))
    before = "class A:\n    x = 1\n" + methods
    formatting.format_files({"a.py": before})
    sent_to_black.clear()
    after = before.replace("x = 3", "x = 33")
    assert formatting.format_files({"a.py": after}) == {"a.py": _black(after)}
    assert sent_to_black == [formatting._CLASS_WRAPPER + "    def m3(self, x = 33):\n        return x\n"]
