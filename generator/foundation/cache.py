"""A content-addressed cache of pure, slow results (black's output, the model generator's source,
compiled templates).

Entries live under `$XDG_CACHE_HOME/clientgen` (default `~/.cache/clientgen`), one file per key;
the key hashes everything the result depends on (input text, tool version, options), so an entry
can never be stale, only absent. Each entry carries the SHA-256 of its payload and is used only
when that still matches: a truncated or corrupt file is ignored and recomputed. Writes go to a
temporary file that is renamed into place, so readers never see half an entry. The cache is a
speed-up only: any failure to read or write it is ignored, and `--no-cache` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

_enabled = True


def set_enabled(enabled: bool) -> None:
    """Turn the cache on or off for this process (`clientgen --no-cache` turns it off)."""
    global _enabled
    _enabled = enabled


def cache_dir() -> Path:
    """`$XDG_CACHE_HOME/clientgen`; a relative XDG_CACHE_HOME is ignored, as the XDG spec says."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "clientgen"


def make_key(*parts: str) -> str:
    """One hex key for an ordered list of strings (length-prefixed, so parts cannot run together)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(f"{len(data)}:".encode())
        digest.update(data)
    return digest.hexdigest()


def _entry_path(namespace: str, key: str) -> Path:
    return cache_dir() / namespace / key[:2] / key


def get(namespace: str, key: str) -> str | None:
    """The cached text for `key`, or None when absent, unreadable, corrupt or the cache is off."""
    payload = get_bytes(namespace, key)
    if payload is None:
        return None
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return None


def get_bytes(namespace: str, key: str) -> bytes | None:
    """As `get`, for an entry stored with `put_bytes`."""
    if not _enabled:
        return None
    try:
        raw = _entry_path(namespace, key).read_bytes()
    except OSError:
        return None
    digest, newline, payload = raw.partition(b"\n")
    if not newline or hashlib.sha256(payload).hexdigest().encode() != digest:
        return None
    return payload


def put(namespace: str, key: str, value: str) -> None:
    """Store `value` under `key` atomically; silently does nothing when the cache cannot be written."""
    put_bytes(namespace, key, value.encode("utf-8"))


def put_bytes(namespace: str, key: str, payload: bytes) -> None:
    """As `put`, for bytes."""
    if not _enabled:
        return
    path = _entry_path(namespace, key)
    data = hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass


def cached(namespace: str, key: str, compute: Callable[[], str]) -> str:
    """The cached text for `key`, computing and storing it on a miss."""
    hit = get(namespace, key)
    if hit is not None:
        return hit
    value = compute()
    put(namespace, key, value)
    return value


def get_many(namespace: str, keys: Iterable[str]) -> dict[str, str]:
    """The entries found among `keys`."""
    found = {}
    for key in keys:
        hit = get(namespace, key)
        if hit is not None:
            found[key] = hit
    return found


def validation_key(spec_text: str, suffix: str) -> str:
    """The key under which a spec's clean bill of health is kept: its text, the generator's code
    (the house rules) and the validator's version."""
    from . import dist_versions
    from .fingerprint import generator_fingerprint

    versions = " ".join(
        f"{name} {dist_versions.version(name)}" for name in ("openapi-spec-validator", "jsonschema")
    )
    return make_key(generator_fingerprint(), versions, suffix.lower(), spec_text)
