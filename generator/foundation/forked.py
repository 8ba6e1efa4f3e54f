"""Work in a forked copy of this process, and the pickled messages that cross back and forth.

Fork only, never spawn or exec: the copy already holds everything the work reads, and only the
messages cross, pickled through a pair of pipes. Nothing here imports multiprocessing (about
0.03 s, a twentieth of regenerating a small package).

`ForkedCall` runs one call while the caller goes on with other work. Where fork is unavailable, or
the copy fails in any way (an exception, a crash, a result that does not pickle), `result()` makes
the call in-process instead, so a caller sees the same value or the same exception either way.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
from collections.abc import Callable
from typing import Any, Generic, NoReturn, TypeVar

T = TypeVar("T")

_LENGTH_BYTES = 8  # ahead of each message: its length
_CHUNK = 1 << 20  # the most read from a pipe at once


class Channel:
    """One end of a pair of pipes: each message is pickled whole before any of it is sent, so a
    message that does not pickle sends nothing, and goes with its length ahead of it. Read
    straight from the pipe, with no buffer on this side: whether more has come is the pipe's to
    tell (`waiting`)."""

    def __init__(self, receiving: int, sending: int) -> None:
        self._in = receiving
        self._out = os.fdopen(sending, "wb")

    def send(self, message: object) -> None:
        data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
        self._out.write(len(data).to_bytes(_LENGTH_BYTES, "little") + data)
        self._out.flush()

    def receive(self) -> object:
        """The next message; EOFError once the other end is closed (or its process is gone)."""
        length = int.from_bytes(self._read(_LENGTH_BYTES), "little")
        return pickle.loads(self._read(length))

    def _read(self, size: int) -> bytes:
        chunks: list[bytes] = []
        while size:
            chunk = os.read(self._in, min(size, _CHUNK))
            if not chunk:
                raise EOFError("the other end closed the channel")
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def waiting(self) -> bool:
        """Whether the other end has sent anything not received yet."""
        return bool(select.select([self._in], [], [], 0)[0])

    def serve(
        self, answer: Callable[[Any], object], idle: Callable[[Callable[[], bool]], None] = lambda stop: None
    ) -> None:
        """Answer each message with `answer(message)` until the other end closes; None where that
        raises (the other end then does the work itself and sees the failure there). Between
        messages, `idle(stop)` does work of this end's own until `stop()` (a message waiting);
        once the other end has closed, to the end."""
        while True:
            with contextlib.suppress(Exception):  # that work is this end's alone: nobody waits for it
                idle(self.waiting)
            try:
                message = self.receive()
            except EOFError:
                with contextlib.suppress(Exception):
                    idle(lambda: False)
                return
            try:
                reply = answer(message)
            except Exception:  # noqa: BLE001 - see above
                reply = None
            self.send(reply)

    def close(self) -> None:
        if self._in >= 0:  # once: the number may name another file after
            with contextlib.suppress(OSError):
                os.close(self._in)
            self._in = -1
        with contextlib.suppress(OSError):
            self._out.close()


class Child:
    """A forked child and this process's end of the channel to it."""

    def __init__(self, pid: int, channel: Channel) -> None:
        self.pid, self.channel = pid, channel
        self.parent = os.getpid()  # a forked copy of this process holds this object too

    def stop(self, finished: bool = False, busy: bool = False) -> None:
        """Close the channel and reap the child, unless it has `finished` (it sent its last message
        and is only exiting) ended at once: with SIGKILL, or where it is `busy` with a request with
        SIGTERM, which unwinds what it runs so that what that started (a pool, a forked child) is
        stopped too."""
        self.channel.close()
        if not finished:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGTERM if busy else signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def fork_child(body: Callable[[Channel], object]) -> Child | None:
    """A child running `body` on its end of the channel, then exiting at once, without this
    process's exit hooks or finalizers; None where no child can be forked."""
    if not hasattr(os, "fork"):
        return None
    from_parent, to_child = os.pipe()
    from_child, to_parent = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no process to spare
        for fd in (to_child, from_parent, to_parent, from_child):
            os.close(fd)
        return None
    if pid == 0:
        os.close(to_child)
        os.close(from_child)
        _be_the_child(body, Channel(from_parent, to_parent))
    os.close(from_parent)
    os.close(to_parent)
    return Child(pid, Channel(from_child, to_child))


def _stop_on_terminate(signum: int, frame: object) -> None:
    raise SystemExit(1)  # unwinds the body: whatever it started (a pool, a child) is stopped too


def _be_the_child(body: Callable[[Channel], object], channel: Channel) -> NoReturn:
    code = 0
    try:
        # A SIGTERM that lands in a finalizer or an import's callback is swallowed there: the child
        # then ends with its work, and says nothing on the command's stderr.
        sys.unraisablehook = lambda unraisable: None
        signal.signal(signal.SIGTERM, _stop_on_terminate)
        body(channel)
    except BaseException:  # noqa: BLE001 - stopped, or the parent went away mid-message
        code = 1
    finally:
        os._exit(code)


# Niceness of a child that works beside the command's critical path (the validator, black's helper):
# on 2 cores they took CPU from the model generator's helper as it loaded, which everything
# after it waits for (regenerating Kombo's full spec 4.60 -> 4.49 s, kombo 0.641 -> 0.606 s).
BACKGROUND_NICENESS = 10


def in_background() -> None:
    """Lower this process's priority to BACKGROUND_NICENESS: only ever called in a forked child."""
    with contextlib.suppress(OSError, AttributeError):  # not permitted, or not on this platform
        os.nice(BACKGROUND_NICENESS)


class ForkedCall(Generic[T]):
    """`function()` started in a forked child; `result()` waits for it. A `background` child runs
    at a lower priority (`in_background`); a call made in-process runs at this process's."""

    def __init__(self, function: Callable[[], T], background: bool = False) -> None:
        self._function = function
        self._child = fork_child(lambda channel: _run_and_send(function, channel, background))

    @property
    def forked(self) -> bool:
        return self._child is not None

    def result(self) -> T:
        child = self._child
        if child is not None:
            try:
                answer = child.channel.receive()
            except Exception:  # noqa: BLE001 - the child died before it answered
                answer = None
            finally:
                self.cancel(finished=True)
            if isinstance(answer, tuple) and answer[0] is True:
                value: T = answer[1]
                return value
        return self._function()

    def cancel(self, finished: bool = False) -> None:
        """Stop the child if it still runs (an interrupt, or its result is no longer wanted);
        `finished`: it has answered and is only exiting."""
        child, self._child = self._child, None
        if child is not None:
            child.stop(finished)


def _run_and_send(function: Callable[[], object], channel: Channel, background: bool) -> None:
    if background:
        in_background()
    try:
        answer: tuple[bool, object] = (True, function())
    except BaseException:  # noqa: BLE001 - the parent makes the call itself and sees it there
        answer = (False, None)
    # A result that does not pickle sends nothing: the parent then makes the call itself too.
    with contextlib.suppress(Exception):
        channel.send(answer)
