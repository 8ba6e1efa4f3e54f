"""The forked retry for circular root models (models/collapse_retry.py) changes nothing the model
generator produces: every spec's models are byte for byte those of the public path, which runs
the first parse and then the whole retry."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from generator.foundation import cache
from generator.foundation.diagnostics import SpecError
from generator.ir.parser import build_api
from generator.models import collapse_retry
from generator.models import datamodel as models
from generator.reading.loader import load_spec

PROJECT = Path(__file__).resolve().parents[3]
SHARED = PROJECT.parent / "shared"
REAL_KOMBO = SHARED / "real-specs" / "kombo-openapi.json"
SPECS = sorted(
    [*PROJECT.glob("specs/*.yaml"), *PROJECT.glob("tests/golden/*/spec.yaml"),
     PROJECT / "tests" / "hostile" / "recursive_schemas.yaml",
     *(SHARED / "corpus").glob("*.yaml"), *(SHARED / "corpus").glob("*.json")]
    + ([REAL_KOMBO] if REAL_KOMBO.is_file() else [])
)


@pytest.fixture(autouse=True)
def no_cache() -> Iterator[None]:
    cache.set_enabled(False)  # every run below computes its models
    yield
    cache.set_enabled(True)


_CALL_MODEL_GENERATOR = models.call_model_generator


class Recorder:
    """The model generator's calls, and how the shortcut's forked children ended."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[dict[str, Any], dict[str, Any], str]] = []
        self.answers: list[str] = []
        call, answer = _CALL_MODEL_GENERATOR, collapse_retry._Child.answer

        def recorded_call(document: dict[str, Any], options: dict[str, Any]) -> str:
            source = call(document, options)
            self.calls.append((document, options, source))
            return source

        def recorded_answer(child: collapse_retry._Child) -> tuple[Any, ...]:
            result = answer(child)
            self.answers.append(str(result[0]))
            return result

        monkeypatch.setattr(models, "call_model_generator", recorded_call)
        monkeypatch.setattr(collapse_retry._Child, "answer", recorded_answer)


def _public(document: dict[str, Any], options: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(collapse_retry, "hooks", lambda: None)
        return _CALL_MODEL_GENERATOR(document, options)


def test_the_hooks_of_the_pinned_release_are_there():
    version = metadata.version("datamodel-code-generator")
    assert version == collapse_retry.PINNED_VERSION, (
        f"datamodel-code-generator {version} is installed: check that its first parse and its retry "
        f"for circular root models still part at `set_circular_root_model_paths`, then update "
        f"collapse_retry.PINNED_VERSION (until then every model generator run takes the slow way)"
    )
    assert collapse_retry.hooks() is not None, (
        "the private names models/collapse_retry.py hooks are gone from datamodel-code-generator "
        f"{version}: every model generator run now parses circular root models twice"
    )


def test_another_release_takes_the_public_path(monkeypatch):
    monkeypatch.setattr(collapse_retry.dist_versions, "version", lambda name: "0.90.0")
    assert collapse_retry.hooks.__wrapped__() is None


@pytest.mark.parametrize("spec_path", SPECS, ids=lambda p: p.name)
def test_models_are_those_of_the_public_path(spec_path, monkeypatch):
    spec = load_spec(spec_path)
    recorder = Recorder(monkeypatch)
    try:
        build_api(spec, "spec")
    except SpecError:
        pytest.skip("the spec is refused before or by the model step")
    if not recorder.calls:
        pytest.skip("no schemas: the model generator does not run")
    for document, options, source in recorder.calls:
        assert source == _public(document, options, monkeypatch)
    if spec_path == REAL_KOMBO:  # its first parse fails: the shortcut is taken, not passed by
        assert recorder.answers == ["first parse fails"]


_REF = "#/components/schemas/"
# Root models on a cycle without a mapping key: the first parse fails for the first, succeeds
# (inlining the cycle) for the others, so each way of ending the fork is taken.
CYCLES = {
    "arrays of each other": ("first parse fails", {
        "A": {"type": "array", "items": {"$ref": _REF + "B"}},
        "B": {"type": "array", "items": {"$ref": _REF + "A"}}}),
    "unions of each other": ("public", {
        "A": {"anyOf": [{"type": "string"}, {"$ref": _REF + "B"}]},
        "B": {"anyOf": [{"type": "integer"}, {"$ref": _REF + "A"}]}}),
    "a JSON value": ("public", {
        "J": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"$ref": _REF + "K"}},
                        {"type": "object", "additionalProperties": {"$ref": _REF + "J"}}]},
        "K": {"anyOf": [{"$ref": _REF + "J"}, {"type": "null"}]}}),
}


def _with_holder(schemas: dict[str, Any]) -> dict[str, Any]:
    holder = {"type": "object", "properties": {name.lower(): {"$ref": _REF + name} for name in schemas}}
    return {**schemas, "Holder": holder}


@pytest.mark.parametrize("case", CYCLES, ids=CYCLES)
def test_circular_root_models_are_those_of_the_public_path(case, monkeypatch):
    expected_answer, schemas = CYCLES[case]
    recorder = Recorder(monkeypatch)
    source = models.generate_models(_with_holder(schemas), "3.0.3", "# header")
    [(document, options, _)] = recorder.calls
    assert recorder.answers == [expected_answer]
    assert source.startswith("# header") and "class Holder" in source
    assert recorder.calls[0][2] == _public(document, options, monkeypatch)


def test_a_child_that_dies_leaves_the_public_path(monkeypatch):
    _, schemas = CYCLES["arrays of each other"]
    recorder = Recorder(monkeypatch)
    monkeypatch.setattr(collapse_retry._Child, "answer", lambda child: child.stop() or ("died",))
    models.generate_models(_with_holder(schemas), "3.0.3", "# header")
    [(document, options, source)] = recorder.calls
    assert source == _public(document, options, monkeypatch)


def test_without_fork_the_public_path_runs(monkeypatch):
    _, schemas = CYCLES["unions of each other"]
    recorder = Recorder(monkeypatch)
    monkeypatch.setattr(collapse_retry, "_can_fork", lambda: False)
    models.generate_models(_with_holder(schemas), "3.0.3", "# header")
    [(document, options, source)] = recorder.calls
    assert recorder.answers == []
    assert source == _public(document, options, monkeypatch)
