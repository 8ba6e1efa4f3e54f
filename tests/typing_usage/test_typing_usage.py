"""mypy --strict on typed usage of every generated client: the types are real, not Any.

`<provider>_ok.py` uses every operation, sync and async, with annotated results and must pass;
it then runs against Prism, so its annotations also hold at run time. Where it asks Prism for an
error status, it catches the typed exception and raises AssertionError when none comes, which a
run against the package's FakeAPI (which ignores that request) proves. `<provider>_bad.py` holds
deliberate mistakes, each line marked `# expect: <code>[, <code>]`, and mypy must report exactly
those lines with exactly those codes.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests" / "prism"))

from prism_server import PROVIDERS, PrismServer, prism_servers  # noqa: F401  (the `prism` fixture)

EXPECT = re.compile(r"#\s*expect:\s*([\w-]+(?:\s*,\s*[\w-]+)*)\s*$")
MYPY_ERROR = re.compile(r"^(?P<file>[^:]+\.py):(?P<line>\d+): error: .*\[(?P<code>[\w-]+)\]$")

Finding = tuple[str, int, str]  # file name, line, error code


def expected_findings(path: Path) -> set[Finding]:
    found = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            found |= {(path.name, number, code.strip()) for code in match.group(1).split(",")}
    return found


@pytest.fixture(scope="module")
def mypy_findings(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[Finding], str]:
    """One mypy --strict run over every usage file; its errors and its whole output."""
    files = sorted(HERE.glob("*_ok.py")) + sorted(HERE.glob("*_bad.py"))
    env = {**os.environ, "MYPYPATH": os.pathsep.join(str(ROOT / "generated" / p) for p in PROVIDERS)}
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--show-error-codes", "--no-error-summary",
         "--cache-dir", str(tmp_path_factory.mktemp("mypy-cache")), *map(str, files)],
        capture_output=True, text=True, cwd=HERE, env=env, check=False,
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr
    findings = set()
    for line in result.stdout.splitlines():
        match = MYPY_ERROR.match(line)
        if match:
            findings.add((Path(match["file"]).name, int(match["line"]), match["code"]))
    return findings, result.stdout + result.stderr


@pytest.mark.parametrize("provider", PROVIDERS)
def test_typed_usage_passes_mypy_strict(mypy_findings: tuple[set[Finding], str], provider: str) -> None:
    findings, output = mypy_findings
    assert (HERE / f"{provider}_ok.py").is_file()
    assert {f for f in findings if f[0] == f"{provider}_ok.py"} == set(), output


@pytest.mark.parametrize("provider", PROVIDERS)
def test_mypy_reports_exactly_the_marked_mistakes(
    mypy_findings: tuple[set[Finding], str], provider: str
) -> None:
    findings, output = mypy_findings
    bad = HERE / f"{provider}_bad.py"
    expected = expected_findings(bad)
    assert expected, f"{bad.name} marks no mistakes"
    assert {f for f in findings if f[0] == bad.name} == expected, output


# The status each async example asks Prism for (`Prefer: code=...`) and must see raised.
EXPECTED_ERROR = {"kombo": "409", "stackone": "404", "xobin": "401"}


@pytest.mark.parametrize("provider", PROVIDERS)
def test_typed_usage_runs_against_prism(prism: dict[str, PrismServer], provider: str) -> None:
    usage = importlib.import_module(f"{provider}_ok")
    base_url = prism[provider].base_url

    synced, awaited = usage.run_sync(base_url), asyncio.run(usage.run_async(base_url))
    for outcome in (synced, awaited):
        assert outcome
        assert all(isinstance(item, str) for item in outcome)
    if provider in EXPECTED_ERROR:
        assert awaited[0] == EXPECTED_ERROR[provider]


@pytest.mark.parametrize("provider", sorted(EXPECTED_ERROR))
def test_typed_usage_fails_when_the_expected_error_does_not_come(
    provider: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    testing = importlib.import_module(f"{provider}_client.testing")
    base_url = "http://127.0.0.1:9"  # never reached: every request goes to the fake
    fake = testing.FakeAPI(base_url=base_url)

    class FakeBackedClient(httpx.AsyncClient):
        def __init__(self, **options: object) -> None:
            super().__init__(**options, transport=fake.transport)  # type: ignore[arg-type]

    monkeypatch.setattr(httpx, "AsyncClient", FakeBackedClient)
    usage = importlib.import_module(f"{provider}_ok")
    with pytest.raises(AssertionError, match="must be raised"):
        asyncio.run(usage.run_async(base_url))
    assert len(fake.calls) == 1, "the example stops at the call whose error did not come"
