"""Versions read off `.dist-info` folder names are importlib.metadata's, and whatever a listing
cannot settle is left to importlib.metadata."""

from __future__ import annotations

import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from generator.foundation import dist_versions

# Every distribution whose version goes into a cache key or a manifest.
NAMES = ["black", "datamodel-code-generator", "isort", "jinja2", "pydantic", "openapi-spec-validator",
         "jsonschema", "Jinja2", "PyYAML", "pydantic_core"]


@pytest.mark.parametrize("name", NAMES)
def test_the_version_is_importlib_metadatas(name: str) -> None:
    assert dist_versions.version.__wrapped__(name) == metadata.version(name)


def test_the_installed_tools_are_read_off_the_listing() -> None:
    # What makes a warm run cheaper: the listing settles them without importlib.metadata.
    assert dist_versions._from_listing("black") == metadata.version("black")
    assert dist_versions._from_listing("datamodel-code-generator") == metadata.version("datamodel-code-generator")


@pytest.fixture
def path_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    dist_versions._listing.cache_clear()
    yield tmp_path
    dist_versions._listing.cache_clear()


def test_a_dist_info_folder_names_the_version(path_entry: Path) -> None:
    (path_entry / "some_tool-1.2.3.dist-info").mkdir()
    assert dist_versions._from_listing("Some.Tool") == "1.2.3"
    assert dist_versions._from_listing("other") is None


@pytest.mark.parametrize("folders", [
    ["some_tool-1.2.3.dist-info", "some_tool-1.2.4.dist-info"],  # two candidates
    ["some_tool-1.2.3.egg-info"],  # importlib.metadata reads its PKG-INFO
    ["some_tool.dist-info"],  # no version in the name
])
def test_what_the_listing_cannot_settle_is_left_to_importlib_metadata(
    path_entry: Path, folders: list[str]
) -> None:
    for folder in folders:
        (path_entry / folder).mkdir()
    assert dist_versions._from_listing("some-tool") is None


def test_a_zip_on_the_path_is_left_to_importlib_metadata(path_entry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = path_entry / "packages.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("some_tool-9.9.dist-info/METADATA", "Name: some-tool\nVersion: 9.9\n")
    (path_entry / "later").mkdir()
    (path_entry / "later" / "some_tool-1.0.dist-info").mkdir()
    monkeypatch.setattr(sys, "path", [str(archive), str(path_entry / "later")])
    assert dist_versions._from_listing("some-tool") is None
