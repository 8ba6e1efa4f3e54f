"""The model generator in a helper process forked as the command starts (models/model_helper.py):
the same models as in this process, whatever happens to the helper, and no helper left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import process_gone

from generator import cli
from generator.models import datamodel, model_helper

PROJECT = Path(__file__).resolve().parents[3]
FIXTURE_SPEC = PROJECT / "tests" / "golden" / "params" / "spec.yaml"
SCHEMAS = {
    "Pet": {"type": "object", "required": ["name"], "properties": {
        "name": {"type": "string", "description": "What it answers to."},
        "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
    }},
    "Tag": {"type": "object", "properties": {"label": {"type": "string", "maxLength": 20}}},
}


@pytest.fixture
def helper(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[int]:
    """A helper started in this test process (no cache: every run asks it); yields its pid."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(model_helper, "_enabled", True)
    monkeypatch.setattr(model_helper, "_current", None)
    model_helper.start()
    child = model_helper._current
    assert child is not None
    try:
        yield child.pid
    finally:
        model_helper.stop()
    assert process_gone(child.pid)


def _in_process_runs_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    # Patched after the fork: only this process would fail.
    def here(*args: object) -> str:
        pytest.fail("the model generator ran in this process")

    monkeypatch.setattr(datamodel, "call_model_generator", here)


def test_the_helper_gives_the_models_this_process_would(helper, monkeypatch):
    with monkeypatch.context() as here:
        here.setattr(model_helper, "generate", lambda *args: None)
        expected = datamodel.generate_models(
            SCHEMAS, "3.0.3", "# header", {"Pet"}, base_class="pkg._base.BaseModel"
        )
    monkeypatch.setenv("XDG_CACHE_HOME", str(Path(os.environ["XDG_CACHE_HOME"]) / "other"))
    _in_process_runs_fail(monkeypatch)
    assert datamodel.generate_models(
        SCHEMAS, "3.0.3", "# header", {"Pet"}, base_class="pkg._base.BaseModel"
    ) == expected


def test_a_helper_that_died_leaves_the_models_to_this_process(helper):
    expected = datamodel.call_model_generator(*_document_and_options())
    os.kill(helper, signal.SIGKILL)
    assert model_helper.generate(*_document_and_options()) is None
    assert model_helper._current is None  # not asked again, and reaped
    assert process_gone(helper)
    assert datamodel.generate_models(SCHEMAS, "3.0.3", "#") == expected


def test_a_call_that_fails_there_fails_here_and_the_helper_stays(helper):
    document, options = _document_and_options()
    broken = {**document, "components": {"schemas": {"A": {"type": "object", "properties": "x"}}}}
    assert model_helper.generate(broken, options) is None
    with pytest.raises(Exception):  # noqa: B017 - whatever the model generator raises, it raises here
        datamodel.call_model_generator(broken, options)
    assert model_helper._current is not None and model_helper._current.pid == helper
    assert model_helper.generate(document, options) == datamodel.call_model_generator(document, options)


def test_a_forked_copy_of_this_process_does_not_use_its_helper(helper):
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: it must not talk to the helper it did not start
        os.close(reader)
        answer = model_helper.generate(*_document_and_options())
        os.write(writer, b"none" if answer is None else b"answered")
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        said = pipe.read()
    os.waitpid(pid, 0)
    assert said == b"none"
    assert model_helper.generate(*_document_and_options()) is not None  # still there for this process


def test_no_helper_unless_enabled(monkeypatch):
    monkeypatch.setattr(model_helper, "_enabled", False)
    monkeypatch.setattr(model_helper, "_current", None)
    model_helper.start()
    assert model_helper._current is None
    assert model_helper.generate(*_document_and_options()) is None


@pytest.mark.parametrize(("command", "starts"), [("list", True), ("validate", False)])
def test_only_a_command_that_builds_models_starts_one(command, starts, monkeypatch, tmp_path):
    monkeypatch.setattr(model_helper, "_enabled", True)
    monkeypatch.setattr(model_helper, "_current", None)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "params.yaml").write_text(FIXTURE_SPEC.read_text())
    started: list[int] = []
    try:
        result = CliRunner().invoke(cli.main, ["--root", str(tmp_path), "--no-cache", command])
        if model_helper._current is not None:
            started.append(model_helper._current.pid)
    finally:
        model_helper.stop()
    assert result.exit_code == 0, result.output
    assert bool(started) is starts
    assert all(process_gone(pid) for pid in started)


def test_generate_starts_one_for_a_package_to_render_and_none_when_nothing_is_to_do(monkeypatch, tmp_path):
    monkeypatch.setattr(model_helper, "_enabled", True)
    monkeypatch.setattr(model_helper, "_current", None)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "params.yaml").write_text(FIXTURE_SPEC.read_text())
    started = []
    for _ in range(2):
        try:
            result = CliRunner().invoke(cli.main, ["--root", str(tmp_path), "-q", "generate"])
            started.append(model_helper._current is not None)
        finally:
            model_helper.stop()
        assert result.exit_code == 0, result.output
    assert started == [True, False]  # the second run finds the package up to date


def test_the_command_runs_the_model_generator_in_its_helper(tmp_path):
    """A fresh process, as the command runs: the model generator's parser is loaded only in the
    helper, and the files are the golden ones."""
    script = (
        "import sys\n"
        "from generator import cli\n"
        "from generator.foundation import oneshot\n"
        "cli.model_helper.enable()\n"
        "try:\n"
        f"    cli.main(['-q', 'generate', '--spec', {str(FIXTURE_SPEC)!r}, '--out', {str(tmp_path / 'out')!r}, '--package', 'params'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('datamodel_code_generator.parser.openapi' in sys.modules)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                          cwd=PROJECT, check=True)
    assert done.stdout.strip() == "False", done.stderr
    expected = PROJECT / "tests" / "golden" / "params" / "expected"
    for path in expected.rglob("*.py"):
        assert (tmp_path / "out" / path.relative_to(expected)).read_text() == path.read_text(), path


def _document_and_options() -> tuple[dict[str, object], dict[str, object]]:
    document = {"openapi": "3.0.3", "info": {"title": "models", "version": "0"}, "paths": {},
                "components": {"schemas": SCHEMAS}}
    return document, {**datamodel._GENERATE_OPTIONS, "aliases": {}, "custom_file_header": "#"}


def test_a_helper_stopped_while_it_loads_ends_at_once_and_silently():
    """Stopped in the middle of its imports (a run whose models the cache held): nothing of it
    reaches the command's stderr, and it is gone when `stop` returns."""
    script = (
        "import os\n"
        "from generator.models import model_helper\n"
        "model_helper.enable()\n"
        "model_helper.start()\n"
        "pid = model_helper._current.pid\n"
        "model_helper.stop()\n"
        "try:\n"
        "    os.kill(pid, 0)\n"
        "    print('alive')\n"
        "except ProcessLookupError:\n"
        "    print('gone')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=PROJECT,
                          check=True)
    assert (done.stdout.strip(), done.stderr) == ("gone", "")


def test_work_meanwhile_runs_here_while_the_helper_answers(helper):
    done: list[tuple[int, bool]] = []
    with model_helper.meanwhile(lambda: done.append((os.getpid(), model_helper._asking))):
        source = model_helper.generate(*_document_and_options())
        model_helper.generate(*_document_and_options())
    assert source is not None and "class Pet" in source
    assert done == [(os.getpid(), True)]  # once, here, with the request sent


def test_work_meanwhile_that_fails_is_dropped_and_the_models_still_come(helper):
    def fails() -> None:
        raise RuntimeError("speculation went wrong")

    with model_helper.meanwhile(fails):
        assert model_helper.generate(*_document_and_options()) is not None


def test_no_work_meanwhile_without_a_request():
    done: list[int] = []
    with model_helper.meanwhile(lambda: done.append(1)):
        assert model_helper.generate(*_document_and_options()) is None  # no helper here
    assert done == [] and model_helper._meanwhile == []
