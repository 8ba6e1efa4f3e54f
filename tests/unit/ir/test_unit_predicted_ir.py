"""The IR predicted while the model generator runs (ir/parser.py): what it renders for the methods
that take no body is what the package will hold, so black's helper can format them ahead."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

import pytest

from generator import pipeline
from generator.ir import parser
from generator.ir.nodes import Api
from generator.models.datamodel import read_model_classes
from generator.reading.loader import load_spec
from generator.rendering import format as formatting
from generator.rendering.render import render_package

PROJECT = Path(__file__).resolve().parents[3]
SPECS = sorted([*(PROJECT / "specs").glob("*.yaml"), *(PROJECT / "tests" / "golden").glob("*/spec.yaml")])


@contextlib.contextmanager
def _at_once(work: Callable[[], None]) -> Iterator[None]:
    work()  # as if the model generator's helper were answering
    yield


def _units(files: dict[str, str], path: str) -> list[str]:
    return [unit for piece in formatting.split_module(files[path]) for unit in formatting._units(piece)]


def _predictable_methods_checked(spec_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Asserts what the predicted IR renders; the number of methods that took part."""
    monkeypatch.setattr(parser.model_helper, "meanwhile", _at_once)
    spec = load_spec(spec_path)
    predicted: list[Api] = []
    api = parser.build_api(spec, "x", models_pending=lambda build: predicted.append(build()))
    [guess] = predicted
    real, ahead = render_package(api, spec.path.name), render_package(guess, spec.path.name)
    assert ahead[f"{api.package}/_runtime.py"] == real[f"{api.package}/_runtime.py"]
    objects = {name for name, cls in read_model_classes(api.models_source).items() if not cls.is_root}
    client = f"{api.package}/_client.py"
    guessed = set(_units(ahead, client))
    checked = 0
    for resource in api.resources:
        for op in resource.operations:
            if op.body is None and op.response_model in (None, *objects) and op.warnings_attribute is None:
                units = [unit for unit in _units(real, client) if f"def {op.method_name}(" in unit]
                assert units and all(unit in guessed for unit in units), (resource.attribute, op.method_name)
                checked += 1
    return checked


@pytest.mark.parametrize("spec_path", SPECS, ids=[p.parent.name if p.name == "spec.yaml" else p.stem for p in SPECS])
def test_methods_without_a_body_and_the_runtime_render_from_the_predicted_ir_as_they_will(spec_path, monkeypatch):
    _predictable_methods_checked(spec_path, monkeypatch)


def test_the_prediction_covers_methods_of_the_provider_specs(monkeypatch):
    assert sum(_predictable_methods_checked(p, monkeypatch) for p in sorted((PROJECT / "specs").glob("*.yaml"))) >= 2


def test_no_prediction_without_the_model_generators_helper():
    predicted: list[Api] = []
    parser.build_api(load_spec(SPECS[0]), "x", models_pending=lambda build: predicted.append(build()))
    assert predicted == []


def test_the_methods_whose_body_has_a_model_are_left_out_of_formatting_ahead(monkeypatch):
    monkeypatch.setattr(parser.model_helper, "meanwhile", _at_once)
    monkeypatch.setattr(pipeline.black_helper, "current", lambda: object())  # as if it ran
    asked: list[tuple[dict[str, str], Collection[str]]] = []
    monkeypatch.setattr(pipeline, "format_ahead", lambda files, leave_out=(): asked.append((files, leave_out)))
    spec = load_spec(PROJECT / "specs" / "kombo.yaml")
    api = parser.build_api(spec, "x", models_pending=functools.partial(pipeline._format_ahead, spec))
    [(files, leave_out)] = asked
    modelled = {op.method_name for r in api.resources for op in r.operations if op.body and op.body.model}
    assert modelled and set(leave_out) == modelled
    assert any(f"def {name}(" in files[f"{api.package}/_client.py"] for name in modelled)
