"""The only place where spec strings become Python identifiers.

Names are ASCII, never keywords, never shadow builtins or the runtime's own names, and are stable:
the same input always gives the same name. Names that would be shared get distinct ones by fixed
rules that do not depend on the order they are written in: of two schemas, tags or operations
(`Pet` and `pet`), the one already spelled like the name keeps it and the other is numbered
(`Pet2`); of two properties of one object (`id` and `@id`) or parameters of one operation, the
others first spell out their punctuation (`at_id`) or their location (`query_id`), and only then
are numbered.
"""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable

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

# Attributes of pydantic's BaseModel that a field must not shadow (`model_*` is pydantic's own
# namespace). Fixed here rather than read from pydantic, so output never depends on its version.
_BASE_MODEL_ATTRIBUTES = frozenset(
    ["construct", "copy", "dict", "from_orm", "json", "mro", "parse_file", "parse_obj", "parse_raw", "register", "schema", "schema_json", "update_forward_refs", "validate"]
)


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


# What a generated method's body refers to besides its keyword arguments: its own parameters and
# locals, and the runtime helpers it calls. A keyword argument named like one would shadow it.
METHOD_NAMES = frozenset({
    "self", "body", "timeout", "max_retries", "extra_headers", "request", "response", "result",
    "as_model", "omit_not_given", "encode_path_segment", "log_warnings", "NOT_GIVEN", "NotGiven",
})


def is_plain_keyword(name: str) -> bool:
    """Whether a spec name can be a keyword argument as it is: an ASCII identifier, no keyword.

    Soft keywords (`match`, `case`, `type`, `_`) count as plain: they are keywords only where their
    statement starts, and every Python version takes them as parameter names (`type=`). Shadowing a
    builtin (`id=`, `filter=`, `input=`) inside a method is harmless, as the best SDKs show. A
    leading underscore would read as private, so such a name is not plain.
    """
    return name.isascii() and name.isidentifier() and not keyword.iskeyword(name) and (
        not name.startswith("_")
    )


def keyword_name(name: str, taken: Collection[str]) -> str:
    """The keyword argument for `name` (already an identifier): itself, unless a hard keyword or
    one of `taken` (the method's own names, see METHOD_NAMES), then with trailing underscores."""
    while keyword.iskeyword(name) or name in taken:
        name += "_"
    return name


def unique_names(
    originals: Iterable[str],
    convert: Callable[[str], str],
    numbered: Callable[[str, int], str],
    key: Callable[[str], str] = str.lower,
) -> dict[str, str]:
    """Each original's `convert(original)`, made distinct ignoring case, whatever their order.

    Of originals that would share a name, the one already spelled like it keeps it: of several
    (`Pet`, `PET`), the one spelled as its lower case would be (`Pet`); of none, the first in
    sorted order. The others, in sorted order, take `numbered(name, 2)`, `numbered(name, 3)`...,
    the first that no other holds. Case is ignored because `Pet` beside `PET` would confuse
    readers and case-insensitive file systems alike; `key` says when two names are the same.
    """
    natural = {original: convert(original) for original in originals}
    groups: dict[str, list[str]] = {}
    for original in sorted(natural):
        groups.setdefault(key(natural[original]), []).append(original)
    names: dict[str, str] = {}
    moving: list[str] = []
    for members in groups.values():
        keeper = min(members, key=lambda o: (o != natural[o], convert(o.lower()) != natural[o], o))
        names[keeper] = natural[keeper]
        moving += [o for o in members if o != keeper]
    taken = {key(name) for name in names.values()}
    for original in sorted(moving):
        number = 2
        while key(numbered(natural[original], number)) in taken:
            number += 1
        names[original] = numbered(natural[original], number)
        taken.add(key(names[original]))
    return {original: names[original] for original in natural}


def numbered_class(name: str, number: int) -> str:
    """`Pet`, 2 -> `Pet2`: how a class name that another holds is told apart."""
    return f"{name}{number}"


def numbered_attribute(name: str, number: int) -> str:
    """`get_pet`, 2 -> `get_pet_2`; `close_`, 2 -> `close_2` (the digit already keeps it free)."""
    return f"{name.rstrip('_')}_{number}"


def _is_free_field_name(name: str) -> bool:
    return (
        name.isascii()
        and name.isidentifier()
        and not name.startswith("_")  # pydantic treats these as private attributes
        and not name.startswith("model_")
        and not keyword.iskeyword(name)
        and name not in _BASE_MODEL_ATTRIBUTES
    )


def _fold_to_ascii(text: str) -> str:
    """`text` in ASCII: accents dropped, ligatures split, other letters and digits as `uXXXX`.

    Names that Python's NFKC normalisation makes equal fold to the same text, so they collide here
    instead of silently becoming one attribute.
    """
    pieces = []
    for char in unicodedata.normalize("NFKD", text):
        if char.isascii():
            pieces.append(char)
        elif unicodedata.combining(char):
            continue
        elif char.isalnum():
            pieces.append(f"_u{ord(char):x}_")
        else:
            pieces.append("_")
    return "".join(pieces)


def field_name(wire: str, class_names: Collection[str] = ()) -> str:
    """The model attribute for the property `wire`; where it differs, `wire` is kept as the alias.

    A plain ASCII identifier that shadows nothing is used as it is, so `resultUrl` stays `resultUrl`
    and `On-Behalf-Of` becomes `On_Behalf_Of`: the same names datamodel-code-generator picks, but
    ASCII and without its order-dependent `_1` suffixes. An attribute named like one of
    `class_names` would hide that class in the annotations after it, so it gets a trailing `_`.
    """
    name = wire
    if not _is_free_field_name(name):
        name = _NON_ALNUM.sub("_", _fold_to_ascii(wire)).strip("_") or "field"
        if name[0].isdigit():
            name = f"n_{name}"
        if not _is_free_field_name(name):
            name += "_"
    return name + "_" if name in class_names else name


# Words for the punctuation that can be all that tells two property names apart (`@id`, `$type`).
_SYMBOL_WORDS = {
    "@": "at", "$": "dollar", "#": "hash", "+": "plus", "-": "dash", ".": "dot", "/": "slash",
    ":": "colon", "~": "tilde", "!": "bang", "%": "percent", "&": "and", "*": "star", "=": "eq",
    "?": "question", "^": "caret", "|": "pipe", ",": "comma", ";": "semicolon", "<": "lt",
    ">": "gt", "'": "quote", '"': "dquote", "`": "backtick", "(": "lparen", ")": "rparen",
    "[": "lbracket", "]": "rbracket", "{": "lbrace", "}": "rbrace", "\\": "backslash", " ": "space",
}


def spelled(wire: str) -> str:
    """`wire` with its ASCII punctuation, and underscores at its ends, spelled out as words:
    `@id` -> `at_id`, `$type` -> `dollar_type`, `_links` -> `underscore_links`. The result still
    needs field_name or snake_case to become an identifier."""
    core = wire.strip("_")
    lead = len(wire) - len(wire.lstrip("_"))
    trail = len(wire) - len(wire.rstrip("_")) if core else 0
    words = "".join(f"_{_SYMBOL_WORDS[c]}_" if c in _SYMBOL_WORDS else c for c in core)
    parts = ["underscore"] * lead + [re.sub("_+", "_", words).strip("_")] + ["underscore"] * trail
    return "_".join(part for part in parts if part)


def _with_class_guard(name: str, class_names: Collection[str]) -> str:
    return name + "_" if name in class_names else name


def field_names(
    property_maps: Iterable[Iterable[str]], class_names: Collection[str] = ()
) -> dict[str, str]:
    """The attribute of every property of the given objects: one per wire name, the same in every
    object, distinct within each.

    Each wire name gets `field_name(wire)`. Where properties of one object would share it, the one
    whose wire name is that attribute keeps it and the others spell out their punctuation
    (`id`, `@id` -> `id`, `at_id`; `type`, `$type` -> `type`, `dollar_type`); a name still
    shared is numbered from 2 (`file`, `ﬁle` -> `file`, `file_2`), wire names in sorted order.
    """
    maps = [list(dict.fromkeys(m)) for m in property_maps]
    base = {wire: field_name(wire, class_names) for m in maps for wire in m}
    names = dict(base)
    for step in ("spell", "number"):
        moving = sorted(_clashing(maps, names, base))
        if not moving:
            break
        for wire in moving:
            if step == "spell":
                names[wire] = _with_class_guard(field_name(spelled(wire)), class_names)
            else:
                names[wire] = _numbered(wire, base[wire], maps, names, class_names)
    return names


def _clashing(maps: list[list[str]], names: dict[str, str], base: dict[str, str]) -> set[str]:
    """The wire names that must move: of each group sharing a name in one object, all but the one
    that has held that name from the start and is spelled like it, if there is one."""
    moving: set[str] = set()
    for properties in maps:
        groups: dict[str, list[str]] = {}
        for wire in properties:
            groups.setdefault(names[wire], []).append(wire)
        for name, wires in groups.items():
            if len(wires) > 1:
                moving.update(w for w in wires if not (w == name and base[w] == name))
    return moving


def _numbered(
    wire: str, base: str, maps: list[list[str]], names: dict[str, str], class_names: Collection[str]
) -> str:
    """`base_2`, `base_3`...: the first that no other property of an object holding `wire` has."""
    taken = {names[other] for m in maps if wire in m for other in m if other != wire}
    number = 2
    while _with_class_guard(f"{base.rstrip('_')}_{number}", class_names) in taken:
        number += 1
    return _with_class_guard(f"{base.rstrip('_')}_{number}", class_names)


def distinct_names(
    natural: dict[str, str], alternatives: Callable[[str], Iterable[str]], reserved: Collection[str] = ()
) -> dict[str, str]:
    """`natural` names (key -> name) made distinct. Keys are considered in the order given, so the
    caller puts first those with the better claim; of keys sharing a name the first keeps it, and
    each later one takes the first of its `alternatives` that is free, else the name numbered
    from 2. No key is given a name in `reserved`."""
    taken = set(reserved)
    result: dict[str, str] = {}
    for key, name in natural.items():
        for candidate in (name, *alternatives(key)):
            if candidate not in taken:
                break
        else:
            number = 2
            while f"{name.rstrip('_')}_{number}" in taken:
                number += 1
            candidate = f"{name.rstrip('_')}_{number}"
        taken.add(candidate)
        result[key] = candidate
    return result


def package_name_for(file_stem: str) -> str:
    """The import package for a spec file: `kombo.yaml` -> `kombo_client`."""
    return f"{snake_case(file_stem)}_client"
