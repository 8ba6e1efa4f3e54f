"""Unit tests of generator.models.class_renames: classes the model generator named after a
property are renamed where the package has the name already."""

from __future__ import annotations

import ast

from generator.models.class_renames import rename_classes

SOURCE = '''from __future__ import annotations

from typing import Literal

from ._base import BaseModel


class NotFoundError(BaseModel):
    reason: str | None = None


class Timeout(BaseModel):
    kind: Literal["Timeout"] = "Timeout"
    seconds: float | None = None


class Thing(BaseModel):
    notFoundError: NotFoundError | None = Field(None, alias="NotFoundError")
    timeouts: list[Timeout] | None = None
    """Each Timeout of the thing."""


Thing.model_rebuild()
Timeout.model_rebuild()
'''


def _classes(source: str) -> list[str]:
    return [node.name for node in ast.parse(source).body if isinstance(node, ast.ClassDef)]


def test_a_class_named_like_a_package_name_and_every_reference_to_it_are_renamed() -> None:
    renamed = rename_classes(SOURCE, {"NotFoundError", "Timeout", "KomboClient"})
    assert _classes(renamed) == ["NotFoundErrorModel", "TimeoutModel", "Thing"]
    assert "notFoundError: NotFoundErrorModel | None" in renamed
    assert "timeouts: list[TimeoutModel] | None" in renamed
    assert "TimeoutModel.model_rebuild()" in renamed


def test_strings_are_data_and_stay() -> None:
    renamed = rename_classes(SOURCE, {"NotFoundError", "Timeout"})
    assert 'Literal["Timeout"] = "Timeout"' in renamed
    assert 'alias="NotFoundError"' in renamed
    assert '"""Each Timeout of the thing."""' in renamed


def test_a_taken_new_name_is_numbered() -> None:
    source = SOURCE + "\n\nclass TimeoutModel(BaseModel):\n    pass\n"
    renamed = rename_classes(source, {"Timeout", "TimeoutModel2"})
    assert _classes(renamed)[1] == "TimeoutModel3" and _classes(renamed)[-1] == "TimeoutModel"


def test_a_module_without_such_classes_is_returned_as_it_is() -> None:
    assert rename_classes(SOURCE, {"KomboClient", "APIStatusError"}) is SOURCE


def test_the_renaming_does_not_depend_on_the_order_of_the_names() -> None:
    assert rename_classes(SOURCE, ["Timeout", "NotFoundError"]) == rename_classes(
        SOURCE, ["NotFoundError", "Timeout"])
