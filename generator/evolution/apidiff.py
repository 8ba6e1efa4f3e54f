"""Two API surfaces -> the changes a client user sees, each classed breaking, additive or cosmetic.

Whether a change breaks depends on which way the data flows. In a request the caller writes the
value: a new required field, a narrower type or a removed enum value break existing calls, while a
field that became optional is harmless. In a response the caller reads it: a field that may now be
missing or hold a wider type breaks code that reads it, while a removed enum value only means fewer
cases to handle. A model used both ways gets one entry per direction.
"""

from __future__ import annotations

import ast
import json
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from ..models.datamodel import union_members
from .changelog import BUMPS
from .surface import Surface

BREAKING, ADDITIVE, COSMETIC = "breaking", "additive", "cosmetic"
_ORDER = {BREAKING: 0, ADDITIVE: 1, COSMETIC: 2}


@dataclass(frozen=True)
class Change:
    kind: str  # breaking, additive or cosmetic
    subject: str  # what calling code names: `ats.get_report`, `Model.field (response)`, ...
    change: str  # what happened, in client terms
    reason: str  # why that is (or is not) a problem for code using the client

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def verdict(changes: list[Change]) -> str | None:
    """The most severe kind among `changes`; None when there are none."""
    return min((c.kind for c in changes), key=_ORDER.__getitem__, default=None)


def bump_for(changes: list[Change]) -> str | None:
    kind = verdict(changes)
    return BUMPS[kind] if kind else None


@cache  # a surface repeats few types many times (`str | None`)
def _members(type_text: str) -> frozenset[str]:
    return frozenset(ast.unparse(m) for m in union_members(ast.parse(type_text, mode="eval").body))


def _values(values: list[str]) -> str:
    return ", ".join(values)


class _Differ:
    def __init__(self) -> None:
        self.changes: list[Change] = []

    def add(self, kind: str, subject: str, change: str, reason: str) -> None:
        self.changes.append(Change(kind, subject, change, reason))

    # -- one typed value: a parameter, a field or a root model, read or written --------------

    def value(self, subject: str, old: dict[str, Any], new: dict[str, Any], reading: bool) -> None:
        """Type, enum and required-ness of one value; `reading` when it arrives in a response."""
        old_members, new_members = _members(old["type"]), _members(new["type"])
        required_changed = old.get("required") != new.get("required")
        # A field that became optional also gains `| None`: that is the optionality, not a retype.
        if required_changed and old_members ^ new_members <= {"None"}:
            old_members = new_members
        if old_members != new_members:
            self.retyped(subject, old["type"], new["type"], old_members, new_members, reading)
        if required_changed:
            self.required(subject, bool(new.get("required")), reading)
        if old["enum"] != new["enum"] and "Literal" in old["type"] and "Literal" in new["type"]:
            self.enum(subject, old["enum"], new["enum"], reading)

    def retyped(self, subject: str, old: str, new: str, old_members: frozenset[str],
                new_members: frozenset[str], reading: bool) -> None:
        change = f"type changed from `{old}` to `{new}`"
        if old_members < new_members:
            if reading:
                self.add(BREAKING, subject, change, "code that reads it may now get a value of a type it does not expect")
            else:
                self.add(ADDITIVE, subject, change, "it accepts more than before; existing calls still work")
        elif new_members < old_members:
            if reading:
                self.add(ADDITIVE, subject, change, "it can hold fewer types than before; code that reads it still works")
            else:
                self.add(BREAKING, subject, change, "calls that pass the dropped types no longer type-check or validate")
        else:
            self.add(BREAKING, subject, change, "code written for the old type no longer fits")

    def required(self, subject: str, now_required: bool, reading: bool) -> None:
        if now_required and reading:
            self.add(ADDITIVE, subject, "became required", "harmless for code that reads it: it is now always present")
        elif now_required:
            self.add(BREAKING, subject, "became required", "calls that leave it out now fail")
        elif reading:
            self.add(BREAKING, subject, "became optional", "code that reads it must now handle it being missing (None)")
        else:
            self.add(ADDITIVE, subject, "became optional", "harmless for callers: they may now leave it out")

    def enum(self, subject: str, old: list[str], new: list[str], reading: bool) -> None:
        added = [v for v in new if v not in old]
        removed = [v for v in old if v not in new]
        if added:
            change = f"enum value(s) added: {_values(added)}"
            if reading:
                self.add(ADDITIVE, subject, change, "responses may now carry these; code that handles every value should handle them too")
            else:
                self.add(ADDITIVE, subject, change, "callers may now send these")
        if removed:
            change = f"enum value(s) removed: {_values(removed)}"
            if reading:
                self.add(ADDITIVE, subject, change, "responses no longer carry these; code that reads it sees fewer cases")
            else:
                self.add(BREAKING, subject, change, "calls that send these no longer type-check or validate")

    # -- named members: parameters of an operation, fields of a model --------------------------

    def members(self, owner: str, old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]],
                reading: bool, label: str = "") -> None:
        """Added, removed, renamed and changed members; a rename keeps its wire name."""
        removed = {name: old[name] for name in old if name not in new}
        added = {name: new[name] for name in new if name not in old}
        for old_name, old_member in sorted(removed.items()):
            twin = next((n for n, m in sorted(added.items()) if m["wire"] == old_member["wire"]), None)
            if twin is not None:
                del added[twin]
                self.add(BREAKING, f"{owner}.{old_name}{label}", f"renamed to `{twin}` (same wire name {old_member['wire']!r})",
                         "code that uses the old Python name fails")
                self.value(f"{owner}.{twin}{label}", old_member, new[twin], reading)
                continue
            reason = ("code that reads it fails" if reading
                      else "calls that pass it fail; the API no longer takes it")
            self.add(BREAKING, f"{owner}.{old_name}{label}", "removed", reason)
        for name, member in sorted(added.items()):
            subject = f"{owner}.{name}{label}"
            if reading:
                self.add(ADDITIVE, subject, "added", "new data to read; existing code is unaffected")
            elif member.get("required"):
                self.add(BREAKING, subject, "added as required", "existing calls do not pass it and now fail")
            else:
                self.add(ADDITIVE, subject, "added as optional", "callers may pass it; existing calls still work")
        for name in sorted(set(old) & set(new)):
            subject = f"{owner}.{name}{label}"
            if old[name]["wire"] != new[name]["wire"]:
                self.add(COSMETIC, subject, f"wire name changed from {old[name]['wire']!r} to {new[name]['wire']!r}",
                         "same Python name; the client sends and reads the new name for you")
            self.value(subject, old[name], new[name], reading)

    # -- operations ----------------------------------------------------------------------------

    def operations(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        removed = {n: old[n] for n in old if n not in new}
        added = {n: new[n] for n in new if n not in old}
        pairs = [(n, n) for n in sorted(set(old) & set(new))]
        for name, op in sorted(removed.items()):
            twin = next((n for n, o in sorted(added.items()) if o["http"] == op["http"]), None)
            if twin is not None:
                del added[twin]
                self.add(BREAKING, name, f"renamed to `{twin}` ({op['http']})", "code that calls the old method name fails")
                pairs.append((name, twin))
            else:
                self.add(BREAKING, name, f"removed ({op['http']})", "code that calls it fails with AttributeError")
        for name, op in sorted(added.items()):
            self.add(ADDITIVE, name, f"added ({op['http']})", "a new method; existing code is unaffected")
        for old_name, new_name in pairs:
            self.operation(new_name, old[old_name], new[new_name])

    def operation(self, name: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        if old["http"] != new["http"]:
            self.add(COSMETIC, name, f"now calls {new['http']} (was {old['http']})", "same method and arguments")
        self.members(name, old["params"], new["params"], reading=False)
        if "keywords" in old:  # surfaces kept before body keywords were recorded have none
            self.members(name, old["keywords"], new["keywords"], reading=False)
        self.body(name, old["body"], new["body"])
        if old["response"] != new["response"]:
            if old["response"] is None:
                self.add(ADDITIVE, name, f"now returns `{new['response']}`", "it returned nothing before; existing code is unaffected")
            elif new["response"] is None:
                self.add(BREAKING, name, f"no longer returns `{old['response']}`", "code that reads the result gets None")
            else:
                self.add(BREAKING, name, f"returns `{new['response']}` instead of `{old['response']}`", "code that reads the result may not fit the new model")
        if old["deprecated"] != new["deprecated"]:
            if new["deprecated"]:
                self.add(COSMETIC, name, "deprecated", "it still works; plan to stop using it")
            else:
                self.add(COSMETIC, name, "no longer deprecated", "nothing to do")
        for key, what in (("timeout", "default timeout"), ("retry_safe", "automatic retry")):
            if old[key] != new[key]:
                self.add(COSMETIC, name, f"{what} changed from {old[key]} to {new[key]}", "calls behave differently on slow or failed requests; no code change needed")

    def body(self, name: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
        if old == new:
            return
        if old is None:
            kind = BREAKING if new["required"] else ADDITIVE
            reason = "existing calls send no body and now fail" if new["required"] else "callers may now send one"
            self.add(kind, name, "takes a request body", reason)
        elif new is None:
            self.add(BREAKING, name, "no longer takes a request body", "calls that pass one fail")
        else:
            if old["model"] != new["model"]:
                self.add(BREAKING, name, f"request body is now `{new['model']}` (was `{old['model']}`)", "code that builds the old model no longer fits")
            if old["required"] != new["required"]:
                self.required(f"{name} request body", new["required"], reading=False)
            if old["media_type"] != new["media_type"]:
                self.add(COSMETIC, name, f"sends {new['media_type']} (was {old['media_type']})", "the client encodes the body for you")
            self.body_form(name, old, new)

    def body_form(self, name: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        """How calls pass the body: whole as `body=`, or its fields as keyword arguments."""
        # Surfaces without "whole" come from generators that offered `body=` for every body.
        old_whole, new_whole = old.get("whole", True), new.get("whole", True)
        if old_whole and not new_whole:
            self.add(BREAKING, name, "`body=` removed: the body's fields are keyword arguments",
                     "calls that pass body= fail; pass each field as a keyword (`**data` for a dict)")
        elif new_whole and not old_whole:
            self.add(BREAKING, name, "the body's fields are no longer keyword arguments",
                     "calls that pass them fail; pass the whole body as body=")

    # -- models --------------------------------------------------------------------------------

    def models(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        for name in sorted(set(old) - set(new)):
            self.add(BREAKING, name, "model removed", "code that imports or builds it fails")
        for name in sorted(set(new) - set(old)):
            self.add(ADDITIVE, name, "model added", "a new class to use; existing code is unaffected")
        for name in sorted(set(old) & set(new)):
            directions = sorted(set(old[name]["used_in"]) | set(new[name]["used_in"]))
            if not directions:
                unused = _Differ()
                unused.model(name, old[name], new[name], reading=False, label="")
                # No operation sends or returns it: a change cannot break a call.
                self.changes += [Change(COSMETIC, c.subject, c.change, "no operation uses this model")
                                 for c in unused.changes]
                continue
            for direction in directions:
                label = f" ({direction})" if len(directions) > 1 else ""
                self.model(name, old[name], new[name], reading=direction == "response", label=label)

    def model(self, name: str, old: dict[str, Any], new: dict[str, Any], reading: bool, label: str) -> None:
        self.members(name, old["fields"], new["fields"], reading, label)
        if old["root"] and new["root"]:
            self.value(f"{name}{label}", {"type": old["root"], "enum": old["enum"], "required": True},
                       {"type": new["root"], "enum": new["enum"], "required": True}, reading)

    # -- the client as a whole -----------------------------------------------------------------

    def client(self, old: Surface, new: Surface) -> None:
        for key, what in (("package", "package name"), ("client", "client class")):
            if old[key] and old[key] != new[key]:
                self.add(BREAKING, new[key], f"{what} changed from `{old[key]}`", "imports of the old name fail")
        old_auth, new_auth = old["auth"][:1], new["auth"][:1]
        if old_auth != new_auth:
            if not old_auth:
                self.add(BREAKING, "auth", f"now requires {new_auth[0]['kind']} credentials", "construct the client with api_key= (or the environment variable)")
            elif not new_auth:
                self.add(BREAKING, "auth", "no longer takes credentials", "code that passes api_key= fails")
            elif old_auth[0]["kind"] != new_auth[0]["kind"]:
                self.add(BREAKING, "auth", f"{old_auth[0]['kind']} credentials replaced by {new_auth[0]['kind']}", "a key issued for the old scheme will not work")
            else:
                self.add(COSMETIC, "auth", f"credentials now sent in {new_auth[0]['header']!r} with prefix {new_auth[0]['prefix']!r}", "the client sends the key for you; same api_key=")
        for server in sorted(set(old["servers"]) - set(new["servers"])):
            self.add(BREAKING, f"servers.{server}", "server removed", "code that selects it by name fails")
        for server in sorted(set(new["servers"]) - set(old["servers"])):
            self.add(ADDITIVE, f"servers.{server}", f"server added ({new['servers'][server]})", "a new server to select")
        for server in sorted(set(old["servers"]) & set(new["servers"])):
            if old["servers"][server] != new["servers"][server]:
                self.add(COSMETIC, f"servers.{server}", f"URL changed to {new['servers'][server]}", "same server name; calls go to the new URL")
        self.server_keywords(old.get("server_keywords", {}), new.get("server_keywords", {}))
        for header in sorted(set(old["client_headers"]) - set(new["client_headers"])):
            self.add(BREAKING, f"client.{header}", "client argument removed", "code that passes it to the client fails")
        for header in sorted(set(new["client_headers"]) - set(old["client_headers"])):
            self.add(BREAKING, f"client.{header}", "client argument added", "every call now needs it: pass it to the client or set its environment variable")

    def server_keywords(self, old: dict[str, list[str]], new: dict[str, list[str]]) -> None:
        """Client keywords that fill in server URL variables, each with the values it takes
        (none listed: any)."""
        for name in sorted(set(old) - set(new)):
            self.add(BREAKING, f"client.{name}", "server variable removed", "code that passes it to the client fails")
        for name in sorted(set(new) - set(old)):
            self.add(ADDITIVE, f"client.{name}", "server variable added", "it has a default")
        for name in sorted(set(old) & set(new)):
            dropped = set(old[name]) - set(new[name]) if new[name] else set()
            if dropped or (old[name] == [] and new[name]):
                self.add(BREAKING, f"client.{name}", "accepts fewer values", "code that passes a dropped value fails")
            elif old[name] != new[name]:
                self.add(ADDITIVE, f"client.{name}", "accepts more values", "new values to choose")


def diff_surfaces(old: Surface, new: Surface) -> list[Change]:
    """What changes for code using the client generated from `old` when it moves to `new`."""
    differ = _Differ()
    differ.client(old, new)
    differ.operations(old["operations"], new["operations"])
    differ.models(old["models"], new["models"])
    if not differ.changes and old["docs"] and old["docs"] != new["docs"]:
        differ.add(COSMETIC, new["package"], "documentation or generated code changed",
                   "descriptions, examples, constraints or how the code is generated; calling code is unaffected")
    elif not differ.changes and old.get("runtime") and old["runtime"] != new.get("runtime"):
        # Surfaces kept before the runtime was part of them have no "runtime": no change is claimed.
        differ.add(COSMETIC, new["package"], "the package's own runtime changed",
                   "how requests are checked, sent and answered; calling code is unaffected")
    return sorted(differ.changes, key=lambda c: (_ORDER[c.kind], c.subject, c.change))


def report_text(provider: str, changes: list[Change], against: str) -> str:
    kind = verdict(changes)
    if kind is None:
        return f"{provider}: no changes to the generated client since {against}\n"
    lines = [f"{provider}: {kind} ({BUMPS[kind]} version bump) since {against}"]
    lines += [f"  {c.kind:<9} {c.subject}: {c.change} — {c.reason}" for c in changes]
    return "\n".join(lines) + "\n"


def report_json(reports: list[tuple[str, list[Change]]], against: str) -> str:
    document = {
        "against": against,
        "providers": [
            {"provider": provider, "verdict": verdict(changes), "bump": bump_for(changes),
             "changes": [c.as_dict() for c in changes]}
            for provider, changes in reports
        ],
    }
    return json.dumps(document, indent=2, sort_keys=True) + "\n"
