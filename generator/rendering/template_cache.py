"""Compiled Jinja templates kept in clientgen's cache (cache.py), so a new process skips compiling.

Jinja checks each entry against its template's source and its own and Python's versions, and
cache.py against corruption, so a stale or damaged entry is only ever recompiled.
"""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket

from ..foundation import cache

_NAMESPACE = "jinja"


class TemplateBytecodeCache(jinja2.BytecodeCache):
    """Jinja's bytecode cache on top of cache.py: off with `--no-cache`, in whatever cache folder
    is current when a template is first loaded."""

    def load_bytecode(self, bucket: Bucket) -> None:
        data = cache.get_bytes(_NAMESPACE, self._key(bucket))
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        cache.put_bytes(_NAMESPACE, self._key(bucket), bucket.bytecode_to_string())

    @staticmethod
    def _key(bucket: Bucket) -> str:
        return cache.make_key(jinja2.__version__, bucket.key)
