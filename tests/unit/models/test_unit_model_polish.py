"""Optional fields that may not be null are left out of what a model serializes while None, through
pydantic's own `exclude_if`, and the imports the edit needs land where isort puts them."""

from __future__ import annotations

import ast
import textwrap
from datetime import datetime, timezone
from typing import Any

import pydantic

from generator.models.model_polish import polish_models

BASE = "pkg._base"


def _polish(source: str, omit_none: dict[str, frozenset[str]]) -> str:
    return polish_models(textwrap.dedent(source).lstrip(), BASE, omit_none)


def _load(source: str) -> dict[str, Any]:
    """The polished module run against a stand-in `_base` holding what it imports from there."""

    class BaseModel(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="forbid")

    stand_in = {"BaseModel": BaseModel, "is_none": lambda value: value is None,
                "OpenEnum": pydantic.WrapValidator(lambda v, h: h(v)),
                "TimeZoneRequired": pydantic.WrapValidator(lambda v, h: h(v)),
                "SentAsUtc": pydantic.PlainSerializer(str, when_used="json")}
    body = source.replace("from ._base import", "# from ._base import")
    namespace: dict[str, Any] = {"__name__": "polished", **stand_in}
    exec(compile(body, "polished", "exec"), namespace)  # noqa: S102 - the generator's own output
    for value in list(namespace.values()):
        if isinstance(value, type) and issubclass(value, pydantic.BaseModel):
            value.model_rebuild(_types_namespace=namespace)
    return namespace


SOURCE = """
from __future__ import annotations

from datetime import datetime

from pkg._base import BaseModel


class Report(BaseModel):
    score: float | None = None
    note: str | None = Field(None, alias="the note", description="x")
    tags: list[str] | None = []
    at: datetime | None = None
    kept: str | None = None
"""


def test_each_listed_field_gets_exclude_if_and_the_others_do_not() -> None:
    polished = _polish(SOURCE.replace("from datetime", "from pydantic import Field\nfrom datetime"),
                       {"Report": frozenset({"score", "the note", "tags", "at"})})
    fields = {node.target.id: ast.unparse(node.value) for node in ast.walk(ast.parse(polished))
              if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)}
    assert fields == {
        "score": "Field(default=None, exclude_if=is_none)",
        "note": "Field(None, alias='the note', description='x', exclude_if=is_none)",
        "tags": "Field(default=[], exclude_if=is_none)",
        "at": "Field(default=None, exclude_if=is_none)",
        "kept": "None",
    }


def test_the_listed_fields_are_left_out_while_none_and_sent_when_set() -> None:
    polished = _polish(SOURCE.replace("from datetime", "from pydantic import Field\nfrom datetime"),
                       {"Report": frozenset({"score", "the note", "tags", "at"})})
    report = _load(polished)["Report"]
    empty = report(score=None, **{"the note": None}, tags=None, at=None, kept=None)
    assert empty.model_dump(by_alias=True) == {"kept": None}
    assert empty.model_dump_json() == '{"kept":null}'
    full = report(score=1.5, **{"the note": "n"}, tags=["a"], at=datetime(2026, 1, 2, tzinfo=timezone.utc))
    assert full.model_dump(by_alias=True, exclude_unset=True) == {
        "score": 1.5, "the note": "n", "tags": ["a"], "at": datetime(2026, 1, 2, tzinfo=timezone.utc)}


PLAIN = """
from __future__ import annotations

from datetime import datetime

from pkg._base import BaseModel


class Report(BaseModel):
    score: float | None = None
    at: datetime | None = None
"""


def test_a_first_pydantic_import_goes_in_its_own_group_between_the_standard_library_and_the_base() -> None:
    polished = _polish(PLAIN, {"Report": frozenset({"score"})})
    assert polished.split("\n\n\nclass", 1)[0].splitlines() == [
        "from __future__ import annotations",
        "",
        "from datetime import datetime",
        "from typing import Annotated",
        "",
        "from pydantic import Field",
        "",
        "from ._base import BaseModel, SentAsUtc, TimeZoneRequired, is_none",
    ]


def test_a_module_without_such_fields_imports_nothing_for_them() -> None:
    polished = _polish(PLAIN, {})
    assert "is_none" not in polished and "pydantic" not in polished
