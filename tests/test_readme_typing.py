"""Every Python block of every generated README passes `mypy --strict`, as a user would paste it:
the four providers' and the fixture goldens', and those of the packages generated from the public
documents in ../shared/corpus/ (which have no examples of their own, mostly). mypy runs once per
test over all the blocks, with the packages importable."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import PROVIDERS, ROOT, shared_path

from generator import generate_to
from generator.foundation.diagnostics import SpecError

_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
_CALL = re.compile(r"\bclient\.\w+\.(with_raw_response\.)?\w+\(")


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


@pytest.fixture(scope="module")
def corpus_packages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A package for every document in ../shared/corpus/ that generates today."""
    corpus = shared_path("corpus")  # skips when ../shared/ is absent
    roots = []
    for spec in sorted(corpus.iterdir()):
        if spec.suffix not in (".yaml", ".json"):
            continue
        out = tmp_path_factory.mktemp("corpus") / re.sub(r"\W", "_", spec.stem)
        try:
            generate_to(spec, out)
        except SpecError:
            continue  # refused: no package, no README (the corpus test checks the refusals)
        roots.append(out)
    assert len(roots) >= 10, roots  # most of the corpus generates today
    return roots


def test_corpus_readme_blocks_pass_mypy_strict(corpus_packages: list[Path], tmp_path: Path) -> None:
    count, errors = _mypy_readme_blocks(corpus_packages, tmp_path / "blocks")
    assert count >= 5 * len(corpus_packages)
    assert not errors, "\n".join(errors)


def test_corpus_readme_calls_pass_the_clients_request_checks(
    corpus_packages: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Example values made from the schemas are valid requests, not only well-typed: each block
    runs against the package's fake API, and its request must be sent. What the fake answers
    (many of these documents have no response examples) is not the README's business."""
    sent: list[httpx.Request] = []
    real_send = httpx.Client.send

    def record(self: httpx.Client, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        sent.append(request)
        return real_send(self, request, **kwargs)

    monkeypatch.setattr(httpx.Client, "send", record)
    failures = []
    for root in corpus_packages:
        package = next(p.name for p in root.iterdir() if (p / "testing.py").is_file())
        monkeypatch.syspath_prepend(str(root))
        testing = importlib.import_module(f"{package}.testing")
        fake = testing.FakeAPI()
        monkeypatch.setattr(httpx, "Client", _routed(httpx.Client, fake.transport))
        text = (root / "README.md").read_text(encoding="utf-8")
        for index, block in enumerate(_BLOCK.findall(text)):
            if not _CALL.search(block) or "async " in block:
                continue  # no call (the async twin sends the same request as the sync one)
            before = len(sent)
            try:
                exec(compile(block, f"{root.name}/README.md[{index}]", "exec"), {"__name__": "readme"})
            except (testing.UnmatchedRequest, importlib.import_module(package).APIStatusError,
                    importlib.import_module(package).APIResponseValidationError):
                pass  # the request was sent; the fake had no fitting answer
            except Exception as exc:  # noqa: BLE001 - every other failure is reported below
                failures.append(f"{root.name}[{index}]: {type(exc).__name__}: {exc}")
                continue
            if len(sent) == before:
                failures.append(f"{root.name}[{index}]: no request was sent")
        monkeypatch.setattr(httpx, "Client", httpx.Client.__mro__[1])
    assert not failures, "\n".join(failures)


def _routed(client_class: type[httpx.Client], transport: httpx.BaseTransport) -> type[httpx.Client]:
    class Client(client_class):  # type: ignore[misc, valid-type]
        def __init__(self, **kwargs: Any) -> None:
            kwargs.setdefault("transport", transport)
            super().__init__(**kwargs)

    return Client
