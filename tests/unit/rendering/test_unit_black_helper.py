"""black in a helper process forked early (rendering/black_helper.py): the same output as black in
this process, whatever happens to the helper, and no helper left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import process_gone

from generator import pipeline
from generator.foundation import cache, forked
from generator.foundation.diagnostics import SpecError
from generator.rendering import black_helper
from generator.rendering import format as formatting

PROJECT = Path(__file__).resolve().parents[3]
FIXTURE_SPEC = PROJECT / "tests" / "golden" / "params" / "spec.yaml"
HOSTILE_SPEC = PROJECT / "tests" / "hostile" / "title_injection.yaml"
SOURCES = ["x=1\n", "def f( a,b ):\n  return {'a':a}\n", "class C :\n  y : int=2\n"]


@pytest.fixture
def helpers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[black_helper.Helper]]:
    """Helpers enabled in this test process (where black is imported already), each one started
    recorded."""
    started: list[black_helper.Helper] = []
    start = black_helper.Helper.start.__func__  # type: ignore[attr-defined]

    def recorded(
        cls: type[black_helper.Helper], prepare: Any = lambda: None, job: Any = None
    ) -> black_helper.Helper | None:
        helper = start(cls, prepare, job)
        if helper is not None:
            started.append(helper)
        return helper

    monkeypatch.setattr(black_helper, "_enabled", True)
    monkeypatch.setattr(black_helper, "_black_imported", lambda: False)
    monkeypatch.setattr(black_helper.Helper, "start", classmethod(recorded))
    yield started
    for helper in started:
        helper.stop()


def test_the_helper_formats_as_this_process_does(helpers):
    with black_helper.running(wanted=True):
        helper = black_helper.current()
        assert helper is not None
        ran = []
        assert helper.format(SOURCES, lambda: ran.append(True)) == formatting.black_here(SOURCES)
        assert ran == [True]
    assert black_helper.current() is None
    helper.reap()  # it ends once it has kept what it formatted: the command reaps it as it exits
    assert process_gone(helper.pid)


def test_the_helper_keeps_what_it_formats_in_the_cache_once_it_has_answered(helpers, own_cache, monkeypatch):
    units = _units_of(MODULE)
    with black_helper.running(wanted=True):
        kept_here: list[str] = []
        monkeypatch.setattr(formatting, "keep", lambda source, formatted: kept_here.append(source))  # here only
        formatted = formatting.format_files({"pkg/m.py": MODULE})
        helper = black_helper.current()
    assert kept_here == []  # this process went on
    helper.reap()
    assert formatted == {"pkg/m.py": formatting.black_here([MODULE])[0]}
    assert [cache.get("black", formatting.seed_key(unit)) for unit in units] == formatting.black_here(units)


def test_a_pool_forked_from_the_helper_formats_as_this_process_does(helpers, monkeypatch):
    monkeypatch.setattr(formatting, "_POOL_MIN_LINES", 0)  # set before the fork: the helper has it
    monkeypatch.setattr(formatting, "_worker_count", lambda: 2)
    sources = [f"def f{n}( a ):\n  return a+{n}\n" for n in range(40)]
    with black_helper.running(wanted=True):
        formatted = formatting.format_files({f"m{n}.py": s for n, s in enumerate(sources)})
    assert formatted == {f"m{n}.py": out for n, out in enumerate(formatting.black_here(sources))}


def test_pieces_go_to_the_helper_and_not_to_black_here(helpers, monkeypatch):
    expected = formatting.format_files({"a.py": SOURCES[1], "b.py": SOURCES[2]})
    with black_helper.running(wanted=True):
        # Patched after the fork: only this process would fail.
        monkeypatch.setattr(
            formatting, "_black_many", lambda s: pytest.fail(f"formatted here: {s}") if s else []
        )
        assert formatting.format_files({"a.py": SOURCES[1], "b.py": SOURCES[2]}) == expected


def test_a_helper_that_died_leaves_the_pieces_to_this_process(helpers):
    with black_helper.running(wanted=True):
        helper = black_helper.current()
        assert helper is not None
        os.kill(helper.pid, signal.SIGKILL)
        os.waitpid(helper.pid, 0)
        ran = []
        assert formatting.format_files(
            {"a.py": SOURCES[1]}, meanwhile=lambda: ran.append(True)
        ) == {"a.py": formatting.black_here([SOURCES[1]])[0]}
        assert ran == [True]
    # It is reaped already: stopping it again is harmless.
    helper.stop()


def test_a_failing_check_propagates_and_the_busy_helper_is_stopped(helpers, monkeypatch):
    monkeypatch.setattr(formatting, "_POOL_MIN_LINES", 0)
    monkeypatch.setattr(formatting, "_worker_count", lambda: 2)
    files = {f"m{n}.py": f"def f{n}( a ):\n  return a+{n}\n" for n in range(200)}

    def failing_check() -> None:
        raise SpecError([])

    with pytest.raises(SpecError), black_helper.running(wanted=True):
        formatting.format_files(files, meanwhile=failing_check)
    assert helpers and process_gone(helpers[0].pid)


def test_no_helper_unless_enabled_and_wanted(helpers, monkeypatch):
    with black_helper.running(wanted=False):
        assert black_helper.current() is None
    monkeypatch.setattr(black_helper, "_enabled", False)
    with black_helper.running(wanted=True):
        assert black_helper.current() is None
    assert helpers == []


def test_a_spec_generated_before_starts_no_helper(helpers, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = pipeline.generate_package(FIXTURE_SPEC, "params").files
    assert len(helpers) == 1
    assert pipeline.generate_package(FIXTURE_SPEC, "params").files == first
    assert len(helpers) == 1  # its verdict is in the cache: its pieces are too
    cache.set_enabled(False)
    try:
        assert pipeline.generate_package(FIXTURE_SPEC, "params").files == first
    finally:
        cache.set_enabled(True)
    assert len(helpers) == 2


def test_the_command_never_imports_black_itself(tmp_path):
    """A fresh process, as the command runs: black is imported only in the helper, and the files
    are the golden ones."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from generator.rendering import black_helper\n"
        "black_helper.enable()\n"
        "from generator import api\n"
        f"api.generate_to(Path({str(FIXTURE_SPEC)!r}), Path({str(tmp_path / 'out')!r}), 'params')\n"
        "print('black' in sys.modules)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                          cwd=PROJECT, check=True)
    assert done.stdout.strip() == "False"
    expected = PROJECT / "tests" / "golden" / "params" / "expected"
    for path in expected.rglob("*.py"):
        assert (tmp_path / "out" / path.relative_to(expected)).read_text() == path.read_text(), path


def test_what_the_helper_prepares_is_worked_out_there(helpers):
    with black_helper.running(wanted=True, prepare=lambda: ("ahead", os.getpid())):
        helper = black_helper.current()
        assert black_helper.prepared() == ("ahead", helper.pid)
        assert black_helper.prepared() == ("ahead", helper.pid)  # read once, kept
        assert helper.format(SOURCES, lambda: None) == formatting.black_here(SOURCES)
    assert black_helper.prepared() is None  # no helper, nothing prepared


def test_the_helper_runs_below_this_process_priority(helpers):
    with black_helper.running(wanted=True, prepare=lambda: os.nice(0)):
        assert black_helper.prepared() == min(os.nice(0) + forked.BACKGROUND_NICENESS, 19)


def test_a_failing_preparation_gives_none_and_the_helper_still_formats(helpers):
    def failing() -> object:
        raise ValueError("no")

    with black_helper.running(wanted=True, prepare=failing):
        assert black_helper.prepared() is None
        assert formatting.format_files({"a.py": SOURCES[1]}) == {
            "a.py": formatting.black_here([SOURCES[1]])[0]}


def test_the_spec_texts_the_check_looks_for_are_worked_out_in_the_helper(helpers, tmp_path, monkeypatch):
    from generator.rendering import ast_check

    record = tmp_path / "pids"
    real = ast_check.spec_texts

    def recorded(spec):
        with open(record, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return real(spec)

    monkeypatch.setattr(pipeline, "spec_texts", recorded)
    monkeypatch.setattr(ast_check, "spec_texts", recorded)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    files = pipeline.generate_package(FIXTURE_SPEC, "params").files
    assert record.read_text().split() == [str(helpers[0].pid)]
    expected = PROJECT / "tests" / "golden" / "params" / "expected"
    assert files["params_client/models.py"] == (expected / "params_client" / "models.py").read_text()


def test_a_helper_left_with_a_job_unread_is_stopped_at_once(helpers):
    with black_helper.running(wanted=True, job=lambda payload, ahead: time.sleep(30)):
        helper = black_helper.current()
        assert helper.submit("payload")
    assert process_gone(helper.pid)  # not waited for: the run ended before it needed the answer


def test_a_job_runs_in_the_helper_with_what_it_prepared_and_is_answered_before_formatting(helpers):
    def job(payload: object, ahead: object) -> object:
        return (payload, ahead, os.getpid())

    with black_helper.running(wanted=True, prepare=lambda: "ahead", job=job):
        helper = black_helper.current()
        assert helper.submit("payload")
        assert not helper.submit("another")  # one job per helper
        assert helper.format(SOURCES, lambda: None) == formatting.black_here(SOURCES)
        assert helper.job_result() == ("payload", "ahead", helper.pid)
        assert helper.job_result() == ("payload", "ahead", helper.pid)  # read once, kept


def test_a_failing_job_answers_none_and_the_helper_still_formats(helpers):
    def job(payload: object, ahead: object) -> object:
        raise ValueError("no")

    with black_helper.running(wanted=True, job=job):
        helper = black_helper.current()
        assert helper.submit("payload")
        assert helper.job_result() is None
        assert helper.format(SOURCES, lambda: None) == formatting.black_here(SOURCES)


def test_the_spec_text_check_runs_in_the_helper_and_its_problems_stop_generation(
    helpers, tmp_path, monkeypatch
):
    from generator.rendering import spec_text_verdicts

    record = tmp_path / "pids"
    real = spec_text_verdicts.problems_by_module

    def recorded(*args: Any, **kwargs: Any) -> Any:
        with open(record, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    render = pipeline.render_package

    def leaky_render(api: Any, spec_name: str) -> dict[str, str]:  # as if a template printed the version unescaped
        files = render(api, spec_name)
        module = next(path for path in files if path.endswith("/_client.py"))
        files[module] += "\nVERSION = '1'; os.system('x') #'\n"
        return files

    monkeypatch.setattr(spec_text_verdicts, "problems_by_module", recorded)
    monkeypatch.setattr(pipeline, "render_package", leaky_render)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pytest.raises(SpecError) as error:
        pipeline.generate_package(HOSTILE_SPEC, "title_injection")
    assert record.read_text().split() == [str(helpers[0].pid)]
    [problem] = error.value.diagnostics
    assert problem.pointer == "#/info/version" and "would appear as code" in problem.message


MODULE = "\n\n".join(["x=1\n", *(f"def f{n}( a,b ):\n  return {{'a':a}}\n" for n in range(6)), "class C :\n  y : int=2\n"])


def _units_of(module: str) -> list[str]:
    return [unit for piece in formatting.split_module(module) for unit in formatting._units(piece)]


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache of this test's own, set before a helper forks (it writes there too)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_enabled", True)


def _cached(units: list[str]) -> list[str]:
    return [unit for unit in units if cache.get("black", formatting.seed_key(unit)) is not None]


def test_formatting_ahead_keeps_blacks_output_in_the_cache(helpers, own_cache, monkeypatch):
    units = _units_of(MODULE)
    with black_helper.running(wanted=True):
        formatting.format_ahead({"pkg/m.py": MODULE, "README.md": "not python"})
        for _ in range(200):  # until the helper has done them all
            if len(_cached(units)) == len(units):
                break
            time.sleep(0.05)
        assert black_helper.current().format(SOURCES, lambda: None) == formatting.black_here(SOURCES)
    assert [cache.get("black", formatting.seed_key(unit)) for unit in units] == formatting.black_here(units)


def test_formatting_ahead_stops_at_the_next_request(helpers, own_cache, monkeypatch):
    black = formatting._black

    def slow(source: str) -> str:  # inherited by the helper, forked below
        time.sleep(0.5)
        return black(source)

    monkeypatch.setattr(formatting, "_black", slow)
    units = _units_of(MODULE)
    with black_helper.running(wanted=True):
        helper = black_helper.current()
        formatting.format_ahead({"pkg/m.py": MODULE})
        started = time.monotonic()
        assert helper.format(["y=2\n"], lambda: None) == ["y = 2\n"]
        assert time.monotonic() - started < 0.5 * len(units) - 1  # not after all of them
    assert len(_cached(units)) < len(units)


def test_a_package_formatted_before_is_not_formatted_ahead(helpers, own_cache, monkeypatch):
    formatting.format_files({"pkg/m.py": MODULE})  # here: every unit in the cache
    asked: list[list[str]] = []
    monkeypatch.setattr(black_helper.Helper, "format_ahead", lambda self, sources: asked.append(sources))
    with black_helper.running(wanted=True):
        formatting.format_ahead({"pkg/m.py": MODULE})
        formatting.format_ahead({"pkg/m.py": MODULE.replace("x=1", "x=2")})  # one unit new: a regeneration
    assert asked == []


def test_the_methods_left_out_are_not_formatted_ahead(helpers, own_cache, monkeypatch):
    module = "class C:\n    def f0( self ):\n        pass\n\n    def f1( self ):\n        pass\n\n    async def f2( self ):\n        pass\n"
    asked: list[list[str]] = []
    monkeypatch.setattr(black_helper.Helper, "format_ahead", lambda self, sources: asked.append(sources))
    with black_helper.running(wanted=True):
        formatting.format_ahead({"pkg/m.py": module}, leave_out={"f1", "f2"})
    [units] = asked
    assert units == _units_of(module)[:1]  # the class with f0, its first method
