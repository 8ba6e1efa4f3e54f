"""Golden files: generated/ and the fixture packages under tests/golden/ match a fresh generation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import Project, generate_package
from generator.output.writer import read_tree, unified_diff, write_tree

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = sorted(p.name for p in GOLDEN.iterdir() if (p / "spec.yaml").is_file())
UPDATE = os.environ.get("CLIENTGEN_UPDATE_GOLDEN") == "1"


def test_generated_matches_specs_and_templates() -> None:
    diff = Project(ROOT).check()
    assert not diff, f"generated/ is out of date; run `clientgen generate`:\n{diff}"


@pytest.mark.parametrize("fixture", FIXTURES)
def test_fixture_golden_tree(fixture: str) -> None:
    generated = generate_package(GOLDEN / fixture / "spec.yaml", fixture)
    expected_dir = GOLDEN / fixture / "expected"
    if UPDATE:
        # Fails either way, so a run with the variable set can never pass for a check.
        rewritten = write_tree(expected_dir, generated.files)
        where = f"tests/golden/{fixture}/expected"
        pytest.fail(
            f"CLIENTGEN_UPDATE_GOLDEN=1 rewrote {len(rewritten)} file(s) under {where}: "
            f"{', '.join(rewritten)}; review them and run the tests without it"
            if rewritten else
            f"CLIENTGEN_UPDATE_GOLDEN=1: {where} already matched, nothing rewritten; "
            "run the tests without it",
            pytrace=False,
        )
    diff = unified_diff(generated.files, read_tree(expected_dir), f"tests/golden/{fixture}/expected")
    assert not diff, (
        f"{fixture} golden tree differs; after an intended change run "
        f"`CLIENTGEN_UPDATE_GOLDEN=1 pytest tests/test_golden.py`:\n{diff}"
    )


_DIGEST = """
import hashlib, json, sys
from pathlib import Path
from generator import generate_package
files = generate_package(Path(sys.argv[1]), "unions").files
print(hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest())
"""


def test_output_is_identical_across_hash_seeds() -> None:
    digests = set()
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", _DIGEST, str(GOLDEN / "unions" / "spec.yaml")],
            capture_output=True, text=True, env=env, cwd=ROOT, check=True,
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1


def test_every_generated_file_carries_no_machine_paths() -> None:
    for provider_dir in sorted(p for p in (ROOT / "generated").iterdir() if not p.name.startswith(".")):
        for relative, text in read_tree(provider_dir).items():
            assert str(ROOT) not in text, f"{provider_dir.name}/{relative} names a local path"
