"""black in a helper process forked before the model generator runs, so the command never waits
for black's import.

A command that formats anything first imports black: about 0.06 s, a tenth of regenerating a small
package, spent right when the pieces are ready. The helper is forked as the pipeline starts on a
spec: it imports black while this process imports and runs the model generator (which takes
longer), and works out what it is given to (`prepare`: the spec texts that the spec-text check
looks for). Then it formats what it is sent as this process would (`format.black_here`: over a
pool forked from the helper when the pieces are many), while this process runs the spec-text
check, where without the helper it would format a small package's pieces after it.

Only the command line enables it (`enable`), and only a spec whose verdict the cache does not hold
starts one: in a long-lived process black stays imported after its first run, and a run of a spec
generated before finds its pieces in the cache. Anything amiss (no fork, other threads running,
the helper dies or answers otherwise) and the pieces are formatted in this process, as without it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:  # multiprocessing is imported when a helper starts: the no-op run never does
    from multiprocessing.connection import Connection

_enabled = False
_current: Helper | None = None


def enable() -> None:
    """Let the pipeline start helpers in this process (the command line's one short run)."""
    global _enabled
    _enabled = True


def current() -> Helper | None:
    """The helper of the run in progress, if it has one."""
    return _current


def prepared() -> object:
    """What the run's helper worked out ahead (`running`'s `prepare`); None without one."""
    return _current.prepared() if _current is not None else None


@contextlib.contextmanager
def running(wanted: bool, prepare: Callable[[], object] = lambda: None) -> Iterator[None]:
    """A helper for the body of the `with` when enabled and `wanted`, black is not imported in this
    process yet, and a fork is safe; stopped when the body ends, however it ends. Once black is
    imported the helper calls `prepare` (work that needs only what this process holds now, done
    while this process builds the models) and keeps the result for `prepared()`."""
    global _current
    if not (_enabled and wanted and not _black_imported() and _can_fork()):
        yield
        return
    helper = Helper.start(prepare)
    if helper is None:
        yield
        return
    previous, _current = _current, helper
    try:
        yield
    finally:
        _current = previous
        helper.stop()


def _black_imported() -> bool:
    return "black" in sys.modules


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


class Helper:
    """One forked helper and this process's end of the connection to it."""

    def __init__(self, pid: int, connection: Connection) -> None:
        self.pid, self._connection = pid, connection
        self._broken = False
        self._prepared: tuple[object] | None = None  # read once, from the helper's first message

    @classmethod
    def start(cls, prepare: Callable[[], object] = lambda: None) -> Helper | None:
        import multiprocessing

        ours, theirs = multiprocessing.Pipe(duplex=True)
        try:
            pid = os.fork()
        except OSError:  # no process to spare: this process formats
            ours.close()
            theirs.close()
            return None
        if pid == 0:
            _be_the_helper(ours, theirs, prepare)
        theirs.close()
        return cls(pid, ours)

    def prepared(self) -> object:
        """The result of `prepare`, which the helper sends first of all (None if it failed). Read
        before any request is sent: the helper could otherwise wait to send it while this process
        waited to send a request."""
        if self._prepared is None:
            value: object = None
            if not self._broken:
                try:
                    value = self._connection.recv()
                except (EOFError, OSError):  # it died
                    self._broken = True
            self._prepared = (value,)
        return self._prepared[0]

    def format(self, sources: list[str], meanwhile: Callable[[], None]) -> list[str] | None:
        """black's output for each of `sources`, formatted by the helper while this process runs
        `meanwhile`; None when the helper could not answer (`meanwhile` has run all the same).
        An exception from `meanwhile` propagates: the helper is stopped with the run."""
        self.prepared()
        if self._broken:
            meanwhile()
            return None
        try:
            self._connection.send(sources)
        except (OSError, ValueError):
            self._broken = True
            meanwhile()
            return None
        meanwhile()
        try:
            answer: Any = self._connection.recv()
        except (EOFError, OSError):  # it died
            answer = None
        if isinstance(answer, list) and len(answer) == len(sources) and all(isinstance(a, str) for a in answer):
            return answer
        self._broken = True
        return None

    def stop(self) -> None:
        """End the helper and reap it. It may be busy (the run ended early): SIGTERM lets it stop
        the pool it runs, whose workers would otherwise outlive it."""
        with contextlib.suppress(OSError):
            self._connection.close()
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGTERM)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _stop_on_terminate(signum: int, frame: object) -> None:
    raise SystemExit(1)


def _be_the_helper(ours: Connection, theirs: Connection, prepare: Callable[[], object]) -> NoReturn:
    """The forked helper's whole life: import black, send what `prepare` gives, format what comes,
    exit without running any of the parent's exit hooks or finalizers."""
    code = 0
    try:
        signal.signal(signal.SIGTERM, _stop_on_terminate)
        ours.close()
        from . import format as formatting

        formatting.black_mode()  # the import the helper exists for
        try:
            ahead = prepare()
        except Exception:  # noqa: BLE001 - the parent does that work itself
            ahead = None
        theirs.send(ahead)
        while True:
            try:
                sources = theirs.recv()
            except EOFError:  # the run is over
                break
            try:
                answer: list[str] | None = formatting.black_here(sources)
            except Exception:  # noqa: BLE001 - the parent formats them itself and sees it there
                answer = None
            theirs.send(answer)
    except BaseException:  # noqa: BLE001 - stopped, or the parent went away mid-answer
        code = 1
    finally:
        os._exit(code)
