"""Mutation run: does a test fail when the runtime, the writer or the CLI is made subtly wrong?

    python tests/mutation/run.py                       # every target, one after the other
    python tests/mutation/run.py runtime --jobs 2      # two targets at once at most
    python tests/mutation/run.py writer --only '_safe_relative|apply_writes'

Cosmic Ray (pinned in the `mutation` extra) makes one small change at a time (a mutant) to a
copy of the project in a temporary folder, runs the target's tests (tests/mutation/
mutation_targets.py) and records whether they failed. The runtime is a Jinja template, so its
rendering in the first package is mutated and each mutant carried into the other packages'
renderings. Every survivor must be listed in tests/mutation/survivors.yaml with the reason it is
harmless; the results go to tests/mutation/RESULTS.md and the run exits 1 on an unlisted
survivor. Nothing in the working tree is changed except RESULTS.md.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from mutation_carry import carry_edit
from mutation_targets import BY_NAME, TARGETS, Target

PRISTINE = Path(".mutation-pristine")  # in the sandbox: the renderings before any mutant
PYTEST_ARGS = ["-x", "-q", "--no-header", "-p", "no:hypothesispytest"]

# Cosmic Ray replaces each binary and comparison operator by every other one, a dozen mutants a
# place, most of them type errors any test catches. The run keeps the replacements that make a
# plausible bug: the opposite operation and the off-by-one boundary.
KEPT_BINARY = ("Add_Sub", "Sub_Add", "Mul_Div", "Div_Mul", "FloorDiv_Div", "Mod_FloorDiv",
               "Pow_Mul", "BitOr_BitAnd", "BitAnd_BitOr", "BitXor_BitOr", "LShift_RShift",
               "RShift_LShift")
KEPT_COMPARISON = ("Eq_NotEq", "NotEq_Eq", "Lt_LtE", "Lt_GtE", "LtE_Lt", "LtE_Gt", "Gt_GtE",
                   "Gt_LtE", "GtE_Gt", "GtE_Lt", "Is_IsNot", "IsNot_Is")
EXCLUDED_OPERATORS = (
    f"core/ReplaceBinaryOperator_(?!({'|'.join(KEPT_BINARY)})$)",
    f"core/ReplaceComparisonOperator_(?!({'|'.join(KEPT_COMPARISON)})$)",
)


# -- inside the sandbox: what Cosmic Ray runs for each mutant ----------------------------------


def sources_of(root: Path, target: Target) -> list[str]:
    """The target's modules under `root`, relative POSIX paths, sorted; an error if none match."""
    found = sorted({Path(p).relative_to(root).as_posix()
                    for pattern in target.sources for p in glob.glob(str(root / pattern))})
    if not found:
        raise SystemExit(f"mutation target {target.name}: nothing matches {', '.join(target.sources)}")
    return found


def run_tests(target: Target) -> int:
    """Carry the mutant into the sibling renderings, then run the target's tests (cwd: sandbox)."""
    root = Path.cwd()
    if target.renderings:
        home, *siblings = sources_of(root, target)
        base = (root / PRISTINE / home).read_text(encoding="utf-8")
        edited = (root / home).read_text(encoding="utf-8")
        for sibling in siblings:
            original = (root / PRISTINE / sibling).read_text(encoding="utf-8")
            carried = carry_edit(base, edited, original) if edited != base else original
            (root / sibling).write_text(carried if carried is not None else original,
                                        encoding="utf-8", newline="")
    # As `python -m pytest` from the sandbox would: the copy's generator first, never the
    # installed (editable) one, which is the unmutated working tree.
    sys.path.insert(0, str(root))
    # Tests that run `python -m generator` in a subprocess from a temporary folder would import
    # the installed (unmutated) generator too: the sandbox goes first on their path as well.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(root), *filter(None, [os.environ.get("PYTHONPATH")])])
    import generator

    if not Path(generator.__file__).resolve().is_relative_to(root.resolve()):
        print(f"the tests would import the generator from {generator.__file__}", file=sys.stderr)
        return 3
    import pytest

    return int(pytest.main([*PYTEST_ARGS, *present(root, target.tests)]))


def present(root: Path, tests: tuple[str, ...]) -> list[str]:
    """The target's tests that exist under `root`, globs expanded, in the order listed."""
    found: list[str] = []
    for test in tests:
        if glob.has_magic(test):
            matches = sorted(Path(p).relative_to(root).as_posix() for p in glob.glob(str(root / test)))
        else:
            matches = [test] if (root / test.split("::")[0]).exists() else []
        found += [match for match in matches if match not in found]
    return found


# -- outside: setting up the sandbox and reading the results -----------------------------------


def project_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode("utf-8")
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def make_sandbox(sandbox: Path, target: Target) -> list[str]:
    for name in project_files():
        (sandbox / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, sandbox / name)
    sources = sources_of(sandbox, target)
    if target.renderings:
        for source in sources:
            (sandbox / PRISTINE / source).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(sandbox / source, sandbox / PRISTINE / source)
    check = python(sandbox, "-m", "generator", "check")
    if check.returncode != 0:
        raise SystemExit("generated/ is out of date: run `clientgen generate` before a mutation run")
    return sources


def python(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}  # a stale .pyc would hide a mutant
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False)


def config_text(target: Target, sources: list[str], timeout: float) -> str:
    modules = sources[:1] if target.renderings else sources
    command = shlex.join([sys.executable, "tests/mutation/run.py", "--run-tests", target.name])
    excluded = ", ".join(repr(pattern) for pattern in EXCLUDED_OPERATORS)
    return (
        "[cosmic-ray]\n"
        f"module-path = [{', '.join(repr(m) for m in modules)}]\n"
        f"timeout = {timeout:.0f}\n"
        "excluded-modules = []\n"
        f"test-command = {command!r}\n\n"
        "[cosmic-ray.distributor]\nname = \"local\"\n\n"
        "[cosmic-ray.filters.operators-filter]\n"
        f"exclude-operators = [{excluded}]\n"
    )


def earlier_survivors(log: Path, target: str) -> list[tuple[str, str, str]]:
    """(scope, operator, "before -> after") of each survivor a run printed for `target`."""
    found = []
    for line in log.read_text(encoding="utf-8").splitlines():
        match = re.match(rf"SURVIVED, [^:]+: {re.escape(target)} (\S+) \((\w+)\): (.*)$", line)
        if match:
            found.append((match[1], match[2], match[3]))
    return found


def skip_unevaluated(sandbox: Path, session: Path, only: str | None,
                     survivors: list[tuple[str, str, str]] | None = None) -> None:
    """Skip mutants in annotations that are never evaluated, outside `--only`, and (for a rerun)
    those that did not survive the earlier run."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult
    from mutation_report import annotation_spans, scope_of, scopes

    parsed: dict[str, tuple[list, list]] = {}
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item in db.pending_work_items:
            (mutation,) = item.mutations
            path = str(mutation.module_path)
            if path not in parsed:
                source = (sandbox / path).read_text(encoding="utf-8")
                parsed[path] = (annotation_spans(source), scopes(source))
            annotations, known = parsed[path]
            reason = None
            scope = scope_of(mutation.start_pos[0], known)
            if any(a <= tuple(mutation.start_pos) < b for a, b in annotations):
                reason = "in an annotation, never evaluated"
            elif only and not re.search(only, scope):
                reason = "outside --only"
            elif survivors is not None and not _survived(survivors, scope, mutation, sandbox / path):
                reason = "killed in the earlier run"
            if reason:
                db.set_result(item.job_id, WorkResult(output=reason, worker_outcome=WorkerOutcome.SKIPPED))


def _survived(survivors: list[tuple[str, str, str]], scope: str, mutation, path: Path) -> bool:
    # Matched by scope, operator and the line it changes: every occurrence on that line reruns.
    line = path.read_text(encoding="utf-8").splitlines()[mutation.start_pos[0] - 1].strip()
    operator = mutation.operator_name.removeprefix("core/")
    return any(s == scope and o == operator and change.startswith(line + " -> ")
               for s, o, change in survivors)


def cosmic_ray(sandbox: Path, *args: str) -> None:
    bindir = Path(sys.executable).parent
    tool = args[0]
    result = subprocess.run([str(bindir / tool), *args[1:]], cwd=sandbox, capture_output=True,
                            text=True, check=False,
                            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def progress(name: str, session: Path, done: threading.Event) -> None:
    while not done.wait(60):
        try:
            with sqlite3.connect(session, timeout=1) as db:
                (total,) = db.execute("select count(*) from work_items").fetchone()
                (finished,) = db.execute("select count(*) from work_results").fetchone()
            print(f"  {name}: {finished}/{total}", flush=True)
        except sqlite3.Error:
            pass


def pending(name: str, session: Path) -> list:
    from cosmic_ray.work_db import WorkDB, use_db
    from mutation_report import Mutant

    with use_db(str(session), WorkDB.Mode.open) as db:
        skipped = [Mutant(name, "", "", "", "", f"skipped: {r.output}") for _, r in db.results]
        todo = [Mutant(name, "", "", "", "", "pending") for _ in db.pending_work_items]
    return skipped + todo


def collect(name: str, sandbox: Path, session: Path) -> list:
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome
    from mutation_report import Mutant, changed_lines, scope_of, scopes

    known: dict[str, tuple[list[tuple[int, int, str]], list[str]]] = {}
    mutants = []
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item, result in db.completed_work_items:
            (mutation,) = item.mutations
            path = str(mutation.module_path)
            if path not in known:
                pristine = sandbox / PRISTINE / path
                source = (pristine if pristine.exists() else sandbox / path).read_text(encoding="utf-8")
                known[path] = (scopes(source), source.splitlines())
            found, lines = known[path]
            scope = scope_of(mutation.start_pos[0], found)
            before, after = changed_lines(result.diff or "")
            if not result.diff:  # skipped, or Cosmic Ray failed to make it: name the line
                before, after = lines[mutation.start_pos[0] - 1].strip(), ""
            if result.worker_outcome == WorkerOutcome.SKIPPED:
                outcome = f"skipped: {result.output}"
            elif result.worker_outcome == WorkerOutcome.NO_TEST:
                continue  # the operator found nothing to change at that place
            elif result.worker_outcome != WorkerOutcome.NORMAL or result.test_outcome == TestOutcome.INCOMPETENT:
                outcome = "error"
            elif result.test_outcome == TestOutcome.SURVIVED:
                outcome = "survived"
            else:
                outcome = "timeout" if result.output == "timeout" else "killed"
            operator = mutation.operator_name.removeprefix("core/")
            mutants.append(Mutant(name, scope, operator, before, after, outcome))
    return sorted(mutants, key=lambda m: (m.scope, m.before, m.after, m.operator))


def run_target(target: Target, only: str | None, count_only: bool = False, keep: bool = False,
               rerun: Path | None = None):
    from mutation_report import TargetRun

    started = time.monotonic()
    sandbox = Path(tempfile.mkdtemp(prefix=f"clientgen-mutation-{target.name}-"))
    if keep:
        print(f"  {target.name}: working in {sandbox} (kept)", flush=True)
    try:
        sources = make_sandbox(sandbox, target)
        tests = present(sandbox, target.tests)
        for missing in [test for test in target.tests if not present(sandbox, (test,))]:
            print(f"  {target.name}: nothing matches {missing}; left out", flush=True)
        clean_started = time.monotonic()
        clean = python(sandbox, "tests/mutation/run.py", "--run-tests", target.name)
        if clean.returncode != 0:
            raise SystemExit(f"{target.name}: the tests fail without any mutant:\n{clean.stdout[-3000:]}")
        clean_seconds = time.monotonic() - clean_started
        config, session = sandbox / "cosmic-ray.toml", sandbox / "session.sqlite"
        config.write_text(config_text(target, sources, max(60.0, 5 * clean_seconds)), encoding="utf-8")
        cosmic_ray(sandbox, "cosmic-ray", "init", str(config), str(session))
        cosmic_ray(sandbox, "cr-filter-operators", str(session), str(config))
        survivors = earlier_survivors(rerun, target.name) if rerun else None
        skip_unevaluated(sandbox, session, only, survivors)
        if count_only:
            return TargetRun(target.name, sources, tests, pending(target.name, session), 0.0)
        print(f"  {target.name}: mutating {', '.join(sources[:1] if target.renderings else sources)}"
              f"; the clean test run takes {clean_seconds:.1f} s", flush=True)
        done = threading.Event()
        watcher = threading.Thread(target=progress, args=(target.name, session, done), daemon=True)
        watcher.start()
        try:
            cosmic_ray(sandbox, "cosmic-ray", "exec", str(config), str(session))
        finally:
            done.set()
        mutants = collect(target.name, sandbox, session)
    finally:
        if not keep:
            shutil.rmtree(sandbox, ignore_errors=True)
    return TargetRun(target.name, sources, tests, mutants, time.monotonic() - started,
                     note="; ".join(filter(None, [f"only {only}" if only else "",
                                                  f"only the survivors in {rerun.name}" if rerun else ""])),
                     about=target.why)


def header(targets: list[Target]) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True, check=False).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True,
                           text=True, check=False).stdout.strip()
    return (f"`python tests/mutation/run.py {' '.join(t.name for t in targets)}` at {commit}"
            f"{' with uncommitted changes' if dirty else ''}, Cosmic Ray "
            f"{_version('cosmic-ray')}, on {os.cpu_count()} cores.")


def _version(distribution: str) -> str:
    from importlib.metadata import version

    return version(distribution)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET",
                        help=f"of {', '.join(BY_NAME)} (default: all)")
    parser.add_argument("--jobs", type=int, default=1, choices=(1, 2),
                        help="targets run at once (each runs its mutants one at a time)")
    parser.add_argument("--only", metavar="REGEX",
                        help="mutate only in functions whose qualified name matches")
    parser.add_argument("--report", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--keep", action="store_true",
                        help="keep each target's copy of the project and its session, to look into")
    parser.add_argument("--count", action="store_true",
                        help="set up and count the mutants of each target, run none")
    parser.add_argument("--rerun", metavar="LOG", type=Path,
                        help="mutate only what survived in an earlier run, from its printed output "
                             "(after adding tests: a full run of the runtime takes about an hour)")
    parser.add_argument("--run-tests", metavar="TARGET", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_tests:
        return run_tests(BY_NAME[args.run_tests])

    from mutation_report import load_listed, results_page, stale, unlisted

    unknown = sorted(set(args.targets) - set(BY_NAME))
    if unknown:
        parser.error(f"unknown target {', '.join(unknown)}; known: {', '.join(BY_NAME)}")
    listed = load_listed(HERE / "survivors.yaml")
    targets = [BY_NAME[name] for name in args.targets] or list(TARGETS)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        runs = list(pool.map(lambda target: run_target(target, args.only, args.count, args.keep,
                                                             args.rerun), targets))
    if args.count:
        for run in runs:
            print(f"{run.name}: {len(run.mutants)} mutants, {run.count('skipped')} of them skipped")
        return 0
    args.report.write_text(results_page(runs, listed, header(targets)), encoding="utf-8")
    for run in runs:
        score = f"{run.score:.1%}" if run.score is not None else "-"
        print(f"{run.name}: {run.count('killed', 'timeout')} killed, {run.count('survived')} "
              f"survived, {run.count('skipped')} skipped, {run.count('error')} errors; score {score}")
    for entry in stale(runs, listed):
        print(f"survivors.yaml lists a mutant that no longer survives: {entry.target} {entry.scope}: "
              f"{entry.before} -> {entry.after}")
    new = unlisted(runs, listed)
    for mutant in new:
        print(f"SURVIVED, not listed: {mutant.target} {mutant.scope} ({mutant.operator}): "
              f"{mutant.before} -> {mutant.after}")
    print(f"results: {args.report}")
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
