"""Unit tests of generator.ir.servers: region names and the keywords of server URL variables."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from generator.ir.servers import build_relative_servers, build_servers
from generator.reading.loader import parse_spec_text


def spec_with(servers: list[dict]):
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
                "servers": servers}
    return parse_spec_text(json.dumps(document), Path("spec.json"), "spec.json")


def servers_of(servers: list[dict], taken: tuple[str, ...] = ()):
    return build_servers(spec_with(servers), taken)


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


# --- relative servers ------------------------------------------------------------------------------


def test_relative_servers_are_no_regions_and_their_variables_no_keywords():
    servers, keywords = servers_of([
        {"url": "/api/{version}", "variables": {"version": {"default": "v3", "enum": ["v3", "v2"]}}},
        {"url": "https://eu.example.com", "description": "EU"},
        {"url": "/legacy"},
    ])
    assert [(s.name, ast.literal_eval(s.url_literal)) for s in servers] == [("eu", "https://eu.example.com")]
    assert keywords == ()


def test_only_relative_servers_leave_no_region():
    assert servers_of([{"url": "/api/v3"}]) == ((), ())


def test_relative_servers_are_named_in_base_url_docs_at_their_defaults():
    relative = build_relative_servers(spec_with([
        {"url": "/api/{version}/", "variables": {"version": {"default": "v3"}}}, {"url": "/legacy"},
    ]))
    assert relative is not None
    assert [ast.literal_eval(u) for u in relative.url_literals] == ["/api/v3", "/legacy"]
    assert ast.literal_eval(relative.example_literal) == "https://your-host/api/v3"
    doc = " ".join(relative.base_url_doc.split())  # the docstring is wrapped
    assert "such as 'https://your-host/api/v3'" in doc and "relative: /api/v3, /legacy" in doc
    message = ast.literal_eval(relative.missing_message_literal)
    assert message == (
        "the spec's servers are relative (/api/v3, /legacy): pass base_url=, "
        "such as 'https://your-host/api/v3'"
    )


def test_relative_servers_beside_absolute_ones_are_mentioned_as_such():
    relative = build_relative_servers(spec_with([{"url": "https://x.example.com"}, {"url": "/v1"}]))
    assert relative is not None
    doc = " ".join(relative.base_url_doc.split())
    assert doc.startswith("a base URL that overrides the region's") and "relative servers (/v1)" in doc


def test_no_relative_server_no_relative_docs():
    assert build_relative_servers(spec_with([{"url": "https://x.example.com"}])) is None
    assert build_relative_servers(spec_with([])) is None


@pytest.mark.parametrize(
    ("url", "example"),
    [("/api/v3", "https://your-host/api/v3"), ("v1", "https://your-host/v1"),
     ("./v1", "https://your-host/v1"), ("", "https://your-host"), ("/", "https://your-host"),
     ("//api.example.com/v1", "https://api.example.com/v1")],
)
def test_the_example_base_url_puts_the_relative_url_on_a_made_up_host(url, example):
    relative = build_relative_servers(spec_with([{"url": url}]))
    assert relative is not None and ast.literal_eval(relative.example_literal) == example


def test_relative_server_text_stays_inert():
    url = "/v1/'\"\"\")]; os.system('x') #"
    relative = build_relative_servers(spec_with([{"url": url}]))
    assert relative is not None
    assert ast.literal_eval(relative.url_literals[0]) == url
    assert url in ast.literal_eval(relative.missing_message_literal)
    ast.parse(f'"""{relative.base_url_doc}"""')  # the docstring cannot end early
