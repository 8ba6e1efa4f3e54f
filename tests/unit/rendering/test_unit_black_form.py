"""Every generated Python file, and every Python block of every generated README, is exactly what
black itself makes of it: black's own `format_str` is the oracle, whatever shortcuts format.py
takes to get there (one pass where a second cannot change anything)."""

from __future__ import annotations

import re
from pathlib import Path

import black
import pytest

from generator import generate_package
from generator.foundation.diagnostics import SpecError
from generator.rendering import format as formatting

PROJECT = Path(__file__).resolve().parents[3]
CORPUS = PROJECT.parent / "shared" / "corpus"
TREES = sorted([*(m.parent for m in PROJECT.glob("generated/*/clientgen-manifest.json")),
                *PROJECT.glob("tests/golden/*/expected/")])
CORPUS_SPECS = sorted([*CORPUS.glob("*.yaml"), *CORPUS.glob("*.json")])
_PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def _black_form_problems(files: dict[str, str]) -> list[str]:
    """The files (and README blocks) that black would change, each with the first line it changes."""
    problems = []
    for path, text in sorted(files.items()):
        if path.endswith(".py"):
            sources = [(path, text)]
        elif path.endswith(".md"):
            sources = [(f"{path} block {n}", block) for n, block in enumerate(_PYTHON_BLOCK.findall(text), 1)]
        else:
            continue
        for name, source in sources:
            oracle = black.format_str(source, mode=formatting.black_mode())
            if oracle != source:
                line = next(
                    (n for n, (a, b) in enumerate(zip(source.splitlines(), oracle.splitlines()), 1) if a != b),
                    min(source.count("\n"), oracle.count("\n")) + 1,
                )
                problems.append(f"{name}:{line}")
    return problems


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in root.rglob("*") if p.suffix in (".py", ".md") and "__pycache__" not in p.parts}


@pytest.mark.parametrize("root", TREES, ids=lambda p: p.relative_to(PROJECT).as_posix())
def test_generated_trees_are_in_black_form(root):
    # The golden tests prove these trees are what the generator produces now.
    files = _tree(root)
    assert any(path.endswith(".py") for path in files)
    assert _black_form_problems(files) == []


@pytest.mark.parametrize("spec", CORPUS_SPECS, ids=lambda p: p.name)
def test_corpus_packages_are_in_black_form(spec):
    try:
        generated = generate_package(spec)
    except SpecError:
        pytest.skip("the spec is refused")
    assert _black_form_problems(generated.files) == []


def test_the_single_pass_of_the_pinned_black_is_there():
    assert getattr(black, "_format_str_once", None) is not None, (
        f"black {black.__version__} has no `_format_str_once`: every piece black changes is formatted "
        "twice again; find its single pass or drop the shortcut in rendering/format.py"
    )


def test_one_pass_is_kept_only_where_black_would_keep_it(monkeypatch):
    respelled = "x = {'a': 'b'}\n"  # the first pass only changes quotes
    # ... or lays a line out otherwise, adding no token: here it breaks a call, a class's bases
    relaid = ("class Model(BaseModel):\n    kind: Annotated[Literal['a', 'b', 'c'], OpenEnum] | None = "
              "Field(default='a', exclude_if=is_none, description='The kind.')\n")
    relaid_class = f"class {'Long' * 24}(RootModel[str]):\n    root: str\n"
    # ... where the first pass adds trailing commas, black reads them back as magic
    split = "def f(" + ", ".join(f"argument_{n}: int" for n in range(12)) + ") -> None: ...\n"
    passes = []
    format_once = black._format_str_once
    monkeypatch.setattr(
        black, "_format_str_once", lambda source, **kw: passes.append(source) or format_once(source, **kw)
    )
    for source, count in ((respelled, 1), (relaid, 1), (relaid_class, 1), (split, 2)):
        passes.clear()
        ours = formatting._black(source)
        assert len(passes) == count, source
        assert ours == black.format_str(source, mode=formatting.black_mode())


def test_the_cache_salt_names_the_mode_pieces_are_formatted_with():
    mode = formatting.black_mode()
    assert mode == black.Mode(target_versions={black.TargetVersion.PY310}, line_length=100)
    assert f"black {black.__version__} line-length 100 target PY310" == formatting._CACHE_SALT

