"""Property: any spec with random names, descriptions, enum values and defaults either fails with
one-line diagnostics, or generates code that compiles, holds spec text only inside string literals,
imports without process, network or file-write activity, and is the same for any hash seed.

Hypothesis draws the specs in-process; the generated packages are then imported together in one
sandboxed interpreter, and regenerated in two more with different PYTHONHASHSEED values.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.foundation.diagnostics import SpecError
from generator.pipeline import generate_package
from generator.rendering.ast_check import spec_text_problems

ROOT = Path(__file__).resolve().parents[2]
SANDBOX = ROOT / "tests" / "hostile" / "sandbox.py"
DIAGNOSTIC = re.compile(r"^[^\n]+:\d+:\d+: #[^\n]*: [^\n]+$")

# Characters that break naive code generators: quotes, escapes, line breaks of every kind, bidi
# controls, template and format syntax, look-alike Unicode, plus ordinary letters.
NASTY = st.sampled_from(
    list("\"'\\\n\r\t\0#{}%$;()[]<>:=.-_ ")
    + ["\u2028", "\u2029", "\x85", "\u202e", "\u2066", "\ufeff", "\ufb01", "\uff41", "e\u0301", "ß"]
    + ['"""', "'''", "{{", "}}", "{%", "%s", "{0}", "os.system('x')", "__import__"]
)
TEXT = st.lists(st.one_of(NASTY, st.characters(codec="utf-8"), st.sampled_from("abcXYZ019")),
                max_size=12).map("".join)
NAME = st.lists(st.one_of(NASTY, st.sampled_from("abcdefXYZ019")), min_size=1, max_size=8).map("".join)


@st.composite
def specs(draw: st.DrawFn) -> dict:
    properties = {}
    for name in draw(st.lists(NAME, min_size=1, max_size=4, unique=True)):
        schema: dict = {"type": "string", "description": draw(TEXT), "title": draw(TEXT)}
        values = draw(st.lists(TEXT, max_size=3, unique=True))
        if values:
            schema["enum"] = values
        if draw(st.booleans()):
            schema["default"] = draw(st.sampled_from(values)) if values else draw(TEXT)
        if draw(st.booleans()):
            schema["example"] = draw(TEXT)
        properties[name] = schema
    parameter = draw(NAME)
    return {
        "openapi": "3.1.0",
        "info": {"title": draw(TEXT), "version": draw(TEXT), "description": draw(TEXT)},
        "servers": [{"url": "https://api.example.com", "description": draw(TEXT)}],
        "paths": {
            "/things": {
                "post": {
                    "operationId": draw(NAME),
                    "summary": draw(TEXT),
                    "description": draw(TEXT),
                    "tags": [draw(NAME)],
                    "parameters": [{"name": parameter, "in": "query", "description": draw(TEXT),
                                    "schema": {"type": "string", "default": draw(TEXT)}}],
                    "requestBody": {"content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Thing"}}}},
                    "responses": {"200": {"description": draw(TEXT), "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Thing"}}}}},
                }
            }
        },
        "components": {"schemas": {"Thing": {"type": "object", "description": draw(TEXT),
                                             "properties": properties}}},
    }


def _digests(files: dict[str, str]) -> dict[str, str]:
    return {path: hashlib.sha256(text.encode()).hexdigest() for path, text in sorted(files.items())}


# Regenerates every spec named on the command line; prints one line of file digests per spec.
_REGENERATE = """
import hashlib, json, sys
from pathlib import Path
from generator.pipeline import generate_package
for path in sys.argv[1:]:
    files = generate_package(Path(path), Path(path).stem).files
    print(json.dumps({p: hashlib.sha256(t.encode()).hexdigest() for p, t in sorted(files.items())}))
"""


def test_random_specs_fail_cleanly_or_generate_inert_deterministic_code(tmp_path):
    generated: list[tuple[Path, Path, dict[str, str]]] = []  # spec, package, file digests

    @settings(max_examples=25, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(specs())
    def generate_one(spec: dict) -> None:
        path = tmp_path / f"prop{len(generated)}.json"
        path.write_text(json.dumps(spec), encoding="utf-8")
        try:
            result = generate_package(path, path.stem)
        except SpecError as error:
            assert error.diagnostics
            assert all(DIAGNOSTIC.match(str(d)) for d in error.diagnostics), error
            return
        for relative, text in result.files.items():
            if relative.endswith(".py"):
                compile(text, relative, "exec")
        assert spec_text_problems(result.spec, result.files) == []
        out = tmp_path / f"{path.stem}_out"
        for relative, text in result.files.items():
            (out / relative).parent.mkdir(parents=True, exist_ok=True)
            (out / relative).write_text(text, encoding="utf-8")
        generated.append((path, out, _digests(result.files)))

    generate_one()
    assert len(generated) >= 5, "too few random specs generate: the strategy needs tuning"

    runs = {
        seed: subprocess.Popen(
            [sys.executable, "-c", _REGENERATE, *(str(spec) for spec, _, _ in generated)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        for seed in ("1", "2")
    }
    imports = "\n".join(
        ["import importlib, sys"]
        + [f"sys.path.insert(0, {str(out)!r}); importlib.import_module('{spec.stem}_client.models')"
           f"; importlib.import_module('{spec.stem}_client')" for spec, out, _ in generated]
    )
    imported = subprocess.run(
        [sys.executable, "-B", str(SANDBOX), str(generated[0][1]), "json", imports],
        capture_output=True, text=True, timeout=300,
    )
    assert imported.returncode == 0, imported.stderr
    for seed, run in runs.items():
        stdout, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
        for (spec, _, expected), line in zip(generated, stdout.splitlines(), strict=True):
            differing = sorted(f for f, digest in json.loads(line).items() if expected.get(f) != digest)
            assert not differing, f"PYTHONHASHSEED={seed} changes {differing} of {spec.read_text()}"
