"""The spec-text check remembered module by module (rendering/spec_text_verdicts.py): a module is
searched again only for spec texts it was not searched for, and finds every problem a full search
finds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.foundation import cache
from generator.reading.loader import LoadedSpec, parse_spec_text
from generator.rendering import ast_check, spec_text_verdicts
from generator.rendering.ast_check import spec_text_problems, spec_texts

LEAK = "os.system('x')"
MODULES = {
    "pkg/a.py": f'"""Runs {LEAK} in a docstring only."""\nVALUE = 1\n',
    "pkg/b.py": f"import os\n\n{LEAK}\n",  # leaks once the spec says it
}


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cache.set_enabled(True)
    yield
    cache.set_enabled(True)


def _spec(*descriptions: str) -> LoadedSpec:
    paths = {f"/p{index}": {"description": text} for index, text in enumerate(descriptions)}
    return parse_spec_text(json.dumps({"info": {"title": "t"}, "paths": paths}), Path("spec.json"), "spec.json")


@pytest.fixture
def searched(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Each search: the modules searched, each with the fragments it was known clean of."""
    calls: list[dict[str, Any]] = []
    real = spec_text_verdicts.problems_by_module

    def recorded(spec: Any, files: Any, texts: Any = None, clean_of: Any = None) -> Any:
        calls.append({path: set((clean_of or {}).get(path, ())) for path in files})
        return real(spec, files, texts, clean_of)

    monkeypatch.setattr(spec_text_verdicts, "problems_by_module", recorded)
    return calls


def _check(spec: LoadedSpec) -> list[str]:
    return [str(p) for p in spec_text_verdicts.checked_problems(spec, MODULES, spec_texts(spec))]


def test_a_module_is_searched_again_only_for_new_texts(searched):
    first = _spec("A description of the first path.")
    assert _check(first) == []
    assert _check(first) == []
    second = _spec("A description of the first path.", "Another description, added.")
    assert _check(second) == []
    assert searched[0] == {"pkg/a.py": set(), "pkg/b.py": set()}  # searched for everything
    assert searched[1] == {}  # nothing searched again
    old = set(spec_texts(first).fragments)
    assert searched[2] == {"pkg/a.py": old, "pkg/b.py": old}  # only the new description


def test_a_new_text_leaked_in_an_unchanged_module_is_found_as_a_full_search_finds_it(searched):
    before = _spec("A description of the first path.")
    assert _check(before) == []
    after = _spec("A description of the first path.", LEAK)
    problems = _check(after)
    assert searched[-1]["pkg/b.py"] == set(spec_texts(before).fragments)  # an incremental search
    assert problems == [str(p) for p in spec_text_problems(after, MODULES)]
    assert len(problems) == 1 and "pkg/b.py on line 3" in problems[0]
    assert _check(after) == problems  # a problem is never remembered
    assert set(searched[-1]) == {"pkg/b.py"}  # the clean module is not searched again


def test_unreadable_verdicts_mean_a_full_search(searched):
    spec = _spec("A description of the first path.")
    _check(spec)
    for entry in (cache.cache_dir() / spec_text_verdicts._FRAGMENTS).rglob("*"):
        if entry.is_file():
            entry.write_text("not json")
    assert _check(_spec("A description of the first path.", LEAK)) == [
        str(p) for p in spec_text_problems(_spec("A description of the first path.", LEAK), MODULES)]
    assert searched[-1] == {"pkg/a.py": set(), "pkg/b.py": set()}


def test_a_search_for_a_few_texts_finds_what_one_for_all_finds():
    spec = _spec(LEAK, "os.system('x') again, on its own line", "print('fine'); x = 1", "nothing (here) at all")
    texts = spec_texts(spec)
    module = {"m.py": f"x = 1\n{LEAK}\nprint('fine'); x = 1\n"}
    full = ast_check.problems_by_module(spec, module, texts)["m.py"]
    assert len(full) == 2
    few = ast_check.problems_by_module(spec, module, texts, {"m.py": frozenset({"nothing (here) at all"})})
    assert [str(p) for p in few["m.py"]] == [str(p) for p in full]
