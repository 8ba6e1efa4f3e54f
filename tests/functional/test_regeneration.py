"""Regeneration scenarios from real vendor history, written as edits to copies of specs/*.yaml.

Each scenario generates a package from the spec as it was (committed in a throwaway git
repository), edits the spec the way the vendor did, then checks `clientgen diff` and `clientgen
generate`: the verdict and its reasons, the version bump, the changelog, and what is written.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.output.manifest import MANIFEST_NAME, sha256_bytes

SPECS = Path(__file__).resolve().parents[2] / "specs"


def run(root: Path, *args: str):
    result = CliRunner().invoke(main, ["--root", str(root), *args])
    assert "Traceback" not in result.output
    return result


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                   cwd=root, check=True, capture_output=True)


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"the edit must match exactly once: {old!r}"
    return text.replace(old, new)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` with its bytes and mtime."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def project(root: Path, provider: str, before: str | None = None) -> Path:
    """A git repository holding one spec (optionally edited first), committed and generated."""
    (root / "specs").mkdir(parents=True)
    text = (SPECS / f"{provider}.yaml").read_text(encoding="utf-8")
    (root / "specs" / f"{provider}.yaml").write_text(before or text, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "specs")
    git(root, "commit", "-q", "-m", "spec as it was")
    result = run(root, "generate")
    assert result.exit_code == 0, result.output
    assert f"{provider}: written (1.0.0)" in result.stdout
    return root


_BASES: dict[str, Path] = {}


@pytest.fixture
def kombo(tmp_path_factory, tmp_path) -> Path:
    """A generated Kombo project; made once, copied per test (generation takes seconds)."""
    if "kombo" not in _BASES:
        _BASES["kombo"] = project(tmp_path_factory.mktemp("kombo"), "kombo")
    copy = tmp_path / "kombo"
    shutil.copytree(_BASES["kombo"], copy)
    return copy


def change_spec(root: Path, provider: str, old: str, new: str) -> None:
    spec = root / "specs" / f"{provider}.yaml"
    spec.write_text(edit(spec.read_text(encoding="utf-8"), old, new), encoding="utf-8")


def diff_json(root: Path, *args: str) -> dict:
    result = run(root, "diff", "--json", *args)
    assert result.exit_code == 0, result.output
    # One JSON document and one line end: what `jq` or a `> report.json` redirect expects.
    assert result.stdout.endswith("}\n") and not result.stdout.endswith("\n\n"), result.stdout
    [report] = json.loads(result.stdout)["providers"]
    return report


def changes_by_subject(report: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for change in report["changes"]:
        found.setdefault(change["subject"], []).append(change)
    return found


# --- Kombo: remote_fields grows a key (additive, minor) ------------------------------------------

REMOTE_FIELDS_KEY = """\
        workday:
          $ref: "#/components/schemas/WorkdayOrderResultFields"
          description: Values for Workday.
"""


def test_kombo_adds_a_remote_fields_key_is_additive_and_bumps_minor(kombo):
    change_spec(kombo, "kombo", REMOTE_FIELDS_KEY, REMOTE_FIELDS_KEY + """\
        successfactors:
          type: object
          additionalProperties: true
          description: Values for SAP SuccessFactors.
""")
    report = diff_json(kombo)
    assert (report["verdict"], report["bump"]) == ("additive", "minor")
    [change] = report["changes"]
    assert change["subject"] == "OrderResultRemoteFields.successfactors"
    assert change["change"] == "added as optional"
    assert "existing calls still work" in change["reason"]

    text = run(kombo, "diff")
    assert text.exit_code == 0
    assert text.stdout.startswith("kombo: additive (minor version bump) since HEAD\n")

    before = snapshot(kombo / "generated" / "kombo")
    result = run(kombo, "generate")
    assert result.exit_code == 0, result.output
    assert "kombo: written (1.0.0 -> 1.1.0: 1 additive)" in result.stdout
    package = kombo / "generated" / "kombo"
    assert 'version = "1.1.0"' in (package / "pyproject.toml").read_text(encoding="utf-8")
    assert '__version__ = "1.1.0"' in (package / "kombo_client" / "_runtime.py").read_text(encoding="utf-8")
    changelog = (package / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index("## 1.1.0") < changelog.index("## 1.0.0")
    assert "### Added\n\n- `OrderResultRemoteFields.successfactors`: added as optional — " in changelog
    after = snapshot(package)
    # Only what the change reaches is rewritten: the exceptions module keeps its bytes and mtime.
    assert after["kombo_client/_exceptions.py"] == before["kombo_client/_exceptions.py"]
    assert after["kombo_client/models.py"] != before["kombo_client/models.py"]
    assert run(kombo, "check").exit_code == 0


# --- Unified.to: id and name become optional in a model sent and returned -----------------------

def test_unified_relaxing_required_fields_is_harmless_for_callers_and_breaking_for_readers(tmp_path):
    current = (SPECS / "unified.yaml").read_text(encoding="utf-8")
    before = edit(current, "      required: [type]\n", "      required: [id, name, type]\n")
    root = project(tmp_path, "unified", before)  # HEAD: id and name were required
    (root / "specs" / "unified.yaml").write_text(current, encoding="utf-8")

    report = diff_json(root)
    assert report["verdict"] == "breaking" and report["bump"] == "major"
    found = changes_by_subject(report)
    for field in ("id", "name"):
        [request] = found[f"AssessmentPackage.{field} (request)"]
        assert (request["kind"], request["change"]) == ("additive", "became optional")
        assert "harmless for callers" in request["reason"]
        [response] = found[f"AssessmentPackage.{field} (response)"]
        assert (response["kind"], response["change"]) == ("breaking", "became optional")
        assert "code that reads it must now handle it being missing" in response["reason"]

    package = root / "generated" / "unified"
    before_files = snapshot(package)
    refused = run(root, "generate")
    assert refused.exit_code == 1
    assert "breaking" in refused.stdout and "harmless for callers" in refused.stdout
    assert "--allow-breaking" in refused.stderr
    assert snapshot(package) == before_files

    accepted = run(root, "generate", "--allow-breaking")
    assert accepted.exit_code == 0, accepted.output
    assert "unified: written (1.0.0 -> 2.0.0" in accepted.stdout
    changelog = (package / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 2.0.0" in changelog and "### Breaking" in changelog and "### Added" in changelog


# --- StackOne: its only operation is removed (breaking, major) ----------------------------------

def test_stackone_removing_its_operation_is_breaking_and_refused(tmp_path):
    root = project(tmp_path, "stackone")
    spec = root / "specs" / "stackone.yaml"
    text = spec.read_text(encoding="utf-8")
    start, end = text.index("paths:\n"), text.index("\ncomponents:\n")
    spec.write_text(text[:start] + "paths: {}" + text[end:], encoding="utf-8")

    report = diff_json(root)
    assert report["verdict"] == "breaking" and report["bump"] == "major"
    [removed] = changes_by_subject(report)["ats.get_assessments_request"]
    assert removed["kind"] == "breaking" and removed["change"].startswith("removed (GET ")

    package = root / "generated" / "stackone"
    before = snapshot(package)
    refused = run(root, "generate")
    assert refused.exit_code == 1
    assert "ats.get_assessments_request: removed" in refused.stdout
    assert refused.stdout.endswith("fails\n") and not refused.stdout.endswith("\n\n"), refused.stdout
    assert snapshot(package) == before
    assert sorted(p.name for p in (root / "generated").iterdir()) == ["stackone"]

    accepted = run(root, "generate", "--allow-breaking")
    assert accepted.exit_code == 0, accepted.output
    assert 'version = "2.0.0"' in (package / "pyproject.toml").read_text(encoding="utf-8")
    assert "get_assessments_request" not in (package / "stackone_client" / "_client.py").read_text(
        encoding="utf-8")


# --- enum values removed: breaking in a request, additive in a response -------------------------

def test_enum_value_removed_from_a_request_is_breaking(kombo):
    change_spec(kombo, "kombo", "          enum: [COMPLETED, CANCELLED, OPEN]\n",
                "          enum: [COMPLETED, CANCELLED]\n")
    report = diff_json(kombo, "kombo", "--against", "HEAD")
    assert report["verdict"] == "breaking"
    [change] = changes_by_subject(report)["UpdateOrderResultRequest.status"]
    assert change["kind"] == "breaking"
    assert change["change"] == "enum value(s) removed: 'OPEN'"
    assert "calls that send these" in change["reason"]
    assert run(kombo, "generate").exit_code == 1


def test_enum_value_removed_from_a_response_is_additive(kombo):
    change_spec(kombo, "kombo", "            - PLATFORM.TASK_TIMED_OUT\n", "")
    report = diff_json(kombo)
    assert (report["verdict"], report["bump"]) == ("additive", "minor")
    [change] = report["changes"]
    assert change["subject"] == "ErrorDetail.code"
    assert change["change"] == "enum value(s) removed: 'PLATFORM.TASK_TIMED_OUT'"
    assert "responses no longer carry these" in change["reason"]
    result = run(kombo, "generate")
    assert result.exit_code == 0 and "1.0.0 -> 1.1.0" in result.stdout


def test_diff_reports_no_change_and_a_bad_ref_in_one_line(kombo):
    assert run(kombo, "diff").stdout == "kombo: no changes to the generated client since HEAD\n"
    bad = run(kombo, "diff", "--against", "no-such-ref")
    assert bad.exit_code == 1 and len(bad.output.strip().splitlines()) == 1


# --- what regeneration writes, keeps and removes ------------------------------------------------

def test_noop_regeneration_changes_no_mtime_and_renders_nothing(kombo):
    package = kombo / "generated" / "kombo"
    before = snapshot(package)
    result = run(kombo, "generate")
    assert re.fullmatch(r"kombo: up to date \(1\.0\.0\)\n"
                        r"nothing to write: generated/kombo up to date \(\d+\.\d s\)\n", result.stdout)
    assert snapshot(package) == before
    assert run(kombo, "check").stdout == "generated/ is up to date\n"

    # A new generator (here: a stale fingerprint) renders again but rewrites only the manifest.
    manifest = package / MANIFEST_NAME
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["generator"]["fingerprint"] = "0" * 64
    manifest.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    rerendered = run(kombo, "generate")
    assert re.fullmatch(r"kombo: written \(1\.0\.0\)\n"
                        r"wrote 1 file\(s\) in generated/kombo \(\d+\.\d s\)\n", rerendered.stdout)
    after = snapshot(package)
    assert {k: v for k, v in after.items() if k != MANIFEST_NAME} == {
        k: v for k, v in before.items() if k != MANIFEST_NAME}
    assert after[MANIFEST_NAME][0] == before[MANIFEST_NAME][0]


_HEAVY = """
import sys
from generator.cli import main
try:
    main(["--root", sys.argv[1], "generate"])
except SystemExit:
    pass
print(sorted(m for m in ("datamodel_code_generator", "black", "openapi_spec_validator") if m in sys.modules))
"""


def test_noop_path_imports_no_heavy_module(kombo):
    import sys

    result = subprocess.run([sys.executable, "-c", _HEAVY, str(kombo)], capture_output=True,
                            text=True, check=True)
    assert result.stdout.splitlines()[0] == "kombo: up to date (1.0.0)"
    assert result.stdout.splitlines()[-1] == "[]"


def test_user_files_survive_and_files_no_longer_generated_are_removed(kombo):
    package = kombo / "generated" / "kombo"
    (package / "NOTES.md").write_text("mine\n", encoding="utf-8")
    (package / "kombo_client" / "extra.py").write_text("MINE = 1\n", encoding="utf-8")
    # Files an earlier generator produced and this one does not: one untouched, one edited since.
    legacy = {"kombo_client/legacy/old.py": b"OLD = 1\n", "kombo_client/edited.py": b"E = 1\n"}
    manifest = package / MANIFEST_NAME
    data = json.loads(manifest.read_text(encoding="utf-8"))
    for relative, content in legacy.items():
        (package / relative).parent.mkdir(parents=True, exist_ok=True)
        (package / relative).write_bytes(content)
        data["files"][relative] = sha256_bytes(content)
    data["spec"]["sha256"] = "0" * 64  # as if the spec had changed since
    manifest.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (package / "kombo_client" / "edited.py").write_bytes(b"E = 2  # edited by hand\n")

    check = run(kombo, "check")
    assert check.exit_code == 1 and "--- a/generated/kombo/kombo_client/legacy/old.py" in check.stdout
    assert "NOTES.md" not in check.stdout and "extra.py" not in check.stdout

    result = run(kombo, "generate")
    assert result.exit_code == 0, result.output
    assert not (package / "kombo_client" / "legacy").exists()  # its folder went with it
    assert (package / "kombo_client" / "edited.py").read_bytes() == b"E = 2  # edited by hand\n"
    assert (package / "NOTES.md").read_text(encoding="utf-8") == "mine\n"
    assert (package / "kombo_client" / "extra.py").read_text(encoding="utf-8") == "MINE = 1\n"
    assert "legacy" not in (package / MANIFEST_NAME).read_text(encoding="utf-8")
    assert run(kombo, "check").exit_code == 0
