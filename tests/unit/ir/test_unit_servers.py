"""Unit tests of generator.ir.servers: region names and the keywords of server URL variables."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from generator.ir.servers import build_servers
from generator.reading.loader import parse_spec_text


def servers_of(servers: list[dict], taken: tuple[str, ...] = ()):
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
                "servers": servers}
    spec = parse_spec_text(json.dumps(document), Path("spec.json"), "spec.json")
    return build_servers(spec, taken)


def test_the_one_unnamed_server_is_the_default_region():
    [server], _ = servers_of([{"url": "https://api.example.com"}])
    assert server.name == "default"


def test_unnamed_servers_among_several_are_numbered_and_shared_names_made_distinct():
    servers, _ = servers_of([
        {"url": "https://a.example.com"}, {"url": "https://b.example.com"},
        {"url": "https://c.example.com", "description": "Prod"},
        {"url": "https://d.example.com", "description": "prod"},
    ])
    assert [s.name for s in servers] == ["server_1", "server_2", "prod", "prod_2"]


def test_variables_become_keywords_typed_by_their_values_with_the_spec_default():
    servers, keywords = servers_of([{
        "url": "https://{region}.example.com/{basePath}",
        "variables": {
            "region": {"default": "eu", "enum": ["eu", "us"], "description": "Where."},
            "basePath": {"default": "v2"},
            "unused": {"default": "x"},
        },
    }])
    assert [(k.python_name, k.annotation, k.default_literal) for k in keywords] == [
        ("server_region", "Literal['eu', 'us']", "'eu'"), ("base_path", "str", "'v2'"),
    ]
    assert ast.literal_eval(servers[0].url_literal) == "https://eu.example.com/v2"


def test_a_variable_never_takes_a_constructor_keyword_or_a_client_header_name():
    _, keywords = servers_of([{
        "url": "https://{timeout}.example.com/{tenant}",
        "variables": {"timeout": {"default": "a"}, "tenant": {"default": "b"}},
    }], taken=("tenant",))
    assert [k.python_name for k in keywords] == ["server_timeout", "server_tenant"]


def test_the_url_is_built_from_literals_and_checked_keywords_never_from_spec_text_as_code():
    servers, _ = servers_of([{
        "url": "https://{a}.example.com/'+__import__('os')+'",
        "variables": {"a": {"default": "x'); import os; ('"}},
    }])
    expression = ast.parse(servers[0].url_expression, mode="eval").body
    calls = [n for n in ast.walk(expression) if isinstance(n, ast.Call)]
    assert [c.func.id for c in calls] == ["_server_variable"]
    names = {n.id for n in ast.walk(expression) if isinstance(n, ast.Name)}
    assert names == {"_server_variable", "a"}
