"""The command's process ends without freeing its objects, but otherwise as Python would end it."""

from __future__ import annotations

import atexit
import gc
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.foundation import oneshot

PROJECT = Path(__file__).resolve().parents[3]


def _run(body: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`body` as the `main` of a script that ends through run_then_exit."""
    script = "\n".join([
        "import atexit, sys",
        "from pathlib import Path",
        "from generator.foundation import oneshot",
        f"atexit.register(lambda: Path({str(tmp_path / 'hook-ran')!r}).write_text('yes'))",
        "def main():",
        textwrap.indent(body, "    "),
        "oneshot.run_then_exit(main)",
    ])
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=PROJECT, timeout=60, check=False)


@pytest.mark.parametrize(
    ("body", "status", "stderr"),
    [
        ("print('done', end='')", 0, ""),
        ("print('done', end=''); sys.exit()", 0, ""),
        ("print('done', end=''); sys.exit(3)", 3, ""),
        ("print('done', end=''); sys.exit('no specs found')", 1, "no specs found\n"),
    ],
)
def test_status_output_and_exit_hooks_are_those_of_a_normal_exit(
    tmp_path: Path, body: str, status: int, stderr: str
) -> None:
    done = _run(body, tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (status, "done", stderr)
    assert (tmp_path / "hook-ran").read_text() == "yes"  # atexit hooks ran before the exit


def test_an_unexpected_exception_leaves_the_normal_way_with_its_traceback(tmp_path: Path) -> None:
    done = _run("raise KeyError('boom')", tmp_path)
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "KeyError: 'boom'" in done.stderr
    assert (tmp_path / "hook-ran").read_text() == "yes"


def test_the_private_exit_hook_runner_is_still_there() -> None:
    # run_then_exit falls back to a normal (slower) exit without it: this says when that happens.
    assert callable(getattr(atexit, "_run_exitfuncs", None))


def test_without_the_private_runner_the_exit_is_the_normal_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(atexit, "_run_exitfuncs")
    with pytest.raises(SystemExit) as exit:
        oneshot.run_then_exit(lambda: sys.exit(4))
    assert exit.value.code == 4


def test_a_thread_still_running_is_waited_for_as_by_a_normal_exit(tmp_path: Path) -> None:
    done = _run(
        "import threading, time\n"
        f"def late(): time.sleep(0.3); Path({str(tmp_path / 'thread-done')!r}).write_text('yes')\n"
        "threading.Thread(target=late).start()\n"
        "sys.exit(5)",
        tmp_path,
    )
    assert done.returncode == 5
    assert (tmp_path / "thread-done").read_text() == "yes"


def test_the_collector_runs_less_often_but_a_higher_setting_is_kept() -> None:
    saved = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        oneshot.collect_garbage_rarely()
        assert gc.get_threshold() == (oneshot.COLLECT_EVERY, 10, 10)
        gc.set_threshold(50_000, 5, 5)
        oneshot.collect_garbage_rarely()
        assert gc.get_threshold() == (50_000, 5, 5)
        gc.set_threshold(0)  # collection switched off by the caller stays off
        oneshot.collect_garbage_rarely()
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*saved)


def test_the_collector_runs_only_where_asked_and_in_forked_children(tmp_path: Path) -> None:
    """As the command runs: the collector off, on while the model generator runs (its cyclic
    garbage is the run's only), on in every forked child (the validator, black's helper)."""
    script = textwrap.dedent(f"""
        import gc, os, sys
        from pathlib import Path
        from generator.foundation import oneshot
        from generator.models import collapse_retry
        from generator import api
        oneshot.collect_only_within()
        seen = [gc.isenabled()]
        with oneshot.collecting():
            seen.append(gc.isenabled())
        seen.append(gc.isenabled())
        pid = os.fork()
        if pid == 0:
            os._exit(0 if gc.isenabled() else 1)
        seen.append(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0)
        run = collapse_retry.run
        def recorded(call):
            seen.append(gc.isenabled())
            return run(call)
        collapse_retry.run = recorded
        spec = Path({str(PROJECT / "tests" / "golden" / "params" / "spec.yaml")!r})
        api.generate_to(spec, Path({str(tmp_path / "out")!r}), "params")
        seen.append(gc.isenabled())
        print(seen)
    """)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=PROJECT, env=env, timeout=120, check=True)
    assert done.stdout.strip() == "[False, True, False, True, True, False]"


def test_collecting_changes_nothing_in_a_process_that_did_not_ask() -> None:
    assert gc.isenabled()
    with oneshot.collecting():
        assert gc.isenabled()
    assert gc.isenabled()
    gc.disable()  # a caller's own setting is the caller's
    try:
        with oneshot.collecting():
            assert not gc.isenabled()
    finally:
        gc.enable()
