"""Every Python block of every generated README passes `mypy --strict`, as a user would paste it:
the four providers' and the fixture goldens', and those of the packages generated from the public
documents in ../shared/corpus/ (which have no examples of their own, mostly). mypy runs once per
test over all the blocks, with the packages importable."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import PROVIDERS, ROOT, shared_path

from generator import generate_to
from generator.foundation.diagnostics import SpecError

_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def _mypy_readme_blocks(package_roots: list[Path], blocks_dir: Path) -> tuple[int, list[str]]:
    """mypy --strict over every block of every package's README: (block count, its errors there).

    Errors inside the packages themselves are other tests' business (test_typing.py)."""
    blocks_dir.mkdir()
    files = []
    for number, root in enumerate(package_roots):
        for index, block in enumerate(_BLOCK.findall((root / "README.md").read_text(encoding="utf-8"))):
            path = blocks_dir / f"readme_{number}_{root.name}_{index}.py"
            path.write_text(block, encoding="utf-8")
            files.append(path)
    env = {**os.environ, "MYPYPATH": os.pathsep.join(map(str, package_roots))}
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull,
         *map(str, files)],
        capture_output=True, text=True, cwd=blocks_dir, env=env, timeout=600, check=False,
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr  # 2: mypy itself failed
    assert "error:" in result.stdout or result.returncode == 0
    errors = [line for line in result.stdout.splitlines()
              if line.startswith("readme_") and ": error:" in line]
    return len(files), errors


def test_provider_and_fixture_readme_blocks_pass_mypy_strict(tmp_path: Path) -> None:
    roots = [ROOT / "generated" / p for p in PROVIDERS]
    roots += sorted((ROOT / "tests" / "golden").glob("*/expected"))
    count, errors = _mypy_readme_blocks(roots, tmp_path / "blocks")
    assert count >= 6 * len(roots)  # quick start, one per operation, async, errors, raw, testing
    assert not errors, "\n".join(errors)


def test_corpus_readme_blocks_pass_mypy_strict(tmp_path: Path) -> None:
    corpus = shared_path("corpus")  # skips when ../shared/ is absent
    roots = []
    for spec in sorted(corpus.iterdir()):
        if spec.suffix not in (".yaml", ".json"):
            continue
        out = tmp_path / "packages" / re.sub(r"\W", "_", spec.stem)
        try:
            generate_to(spec, out)
        except SpecError:
            continue  # refused: no package, no README (the corpus test checks the refusals)
        roots.append(out)
    assert len(roots) >= 10, roots  # most of the corpus generates today
    count, errors = _mypy_readme_blocks(roots, tmp_path / "blocks")
    assert count >= 6 * len(roots)
    assert not errors, "\n".join(errors)
