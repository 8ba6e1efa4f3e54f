"""black in a helper process forked before the model generator runs, so the command never waits
for black's import.

A command that formats anything first imports black: about 0.06 s, a tenth of regenerating a small
package, spent right when the pieces are ready. The helper is forked as the pipeline starts on a
spec: it imports black while this process imports and runs the model generator (which takes
longer), and works out what it is given to (`prepare`: the spec texts that the spec-text check
looks for). Then it formats what it is sent as this process would (`format.black_here`: over a
pool forked from the helper when the pieces are many), and runs the spec-text check when asked
(`submit`) while this process looks pieces up. While the model generator runs it can format
ahead, into the cache, what is likely to be asked later (`format_ahead`), until the next request.
What it formats when asked it keeps in the cache once it has answered, between requests, and to
the end once this process is done with it (`Helper.stop`), while this process goes on.

Only the command line enables it (`enable`), and only a spec whose verdict the cache does not hold
starts one: in a long-lived process black stays imported after its first run, and a run of a spec
generated before finds its pieces in the cache. Anything amiss (no fork, other threads running,
the helper dies or answers otherwise) and the pieces are formatted in this process, as without it.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

from ..foundation.forked import Channel, Child, fork_child, in_background

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
def running(
    wanted: bool, prepare: Callable[[], object] = lambda: None,
    job: Callable[[Any, object], object] | None = None,
) -> Iterator[None]:
    """A helper for the body of the `with` when enabled and `wanted`, black is not imported in this
    process yet, and a fork is safe; stopped when the body ends, however it ends. Once black is
    imported the helper calls `prepare` (work that needs only what this process holds now, done
    while this process builds the models) and keeps the result for `prepared()`. `job` is other
    work it does when asked (`Helper.submit`), given a payload and what it prepared."""
    global _current
    if not (_enabled and wanted and not _black_imported() and _can_fork()):
        yield
        return
    helper = Helper.start(prepare, job)
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
    """One forked helper and this process's end of the channel to it. Its answers come in the
    order of the requests: a job's answer is read before the formatting asked for after it."""

    def __init__(self, child: Child) -> None:
        self._child = child
        self._broken = False
        self._prepared: tuple[object] | None = None  # read once, from the helper's first message
        self._job: tuple[object] | None = None  # a job's answer, once read
        self._job_pending = False
        self._formatting = False  # a format request is in flight: the helper may run a pool
        self._unread = 0  # answers to formatting ahead, which carry nothing and are skipped

    @property
    def pid(self) -> int:
        return self._child.pid

    @classmethod
    def start(
        cls, prepare: Callable[[], object] = lambda: None,
        job: Callable[[Any, object], object] | None = None,
    ) -> Helper | None:
        child = fork_child(lambda channel: _be_the_helper(channel, prepare, job))
        return cls(child) if child is not None else None  # no process to spare: this process formats

    def prepared(self) -> object:
        """The result of `prepare`, which the helper sends first of all (None if it failed). Read
        before any request is sent: the helper could otherwise wait to send it while this process
        waited to send a request."""
        if self._prepared is None:
            self._prepared = (self._receive(),)
        return self._prepared[0]

    def submit(self, payload: object) -> bool:
        """Ask for the job on `payload` (one per helper); False when the helper cannot be asked."""
        self.prepared()
        if self._job_pending or self._job is not None or not self._send(("job", payload)):
            return False
        self._job_pending = True
        return True

    def job_result(self) -> object:
        """The submitted job's answer; None when the helper failed or died meanwhile."""
        if self._job_pending:
            self._job_pending = False
            self._job = (self._receive(),)
        return self._job[0] if self._job is not None else None

    def format_ahead(self, sources: list[str]) -> None:
        """Have the helper format `sources` into the cache while this process goes on, until this
        process asks it anything else."""
        self.prepared()
        if self._send(("ahead", sources)):
            self._unread += 1

    def format(self, sources: list[str], meanwhile: Callable[[], None]) -> list[str] | None:
        """black's output for each of `sources`, formatted by the helper while this process runs
        `meanwhile`; None when the helper could not answer (`meanwhile` has run all the same).
        An exception from `meanwhile` propagates: the helper is stopped with the run."""
        self.prepared()
        sent = self._send(("format", sources))
        self._formatting = sent
        meanwhile()
        if not sent:
            return None
        self.job_result()  # answered before the formatting
        answer = self._receive()
        self._formatting = False
        if isinstance(answer, list) and len(answer) == len(sources) and all(isinstance(a, str) for a in answer):
            return answer
        self._broken = True
        return None

    def stop(self) -> None:
        """End the helper. Busy (the run ended early), it is stopped with SIGTERM, which
        lets it stop the pool it runs, whose workers would otherwise outlive it. Otherwise its
        channel is closed: it ends once it has kept in the cache what it formatted, and is reaped
        as this process exits, so that it writes beside what this process does meanwhile."""
        if self._formatting or self._unread > 0 or self._job_pending:
            self._child.stop(busy=True)
            return
        self._child.channel.close()
        atexit.register(self.reap)

    def reap(self) -> None:
        """Wait for the helper to end, once stopped (`stop`)."""
        self._child.stop(finished=True)

    def _send(self, message: object) -> bool:
        if not self._broken:
            try:
                self._child.channel.send(message)
                return True
            except Exception:  # noqa: BLE001 - it died
                self._broken = True
        return False

    def _receive(self) -> object:
        if not self._broken:
            try:
                while self._unread:
                    self._child.channel.receive()
                    self._unread -= 1
                return self._child.channel.receive()
            except Exception:  # noqa: BLE001 - it died
                self._broken = True
        return None


def _be_the_helper(
    channel: Channel, prepare: Callable[[], object], job: Callable[[Any, object], object] | None
) -> None:
    """The forked helper's whole life: import black, send what `prepare` gives, answer requests."""
    from . import format as formatting

    in_background()  # black is wanted only after the models, which the model generator's helper makes
    formatting.black_mode()  # the import the helper exists for
    try:
        ahead = prepare()
    except Exception:  # noqa: BLE001 - the parent does that work itself
        ahead = None
    channel.send(ahead)

    # black's output for what it formatted, kept in the cache once answered, between requests:
    # this process would otherwise write it all before it goes on.
    to_keep: list[tuple[str, str]] = []

    def answer(request: tuple[str, Any]) -> object:
        kind, payload = request
        if kind == "ahead":  # until the next request: that is answered as if none had come
            formatting.formatted_ahead(payload, stop=channel.waiting)
            return None
        if kind == "format":
            formatted = formatting.black_here(payload)
            to_keep.extend(zip(payload, formatted))
            return formatted
        return job(payload, ahead) if kind == "job" and job is not None else None

    def keep(stop: Callable[[], bool]) -> None:
        while to_keep and not stop():
            formatting.keep(*to_keep.pop())

    channel.serve(answer, idle=keep)
