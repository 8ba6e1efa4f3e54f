"""A call run in a forked copy of this process while the caller goes on with other work.

Fork only, never spawn or exec: the copy already holds everything the call reads, and only the
result crosses back, pickled through a pipe. Where fork is unavailable, or the copy fails in any
way (an exception, a crash, a result that does not pickle), `result()` makes the call in-process
instead, so a caller sees the same value or the same exception either way.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def _run_and_send(function: Callable[[], Any], writer: Connection) -> None:
    try:
        answer = (True, function())
    except BaseException:  # noqa: BLE001 - the parent makes the call itself and sees it there
        answer = (False, None)
    # A result that does not pickle sends nothing: the parent then makes the call itself too.
    with contextlib.suppress(Exception):
        writer.send(answer)
    writer.close()


class ForkedCall(Generic[T]):
    """`function()` started in a forked child; `result()` waits for it."""

    def __init__(self, function: Callable[[], T]) -> None:
        self._function = function
        self._process: Any = None
        self._reader: Connection | None = None
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(target=_run_and_send, args=(function, writer), daemon=True)
        try:
            process.start()
        except OSError:  # no process to spare: the call runs in-process later
            reader.close()
            return
        finally:
            writer.close()
        self._process, self._reader = process, reader

    @property
    def forked(self) -> bool:
        return self._process is not None

    def result(self) -> T:
        if self._reader is not None:
            try:
                done, value = self._reader.recv()
            except (EOFError, OSError):  # the child died before it answered
                done, value = False, None
            finally:
                self.cancel(finished=True)
            if done:
                return value
        return self._function()

    def cancel(self, finished: bool = False) -> None:
        """Stop the child if it still runs (an interrupt, or its result is no longer wanted);
        `finished`: it has answered and is only exiting, so it gets a moment to do so."""
        process, reader = self._process, self._reader
        self._process = self._reader = None
        if reader is not None:
            reader.close()
        if process is not None:
            if finished:
                process.join(timeout=5)
            if process.is_alive():
                process.terminate()
            process.join()
            process.close()
