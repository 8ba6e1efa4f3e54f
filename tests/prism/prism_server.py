"""Start and stop Stoplight Prism mock servers, one per provider spec, for the whole test session.

Prism comes from the npm lockfile at the project root (`npm ci`). Each server runs in its own process
group so that stopping it also stops anything it spawned, and it is stopped by its id, never by name.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
READY_WITHIN = 60.0
STOP_WITHIN = 10.0
PORT_ATTEMPTS = 3
PROVIDERS = ("kombo", "stackone", "unified", "xobin")


class PrismError(RuntimeError):
    """Prism could not be installed or started; the message carries its own output."""


@dataclass
class PrismServer:
    provider: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def pinned_version() -> str:
    manifest = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    return str(manifest["devDependencies"]["@stoplight/prism-cli"])


def _installed_version() -> str | None:
    manifest = ROOT / "node_modules" / "@stoplight" / "prism-cli" / "package.json"
    if not manifest.is_file() or not PRISM.exists():
        return None
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def ensure_installed() -> None:
    """Run `npm ci` when node_modules is missing or holds another Prism than the lockfile pins.

    The README's test command already runs `npm ci`; this covers a bare `pytest` after a
    checkout or a version bump.
    """
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"]["node_modules/@stoplight/prism-cli"]["version"]
    if _installed_version() == locked:
        return
    result = subprocess.run(
        ["npm", "ci", "--silent", "--no-audit", "--no-fund"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    if result.returncode != 0 or _installed_version() != locked:
        raise PrismError(f"`npm ci` could not install Prism {locked}:\n{result.stdout}{result.stderr}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _accepts_connections(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def start(provider: str, log_dir: Path) -> PrismServer:
    """Launch Prism on a free local port; returns at once, see `wait_until_ready`."""
    port = _free_port()
    log_path = log_dir / f"prism-{provider}.log"
    # A file, not a pipe: Prism logs every request and would block once a pipe buffer fills.
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(PRISM), "mock", "-h", "127.0.0.1", "-p", str(port), "--errors",
             str(ROOT / "specs" / f"{provider}.yaml")],
            cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return PrismServer(provider, port, process, log_path)


def wait_until_ready(server: PrismServer, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise PrismError(
                f"Prism for specs/{server.provider}.yaml exited with code "
                f"{server.process.returncode}:\n{server.log()}"
            )
        if "Prism is listening" in server.log() and _accepts_connections(server.port):
            return
        time.sleep(0.1)
    raise PrismError(
        f"Prism for specs/{server.provider}.yaml was not listening on port {server.port} "
        f"after {READY_WITHIN:.0f} s:\n{server.log()}"
    )


def stop(server: PrismServer) -> None:
    if server.process.poll() is not None:
        return
    os.killpg(server.process.pid, signal.SIGTERM)
    try:
        server.process.wait(timeout=STOP_WITHIN)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()


def start_all() -> dict[str, PrismServer]:
    """Every provider's Prism, started side by side and each ready to serve."""
    ensure_installed()
    log_dir = Path(tempfile.mkdtemp(prefix="clientgen-prism-"))
    servers = {provider: start(provider, log_dir) for provider in PROVIDERS}
    deadline = time.monotonic() + READY_WITHIN
    try:
        for provider in PROVIDERS:
            for attempt in range(PORT_ATTEMPTS):
                try:
                    wait_until_ready(servers[provider], deadline)
                    break
                except PrismError:
                    # The free port can be taken by someone else before Prism binds it.
                    if "EADDRINUSE" not in servers[provider].log() or attempt == PORT_ATTEMPTS - 1:
                        raise
                    servers[provider] = start(provider, log_dir)
    except BaseException:
        stop_all(servers)
        raise
    return servers


def stop_all(servers: dict[str, PrismServer]) -> None:
    for server in servers.values():
        stop(server)
        server.log_path.unlink(missing_ok=True)
    for log_dir in {server.log_path.parent for server in servers.values()}:
        log_dir.rmdir()


# Several test modules need the servers, each through its own import of the fixture; whichever
# asks first starts them and the last to finish stops them, so one session never runs two sets.
_shared: dict[str, PrismServer] | None = None
_users = 0


def acquire() -> dict[str, PrismServer]:
    global _shared, _users
    if _shared is None:
        _shared = start_all()
    _users += 1
    return _shared


def release() -> None:
    global _shared, _users
    _users -= 1
    if _users == 0 and _shared is not None:
        stop_all(_shared)
        _shared = None


@pytest.fixture(scope="session", name="prism")
def prism_servers() -> Iterator[dict[str, PrismServer]]:
    """Every provider's Prism, by provider name, as the fixture `prism`.

    Test modules import this function to use the fixture: a conftest.py of their own would be
    imported as the module `conftest` and shadow tests/conftest.py for everyone else.
    """
    yield acquire()
    release()
