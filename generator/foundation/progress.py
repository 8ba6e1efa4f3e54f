"""Progress of a long run, for whoever listens: the command line shows it on a terminal.

Stages call `step(provider, what)`; nothing happens unless a listener is installed, so library
callers and tests see no output and pay nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[str, str], None]

_listeners: list[Listener] = []


def step(provider: str, what: str) -> None:
    """`provider`'s package is now at `what` (e.g. "formatting")."""
    for listener in _listeners:
        listener(provider, what)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)
