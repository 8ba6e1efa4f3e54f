"""Stage packages name their public API in `__all__` and load it lazily.

A stage's names are imported from their module on first use, so importing a stage package costs
nothing: the no-op command line path must not pay for the model generator or black.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def lazy_exports(
    package: str, modules: Mapping[str, tuple[str, ...]]
) -> tuple[list[str], Callable[[str], object]]:
    """`__all__` and a module `__getattr__` for `package`, from {module: public names}; a module
    that lists its own name is exported whole."""
    home = {name: module for module, names in modules.items() for name in names}

    def __getattr__(name: str) -> object:
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(f"{package}.{home[name]}")
        return module if name == home[name] else getattr(module, name)

    return sorted(home), __getattr__
