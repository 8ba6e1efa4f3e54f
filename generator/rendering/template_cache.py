"""Compiled Jinja templates: from clientgen's cache (cache.py), else from the seed shipped with it.

Jinja checks each cache entry against its template's source and its own and Python's versions,
and cache.py against corruption, so a stale or damaged entry is only ever recompiled.

The seed (template_seed.json) holds the Python source Jinja makes of each template, keyed by
Jinja's version, the environment's syntax settings, the template's name and its source: a first
run on a machine with an empty cache compiles that source (about 5 ms for every template) instead
of parsing the templates (60-70 ms, a tenth of a small spec's cold run). A template edited since
the seed was made, or another Jinja, only misses it: the seed can never change what is rendered.
A test rebuilds the seed from the templates and fails when it is stale.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from ..foundation import cache
from .seed_file import read_seed, seed_text

__all__ = ["SEED_FILE", "TemplateBytecodeCache", "seed_key", "seed_text", "seeded"]

_NAMESPACE = "jinja"
SEED_FILE = Path(__file__).with_name("template_seed.json")


def seed_key(environment: jinja2.Environment, name: str, source: str) -> str:
    """The seed's key for template `name` with text `source` in `environment`."""
    syntax = (
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, environment.optimized, bool(environment.autoescape),
        sorted(environment.extensions),
    )
    return cache.make_key(jinja2.__version__, repr(syntax), name, source)


@lru_cache(maxsize=1)
def seeded() -> dict[str, str]:
    """The shipped entries, {seed key: Python source}."""
    return read_seed(SEED_FILE)


class TemplateBytecodeCache(jinja2.BytecodeCache):
    """Jinja's bytecode cache on top of cache.py: off with `--no-cache`, in whatever cache folder
    is current when a template is first loaded; the seed answers what it does not hold."""

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        bucket = super().get_bucket(environment, name, filename, source)
        if bucket.code is None:
            compiled = seeded().get(seed_key(environment, name, source))
            if isinstance(compiled, str):
                # As Jinja compiles its own output (Environment.compile). Kept in the cache too:
                # loading the code from there is faster than compiling the source again.
                bucket.code = compile(compiled, filename or "<template>", "exec")
                self.set_bucket(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        data = cache.get_bytes(_NAMESPACE, self._key(bucket))
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        cache.put_bytes(_NAMESPACE, self._key(bucket), bucket.bytecode_to_string())

    @staticmethod
    def _key(bucket: Bucket) -> str:
        return cache.make_key(jinja2.__version__, bucket.key)
