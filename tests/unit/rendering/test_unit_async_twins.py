"""The async resource classes are made from black's output for their sync twins, and come out as
black itself would format them; where that cannot be told without black, black formats them."""

from __future__ import annotations

import re
from pathlib import Path

import black
import pytest

from generator.foundation import cache
from generator.ir.parser import build_api
from generator.reading.loader import load_spec
from generator.rendering import async_twins
from generator.rendering import format as formatting
from generator.rendering.render import render_package

PROJECT = Path(__file__).resolve().parents[3]
SPECS = sorted([*PROJECT.glob("tests/golden/*/spec.yaml"), *PROJECT.glob("specs/*.yaml")])
_ASYNC_RESOURCE = re.compile(r"class Async\w+Resource:")


def _client(spec: Path) -> str:
    name = spec.parent.name if spec.name == "spec.yaml" else spec.stem
    files = render_package(build_api(load_spec(spec), name), spec.name)
    return next(text for path, text in files.items() if path.endswith("/_client.py"))


def _black(source: str) -> str:
    return black.format_str(source, mode=formatting.black_mode())


def _sync_and_async(spec: Path) -> list[tuple[str, str]]:
    pieces = formatting.split_module(_client(spec))
    by_head = {piece.split("\n", 1)[0]: piece for piece in pieces}
    return [(by_head[head.replace("class Async", "class ", 1)], piece)
            for head, piece in by_head.items() if _ASYNC_RESOURCE.fullmatch(head)]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.parent.name if p.name == "spec.yaml" else p.stem)
def test_each_async_resource_class_is_black_on_it_made_from_its_twin(spec: Path) -> None:
    classes = _sync_and_async(spec)
    assert classes
    pairs = async_twins.pair_twins([piece for pair in classes for piece in pair])
    assert pairs == {async_source: sync_source for sync_source, async_source in classes}
    for sync_source, async_source in classes:
        derived = async_twins.derive(sync_source, _black(sync_source), formatting._LINE_LENGTH)
        assert derived == _black(async_source)


def test_a_line_the_edits_push_past_the_limit_is_left_to_black(monkeypatch: pytest.MonkeyPatch) -> None:
    sync_source, async_source = _sync_and_async(PROJECT / "tests/golden/params/spec.yaml")[0]
    name = "ItemsResource"
    # `def with_raw_response(self) -> AsyncXWithRawResponse:` fits in 100 columns only without "Async".
    long = "I" + "tems" * 12 + "Resource"
    sync_source, async_source = sync_source.replace(name, long), async_source.replace(name, long)
    assert async_twins.pair_twins([sync_source, async_source]) == {async_source: sync_source}
    assert async_twins.derive(sync_source, _black(sync_source), formatting._LINE_LENGTH) is None

    monkeypatch.setattr(cache, "_enabled", False)
    module = f"{sync_source}\n\n{async_source}"
    assert formatting.format_files({"m.py": module})["m.py"] == _black(module)


def test_a_class_the_edits_would_change_elsewhere_is_not_a_twin() -> None:
    sync_source, async_source = _sync_and_async(PROJECT / "tests/golden/params/spec.yaml")[0]
    # A line of the class's docstring that reads like a method's head: the edits would make it
    # `async def`, which the async class's docstring does not say.
    doc = '    """Operations tagged \'items\'.'
    assert doc in sync_source
    sync_source = sync_source.replace(doc, doc + "\n\n    def items(\n")
    async_source = async_source.replace(doc, doc + "\n\n    def items(\n")
    assert async_twins.pair_twins([sync_source, async_source]) == {}


def test_a_cold_run_sends_black_no_async_resource_class(
    monkeypatch: pytest.MonkeyPatch, sent_to_black: list[str]
) -> None:
    monkeypatch.setattr(cache, "_enabled", False)
    files = {"_client.py": _client(PROJECT / "specs" / "kombo.yaml")}
    out = formatting.format_files(files)["_client.py"]
    assert out == _black(files["_client.py"])
    assert not [s for s in sent_to_black if _ASYNC_RESOURCE.match(s)]
    assert [s for s in sent_to_black if re.match(r"class \w+Resource:", s)]
