"""The model generator in a helper process forked as the command starts on a package, so that
its import runs beside the command's own work instead of after it.

Importing datamodel-code-generator and the parts a run loads lazily takes about 0.35 s: half of
regenerating a small package. It came after everything else the command does before the models
(its own imports, reading the spec and the previous package, the operations: 0.1-0.3 s). The
helper is forked as soon as the command knows it will render a package (one out of date,
evolution/regenerate.py; `list` and `diff` once their line is parsed), while the process is
still small; a run with nothing to do forks none. It imports the model generator and runs it on
a tiny document, which loads the rest. Then it answers each request with what
`datamodel.call_model_generator` returns for it in this process: the same function on the same
pickled arguments. The model generator's garbage stays in the helper too, so this process's heap
is smaller for the rest of the run.

Only the command line enables it (`enable`); it is stopped as the command exits. Anything amiss
(no fork, other threads running, the helper dies, fails or answers otherwise) and the model
generator runs in this process, as without it, so a failure is raised from here. A run whose
models are all in the cache never asks, and its idle helper is stopped with the command.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any

from ..foundation.forked import Channel, Child, fork_child

_enabled = False
_current: Child | None = None
_asking = False  # a request is in flight
_meanwhile: list[Callable[[], None]] = []  # work for this process while the helper answers


def enable() -> None:
    """Let `start` fork a helper in this process (the command line's one short run)."""
    global _enabled
    _enabled = True


def start() -> None:
    """Fork the helper for the rest of this process's life, when enabled and a fork is safe."""
    global _current
    if not _enabled or _current is not None or threading.active_count() > 1:
        return
    _current = fork_child(_be_the_helper)
    if _current is not None:
        atexit.register(stop)


def stop() -> None:
    """End the helper, if any, and reap it: it may be busy (the run ended early)."""
    global _current
    child, _current = _current, None
    if child is not None:
        child.stop(busy=_asking)


@contextlib.contextmanager
def meanwhile(work: Callable[[], None]) -> Iterator[None]:
    """`work` done by this process once, while the helper answers the first request the body of
    the `with` sends it (none sent: not done). It must not fail the run: an exception from it is
    dropped."""
    _meanwhile.append(work)
    try:
        yield
    finally:
        if work in _meanwhile:
            _meanwhile.remove(work)


def _do_meanwhile() -> None:
    while _meanwhile:
        work = _meanwhile.pop()
        with contextlib.suppress(Exception):  # the helper's answer is what counts
            work()


def generate(document: dict[str, Any], options: dict[str, Any]) -> str | None:
    """The model source the helper gives for these arguments; None when no helper answers (the
    caller then runs the model generator itself)."""
    child = _current
    if child is None or child.parent != os.getpid():  # a forked child's copy is not its own
        return None
    global _asking
    _asking = True  # stopped now (an interrupt), it may have forked the retry: SIGTERM stops both
    try:
        child.channel.send((document, options))
        _do_meanwhile()
        answer = child.channel.receive()
    except Exception:  # noqa: BLE001 - it died, or the arguments do not pickle
        stop()
        return None
    finally:
        _asking = False
    return answer if isinstance(answer, str) else None  # None: the call failed there


def _be_the_helper(channel: Channel) -> None:
    from . import datamodel

    datamodel.warm_up()
    channel.serve(lambda request: datamodel.call_model_generator(*request))
