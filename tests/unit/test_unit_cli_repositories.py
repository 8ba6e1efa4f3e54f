"""clientgen as a tool in other people's repositories (issue 13), through the command line.

Each test runs the CLI as a user would: click's runner in a throwaway folder, or `python -m
generator` in a subprocess (for the real working directory, a terminal, /proc, read-only mounts).
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.output import writer
from generator.output.manifest import MANIFEST_NAME

PROJECT = Path(__file__).resolve().parents[2]

# A spec without a single example, shaped like the OpenAPI Initiative's petstore: required body
# fields, an integer path parameter, an operation answering 204, a date-time and an enum.
PETS = """\
openapi: 3.0.3
info: {title: Pets, version: "1.0.0"}
servers: [{url: "https://pets.example.com/v1"}]
paths:
  /pets:
    get:
      operationId: findPets
      parameters:
        - {name: tags, in: query, schema: {type: array, items: {type: string}}}
        - {name: limit, in: query, required: true, schema: {type: integer, format: int32, minimum: 5}}
      responses:
        "200":
          description: pets
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
    post:
      operationId: addPet
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/NewPet"}
      responses:
        "200":
          description: the pet
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
  /pets/{id}:
    get:
      operationId: findPetById
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, format: int64}}
      responses:
        "200":
          description: the pet
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
    delete:
      operationId: deletePet
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, format: int64}}
      responses:
        "204": {description: deleted}
components:
  schemas:
    NewPet:
      type: object
      required: [name, born_at, kind]
      properties:
        name: {type: string}
        tag: {type: string}
        born_at: {type: string, format: date-time}
        kind: {type: string, enum: [cat, dog]}
        owner: {$ref: "#/components/schemas/Owner"}
    Owner:
      type: object
      required: [email]
      properties:
        email: {type: string, format: email}
    Pet:
      allOf:
        - $ref: "#/components/schemas/NewPet"
        - type: object
          required: [id]
          properties:
            id: {type: integer, format: int64}
"""

TINY = """\
openapi: 3.1.0
info: {title: Tiny, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /things/{id}:
    get:
      operationId: getThing
      tags: [things]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: A thing.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Thing:
      type: object
      properties: {id: {type: string}}
"""


def run(*args: str, root: Path | None = None):
    result = CliRunner().invoke(main, [*(["--root", str(root)] if root else []), *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def python_m(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False, **kwargs)


def tree(root: Path) -> dict[str, bytes]:
    """Every entry under `root` (hidden ones too), files with their bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else b"/"
            for p in sorted(root.rglob("*"))}


def spec_file(folder: Path, text: str = TINY, name: str = "tiny.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


# --- 1. run from the wrong folder: no specs is an error -----------------------------------------


@pytest.mark.parametrize("command", ["check", "generate", "list", "validate", "diff"])
def test_every_command_fails_where_there_are_no_specs(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = run(command)
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"clientgen: no specs (*.yaml, *.yml, *.json) in {tmp_path / 'specs'};")
    assert "--root" in line and "[tool.clientgen]" in line
    assert list(tmp_path.iterdir()) == []  # nothing created


def test_check_from_the_wrong_folder_fails_in_a_real_process(tmp_path):
    result = python_m("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == "" and "up to date" not in result.stderr
    assert result.stderr.count("\n") == 1 and str(tmp_path / "specs") in result.stderr


# --- 2. no clobbering ---------------------------------------------------------------------------


def test_generate_to_a_folder_refuses_to_replace_a_hand_written_file(tmp_path):
    spec = spec_file(tmp_path / "api")
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.md").write_text("# Our notes, written by hand\n", encoding="utf-8")
    before = tree(tmp_path)

    refused = run("generate", "--spec", str(spec), "--out", str(out))

    assert refused.exit_code == 1
    assert refused.stderr == (
        f"clientgen: refusing to replace {out / 'README.md'}, which clientgen did not write; "
        "nothing was written (move it away, choose another folder, or pass --overwrite)\n"
    )
    assert tree(tmp_path) == before

    forced = run("generate", "--spec", str(spec), "--out", str(out), "--overwrite")
    assert forced.exit_code == 0, forced.output
    assert "Our notes" not in (out / "README.md").read_text(encoding="utf-8")
    again = run("generate", "--spec", str(spec), "--out", str(out))
    assert again.exit_code == 0 and "tiny: up to date" in again.stdout


def test_a_users_other_files_beside_the_package_are_left_alone(tmp_path):
    spec = spec_file(tmp_path / "api")
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_bytes(b"mine\r\n")
    result = run("generate", "--spec", str(spec), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "notes.txt").read_bytes() == b"mine\r\n"
    assert (out / "tiny_client" / "_client.py").is_file()


def test_project_generate_refuses_too_and_so_for_a_file_the_manifest_does_not_list(tmp_path):
    spec_file(tmp_path / "specs")
    package = tmp_path / "generated" / "tiny"
    package.mkdir(parents=True)
    (package / "pyproject.toml").write_text("[project]\nname = 'ours'\n", encoding="utf-8")
    refused = run("generate", root=tmp_path)
    assert refused.exit_code == 1
    assert f"refusing to replace {package / 'pyproject.toml'}" in refused.stderr
    assert (package / "pyproject.toml").read_text(encoding="utf-8") == "[project]\nname = 'ours'\n"

    (package / "pyproject.toml").unlink()
    assert run("generate", root=tmp_path).exit_code == 0
    # A file whose name the manifest does not record is the user's, even in a generated folder.
    manifest = json.loads((package / MANIFEST_NAME).read_text(encoding="utf-8"))
    del manifest["files"]["CHANGELOG.md"]
    (package / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    (package / "CHANGELOG.md").write_text("our changelog\n", encoding="utf-8")
    spec_file(tmp_path / "specs", TINY.replace("properties: {id: {type: string}}",
                                               "properties: {id: {type: string}, n: {type: integer}}"))
    refused = run("generate", root=tmp_path)
    assert refused.exit_code == 1
    assert f"refusing to replace {package / 'CHANGELOG.md'}" in refused.stderr
    assert (package / "CHANGELOG.md").read_text(encoding="utf-8") == "our changelog\n"


# --- 3. READMEs for specs without examples ------------------------------------------------------


def test_readme_of_a_spec_without_examples_calls_each_method_with_its_types(tmp_path):
    spec = spec_file(tmp_path / "api", PETS, "pets.yaml")
    out = tmp_path / "out" / "petstore"
    result = run("generate", "--spec", str(spec), "--out", str(out))
    assert result.exit_code == 0, result.output
    readme = (out / "README.md").read_text(encoding="utf-8")

    assert "./generated" not in readme and "pip install .\n" in readme
    assert "clientgen generate`" not in readme  # no command that only fits this repository
    # Required body fields, typed from the schema: a datetime, an enum value, a nested model.
    assert re.search(r'add_pet\(\s*name="\.\.\.",\s*born_at=datetime\(2024, 1, 1, '
                     r'tzinfo=timezone\.utc\),\s*kind="cat",?\s*\)', readme), readme
    assert "from datetime import datetime, timezone\n\nfrom pets_client import PetsClient" in readme
    assert "client.default.find_pet_by_id(1)" in readme  # an integer, not "..."
    assert "client.default.find_pets(limit=5)" in readme  # required query, at its minimum
    # delete_pet returns None: called, never assigned.
    assert "    client.default.delete_pet(1)\n" in readme
    assert "= client.default.delete_pet" not in readme


# --- 4. an unwritable output folder ------------------------------------------------------------


def test_an_output_folder_under_proc_is_one_line_and_leaves_nothing(tmp_path):
    spec = spec_file(tmp_path / "api")
    target = Path("/proc") / f"clientgen-test-{os.getpid()}" / "pkg"
    result = python_m("generate", "--spec", str(spec), "--out", str(target), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"clientgen: cannot write {target}: ")
    assert result.stderr.endswith("; nothing was written\n") and result.stderr.count("\n") == 1
    assert "internal error" not in result.stderr and ".clientgen-staging" not in result.stderr
    assert not target.parent.exists()
    assert list((tmp_path / "api").iterdir()) == [spec]


def test_a_read_only_folder_is_named_not_the_staging_folder(tmp_path, monkeypatch):
    """Simulated (root ignores permission bits): creating the staging folder is refused."""
    spec = spec_file(tmp_path / "api")
    out = tmp_path / "ro"
    out.mkdir()

    def refused(prefix: str, dir: str) -> str:
        raise PermissionError(13, "Permission denied", os.path.join(dir, prefix + "x1y2"))

    monkeypatch.setattr(writer.tempfile, "mkdtemp", refused)
    result = run("generate", "--spec", str(spec), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"clientgen: cannot write {out}: Permission denied; nothing was written\n"
    assert tree(tmp_path / "ro") == {}


def test_a_read_only_parent_is_named_and_nothing_is_left(tmp_path, monkeypatch):
    """Simulated: the package folder cannot be created in its read-only parent."""
    spec = spec_file(tmp_path / "api")
    out = tmp_path / "ro" / "new" / "pkg"
    (tmp_path / "ro").mkdir()
    real_mkdir = Path.mkdir

    def mkdir(self: Path, *args, **kwargs) -> None:
        if self == out:
            raise PermissionError(13, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    result = run("generate", "--spec", str(spec), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == (f"clientgen: cannot write {out}: Permission denied (creating {out}); "
                             "nothing was written\n")
    assert tree(tmp_path / "ro") == {}  # ro/new, created on the way, is gone again


def _mount_namespace_works() -> bool:
    unshare = shutil.which("unshare")
    if not unshare or os.geteuid() != 0:
        return False
    probe = subprocess.run([unshare, "-m", "--propagation", "private", "sh", "-c",
                            "mount -t tmpfs -o ro tmpfs /mnt"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not _mount_namespace_works(), reason="needs root and mount namespaces (unshare -m)")
def test_real_read_only_mounts(tmp_path):
    """A read-only folder fails in one line; a writable folder inside a read-only parent works
    (the staging folder is inside the package folder). Mounts live in a private namespace."""
    spec = spec_file(tmp_path / "api")
    (tmp_path / "ro" / "writable").mkdir(parents=True)
    ro = tmp_path / "ro"
    script = f"""
set -e
mount --bind {ro} {ro} && mount -o remount,ro,bind {ro}
mount -t tmpfs tmpfs {ro}/writable
{sys.executable} -m generator generate --spec {spec} --out {ro}/pkg && exit 9 || echo "rc=$?"
{sys.executable} -m generator generate --spec {spec} --out {ro}/writable
ls -A {ro}/writable
"""
    result = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script],
                            capture_output=True, text=True, cwd=tmp_path, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == (f"clientgen: cannot write {ro}/pkg: Read-only file system "
                             f"(creating {ro}/pkg); nothing was written\n")
    lines = result.stdout.splitlines()
    assert lines[0] == "rc=1"
    assert "tiny: written (1.0.0)" in lines
    assert lines[-5:] == ["CHANGELOG.md", "README.md", "clientgen-manifest.json", "pyproject.toml",
                          "tiny_client"]  # and no staging folder left
    assert sorted(p.name for p in ro.iterdir()) == ["writable"]


# --- 5. --version, and unknown names ------------------------------------------------------------


def test_version():
    for args in (["--version"], ["-V"]):
        result = run(*args)
        assert result.exit_code == 0
        assert result.stdout == f"clientgen {metadata.version('clientgen')}\n"


def test_an_unknown_provider_lists_the_ones_there_are(tmp_path):
    spec_file(tmp_path / "specs")
    spec_file(tmp_path / "specs", name="other-api.json")
    result = run("generate", "nosuch", root=tmp_path)
    assert result.exit_code == 2
    assert "no spec for nosuch in specs/ (there are: other_api, tiny)" in result.stderr
    assert not (tmp_path / "generated").exists()


# --- 6. [tool.clientgen] ------------------------------------------------------------------------

CONFIG = """\
[project]
name = "acme"

[tool.clientgen]
specs = "api"
output = "clients"

[tool.clientgen.providers.billing-api]
package = "acme_billing"
client = "Acme"
timeout = 7
"""


def configured_repository(root: Path) -> Path:
    spec_file(root / "api", TINY, "billing-api.yaml")
    spec_file(root / "api", TINY.replace("Tiny", "Other"), "other.yaml")
    (root / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    return root


def test_a_configured_repository_needs_no_options(tmp_path, monkeypatch):
    monkeypatch.chdir(configured_repository(tmp_path))
    generated = run("generate")
    assert generated.exit_code == 0, generated.output
    assert generated.stdout.splitlines()[:2] == ["billing_api: written (1.0.0)", "other: written (1.0.0)"]
    billing = tmp_path / "clients" / "billing_api"
    assert (billing / "acme_billing" / "_client.py").is_file()
    assert (tmp_path / "clients" / "other" / "other_client" / "_client.py").is_file()
    pyproject = (billing / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "acme-billing"' in pyproject and '[tool.flit.module]\nname = "acme_billing"' in pyproject
    client = (billing / "acme_billing" / "_client.py").read_text(encoding="utf-8")
    assert "class AcmeClient:" in client and "operation_timeout=7.0" in client
    other = (tmp_path / "clients" / "other" / "other_client" / "_client.py").read_text(encoding="utf-8")
    assert "operation_timeout" not in other  # the provider table is the billing spec's alone
    assert not (tmp_path / "generated").exists()

    assert run("check").stdout == "clients/ is up to date\n"
    assert "billing_api" in run("list").stdout
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "add", "."], check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "x"],
                   check=True)
    assert run("diff").stdout == ("billing_api: no changes to the generated client since HEAD\n"
                                  "other: no changes to the generated client since HEAD\n")

    # A changed option is a change to the package, as a changed spec is.
    (tmp_path / "pyproject.toml").write_text(CONFIG.replace("timeout = 7", "timeout = 9"), encoding="utf-8")
    stale = run("check")
    assert stale.exit_code == 1
    assert "-            operation_timeout=7.0," in stale.stdout
    assert "+            operation_timeout=9.0," in stale.stdout
    assert stale.stderr == "clients/ is out of date: run `clientgen generate`\n"


@pytest.mark.parametrize("command", [["check"], ["generate"], ["list"], ["validate"], ["diff"],
                                     ["generate", "--spec", "api/other.yaml", "--out", "x"]])
def test_a_bad_table_is_one_line_for_every_command(tmp_path, monkeypatch, command):
    monkeypatch.chdir(configured_repository(tmp_path))
    (tmp_path / "pyproject.toml").write_text(CONFIG.replace("timeout = 7", "timeout = 0"), encoding="utf-8")
    before = tree(tmp_path)
    result = run(*command)
    assert result.exit_code == 1
    assert result.stderr == ("pyproject.toml:11: [tool.clientgen.providers.billing-api] timeout must "
                             "be a positive number of seconds, not 0\n")
    assert tree(tmp_path) == before
    assert run(command[0], "--help").exit_code == 0  # help still works


def test_a_provider_table_without_its_spec_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(configured_repository(tmp_path))
    (tmp_path / "api" / "billing-api.yaml").unlink()
    result = run("generate")
    assert result.exit_code == 1
    assert result.stderr == ("pyproject.toml:8: [tool.clientgen.providers.billing_api] no spec named "
                             "'billing_api' in api (specs: other)\n")


def test_the_pre_commit_hooks_honour_the_table(tmp_path):
    hooks = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    configured_repository(tmp_path)
    assert run("generate", root=tmp_path).exit_code == 0
    for hook in hooks:
        # Whatever folders the table names, a change there (or to the table) runs the hook.
        for changed in ("api/billing-api.yaml", "pyproject.toml", "clients/other/README.md"):
            assert re.search(hook.get("files", ""), changed), (hook["id"], changed)
        entry = hook["entry"].split()
        assert entry[0] == "clientgen"
        result = python_m(*entry[1:], *hook.get("args", []), cwd=tmp_path)
        assert result.returncode == 0, (hook["id"], result.stderr)
        assert "clients" in result.stdout


# --- 7. progress on a terminal, a summary at the end --------------------------------------------


def _generate_with_terminal_stderr(root: Path, *extra: str) -> tuple[str, str, int]:
    """Run `generate` with stderr on a pseudo-terminal; return (stdout, terminal output, code)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "generator", *extra, "generate"], cwd=root,
                               stdout=subprocess.PIPE, stderr=terminal, text=True)
    os.close(terminal)
    shown = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    stdout, _ = process.communicate(timeout=120)
    os.close(controller)
    return stdout, shown.decode(), process.returncode


def test_progress_shows_on_a_terminal_only_and_a_summary_ends_the_run(tmp_path):
    spec_file(tmp_path / "specs")
    started = time.monotonic()
    stdout, shown, code = _generate_with_terminal_stderr(tmp_path)
    took = time.monotonic() - started
    assert code == 0
    # The times shown are the run's own: never more than the test saw it take.
    seconds = [float(s) for s in re.findall(r"\((\d+\.\d) s\)", shown + stdout)]
    assert seconds and all(s <= took + 0.05 for s in seconds), (seconds, took)
    for stage in ("loading the spec", "building models and operations", "rendering", "formatting",
                  "writing"):
        assert re.search(rf"\rclientgen: tiny: {stage} \(\d+\.\d s\)", shown.replace("\x1b[K", "")), (
            stage, shown)
    assert shown.endswith("\r\x1b[K")  # the stage line is cleared before the summary
    assert re.fullmatch(r"tiny: written \(1\.0\.0\)\nwrote 13 file\(s\) in generated/tiny \(\d+\.\d s\)\n",
                        stdout), stdout

    spec_file(tmp_path / "specs", TINY.replace('version: "1"', 'version: "2"'))
    stdout, shown, code = _generate_with_terminal_stderr(tmp_path, "--quiet")
    assert (code, stdout, shown) == (0, "", "")

    spec_file(tmp_path / "specs", TINY.replace('version: "1"', 'version: "3"'))
    piped = python_m("generate", cwd=tmp_path)  # stderr is a pipe, not a terminal
    assert piped.returncode == 0 and piped.stderr == ""
    assert re.fullmatch(r"tiny: written \([^)]*\)\nwrote \d+ file\(s\) in generated/tiny \(\d+\.\d s\)\n",
                        piped.stdout), piped.stdout
    nothing = python_m("generate", "-q", cwd=tmp_path)
    assert (nothing.returncode, nothing.stdout, nothing.stderr) == (0, "", "")
    unchanged = python_m("generate", cwd=tmp_path)
    assert re.fullmatch(r"tiny: up to date \(1\.0\.2\)\nnothing to write: generated/tiny up to date "
                        r"\(\d+\.\d s\)\n", unchanged.stdout)


# --- 9. tests that need ../shared/ ----------------------------------------------------------------


def test_tests_needing_shared_skip_locally_and_fail_where_it_is_required(tmp_path, monkeypatch):
    from conftest import SHARED, shared_path

    monkeypatch.delenv("CLIENTGEN_REQUIRE_SHARED", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"\.\./shared/corpus is absent"):
        shared_path("corpus", tmp_path)
    monkeypatch.setenv("CLIENTGEN_REQUIRE_SHARED", "1")
    with pytest.raises(pytest.fail.Exception, match="CLIENTGEN_REQUIRE_SHARED=1 requires it"):
        shared_path("corpus", tmp_path)
    (tmp_path / "corpus").mkdir()
    assert shared_path("corpus", tmp_path) == tmp_path / "corpus"
    assert SHARED == PROJECT.parent / "shared"
    # CI has ../shared/, so its run requires it: a missing folder fails there instead of skipping.
    ci = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    assert "export CLIENTGEN_REQUIRE_SHARED=1\n" in ci
    assert ci.index("CLIENTGEN_REQUIRE_SHARED") < ci.index("pytest")
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for test in ("tests/test_typing.py", "tests/test_readme_typing.py"):
        assert test in readme.split("## Tests")[1]


def test_the_repositorys_own_isort_settings_change_nothing(tmp_path, monkeypatch):
    """isort (which the model generator runs on its output) reads the first configuration it finds
    from the working directory up: a repository's must not reach the generated imports."""
    golden = PROJECT / "tests" / "golden" / "params"
    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True)
    (repo / "pyproject.toml").write_text(
        '[tool.isort]\nforce_single_line = true\nlines_after_imports = 1\nadd_imports = ["import os"]\n',
        encoding="utf-8",
    )
    (repo / ".editorconfig").write_text("[*.py]\nmax_line_length = 20\n", encoding="utf-8")
    monkeypatch.chdir(repo / "src")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the models are made here

    done = run("generate", "--spec", str(golden / "spec.yaml"), "--out", "out", "--package", "params")

    assert done.exit_code == 0, done.output
    for path in (golden / "expected").rglob("*.py"):
        written = repo / "src" / "out" / path.relative_to(golden / "expected")
        assert written.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path
