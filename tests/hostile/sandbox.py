"""An audit hook that refuses side effects, for running the generator or generated code.

Inside `refusing(...)`, starting a process, any network activity and writing a file (outside the
folder `writable`) are refused, and the files in `unreadable` may not even be opened. Audit hooks
cannot be removed, so the hook is installed once and does nothing outside the context manager.

As a script, it imports a generated package under the same rules and runs a check on it:

    python -B sandbox.py ROOT MODULE [CODE]

printing each refused event to stderr and exiting 99 if any happened, even where the code caught it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

_REFUSED_EVENTS = (
    "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
    "os.forkpty", "pty.spawn", "os.startfile", "socket.connect", "socket.getaddrinfo",
    "socket.gethostbyname", "socket.sendto", "socket.bind",
)
_WRITING_EVENTS = (
    "os.remove", "os.rename", "os.mkdir", "os.rmdir", "os.chmod", "os.truncate", "os.symlink",
    "os.link", "shutil.rmtree", "shutil.move", "shutil.copyfile",
)
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class _Policy:
    active = False
    writable: str | None = None
    unreadable: frozenset[str] = frozenset()
    refused: list[str] = []
    installed = False
    allow_fork = False


# Where each file-changing event carries the directory descriptor its path is relative to.
_DIR_FD_ARGUMENT = {"os.remove": 1, "os.rmdir": 1, "os.mkdir": 2, "os.chmod": 2, "os.rename": 2}


def _real(path: object, dir_fd: object = None) -> str | None:
    if not isinstance(path, (str, bytes, os.PathLike)):
        return None
    path = os.fsdecode(path)
    if isinstance(dir_fd, int) and dir_fd >= 0 and not os.path.isabs(path):
        path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)  # shutil.rmtree's way
    return os.path.realpath(path)


def _may_write(path: object, dir_fd: object = None) -> bool:
    real = _real(path, dir_fd)
    root = _Policy.writable
    return root is not None and real is not None and (real == root or real.startswith(root + os.sep))


def _problem(event: str, args: tuple[object, ...]) -> str | None:
    if event == "os.fork" and _Policy.allow_fork:
        return None  # a copy of this very process, running nothing new (a worker pool)
    if event.startswith(_REFUSED_EVENTS):
        return f"{event} {args[:2]!r}"
    if event == "urllib.Request" and not str(args[0]).startswith("file:"):
        return f"{event} {args[0]!r}"  # file: URLs are checked when they are opened
    if event == "open" and len(args) == 3 and not isinstance(args[0], int):
        path, mode, flags = args  # an int path is a descriptor, checked when it was opened
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS
        )
        if _real(path) in _Policy.unreadable:
            return f"open of {path!r}"
        if writes and not _may_write(path):
            return f"write to {path!r}"
    elif event.startswith(_WRITING_EVENTS):
        where = _DIR_FD_ARGUMENT.get(event)
        dir_fd = args[where] if where is not None and len(args) > where else None
        if not (args and _may_write(args[0], dir_fd)):
            return f"{event} {args[:2]!r}"
    return None


def _hook(event: str, args: tuple[object, ...]) -> None:
    if not _Policy.active:
        return
    problem = _problem(event, args)
    if problem:
        _Policy.refused.append(problem)
        raise PermissionError(f"sandbox refused {problem}")


@contextmanager
def refusing(
    writable: Path | None = None, unreadable: Iterable[Path | str] = (), allow_fork: bool = False
) -> Iterator[list[str]]:
    """Refuse side effects inside the block; yields the list of what was refused.

    `allow_fork` lets the generator fork worker copies of itself; exec and spawn stay refused.
    """
    if not _Policy.installed:
        sys.addaudithook(_hook)
        _Policy.installed = True
    _Policy.writable = _real(writable) if writable is not None else None
    _Policy.unreadable = frozenset(r for r in map(_real, unreadable) if r)
    _Policy.refused = []
    _Policy.allow_fork = allow_fork
    _Policy.active = True
    try:
        yield _Policy.refused
    finally:
        _Policy.active = False


def main() -> None:
    root, module, *code = sys.argv[1:]
    sys.dont_write_bytecode = True
    sys.path.insert(0, root)
    status = 0
    with refusing() as refused:
        try:
            exec(code[0] if code else "", {"package": __import__(module)})
        except BaseException as exc:  # report it; the refused events decide the status
            sys.stderr.write(f"sandbox: {type(exc).__name__}: {exc}\n")
            status = 1
    for problem in refused:
        sys.stderr.write(f"sandbox: refused {problem}\n")
    sys.stderr.flush()
    os._exit(99 if refused else status)


if __name__ == "__main__":
    main()
