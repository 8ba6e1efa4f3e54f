"""python -m generator: the clientgen command line."""

from .cli import main

main()
