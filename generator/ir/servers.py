"""The spec's servers -> the client's regions, and keywords that fill in server URL variables.

A server URL may hold variables (`https://{tenant}.example.com/{version}`), each with a default and
often an `enum`: how vendors write regions, tenants and versions. Each variable becomes a keyword of
the client constructor, next to `region=`: typed `Literal[...]` where every server that has it
lists its values, defaulting to the spec's default. The URL is built by a generated expression of
string literals and those keywords, never by formatting spec text.

A server URL may also be relative to where the spec is served (`/api/v3`). Only the caller knows
that host, so such a server is no region: a client whose servers are all relative needs
`base_url=`, and the docs show the path to append to the host.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..foundation import escape, naming
from ..reading.loader import LoadedSpec
from ..reading.spec import is_relative_url
from .nodes import RelativeServers, Server, ServerKeyword

_TEMPLATE_VARIABLE = re.compile(r"{([^{}]*)}")
_EXAMPLE_HOST = "https://your-host"
# The client constructor's own keywords, which a server variable must not take.
CONSTRUCTOR_NAMES = frozenset({
    "self", "api_key", "password", "region", "base_url", "timeout", "max_retries",
    "default_headers", "http_client",
})


@dataclass
class _Keyword:
    """What the servers that share a keyword say about its variable, merged."""

    python_name: str
    wire: str
    descriptions: list[str] = field(default_factory=list)
    defaults: list[str] = field(default_factory=list)
    choices: list[list[str]] = field(default_factory=list)  # [] where a server lists none

    def node(self) -> ServerKeyword:
        literals = list(dict.fromkeys(v for values in self.choices for v in values))
        closed = all(self.choices)
        annotation = (
            "Literal[" + ", ".join(escape.string_literal(v) for v in literals) + "]"
            if closed else "str"
        )
        shared = len(set(self.defaults)) == 1
        text = self.descriptions[0] if self.descriptions else ""
        text = text or f"Fills in `{{{self.wire}}}` in the server URL."
        if not shared:
            annotation += " | None"
            text += " By default, the chosen server's own default."
        return ServerKeyword(
            python_name=self.python_name,
            annotation=annotation,
            default_literal=escape.string_literal(self.defaults[0]) if shared else "None",
            doc=escape.docstring(text),
        )


def _server_names(servers: list[dict[str, Any]]) -> list[str]:
    """Each server's region name: its `x-clientgen-region` or description, `default` for the one
    unnamed server; a name two servers would share gets `_2`, `_3`... on its later servers."""
    names: list[str] = []
    for index, server in enumerate(servers):
        label = server.get("x-clientgen-region") or server.get("description")
        if not label:
            label = "default" if len(servers) == 1 else f"server {index + 1}"
        name = naming.snake_case(str(label))
        number = 2
        while name in names:
            name, number = f"{naming.snake_case(str(label))}_{number}", number + 1
        names.append(name)
    return names


def _variables(server: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The variables the server's URL uses (a declared variable it does not use is no keyword)."""
    variables = server.get("variables")
    used = set(_TEMPLATE_VARIABLE.findall(str(server.get("url", ""))))
    if not isinstance(variables, dict):
        return {}
    return {str(k): v for k, v in variables.items() if k in used and isinstance(v, dict)}


def _choices(variable: dict[str, Any]) -> list[str]:
    enum = variable.get("enum")
    return [str(v) for v in enum] if isinstance(enum, list) else []


def _keyword_name(wire: str, reserved: frozenset[str]) -> str:
    """`region` -> `server_region` where the client has its own `region=` (or other keyword)."""
    name = naming.snake_case(wire)
    return naming.safe_identifier(f"server_{name}" if name in reserved else name, reserved)


def _keyword_names(wires: Iterable[str], reserved: frozenset[str]) -> dict[str, str]:
    """The keyword for each variable; variables of any server that spell one name share it."""
    return {wire: _keyword_name(wire, reserved) for wire in dict.fromkeys(wires)}


def _url_expression(
    url: str, variables: dict[str, dict[str, Any]], keywords: dict[str, _Keyword]
) -> str:
    """Python source building `url` from the keywords: literals and checked keyword values."""
    pieces = []
    for index, piece in enumerate(_TEMPLATE_VARIABLE.split(url)):
        if index % 2 == 0:
            if piece:
                pieces.append(escape.string_literal(piece))
            continue
        variable, keyword = variables[piece], keywords[piece]
        default = escape.string_literal(str(variable.get("default", "")))
        value = keyword.python_name
        if keyword.node().default_literal == "None":
            value = f"{default} if {value} is None else {value}"
        choices = [escape.string_literal(v) for v in _choices(variable)]
        allowed = f"({choices[0]},)" if len(choices) == 1 else f"({', '.join(choices)})"
        pieces.append(
            f"_server_variable({escape.string_literal(keyword.python_name)}, {value}, {allowed}, {default})"
        )
    return " + ".join(pieces) or "''"


def _with_defaults(server: dict[str, Any]) -> str:
    """The server's URL with each variable it uses at its default, without a trailing `/`."""
    url = str(server.get("url", "")).rstrip("/")
    defaults = {wire: str(variable.get("default", "")) for wire, variable in _variables(server).items()}
    return _TEMPLATE_VARIABLE.sub(lambda m: defaults.get(m.group(1), ""), url)


def _example_base_url(relative: str) -> str:
    """A base URL for a relative server URL, on a made-up host: `/api/v3` ->
    `https://your-host/api/v3`; a scheme-relative `//api.example.com/v1` takes `https:`."""
    if relative.startswith("//"):
        return "https:" + relative
    path = relative[1:] if relative.startswith("./") else relative
    return _EXAMPLE_HOST + ("" if not path or path.startswith("/") else "/") + path


def build_relative_servers(spec: LoadedSpec) -> RelativeServers | None:
    """The spec's relative servers, for the docs of `base_url`; None where it has none."""
    raw = [s for s in spec.data.get("servers") or [] if isinstance(s, dict)]
    urls = list(dict.fromkeys(
        _with_defaults(s) for s in raw if is_relative_url(_with_defaults(s))
    ))
    if not urls:
        return None
    absolute = len(urls) < len(raw)
    shown = ", ".join(url or "/" for url in urls)
    example = _example_base_url(urls[0])
    if absolute:
        doc = (f"a base URL that overrides the region's (http or https, no `user:password@`); "
               f"for the spec's relative servers ({shown}), the API's address, such as '{example}'.")
    else:
        doc = (f"the API's address, such as '{example}' (the spec's servers are relative: "
               f"{shown}); http or https, no `user:password@`.")
    return RelativeServers(
        url_literals=tuple(escape.string_literal(url) for url in urls),
        example_literal=escape.string_literal(example),
        base_url_doc=escape.docstring(doc),
        missing_message_literal=escape.string_literal(
            f"the spec's servers are relative ({shown}): pass base_url=, such as '{example}'"
        ),
    )


def build_servers(
    spec: LoadedSpec, taken: Iterable[str] = ()
) -> tuple[tuple[Server, ...], tuple[ServerKeyword, ...]]:
    """The absolute servers, and the keywords for their URL variables (none of them named like
    `taken`, the client's other keywords). Relative servers are build_relative_servers'."""
    raw = [
        s for s in spec.data.get("servers") or []
        if isinstance(s, dict) and not is_relative_url(_with_defaults(s))
    ]
    reserved = CONSTRUCTOR_NAMES | frozenset(taken)
    wires = [wire for server in raw for wire in _variables(server)]
    names = _keyword_names(wires, reserved)
    by_name: dict[str, _Keyword] = {}
    for server in raw:
        for wire, variable in _variables(server).items():
            keyword = by_name.setdefault(names[wire], _Keyword(names[wire], wire))
            if isinstance(variable.get("description"), str):
                keyword.descriptions.append(variable["description"])
            keyword.defaults.append(str(variable.get("default", "")))
            keyword.choices.append(_choices(variable))
    servers = []
    for server, name in zip(raw, _server_names(raw)):
        url = str(server.get("url", "")).rstrip("/")
        variables = _variables(server)
        keywords = {wire: by_name[names[wire]] for wire in variables}
        servers.append(Server(
            name=name,
            url_literal=escape.string_literal(_with_defaults(server)),
            description_doc=escape.docstring(server.get("description")),
            url_expression=_url_expression(url, variables, keywords) if "{" in url else "",
        ))
    return tuple(servers), tuple(k.node() for k in by_name.values())
