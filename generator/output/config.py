"""The `[tool.clientgen]` table of a repository's pyproject.toml, read and checked.

It says where the specs and the packages live, and per provider the package and client names and
defaults for the spec extensions (used where the spec itself does not set them). Every problem is
one line: `pyproject.toml:LINE: [tool.clientgen] message`. Without the table, `specs/` and
`generated/` under the project folder are used.
"""

from __future__ import annotations

import copy
import keyword
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..foundation import naming
from ..foundation.diagnostics import UserError
from ..reading.spec import deref, iter_operations, json_media

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PYPROJECT = "pyproject.toml"
DEFAULT_SPECS = "specs"
DEFAULT_OUTPUT = "generated"


class ConfigError(UserError):
    pass


@dataclass(frozen=True)
class SpecOptions:
    """What the repository's configuration sets for one spec; None (or empty) leaves it as is."""

    package: str | None = None  # the import package (default: <provider>_client)
    client: str | None = None  # client class prefix: as x-clientgen-name in info
    timeout: float | None = None  # as x-clientgen-timeout on every operation
    api_key_prefix: str | None = None  # as x-clientgen-value-prefix on apiKey schemes
    warnings: str | None = None  # as x-clientgen-warnings on success response schemas
    idempotent: tuple[str, ...] = ()  # operationIds: as x-clientgen-idempotent: true
    regions: tuple[tuple[str, str], ...] = ()  # (server URL, name): as x-clientgen-region

    def recorded(self) -> dict[str, Any]:
        """The options set, as JSON data (the manifest keeps them: changing one regenerates)."""
        found: dict[str, Any] = {}
        for option in fields(self):
            value = getattr(self, option.name)
            if value is None or value == ():
                continue
            if option.name == "regions":
                value = dict(value)
            elif isinstance(value, tuple):
                value = list(value)
            found[option.name.replace("_", "-")] = value
        return found

    def over(self, defaults: SpecOptions) -> SpecOptions:
        """These options, with `defaults` wherever these leave an option unset."""
        return SpecOptions(**{
            option.name: getattr(self, option.name)
            if getattr(self, option.name) not in (None, ()) else getattr(defaults, option.name)
            for option in fields(self)
        })

    def apply(self, document: dict[str, Any]) -> dict[str, Any]:
        """A copy of the spec `document` with these options as extension keys where it has none."""
        if not self.recorded() or self.recorded().keys() == {"package"}:
            return document
        document = copy.deepcopy(document)
        info = document.get("info")
        if self.client and isinstance(info, dict):
            info.setdefault("x-clientgen-name", self.client)
        regions = dict(self.regions)
        for server in document.get("servers") or []:
            url = str(server.get("url", "")).rstrip("/") if isinstance(server, dict) else ""
            name = regions.get(url) or regions.get(url + "/")
            if name:
                server.setdefault("x-clientgen-region", name)
        schemes = (document.get("components") or {}).get("securitySchemes") or {}
        for scheme in schemes.values():
            if self.api_key_prefix is not None and isinstance(scheme, dict) and scheme.get("type") == "apiKey":
                scheme.setdefault("x-clientgen-value-prefix", self.api_key_prefix)
        for raw in iter_operations(document):
            if self.timeout is not None:
                raw.body.setdefault("x-clientgen-timeout", self.timeout)
            if raw.body.get("operationId") in self.idempotent:
                raw.body.setdefault("x-clientgen-idempotent", True)
            if self.warnings:
                self._mark_warnings(document, raw.body)
        return document

    def _mark_warnings(self, document: dict[str, Any], operation: dict[str, Any]) -> None:
        for status, response in (operation.get("responses") or {}).items():
            response = deref(document, response)
            media = json_media(response.get("content")) if isinstance(response, dict) else None
            schema = deref(document, media[1].get("schema")) if media else None
            properties = schema.get("properties") if isinstance(schema, dict) else None
            if str(status).startswith("2") and isinstance(properties, dict) and self.warnings in properties:
                schema.setdefault("x-clientgen-warnings", self.warnings)


@dataclass(frozen=True)
class Config:
    """Where a project's specs and packages live, and what it sets for each provider."""

    specs_dir: Path
    output_dir: Path
    defaults: SpecOptions = SpecOptions()
    providers: dict[str, SpecOptions] = field(default_factory=dict)
    source: str = PYPROJECT  # the file as the user names it, for messages
    lines: dict[tuple[str, ...], int] = field(default_factory=dict, repr=False)

    def options_for(self, provider: str) -> SpecOptions:
        return self.providers.get(provider, SpecOptions()).over(self.defaults)

    def error(self, path: tuple[str, ...], message: str) -> ConfigError:
        """A one-line error about the value at `path` inside [tool.clientgen]."""
        line = next((self.lines[path[:end]] for end in range(len(path), -1, -1)
                     if path[:end] in self.lines), 1)
        table = ".".join(("tool", "clientgen", *path[:2])) if path[:1] == ("providers",) else "tool.clientgen"
        return ConfigError(f"{self.source}:{line}: [{table}] {message}")

    def check_providers(self, known: list[str]) -> None:
        """Every provider table names a spec in the specs folder; no two packages share a name."""
        for provider in self.providers:
            if provider not in known:
                names = ", ".join(known) or "none"
                raise self.error(("providers", provider),
                                 f"no spec named {provider!r} in {self.specs_dir} (specs: {names})")
        packages: dict[str, str] = {}
        for provider in known:
            package = self.options_for(provider).package or naming.package_name_for(provider)
            if package in packages:
                raise self.error(("providers", provider, "package"),
                                 f"{packages[package]} and {provider} would both be package {package!r}")
            packages[package] = provider


# -- reading ---------------------------------------------------------------------------------------

_SHARED_KEYS = ("timeout", "api-key-prefix", "warnings")
_TOP_KEYS = ("specs", "output", "providers", *_SHARED_KEYS)
_PROVIDER_KEYS = ("package", "client", "idempotent", "regions", *_SHARED_KEYS)
_KEY = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_KEY_LINE = re.compile(rf"\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*=")
_HEADER_LINE = re.compile(rf"\s*\[\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*\]\s*(#.*)?$")


def _key_path(dotted: str) -> tuple[str, ...]:
    """The keys of a TOML dotted key as written (`a."b.c"` -> ("a", "b.c"))."""
    data: Any = tomllib.loads(f"{dotted} = 0")
    path: list[str] = []
    while isinstance(data, dict):
        [(key, data)] = data.items()
        path.append(key)
    return tuple(path)


def _line_numbers(text: str) -> dict[tuple[str, ...], int]:
    """The first line of every table header and key under [tool.clientgen], by key path inside it."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER_LINE.match(line)
        if header:
            table = _key_path(header.group(1))
            full = table
        else:
            key = _KEY_LINE.match(line)
            if not key:
                continue
            full = table + _key_path(key.group(1))
        if full[:2] == ("tool", "clientgen"):
            for end in range(2, len(full) + 1):
                lines.setdefault(full[2:end], number)
    return lines


def _checked(
    config: Config, path: tuple[str, ...], value: Any, accept: Callable[[Any], bool], what: str
) -> Any:
    if not accept(value):
        raise config.error(path, f"{path[-1]} must be {what}, not {value!r}")
    return value


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _options(config: Config, table: dict[str, Any], path: tuple[str, ...], allowed: tuple[str, ...]) -> SpecOptions:
    for key in table:
        if key not in allowed:
            raise config.error((*path, key), f"unknown key {key!r} (known: {', '.join(sorted(allowed))})")
    values: dict[str, Any] = {}
    if "package" in table:
        package = _checked(config, (*path, "package"), table["package"],
                           lambda v: isinstance(v, str) and v.isidentifier() and not keyword.iskeyword(v)
                           and v.isascii(), "a Python package name (letters, digits, _)")
        values["package"] = package
    if "client" in table:
        values["client"] = _checked(config, (*path, "client"), table["client"],
                                    lambda v: _text(v) and naming.pascal_case(v).isidentifier(),
                                    "a client name such as \"Billing\"")
    if "timeout" in table:
        values["timeout"] = float(_checked(
            config, (*path, "timeout"), table["timeout"],
            lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v < float("inf"),
            "a positive number of seconds"))
    if "api-key-prefix" in table:
        values["api_key_prefix"] = _checked(config, (*path, "api-key-prefix"), table["api-key-prefix"],
                                            lambda v: isinstance(v, str), "a string")
    if "warnings" in table:
        values["warnings"] = _checked(config, (*path, "warnings"), table["warnings"], _text,
                                      "the name of a response property")
    if "idempotent" in table:
        values["idempotent"] = tuple(_checked(
            config, (*path, "idempotent"), table["idempotent"],
            lambda v: isinstance(v, list) and all(_text(item) for item in v), "a list of operationIds"))
    if "regions" in table:
        values["regions"] = tuple(sorted(_checked(
            config, (*path, "regions"), table["regions"],
            lambda v: isinstance(v, dict) and all(_text(name) for name in v.values()),
            "a table of server URL = region name").items()))
    return SpecOptions(**values)


def read_config(root: Path) -> Config:
    """The project's configuration; ConfigError names the line of the first problem."""
    pyproject = root / PYPROJECT
    source = str(pyproject)
    default = Config(root / DEFAULT_SPECS, root / DEFAULT_OUTPUT, source=source)
    try:
        text = pyproject.read_text(encoding="utf-8")
    except FileNotFoundError:
        return default
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{source}:1: cannot be read: {exc}") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(f"{source}:{found.group(1) if found else 1}: invalid TOML: {message}") from None
    table = document.get("tool", {}).get("clientgen")
    if table is None:
        return default
    config = Config(default.specs_dir, default.output_dir, source=source, lines=_line_numbers(text))
    if not isinstance(table, dict):
        raise config.error((), "must be a table")
    defaults = _options(config, {k: v for k, v in table.items() if k not in ("specs", "output", "providers")},
                        (), _SHARED_KEYS + ("specs", "output", "providers"))
    folders = {}
    for key, fallback in (("specs", DEFAULT_SPECS), ("output", DEFAULT_OUTPUT)):
        folders[key] = root / _checked(config, (key,), table.get(key, fallback), _text, "a folder path")
    providers_table = _checked(config, ("providers",), table.get("providers", {}),
                               lambda v: isinstance(v, dict), "a table of [tool.clientgen.providers.NAME] tables")
    providers: dict[str, SpecOptions] = {}
    for name, options in providers_table.items():
        path = ("providers", name)
        if not isinstance(options, dict):
            raise config.error(path, f"{name} must be a table")
        providers[naming.snake_case(name)] = _options(config, options, path, _PROVIDER_KEYS)
    lines = dict(config.lines)
    for name in providers_table:  # messages find a provider's lines under its provider key too
        for path, line in config.lines.items():
            if path[:2] == ("providers", name):
                lines.setdefault(("providers", naming.snake_case(name), *path[2:]), line)
    return Config(folders["specs"], folders["output"], defaults, providers, source, lines)
