"""The only place where spec strings become Python identifiers.

Names are ASCII, never keywords, never shadow builtins or the runtime's own names, and are stable:
the same input always gives the same name. Two spec names that map to one identifier are an error
naming both, never a silent suffix that depends on ordering.
"""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata
from collections.abc import Callable, Iterable

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")

# Names a generated module relies on; a spec name equal to one gets a trailing underscore.
RUNTIME_NAMES = frozenset(
    {
        "self", "cls", "body", "timeout", "extra_headers", "max_retries", "client", "request",
        "response", "options", "annotations", "typing", "httpx", "pydantic", "models", "model_config",
        "model_fields", "model_dump", "model_validate", "model_validate_json", "model_copy",
        "model_json_schema", "model_extra", "model_post_init", "model_fields_set", "copy", "dict",
        "json", "schema", "validate", "construct", "parse_obj", "parse_raw", "close", "aclose",
        "with_raw_response", "base_url", "api_key", "region", "http_client",
    }
)
BUILTIN_NAMES = frozenset(dir(builtins))


class NameCollision(ValueError):
    """Two different spec names would become the same Python identifier."""


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    spaced = _WORD_BOUNDARY.sub(" ", folded)
    return [word for word in _NON_ALNUM.split(spaced) if word]


def snake_case(text: str) -> str:
    words = _ascii_words(text)
    name = "_".join(word.lower() for word in words) or "value"
    return f"n_{name}" if name[0].isdigit() else name


def pascal_case(text: str) -> str:
    words = _ascii_words(text)
    name = "".join(word[0].upper() + word[1:] for word in words) or "Model"
    return f"N{name}" if name[0].isdigit() else name


def constant_case(text: str) -> str:
    return snake_case(text).upper()


def safe_identifier(name: str, reserved: Iterable[str] = ()) -> str:
    """`name` unchanged where it is free to use, else with a trailing underscore."""
    taken = RUNTIME_NAMES.union(reserved)
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in BUILTIN_NAMES:
        return name + "_"
    return name + "_" if name in taken else name


def assign_unique(
    originals: Iterable[str], convert: Callable[[str], str], what: str
) -> dict[str, str]:
    """Map each original to `convert(original)`; raise NameCollision naming both sides on a clash."""
    assigned: dict[str, str] = {}
    owner: dict[str, str] = {}
    for original in originals:
        name = convert(original)
        previous = owner.get(name.lower())
        if previous is not None and previous != original:
            raise NameCollision(
                f"{what} {previous!r} and {original!r} both become the Python name {name!r}"
            )
        owner[name.lower()] = original
        assigned[original] = name
    return assigned


def package_name_for(file_stem: str) -> str:
    """The import package for a spec file: `kombo.yaml` -> `kombo_client`."""
    return f"{snake_case(file_stem)}_client"


def distribution_name_for(file_stem: str) -> str:
    return snake_case(file_stem).replace("_", "-") + "-client"
