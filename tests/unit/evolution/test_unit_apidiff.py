"""The diff rules on small hand-made surfaces: direction, renames, retypes, auth and servers."""

from __future__ import annotations

import copy
from pathlib import Path

from generator.evolution.apidiff import diff_surfaces, verdict
from generator.evolution.changelog import bump
from generator.evolution.surface import empty_surface, type_of
from generator.ir.versions import initial_version
from generator.output.manifest import read_manifest

ROOT = Path(__file__).resolve().parents[3]


def field(type_text: str, required: bool = True, wire: str | None = None, enum=()) -> dict:
    return {"type": type_text, "required": required, "wire": wire, "enum": list(enum)}


def surface(fields: dict, used_in=("request",), params=None) -> dict:
    base = empty_surface()
    base.update(package="p_client", client="PClient", docs="d")
    base["operations"] = {"things.create": {
        "http": "POST /things", "params": params or {}, "response": None, "errors": {},
        "body": {"model": "Thing", "required": True, "media_type": "application/json"},
        "deprecated": False, "timeout": None, "retry_safe": False,
    }}
    base["models"] = {"Thing": {"fields": fields, "root": None, "enum": [], "used_in": list(used_in)}}
    return base


def one(old: dict, new: dict):
    [change] = diff_surfaces(old, new)
    return change


def test_types_read_like_the_client_and_enums_come_apart():
    assert type_of('Annotated[Literal["A", "B"], OpenEnum] | None') == ("Literal | None", ["'A'", "'B'"])
    assert type_of("list[Annotated[str, Field(max_length=3)]]") == ("list[str]", [])


def test_widening_is_additive_for_callers_and_breaking_for_readers():
    for used_in, kind in ((["request"], "additive"), (["response"], "breaking")):
        old = surface({"n": field("int", wire="n")}, used_in)
        new = surface({"n": field("int | str", wire="n")}, used_in)
        assert one(old, new).kind == kind


def test_a_python_rename_breaks_and_a_wire_rename_is_cosmetic():
    old = surface({"name": field("str", wire="name")})
    renamed = one(old, surface({"title": field("str", wire="name")}))
    assert (renamed.kind, renamed.subject) == ("breaking", "Thing.name")
    assert "renamed to `title`" in renamed.change
    rewired = one(old, surface({"name": field("str", wire="Name")}))
    assert rewired.kind == "cosmetic"


def test_parameters_auth_and_servers():
    param = {"wire": "q", "in": "query", "type": "str | None", "enum": [], "required": False}
    old = surface({}, params={"q": param})
    required = one(old, surface({}, params={"q": {**param, "type": "str", "required": True}}))
    assert (required.kind, required.change) == ("breaking", "became required")

    new = copy.deepcopy(old)
    new["servers"] = {"eu": "https://eu.example.com"}
    old["servers"] = {"eu": "https://eu.example.com", "us": "https://us.example.com"}
    assert one(old, new).kind == "breaking"
    new["servers"], new["auth"] = dict(old["servers"]), [{"kind": "bearer", "header": "Authorization", "prefix": "Bearer "}]
    assert one(old, new).change == "now requires bearer credentials"


def test_server_variable_keywords():
    old = surface({})
    old["server_keywords"] = {"tenant": [], "version": ["'v1'", "'v2'"]}
    cases = [
        ({"tenant": [], "version": ["'v1'", "'v2'"], "scheme": ["'https'"]}, "additive", "client.scheme"),
        ({"version": ["'v1'", "'v2'"]}, "breaking", "client.tenant"),
        ({"tenant": [], "version": ["'v1'"]}, "breaking", "client.version"),
        ({"tenant": [], "version": ["'v1'", "'v2'", "'v3'"]}, "additive", "client.version"),
        ({"tenant": ["'acme'"], "version": ["'v1'", "'v2'"]}, "breaking", "client.tenant"),
        ({"tenant": [], "version": []}, "additive", "client.version"),
    ]
    for keywords, kind, subject in cases:
        change = one(old, {**copy.deepcopy(old), "server_keywords": keywords})
        assert (change.kind, change.subject) == (kind, subject), keywords
    # A manifest written before server keywords existed reads as having none.
    older = {k: v for k, v in surface({}).items() if k != "server_keywords"}
    assert diff_surfaces(older, surface({})) == []


def test_documentation_only_is_cosmetic_and_nothing_is_nothing():
    old = surface({"n": field("int", wire="n")})
    assert diff_surfaces(old, copy.deepcopy(old)) == []
    assert verdict(diff_surfaces(old, {**copy.deepcopy(old), "docs": "other"})) == "cosmetic"


def test_a_runtime_change_alone_is_a_patch_and_older_manifests_claim_none():
    old = {**surface({"n": field("int", wire="n")}), "runtime": "one"}
    changes = diff_surfaces(old, {**copy.deepcopy(old), "runtime": "two"})
    assert verdict(changes) == "cosmetic" and changes[0].change == "the package's own runtime changed"
    assert diff_surfaces({k: v for k, v in old.items() if k != "runtime"}, old) == []


def test_versions():
    assert initial_version("2026-05") == "1.0.0" and initial_version("v2.3.1") == "2.3.1"
    assert [bump("1.4.2", k) for k in ("breaking", "additive", "cosmetic")] == ["2.0.0", "1.5.0", "1.4.3"]


def test_the_real_manifests_match_a_full_render():
    from generator import Project

    assert Project(ROOT).check(use_manifest=False) == ""
    for package in sorted(p for p in (ROOT / "generated").iterdir() if not p.name.startswith(".")):
        manifest = read_manifest(package)
        assert manifest is not None and manifest.files_intact(package), package.name


def test_a_renamed_body_keyword_breaks_and_surfaces_without_keywords_compare_as_before():
    keyword = {"wire": "type", "in": "body", "type": "str", "enum": [], "required": True}
    old, new = surface({}), surface({})
    old["operations"]["things.create"]["keywords"] = {"type_": keyword}
    new["operations"]["things.create"]["keywords"] = {"type": keyword}
    renamed = one(old, new)
    assert (renamed.kind, renamed.subject) == ("breaking", "things.create.type_")
    assert "renamed to `type`" in renamed.change
    del old["operations"]["things.create"]["keywords"]
    assert diff_surfaces(old, new) == []


def _body_form(surface_: dict, whole: bool | None) -> dict:
    body = surface_["operations"]["things.create"]["body"]
    if whole is not None:  # None: a surface from before bodies recorded their form
        body.update(whole=whole)
    return surface_


def test_how_a_body_is_passed_is_part_of_the_surface():
    fields = {"name": field("str", wire="name")}
    # Older surfaces do not say: their generator offered `body=` for every body.
    dropped = one(_body_form(surface(fields), None), _body_form(surface(fields), False))
    assert (dropped.kind, dropped.subject) == ("breaking", "things.create")
    assert "`body=` removed" in dropped.change
    back = one(_body_form(surface(fields), False), _body_form(surface(fields), True))
    assert back.kind == "breaking" and "pass the whole body as body=" in back.reason
    assert diff_surfaces(_body_form(surface(fields), False), _body_form(surface(fields), False)) == []
