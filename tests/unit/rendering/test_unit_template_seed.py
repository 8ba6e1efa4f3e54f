"""The shipped template seed holds Jinja's own compilation of every template, and a run with an
empty cache renders from it without parsing a template, exactly as Jinja would render."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from generator.foundation import cache
from generator.ir.parser import build_api
from generator.reading.loader import load_spec
from generator.rendering import render, template_cache

PROJECT = Path(__file__).resolve().parents[3]
FIXTURES = sorted(PROJECT.glob("tests/golden/*/spec.yaml"))
UPDATE = os.environ.get("CLIENTGEN_UPDATE_GOLDEN") == "1"


def _expected_seed(environment: jinja2.Environment) -> dict[str, str]:
    entries = {}
    for name in environment.list_templates():
        source, filename, _ = environment.loader.get_source(environment, name)  # type: ignore[union-attr]
        compiled = environment.compile(source, name, filename, raw=True)
        entries[template_cache.seed_key(environment, name, source)] = compiled
    return entries


def test_the_seed_is_jinja_compiling_every_template() -> None:
    environment = render.environment()
    expected = template_cache.seed_text(_expected_seed(environment))
    seed = template_cache.SEED_FILE
    current = seed.read_text(encoding="utf-8") if seed.exists() else ""
    if current != expected and UPDATE:
        seed.write_text(expected, encoding="utf-8")
        pytest.fail(f"CLIENTGEN_UPDATE_GOLDEN=1 rewrote {seed.name}")
    assert current == expected, (
        f"{seed.name} is stale (a template or Jinja changed): "
        "`CLIENTGEN_UPDATE_GOLDEN=1 pytest tests/unit/rendering/test_unit_template_seed.py` rewrites it"
    )
    assert len(template_cache.seeded()) == len(environment.list_templates()) >= 8


def _fresh_environment(monkeypatch: pytest.MonkeyPatch, compiles: list[str]) -> jinja2.Environment:
    render.environment.cache_clear()
    environment = render.environment()
    real = environment.compile

    def recording(source: object, name: str | None = None, *args: object, **kwargs: object) -> object:
        compiles.append(str(name))
        return real(source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(environment, "compile", recording)
    return environment


@pytest.mark.parametrize("spec", FIXTURES, ids=lambda p: p.parent.name)
def test_an_empty_cache_renders_from_the_seed_as_jinja_would(
    spec: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "_enabled", False)
    api = build_api(load_spec(spec), spec.parent.name)
    try:
        compiles: list[str] = []
        _fresh_environment(monkeypatch, compiles)
        from_seed = render.render_package(api, spec.name)
        assert compiles == [], "a template was parsed although the seed holds it"

        monkeypatch.setattr(template_cache, "seeded", dict)
        _fresh_environment(monkeypatch, compiles)
        assert render.render_package(api, spec.name) == from_seed
        assert compiles, "without the seed, Jinja compiles the templates"
    finally:
        render.environment.cache_clear()


def test_an_edited_template_misses_the_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_enabled", False)
    environment = render.environment()
    name = "package/__init__.py.jinja"
    source, filename, _ = environment.loader.get_source(environment, name)  # type: ignore[union-attr]
    bucket_cache = template_cache.TemplateBytecodeCache()
    assert bucket_cache.get_bucket(environment, name, filename, source).code is not None
    assert bucket_cache.get_bucket(environment, name, filename, source + "{# edited #}").code is None
