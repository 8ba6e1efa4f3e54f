"""Where one `clientgen generate --spec SPEC --out DIR` spends its time, stage by stage.

`python benchmarks/stages.py SPEC [--regen] [--tree DIR]` (with clientgen's venv) prints JSON: for
each stage its wall time and its CPU time (this process, and the processes it forked and waited
for: black's helper and its pool, the validator, the model generator's forked retry). Cold = an
empty cache; `--regen` first generates the spec (in a forked child, so this process starts as a
fresh command would), then adds one optional field to its first object schema and times the
regeneration of the same folder. `--tree` runs the generator of another checkout (its generator/
and templates/), to compare with an earlier commit (benchmarks/run.py --baseline).
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_started = time.perf_counter()
_started_cpu = os.times()


class Stages:
    """Wall and CPU time per stage name, summed over calls."""

    def __init__(self) -> None:
        self.totals: dict[str, dict[str, float]] = {}
        self.counts: dict[str, int] = {}

    def add(self, name: str, wall: float, cpu: float, children: float) -> None:
        total = self.totals.setdefault(name, {"wall": 0.0, "cpu": 0.0, "children_cpu": 0.0, "calls": 0})
        total["wall"] += wall
        total["cpu"] += cpu
        total["children_cpu"] += children
        total["calls"] += 1

    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def wrap(self, owner: Any, attribute: str, name: str) -> None:
        original = getattr(owner, attribute)

        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, before = time.perf_counter(), os.times()
            try:
                return original(*args, **kwargs)
            finally:
                after = os.times()
                self.add(name, time.perf_counter() - wall,
                         after.user + after.system - before.user - before.system,
                         after.children_user + after.children_system
                         - before.children_user - before.children_system)

        setattr(owner, attribute, timed)


class ChildCpu:
    """CPU time of work done in forked processes (black's workers, the validator), each process
    adding its own to a file: reaping order would otherwise credit one stage with another's child
    (a pool starting reaps the validator if it has finished)."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.main = folder, os.getpid()
        folder.mkdir(parents=True, exist_ok=True)

    def wrap(self, owner: Any, attribute: str, kind: str, with_children: bool = False) -> None:
        """`with_children`: add what the call's own reaped children spent (the model generator's
        forked retry); black's pool workers record themselves instead."""
        original = getattr(owner, attribute)

        def recorded(*args: Any, **kwargs: Any) -> Any:
            before = os.times()
            try:
                return original(*args, **kwargs)
            finally:
                if os.getpid() != self.main:
                    after = os.times()
                    spent = (_cpu(after) - _cpu(before)) if with_children else (
                        after.user + after.system - before.user - before.system)
                    with open(self.folder / f"{os.getpid()}.txt", "a", encoding="utf-8") as out:
                        out.write(f"{kind} {spent}\n")

        setattr(owner, attribute, recorded)

    def totals(self) -> dict[str, float]:
        found: dict[str, float] = {}
        for path in self.folder.glob("*.txt"):
            for line in path.read_text(encoding="utf-8").splitlines():
                kind, spent = line.rsplit(" ", 1)
                found[kind] = found.get(kind, 0.0) + float(spent)
        return found


def _cpu(times: os.times_result) -> float:
    return times.user + times.system + times.children_user + times.children_system


def _instrument(stages: Stages, children: ChildCpu) -> None:
    from generator import pipeline
    from generator.ir import parser
    from generator.models import datamodel
    from generator.rendering import format as black_format

    stages.wrap(pipeline, "generate_package", "pipeline")
    stages.wrap(pipeline, "load_spec", "load")
    stages.wrap(pipeline, "build_api", "IR")
    if hasattr(datamodel, "_generate"):  # the model generator runs in the command's helper process
        stages.wrap(datamodel, "_generate", "datamodel-code-generator")
        children.wrap(datamodel, "call_model_generator", "datamodel-code-generator", with_children=True)
    else:  # a tree from before models/model_helper.py: in this process
        stages.wrap(datamodel, "_call_model_generator", "datamodel-code-generator")
    stages.wrap(datamodel, "_run_model_generator", "models (cache, dmcg)")
    stages.wrap(parser, "polish_models", "model polish")
    stages.wrap(parser, "read_model_classes", "reading model classes")
    stages.wrap(pipeline, "render_package", "render")
    stages.wrap(pipeline, "format_files", "black")
    # The check: here in a tree from before, in black's helper now (which records its own CPU).
    check = "spec_text_problems" if hasattr(pipeline, "spec_text_problems") else "_spec_text_problems"
    stages.wrap(pipeline, check, "spec-text check")
    children.wrap(pipeline, check, "spec-text check")
    stages.wrap(pipeline, "_verify_python", "compile")
    stages.wrap(pipeline.Validation, "wait", "waiting for the validator")
    stages.wrap(black_format, "_format_all", "black (cache lookups and formatting)")
    children.wrap(black_format, "_black", "black")  # called by name in the workers
    children.wrap(pipeline.Validation, "_validate", "validator")

    # How much of black's input missed the cache: what it stores is what it formatted.
    from generator.foundation import cache

    get_many, put = cache.get_many, cache.put

    def counted_get_many(namespace: str, keys: Any) -> dict[str, str]:
        keys = list(keys)
        stages.count(f"{namespace} entries looked up", len(keys))
        return get_many(namespace, keys)

    derived: set[str] = set()  # async classes made from their sync twin's output, not by black
    # What black is given, where the tree says so: a class formatted a method at a time is
    # stored whole as well, so counting what the cache stores would count it twice.
    black_all = getattr(black_format, "_black_all", None)
    if black_all is not None:
        def counted_black_all(sources: list[str], meanwhile: Any) -> list[str]:
            stages.count("black entries computed", len(sources))
            stages.count("black lines formatted", sum(s.count("\n") for s in sources))
            return black_all(sources, meanwhile)

        black_format._black_all = counted_black_all

    def counted_put(namespace: str, key: str, value: str) -> None:
        if namespace == "black" and value in derived:
            stages.count("async lines derived from their sync twins", value.count("\n"))
        elif namespace != "black" or black_all is None:
            stages.count(f"{namespace} entries computed")
            if namespace == "black":
                stages.count("black lines formatted", value.count("\n"))
        put(namespace, key, value)

    cache.get_many, cache.put = counted_get_many, counted_put
    try:
        from generator.rendering import async_twins
    except ImportError:  # a baseline from before async classes were derived
        return
    derive = async_twins.derive

    def recorded_derive(sync_source: str, sync_formatted: str, line_length: int) -> str | None:
        output = derive(sync_source, sync_formatted, line_length)
        if output is not None:
            derived.add(output)
        return output

    async_twins.derive = recorded_derive


def _validator_cpu(spec_path: Path) -> float:
    """The validator's CPU on its own (it runs in a forked child during generation)."""
    from generator.reading.loader import load_spec
    from generator.reading.validator import validate

    spec = load_spec(spec_path)
    before = os.times()
    validate(spec)
    return _cpu(os.times()) - _cpu(before)


def _spec_copy(spec_path: Path, target: Path, new_fields: int = 0) -> None:
    """The spec as JSON (as benchmarks/run.py times regeneration), with `new_fields` optional
    string fields added to its first object schema."""
    from generator.reading.loader import load_spec

    data = load_spec(spec_path).data
    schemas = data["components"]["schemas"]
    first = next(s for s in schemas.values() if isinstance(s.get("properties"), dict))
    for k in range(1, new_fields + 1):
        first["properties"][f"benchmarkField{k}"] = {
            "type": "string", "description": f"Field {k} added by the benchmark."}
    target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _prime(spec: Path, out: Path) -> None:
    """Generate once in a forked child, which fills the cache and leaves this process as a fresh
    command would start: nothing imported beyond the command line's own modules."""
    import multiprocessing

    from generator import api

    child = multiprocessing.get_context("fork").Process(target=api.generate_to, args=(spec, out))
    child.start()
    child.join()
    if child.exitcode:
        raise SystemExit(f"priming failed with exit code {child.exitcode}")


def _use_tree(tree: Path) -> None:
    """Import `generator` from `tree` instead of the editable install of this checkout. An earlier
    tree leaves openapi-spec-validator to its own choice of backend, which is jsonschema-rs now
    that clientgen installs it: it gets jsonschema, as it did when it was the code of the day."""
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
    sys.path.insert(0, str(tree.resolve()))
    if not (tree / "tests" / "unit" / "reading" / "test_unit_fast_document_check.py").exists():
        os.environ["OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND"] = "jsonschema"


def _as_the_command_runs() -> None:
    """The process settings the `clientgen` command starts with, where the tree has them."""
    try:
        from generator.foundation import oneshot
    except ImportError:  # a tree from before foundation/oneshot.py: the interpreter's defaults
        return
    oneshot.collect_garbage_rarely()
    if hasattr(oneshot, "collect_only_within"):  # a tree from before: the collector always on
        oneshot.collect_only_within()
    try:
        from generator.rendering import black_helper
    except ImportError:  # a tree from before rendering/black_helper.py: black in this process
        return
    black_helper.enable()


def _start_model_helper() -> Callable[[], None]:
    """The model generator's helper, forked as the command forks it once its line is parsed; what
    stops it."""
    try:
        from generator.models import model_helper
    except ImportError:  # a tree from before models/model_helper.py: the model generator runs here
        return lambda: None
    model_helper.enable()
    model_helper.start()
    return model_helper.stop


def _run_exit_hooks() -> None:
    """The exit hooks the command runs as it ends (foundation/oneshot.py): they wait for black's
    helper, which keeps what it formatted in the cache after it has answered. Its CPU counts only
    once it is reaped."""
    run_exit_hooks: Callable[[], None] | None = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_hooks is not None:
        run_exit_hooks()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", type=Path)
    parser.add_argument("--regen", action="store_true", help="time a regeneration after a one-field change")
    parser.add_argument("--tree", type=Path, help="a checkout whose generator/ to run")
    args = parser.parse_args()
    if args.tree:
        _use_tree(args.tree)
    scratch = Path(tempfile.mkdtemp(prefix="clientgen-stages-"))
    os.environ["XDG_CACHE_HOME"] = str(scratch / "cache")
    try:
        from generator import api  # what the command line imports before it reads a manifest

        _as_the_command_runs()

        imported, imported_cpu = time.perf_counter() - _started, _cpu(os.times()) - _cpu(_started_cpu)
        spec = scratch / "spec.json"
        out = scratch / "out"
        _spec_copy(args.spec, spec)
        if args.regen:
            _prime(spec, out)
            _spec_copy(args.spec, spec, new_fields=1)
        stages = Stages()
        wall, before = time.perf_counter(), os.times()
        from generator import pipeline  # the model generator, black and the templates' modules

        stages.add("imports of the pipeline", time.perf_counter() - wall, _cpu(os.times()) - _cpu(before), 0.0)
        children = ChildCpu(scratch / "child-cpu")
        _instrument(stages, children)
        stop_model_helper = _start_model_helper()
        api.generate_to(spec, out)
        stop_model_helper()  # as the command does when it exits; it measured its own work
        ending, before_ending = time.perf_counter(), os.times()
        _run_exit_hooks()
        after_ending = os.times()
        stages.add("black's helper reaped", time.perf_counter() - ending, 0.0,
                   after_ending.children_user + after_ending.children_system
                   - before_ending.children_user - before_ending.children_system)
        total = {"wall": time.perf_counter() - wall, "cpu": _cpu(os.times()) - _cpu(before)}
        result = {
            "imports before the first stage": {"wall": imported, "cpu": imported_cpu},
            "total": total,
            "stages": stages.totals,
            "counts": stages.counts,
            "cpu in forked processes": children.totals(),
            "validator cpu (alone, in-process)": _validator_cpu(spec),
        }
        print(json.dumps(result, indent=1))
        del pipeline
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
