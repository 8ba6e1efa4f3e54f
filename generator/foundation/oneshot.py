"""The command's own process: one short run, then gone.

Two defaults of CPython are tuned for long-lived programs and cost a short one real time:

- The cyclic garbage collector runs every 700 net allocations. The model generator and black
  allocate millions of small objects and free nearly all of them by reference counting, so most
  of those collections find nothing. Collecting every 10,000 allocations instead took a cold run
  of Kombo's full spec from 7.9 s to 6.7-7.1 s and of 1,000 operations from 16.1 s to 13.3-13.7 s
  on 2 cores, with the same peak memory (forked workers inherit the setting).
- Even that rarely, the collector costs a run 0.2-0.3 s once the models exist: every full
  collection walks the run's large and growing heap (module trees of 600,000 characters, the IR,
  the rendered text), where nothing is cyclic garbage. The model generator is the one part of a
  run that leaves cycles behind in quantity. So in the command's process the collector runs only
  while the model generator does (`collecting`), and in every forked child (the model
  generator's helper, the validator, black's helper and its pool: black's trees point back to
  their parents). A cold run of 1,000 operations went 13.9 -> 12.9 s and a regeneration of
  Kombo's full spec 5.1 -> 4.8 s, for 4-5% more peak memory.
- At exit the interpreter frees every object and module one by one: 0.11-0.12 s after a cold run
  of a small spec, 13% of the whole. The exit hooks (atexit: logging's flush, multiprocessing's
  and concurrent.futures' joins) still run here, and a process with a thread still running
  exits the normal way; only the freeing is skipped.

Only the command line uses this: a program that imports the generator keeps its own settings.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator
from typing import NoReturn

COLLECT_EVERY = 10_000
_collect_only_within = False


def collect_garbage_rarely() -> None:
    """Raise the collector's first threshold (never lower it: a caller may have raised it more)."""
    first, second, third = gc.get_threshold()
    if 0 < first < COLLECT_EVERY:
        gc.set_threshold(COLLECT_EVERY, second, third)


def collect_only_within() -> None:
    """From now on this process collects only inside `collecting()`; its forked children as usual."""
    global _collect_only_within
    if not _collect_only_within:
        if hasattr(os, "register_at_fork"):  # where there is no fork, there are no forked children
            os.register_at_fork(after_in_child=gc.enable)
        _collect_only_within = True
    gc.disable()


@contextlib.contextmanager
def collecting() -> Iterator[None]:
    """The collector on for the body, where `collect_only_within` keeps it off otherwise (and
    nothing changes in any other process)."""
    if not _collect_only_within or gc.isenabled():
        yield
        return
    gc.enable()
    try:
        yield
    finally:
        gc.disable()


def exit_code(exit: SystemExit) -> int:
    """The status Python itself would exit with for `exit` (printing a message code, as it does)."""
    code = exit.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def run_then_exit(main: Callable[[], object]) -> NoReturn:
    """Run `main` (a command that ends by raising SystemExit), then end the process without
    freeing its objects. Any other exception leaves the normal way, traceback and all."""
    try:
        main()
        code = 0
    except SystemExit as exit:
        code = exit_code(exit)
    # Private to CPython's atexit module, present since Python 3.0; without it, the normal exit.
    # So too while another thread runs: the normal exit waits for it, os._exit would cut it off.
    run_exit_hooks: Callable[[], None] | None = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_hooks is None or threading.active_count() > 1:
        sys.exit(code)
    run_exit_hooks()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`clientgen list | head`): nothing to flush
            pass
    os._exit(code)
