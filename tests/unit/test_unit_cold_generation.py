"""What makes a cold generation cheaper changes nothing it produces: one model generator run where
the hidden class names can be guessed, validation in a forked child, the spec-text check while black
runs, compiled templates in the cache."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import pipeline
from generator.foundation import cache, forked
from generator.foundation.diagnostics import SpecError
from generator.models import datamodel as models
from generator.reading.loader import load_spec
from generator.rendering import format, render

PROJECT = Path(__file__).resolve().parents[2]
HOSTILE = PROJECT / "tests" / "hostile"
FIXTURE_SPEC = PROJECT / "tests" / "golden" / "params" / "spec.yaml"


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cache.set_enabled(False)  # every run below computes its result
    yield tmp_path / "xdg" / "clientgen"
    cache.set_enabled(True)


def _object(**properties: object) -> dict[str, object]:
    return {"type": "object", "properties": properties}


_TEXT = {"type": "string"}
_REF = "#/components/schemas/"
HIDING_CASES = {
    "inline object named like its property": {"A": _object(Language=_object(code=_TEXT))},
    "reference to a class of the property's name": {
        "A": _object(Foo={"$ref": _REF + "Foo"}), "Foo": _object(x=_TEXT)},
    "inline object whose name a schema holds": {"A": _object(Foo=_object(y=_TEXT)), "Foo": _object(x=_TEXT)},
    "attribute hiding a class another attribute uses": {
        "A": _object(Bar=_TEXT, other={"$ref": _REF + "Bar"}), "Bar": _object(x=_TEXT)},
    "one of two inline objects": {
        "A": _object(CV={"oneOf": [_object(a=_TEXT), _object(b=_TEXT)]}),
        "B": _object(CV={"oneOf": [_object(c=_TEXT), _object(d=_TEXT)]})},
    "inherited attribute": {
        "Base": _object(Foo=_TEXT),
        "Child": {"allOf": [{"$ref": _REF + "Base"}, _object(z={"$ref": _REF + "Foo"})]},
        "Foo": _object(x=_TEXT)},
    "nested and top-level inline objects of one name": {
        "A": _object(x=_object(Language=_object(c=_TEXT))), "B": _object(Language=_object(d=_TEXT))},
}


def _generate(schemas: dict[str, object], monkeypatch: pytest.MonkeyPatch, guess: bool) -> tuple[str, int]:
    runs = []
    call = models.call_model_generator
    monkeypatch.setattr(models, "call_model_generator", lambda *a: runs.append(1) or call(*a))
    if not guess:
        monkeypatch.setattr(models, "_run_with_guessed_class_names", lambda *a: None)
    try:
        return models.generate_models(schemas, "3.1.0", "# header"), len(runs)
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize("schemas", HIDING_CASES.values(), ids=HIDING_CASES.keys())
def test_guessing_hidden_classes_gives_the_models_of_the_run_and_retry(schemas, monkeypatch):
    guessed, guessed_runs = _generate(schemas, monkeypatch, guess=True)
    retried, retried_runs = _generate(schemas, monkeypatch, guess=False)
    assert guessed == retried
    assert guessed_runs <= retried_runs


def test_an_inline_object_named_like_its_property_takes_one_model_generator_run(monkeypatch):
    source, runs = _generate(HIDING_CASES["inline object named like its property"], monkeypatch, True)
    assert runs == 1
    assert "Language_: " in source


def test_a_forked_call_returns_its_result():
    assert forked.ForkedCall(lambda: [1, "two"]).result() == [1, "two"]


def test_a_background_call_runs_below_this_process_priority_and_in_process_at_its_own(monkeypatch):
    own = os.nice(0)
    assert forked.ForkedCall(lambda: os.nice(0)).result() == own
    lowered = min(own + forked.BACKGROUND_NICENESS, 19)  # the lowest priority there is
    assert forked.ForkedCall(lambda: os.nice(0), background=True).result() == lowered
    monkeypatch.delattr(forked.os, "fork")
    assert forked.ForkedCall(lambda: os.nice(0), background=True).result() == own


def test_the_validator_runs_in_the_background(monkeypatch):
    backgrounds = []
    forked_call = forked.ForkedCall

    def recorded(function, background=False):
        backgrounds.append(background)
        return forked_call(function, background)

    monkeypatch.setattr(pipeline, "ForkedCall", recorded)
    pipeline.Validation(load_spec(FIXTURE_SPEC), background=True).wait()
    assert backgrounds == [True]


def test_a_channel_tells_a_message_sent_while_another_was_read():
    there, here = os.pipe(), os.pipe()
    sender, receiver = forked.Channel(here[0], there[1]), forked.Channel(there[0], here[1])
    sender.send(("ahead", ["x"]))
    sender.send(("format", ["y"]))  # sent before the first is read: both in the pipe at once
    assert receiver.receive() == ("ahead", ["x"])
    assert receiver.waiting()  # the second, not yet read: told by the pipe
    assert receiver.receive() == ("format", ["y"])
    assert not receiver.waiting()
    sender.close()
    with pytest.raises(EOFError):
        receiver.receive()
    receiver.close()
    receiver.close()  # once is enough: a second does nothing


def test_a_channel_serves_its_own_work_between_messages_and_finishes_it_once_closed():
    there, here = os.pipe(), os.pipe()
    sender = forked.Channel(os.dup(here[0]), there[1])
    receiver = forked.Channel(there[0], here[1])
    work = list(range(5))
    done: list[object] = []

    def idle(stop):
        while work and not stop():
            done.append(work.pop(0))

    sender.send("first")  # waiting before any work: answered first
    sender.send("second")
    sender.close()  # closed before any is answered: the work is finished all the same
    receiver.serve(lambda message: done.append(message) or len(done), idle)
    assert done == ["first", "second", 0, 1, 2, 3, 4]
    unused = os.pipe()
    replies = forked.Channel(here[0], unused[1])
    assert [replies.receive(), replies.receive()] == [1, 2]
    for channel in (receiver, replies):
        channel.close()
    os.close(unused[0])


def test_a_forked_call_that_fails_raises_as_the_call_would_in_process():
    def fails() -> None:
        raise KeyError("from the call")

    call = forked.ForkedCall(fails)
    with pytest.raises(KeyError, match="from the call"):
        call.result()


def test_a_forked_call_whose_result_does_not_pickle_is_made_in_process():
    call = forked.ForkedCall(lambda: (os.getpid(), threading.Lock()))
    assert call.forked
    pid, lock = call.result()
    assert pid == os.getpid() and hasattr(lock, "acquire")


def test_a_forked_call_whose_child_died_is_made_in_process():
    call = forked.ForkedCall(lambda: (time.sleep(30), os.getpid())[1])
    child = call._child
    assert child is not None
    os.kill(child.pid, signal.SIGKILL)
    assert call.result() == os.getpid()
    with pytest.raises(ChildProcessError):  # reaped
        os.waitpid(child.pid, os.WNOHANG)


def test_a_cancelled_forked_call_leaves_no_child():
    call = forked.ForkedCall(lambda: time.sleep(30))
    child = call._child
    assert child is not None
    call.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)


def test_a_forked_call_runs_in_process_without_fork(monkeypatch):
    monkeypatch.delattr(forked.os, "fork")
    call = forked.ForkedCall(lambda: 42)
    assert not call.forked and call.result() == 42


def _problems(spec: Path) -> list[str]:
    with pytest.raises(SpecError) as error:
        pipeline.generate_package(spec, "broken")
    return [str(d) for d in error.value.diagnostics]


def test_background_validation_reports_the_same_problems(monkeypatch):
    spec = HOSTILE / "undeclared_path_param.yaml"
    monkeypatch.setattr(pipeline, "BACKGROUND_VALIDATION_MIN_CHARS", 10**9)
    in_process = _problems(spec)
    monkeypatch.setattr(pipeline, "BACKGROUND_VALIDATION_MIN_CHARS", 0)
    assert _problems(spec) == in_process
    assert "path parameter 'pet_id' is not declared" in in_process[0]


@pytest.mark.parametrize("name", ["external_ref_http.yaml", "missing_ref_target.yaml"])
def test_a_spec_with_a_bad_reference_is_validated_before_anything_else_reads_it(name, monkeypatch):
    spec = HOSTILE / name
    monkeypatch.setattr(pipeline, "BACKGROUND_VALIDATION_MIN_CHARS", 10**9)
    in_process = _problems(spec)
    monkeypatch.setattr(pipeline, "BACKGROUND_VALIDATION_MIN_CHARS", 0)
    monkeypatch.setattr(pipeline, "build_api", lambda *a: pytest.fail("the IR was built"))
    assert _problems(spec) == in_process


def test_background_validation_generates_the_same_files(monkeypatch):
    monkeypatch.setattr(pipeline, "BACKGROUND_VALIDATION_MIN_CHARS", 10**9)
    in_process = pipeline.generate_package(FIXTURE_SPEC, "params").files
    monkeypatch.setattr(pipeline, "BACKGROUND_VALIDATION_MIN_CHARS", 0)
    assert pipeline.generate_package(FIXTURE_SPEC, "params").files == in_process


def test_a_check_run_while_black_works_in_a_pool_stops_formatting(monkeypatch):
    monkeypatch.setattr(format, "_POOL_MIN_LINES", 0)
    monkeypatch.setattr(format, "_worker_count", lambda: 2)
    files = {"a.py": "x=1\n", "b.py": "def f( ):\n  return 2\n\n\ndef g( ):\n  return 3\n"}

    def failing_check() -> None:
        raise SpecError([])

    with pytest.raises(SpecError):
        format.format_files(files, meanwhile=failing_check)
    checked = []
    formatted = format.format_files(files, meanwhile=lambda: checked.append(True))
    assert checked == [True]
    assert formatted == format.format_files(files)


def test_compiled_templates_are_kept_in_the_cache_only_when_it_is_on(isolated_cache, monkeypatch):
    name = "pyproject.toml.jinja"
    render.environment.cache_clear()
    try:
        render.environment().get_template(name)
        assert not (isolated_cache / "jinja").exists()
        cache.set_enabled(True)
        render.environment.cache_clear()
        fresh = render.environment().get_template(name)
        assert any((isolated_cache / "jinja").rglob("*"))
        render.environment.cache_clear()
        environment = render.environment()
        monkeypatch.setattr(environment, "compile", lambda *a, **k: pytest.fail("compiled again"))
        cached = environment.get_template(name)
        assert cached.root_render_func.__code__.co_code == fresh.root_render_func.__code__.co_code
    finally:
        render.environment.cache_clear()
