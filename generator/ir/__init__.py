"""The intermediate model: a LoadedSpec -> an Api (frozen dataclasses) ready to render.

Takes a validated spec; names every resource, operation, parameter and model (through
foundation.naming), builds the models module through the models stage and returns the Api.
"""

from ..foundation.exports import lazy_exports

__all__, __getattr__ = lazy_exports(__name__, {
    "nodes": ("Api", "Operation", "Param"),
    "package_names": ("EXCEPTION_NAMES", "package_names"),
    "parser": ("build_api",),
    "versions": ("INITIAL_VERSION", "SEMVER", "initial_version"),
})
