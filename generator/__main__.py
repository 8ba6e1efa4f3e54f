"""python -m generator: the clientgen command line."""

from .cli import run

run()
