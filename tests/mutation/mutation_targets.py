"""What the mutation run mutates, and the fast tests that must notice each mutant.

Paths are globs relative to the repository root, so a module that moves or splits (say
`generator/cli.py` into `generator/cli/`) needs its glob changed here, never a line number.
Tests are listed fastest-to-fail first: the run stops a mutant's tests at the first failure.
`tests/mutation/test_mutation_setup.py` checks in the default suite that every glob matches.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    name: str
    sources: tuple[str, ...]
    """Globs of the modules to mutate; at least one must match."""
    tests: tuple[str, ...]
    """pytest paths (files, globs of files, or `file::test`) that exercise them."""
    renderings: bool = False
    """The sources are renderings of one template: mutate the first, carry each mutant to the rest."""
    why: str = ""


TARGETS: tuple[Target, ...] = (
    Target(
        name="runtime",
        # The providers' packages and the fixture packages: every rendering a test imports.
        sources=("generated/*/*/_runtime.py", "tests/golden/*/expected/*/_runtime.py"),
        renderings=True,
        tests=(
            "tests/functional/test_runtime.py",
            "tests/functional/test_runtime_*.py",
            "tests/functional/test_providers.py",
            "tests/functional/test_testing_kit.py",
            "tests/functional/test_local_server.py",
            "tests/functional/test_fixture_clients.py",
            # Issue 15's promises; slower (a real local server, waits against deadlines).
            "tests/functional/test_failure_reports.py",
            "tests/functional/test_careless_callers.py",
            "tests/functional/test_hostile_servers.py",
        ),
        why="templates/package/_runtime.py.jinja as every package renders it: auth, strict "
            "requests, retries, timeouts, redaction, error mapping",
    ),
    Target(
        name="checks",
        # Split from the runtime: the checks on what callers pass, made before anything is sent.
        sources=("generated/*/*/_checks.py", "tests/golden/*/expected/*/_checks.py"),
        renderings=True,
        tests=(
            "tests/functional/test_careless_callers.py",
            "tests/functional/test_runtime.py",
            "tests/functional/test_runtime_*.py",
            "tests/functional/test_providers.py",
            "tests/functional/test_fixture_clients.py",
            "tests/functional/test_failure_reports.py",
        ),
        why="templates/package/_checks.py.jinja as every package renders it: options, keys, "
            "headers and parameters checked before sending, validation errors without values",
    ),
    Target(
        name="writer",
        sources=("generator/output/writer.py",),
        tests=(
            "tests/unit/output/test_unit_writer.py",
            "tests/unit/output/test_unit_writer_*.py",
            "tests/test_golden_update.py",
            "tests/functional/test_regeneration.py",
        ),
        why="the only module that writes: atomic moves, rollback, nothing outside the package",
    ),
    Target(
        name="cli",
        sources=("generator/cli.py", "generator/cli/*.py"),
        tests=(
            "tests/unit/test_unit_cli*.py",
            "tests/unit/output/test_unit_writer.py",
            "tests/functional/test_regeneration.py",
        ),
        why="exit codes, one-line errors, refusals and what each command prints",
    ),
)

BY_NAME = {target.name: target for target in TARGETS}
