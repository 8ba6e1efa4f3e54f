"""clientgen against its peers, side by side in one run: `python3 benchmarks/run.py [--quick]`.

Sets itself up: one venv per tool under benchmarks/.venvs/ (pinned versions below; reused while the
pins stay the same), synthetic specs and scratch output under benchmarks/.work/. Prints the tables
and writes them, with the machine and every tool's version, to benchmarks/RESULTS.md.
Machines are noisy: compare the ratios within one run, not numbers across runs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENVS = HERE / ".venvs"
WORK = HERE / ".work"
RESULTS = HERE / "RESULTS.md"
REAL_SPEC = Path("..") / "shared" / "real-specs" / "kombo-openapi.json"  # relative to the repo
PROVIDERS = ("kombo", "stackone", "unified", "xobin")
SYNTHETIC = (10, 100, 1000)
HEAVY = ("kombo-real", "synthetic1000")

# The peers, pinned; openapi-python-client runs its default post-hooks (ruff check --fix, ruff format).
VENV_REQUIREMENTS = {
    "clientgen": ["-e", str(ROOT), "httpx==0.28.1"],
    "openapi-python-client": ["openapi-python-client==0.29.1", "ruff==0.17.6"],
    "dmcg-black": ["datamodel-code-generator==0.89.0", "black==26.10.1", "isort==8.0.1"],
}
VERSIONS_OF = {
    "clientgen": ["clientgen", "datamodel-code-generator", "black", "isort", "openapi-spec-validator",
                  "httpx", "pydantic"],
    "openapi-python-client": ["openapi-python-client", "ruff", "httpx", "attrs"],
    "dmcg-black": ["datamodel-code-generator", "black", "isort", "pydantic"],
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bin_dir(venv: str) -> Path:
    return VENVS / venv / ("Scripts" if os.name == "nt" else "bin")


def python_of(venv: str) -> str:
    return str(bin_dir(venv) / ("python.exe" if os.name == "nt" else "python"))


def setup_venvs() -> None:
    for name, requirements in VENV_REQUIREMENTS.items():
        marker = VENVS / name / ".benchmark-pins"
        # An editable install's console script and dependencies come from pyproject.toml: a
        # change there (the command's entry point, a pin) needs the venv made again.
        project = (ROOT / "pyproject.toml").read_text(encoding="utf-8") if "-e" in requirements else ""
        pins = hashlib.sha256(json.dumps([requirements, project]).encode()).hexdigest()
        if marker.is_file() and marker.read_text() == pins:
            continue
        log(f"setting up {VENVS.name}/{name} ...")
        shutil.rmtree(VENVS / name, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENVS / name)], check=True)
        done = subprocess.run([python_of(name), "-m", "pip", "install", "-q",
                               "--disable-pip-version-check", *requirements],
                              capture_output=True, text=True, check=False)
        if done.returncode:
            raise SystemExit(f"pip install failed for {name}:\n{done.stdout}{done.stderr}")
        marker.write_text(pins)
    # Byte-compiled as an install from a wheel is (pip compiles what it installs): the editable
    # checkout would otherwise compile clientgen's own modules on every run where writing bytecode
    # is turned off (PYTHONDONTWRITEBYTECODE), about 0.12 s that no user pays.
    for name in VENV_REQUIREMENTS:
        subprocess.run([python_of(name), "-m", "compileall", "-q", str(VENVS / name)],
                       capture_output=True, check=False)
    subprocess.run([python_of("clientgen"), "-m", "compileall", "-q", str(ROOT / "generator")],
                   capture_output=True, check=False)


def tool_versions() -> dict[str, dict[str, str]]:
    versions = {}
    for venv, names in VERSIONS_OF.items():
        probe = ("import json, importlib.metadata as m; "
                 f"print(json.dumps({{n: m.version(n) for n in {names!r}}}))")
        out = subprocess.run([python_of(venv), "-c", probe], capture_output=True, text=True, check=True)
        versions[venv] = json.loads(out.stdout)
    return versions


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    return {"cpu": cpu, "cores": f"{usable} usable of {os.cpu_count()}",
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version()}


class Timer:
    """Wall time of commands; a failing command is recorded as None."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    def run(self, label: str, command: list[str], env: dict[str, str] | None = None,
            cwd: Path | None = None) -> float | None:
        start = time.perf_counter()
        done = subprocess.run(command, env={**os.environ, **(env or {})}, cwd=cwd,
                              capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            self.failures.append(f"{label}: exit {done.returncode}: {' | '.join(tail)}")
            return None
        return elapsed


def median(samples: list[float | None]) -> float | None:
    values = [s for s in samples if s is not None]
    return statistics.median(values) if values else None


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def clientgen(*args: str) -> list[str]:
    return [str(bin_dir("clientgen") / "clientgen"), *args]


def oapc_command(spec: Path, out: Path) -> list[str]:
    return [str(bin_dir("openapi-python-client") / "openapi-python-client"), "generate",
            "--path", str(spec), "--output-path", str(out), "--overwrite"]


def dmcg_command(spec: Path, out: Path) -> list[str]:
    return [str(bin_dir("dmcg-black") / "datamodel-codegen"), "--input", str(spec),
            "--input-file-type", "openapi", "--output", str(out / "models.py"),
            "--output-model-type", "pydantic_v2.BaseModel", "--formatters", "black", "isort"]


OAPC_ENV = {"PATH": f"{bin_dir('openapi-python-client')}{os.pathsep}{os.environ.get('PATH', '')}"}


def count_operations(specs: dict[str, Path]) -> dict[str, int]:
    probe = (
        "import json, sys\nfrom pathlib import Path\nfrom generator.reading.loader import load_spec\n"
        "methods = {'get','put','post','delete','options','head','patch','trace'}\n"
        "print(json.dumps({n: sum(len(set(i) & methods) for i in load_spec(Path(p)).data"
        "['paths'].values()) for n, p in json.loads(sys.argv[1]).items()}))"
    )
    out = subprocess.run([python_of("clientgen"), "-c", probe,
                          json.dumps({n: str(p) for n, p in specs.items()})],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


def bench_generation(timer: Timer, specs: dict[str, Path], runs: int) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for name, spec in specs.items():
        n = runs if name not in HEAVY else max(1, min(runs, 2))  # keeps the suite near 15 min
        log(f"generation: {name} ({n} run(s) each)")
        out = WORK / "out" / name
        samples: dict[str, list[float | None]] = {k: [] for k in
                                                  ("cold", "warm", "oapc", "dmcg")}
        warm_cache = fresh(WORK / "cache-warm" / name)
        timer.run(f"{name} clientgen prime", clientgen("generate", "--spec", str(spec), "--out",
                  str(fresh(out / "prime"))), {"XDG_CACHE_HOME": str(warm_cache)})
        for i in range(n):
            cold_cache = fresh(WORK / "cache-cold" / name)
            samples["cold"].append(timer.run(
                f"{name} clientgen cold", clientgen("generate", "--spec", str(spec), "--out",
                                                    str(fresh(out / "cold"))),
                {"XDG_CACHE_HOME": str(cold_cache)}))
            samples["oapc"].append(timer.run(f"{name} openapi-python-client",
                                             oapc_command(spec, fresh(out / "oapc")), OAPC_ENV))
            fresh(out / "dmcg").mkdir()
            samples["dmcg"].append(timer.run(f"{name} datamodel-codegen",
                                             dmcg_command(spec, out / "dmcg")))
            samples["warm"].append(timer.run(
                f"{name} clientgen warm", clientgen("generate", "--spec", str(spec), "--out",
                                                    str(fresh(out / "warm"))),
                {"XDG_CACHE_HOME": str(warm_cache)}))
        results[name] = {k: median(v) for k, v in samples.items()} | {"runs": n}
    return results


def _write_json_spec(data: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _spec_data(spec: Path) -> dict[str, Any]:
    probe = ("import json, sys\nfrom pathlib import Path\nfrom generator.reading.loader import load_spec\n"
             "print(json.dumps(load_spec(Path(sys.argv[1])).data, ensure_ascii=False))")
    out = subprocess.run([python_of("clientgen"), "-c", probe, str(spec)], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


def _with_fields(data: dict[str, Any], count: int) -> dict[str, Any]:
    """`data` with `count` new optional string fields on its first object schema."""
    changed = json.loads(json.dumps(data))
    schemas = changed["components"]["schemas"]
    target = next(s for s in schemas.values() if isinstance(s.get("properties"), dict))
    for k in range(1, count + 1):
        target["properties"][f"benchmarkField{k}"] = {
            "type": "string", "description": f"Field {k} added by the benchmark."}
    return changed


def bench_regeneration(timer: Timer, specs: dict[str, Path], runs: int) -> dict[str, dict[str, Any]]:
    results = {}
    for name, spec in specs.items():
        log(f"regeneration after a one-field change: {name} ({runs} run(s))")
        data = _spec_data(spec)
        folder = fresh(WORK / "regen" / name)
        spec_copy = _write_json_spec(data, folder / f"{name}.json")
        cache = folder / "cache"
        env = {"XDG_CACHE_HOME": str(cache)}
        timer.run(f"{name} regen prime clientgen",
                  clientgen("generate", "--spec", str(spec_copy), "--out", str(folder / "c")), env)
        timer.run(f"{name} regen prime oapc", oapc_command(spec_copy, folder / "o"), OAPC_ENV)
        ours: list[float | None] = []
        theirs: list[float | None] = []
        for k in range(1, runs + 1):
            _write_json_spec(_with_fields(data, k), spec_copy)
            ours.append(timer.run(f"{name} regen clientgen", clientgen(
                "generate", "--spec", str(spec_copy), "--out", str(folder / "c")), env))
            theirs.append(timer.run(f"{name} regen oapc", oapc_command(spec_copy, folder / "o"),
                                    OAPC_ENV))
        results[name] = {"clientgen": median(ours), "oapc": median(theirs)}
    return results


def bench_noop(timer: Timer, project: Path, runs: int) -> dict[str, float | None]:
    log(f"no-op generate and check on the four specs ({runs} run(s))")
    env = {"XDG_CACHE_HOME": str(WORK / "cache-project")}
    generate = [timer.run("no-op generate", clientgen("--root", str(project), "generate"), env)
                for _ in range(runs)]
    check = [timer.run("no-op check", clientgen("--root", str(project), "check"), env)
             for _ in range(runs)]
    return {"generate": median(generate), "check": median(check)}


def prepare_project() -> Path:
    project = fresh(WORK / "project")
    (project / "specs").mkdir(parents=True)
    for provider in PROVIDERS:
        shutil.copy(ROOT / "specs" / f"{provider}.yaml", project / "specs")
    done = subprocess.run(clientgen("--root", str(project), "generate"), capture_output=True,
                          text=True, env={**os.environ, "XDG_CACHE_HOME": str(WORK / "cache-project")},
                          check=False)
    if done.returncode:
        raise SystemExit(f"clientgen generate failed:\n{done.stderr}")
    return project


def bench_runtime(project: Path, rounds: int, calls: int) -> dict[str, Any]:
    log(f"run time: latency ({rounds} x {calls} calls), parse and import")
    out = subprocess.run([python_of("clientgen"), str(HERE / "runtime_bench.py"), str(project),
                          str(rounds), str(calls)], capture_output=True, text=True, cwd=ROOT,
                         check=False)
    if out.returncode:
        raise SystemExit(f"runtime benchmark failed:\n{out.stderr}")
    return json.loads(out.stdout)


def baseline_tree(ref: str) -> Path:
    """The generator and templates of git ref `ref`, unpacked under .work/ for stages.py --tree."""
    commit = subprocess.run(["git", "rev-parse", "--short", ref], capture_output=True, text=True,
                            cwd=ROOT, check=True).stdout.strip()
    tree = WORK / "baseline" / commit
    if not (tree / "generator").is_dir():
        fresh(tree).mkdir()
        archive = subprocess.run(["git", "archive", commit, "generator", "templates"],
                                 capture_output=True, cwd=ROOT, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def _stage_run(spec: Path, regen: bool, tree: Path | None) -> dict[str, Any] | None:
    command = [python_of("clientgen"), str(HERE / "stages.py"), str(spec)]
    command += ["--regen"] if regen else []
    command += ["--tree", str(tree)] if tree else []
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode:
        log(f"stages.py failed: {done.stderr.strip().splitlines()[-1:]}")
        return None
    return json.loads(done.stdout)


def bench_stages(spec: Path, runs: int, baseline: Path | None) -> dict[str, Any]:
    """Stage breakdowns of a cold run and of a one-field regeneration of `spec`, now and (with a
    baseline) at the baseline commit, runs alternating between the two."""
    results: dict[str, Any] = {}
    for mode in ("cold", "regen"):
        log(f"stages: {spec.name} {mode} ({runs} run(s){' each, with the baseline' if baseline else ''})")
        samples: dict[str, list[dict[str, Any]]] = {"now": [], "baseline": []}
        for _ in range(runs):
            if baseline is not None:
                samples["baseline"].append(_stage_run(spec, mode == "regen", baseline) or {})
            samples["now"].append(_stage_run(spec, mode == "regen", None) or {})
        results[mode] = {k: _median_stages([r for r in v if r]) for k, v in samples.items() if v}
    return results


BLACK_ROW = "black (helper process and its pool; baseline: a pool)"
# (label, stage in stages.py's JSON); the IR's rows under it, "rest" rows computed below.
# Stages whose CPU is spent in forked processes, each with the kind those processes record.
_FORKED_KINDS = {
    "black": "black", "datamodel-code-generator": "datamodel-code-generator",
    "waiting for the validator": "validator", "spec-text check": "spec-text check",
}
STAGE_ROWS = [
    ("start and command-line imports", "imports before the first stage"),
    ("imports of the pipeline (model generator, black, Jinja)", "imports of the pipeline"),
    ("load", "load"),
    ("IR", "IR"),
    ("- datamodel-code-generator", "datamodel-code-generator"),
    ("- model polish", "model polish"),
    ("- reading model classes", "reading model classes"),
    ("- rest of the IR", None),
    ("render", "render"),
    (BLACK_ROW, "black"),
    ("- spec-text check (beside black)", "spec-text check"),
    ("validator (forked child; wall = waited for)", "waiting for the validator"),
    ("compile", "compile"),
    ("manifest, surface, changelog, writing, exit", None),
    ("total", "total"),
]


def _median_stages(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Per row: median wall and CPU (this process plus its children) over `runs`."""
    if not runs:
        return {}

    def row(run: dict[str, Any], key: str | None, label: str) -> tuple[float, float]:
        stages = run["stages"]
        if key == "total":
            return run["total"]["wall"], run["total"]["cpu"]
        if key == "imports before the first stage":
            return run[key]["wall"], run[key]["cpu"]
        forked = run.get("cpu in forked processes", {})
        if key in _FORKED_KINDS:
            # What the forked processes measured themselves: reaping credits one stage with
            # another's child (black's pool, starting, reaps a finished validator).
            stage = stages.get(key, {})
            own = stage.get("cpu", 0.0) if key != "waiting for the validator" else 0.0
            return stage.get("wall", 0.0), own + forked.get(_FORKED_KINDS[key], 0.0)
        if key is not None:
            stage = stages.get(key, {})
            # The model generator's helper is reaped only as the command ends: the stages that
            # wait for its models are credited with what it measured itself.
            helper = forked.get("datamodel-code-generator", 0.0) if key in ("IR", "pipeline") else 0.0
            # black's helper, reaped as the command ends, worked for the pipeline.
            if key == "pipeline":
                helper += stages.get("black's helper reaped", {}).get("children_cpu", 0.0)
            return stage.get("wall", 0.0), stage.get("cpu", 0.0) + stage.get("children_cpu", 0.0) + helper
        if label == "- rest of the IR":
            parts = [row(run, k, "") for k in ("IR", "datamodel-code-generator", "model polish",
                                              "reading model classes")]
            return parts[0][0] - sum(p[0] for p in parts[1:]), parts[0][1] - sum(p[1] for p in parts[1:])
        total, pipeline = row(run, "total", ""), row(run, "pipeline", "")
        imports = row(run, "imports of the pipeline", "")
        return total[0] - pipeline[0] - imports[0], total[1] - pipeline[1] - imports[1]

    out: dict[str, Any] = {"rows": {}}
    for label, key in [*STAGE_ROWS, ("pipeline", "pipeline")]:
        values = [row(run, key, label) for run in runs]
        out["rows"][label] = (statistics.median(v[0] for v in values),
                              statistics.median(v[1] for v in values))
    counts = runs[0]["counts"]
    out["black"] = (counts.get("black entries computed", 0), counts.get("black lines formatted", 0),
                    counts.get("async lines derived from their sync twins", 0))
    out["validator_alone"] = statistics.median(r["validator cpu (alone, in-process)"] for r in runs)
    out["runs"] = len(runs)
    return out


def _s(value: float | None) -> str:
    return "fail" if value is None else f"{value:.2f}"


def _ratio(slow: float | None, fast: float | None) -> str:
    return "-" if not slow or not fast else f"{slow / fast:.1f}x"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def report(args: argparse.Namespace, info: dict[str, Any]) -> str:
    gen, ops, regen, noop, rt = (info["generation"], info["operations"], info["regeneration"],
                                 info["noop"], info["runtime"])
    out = ["# Benchmarks", ""]
    out.append(f"`python3 benchmarks/run.py{' --quick' if args.quick else ''}` "
               f"(medians of {args.runs} run(s) unless noted; seconds unless noted).")
    out.append("Machines are noisy: compare ratios within this run, not numbers across runs.")
    out += ["", "## Machine", ""]
    m = info["machine"]
    out.append(_table(["cpu", "cores", "os", "python"], [[m["cpu"], m["cores"], m["os"], m["python"]]]))
    out += ["", "Tool versions, per benchmark venv:", ""]
    for venv, versions in info["versions"].items():
        out.append(f"- {venv}: " + ", ".join(f"{n} {v}" for n, v in versions.items()))

    out += ["", "## Generation (cold = empty cache, warm = cache filled by an earlier run)", ""]
    rows = []
    for name, r in gen.items():
        rows.append([name, str(ops[name]), _s(r["cold"]), _s(r["warm"]), _s(r["oapc"]),
                     _s(r["dmcg"]), _ratio(r["oapc"], r["cold"]), _ratio(r["oapc"], r["warm"]),
                     str(r["runs"])])
    out.append(_table(["spec", "ops", "clientgen cold", "clientgen warm",
                       "openapi-python-client (+ruff hooks)", "datamodel-codegen + black (models)",
                       "oapc / clientgen cold", "oapc / clientgen warm", "runs"], rows))

    synth = [n for n in gen if n.startswith("synthetic")]
    if synth:
        out += ["", "## Cost per operation (synthetic specs; ms per operation)", ""]
        rows = []
        for name in synth:
            r, n = gen[name], ops[name]
            per = [("fail" if r[k] is None else f"{r[k] * 1000 / n:.1f}")
                   for k in ("cold", "warm", "oapc", "dmcg")]
            rows.append([name, str(n), *per])
        out.append(_table(["spec", "ops", "clientgen cold", "clientgen warm",
                           "openapi-python-client", "datamodel-codegen + black"], rows))

    out += ["", "## Regeneration after a one-field change (an optional field added to a schema)", ""]
    out.append(_table(["spec", "clientgen", "openapi-python-client", "oapc / clientgen"],
                      [[n, _s(r["clientgen"]), _s(r["oapc"]), _ratio(r["oapc"], r["clientgen"])]
                       for n, r in regen.items()]))
    for mode, title in (("cold", "a cold run"), ("regen", "a regeneration after a one-field change")):
        result = info.get("stages", {}).get(mode)
        if not result or not result.get("now"):
            continue
        now, before = result["now"], result.get("baseline")
        out += ["", f"## Where the time goes: {title} of {info['stages_spec']}, stage by stage", ""]
        if mode == "cold":
            out.append("`benchmarks/stages.py` in-process: wall seconds, and CPU seconds of this process "
                       "plus the processes it forked and waited for (black's helper and its pool, the "
                       "validator, the model generator's forked retry). Stages run side by side, so wall "
                       "times overlap: the validator runs beside the IR and black, the spec-text check "
                       "beside black. On a shared machine compare CPU more than wall.")
            out.append("")
        header = ["stage"]
        if before:
            header += [f"before wall ({info['baseline']})", "before CPU"]
        header += ["now wall", "now CPU"]
        rows = []
        for label, _ in STAGE_ROWS:
            row = [label]
            for result_of in ([before] if before else []) + [now]:
                wall, cpu = result_of["rows"][label]
                row += [f"{wall:.2f}", f"{cpu:.2f}"]
            rows.append(row)
        out.append(_table(header, rows))
        notes = [("now", now)] + ([("before", before)] if before else [])
        out.append("")
        out.append("; ".join(
            f"{name}: black formatted {r['black'][0]} pieces ({r['black'][1]} lines; "
            f"{r['black'][2] if len(r['black']) > 2 else 0} lines of async classes derived from "
            "their sync twins), the validator "
            f"alone takes {r['validator_alone']:.2f} s CPU, {r['runs']} run(s)" for name, r in notes) + ".")
    out += ["", "## No-op runs on the four provider specs", ""]
    out.append(_table(["command", "seconds"], [["clientgen generate", _s(noop["generate"])],
                                               ["clientgen check", _s(noop["check"])]]))

    out += ["", "## Per-call latency against a local server on 127.0.0.1 (µs per call)", ""]
    out.append("Raw = httpx making the same request (same method, URL, headers, body; a JSON body "
               "built with `json.dumps` from the same data on every call) and parsing the answer "
               "with the same pydantic model's `model_validate_json`. The client's side includes "
               "validating its arguments and serializing the body.")
    out.append("")
    out.append("Rounds alternate between raw and client; overhead is the median of the per-round "
               "differences. In-process: the same recorded answer served by `httpx.MockTransport`, "
               "so the overhead is the client's own work without the loopback's noise.")
    out.append("")
    rows = []
    for provider, r in rt["latency"].items():
        rows.append([provider, f"`{r['operation']}`", str(r["raw_sync_us"]), str(r["client_sync_us"]),
                     f"{r['overhead_sync_us']:+.1f}", str(r["raw_async_us"]),
                     str(r["client_async_us"]), f"{r['overhead_async_us']:+.1f}",
                     f"{r['inproc_overhead_sync_us']:+.1f}", f"{r['inproc_overhead_async_us']:+.1f}"])
    out.append(_table(["provider", "operation", "raw sync", "client sync", "overhead sync",
                       "raw async", "client async", "overhead async",
                       "overhead in-process sync", "overhead in-process async"], rows))
    out += ["", "## Response parse time (`model_validate_json` on the spec's response examples)", ""]
    out.append(_table(["provider", "payloads", "median µs", "max µs", "median bytes"],
                      [[p, str(r["payloads"]), str(r.get("median_us", "-")), str(r.get("max_us", "-")),
                        str(r.get("median_bytes", "-"))] for p, r in rt["parse"].items()]))
    base = rt["import_ms"]["httpx+pydantic"]
    out += ["", "## Import time (fresh interpreter; ms on top of importing httpx and pydantic)", ""]
    out.append(_table(["package", "ms"], [[p, str(v)] for p, v in rt["import_ms"].items()
                                           if p != "httpx+pydantic"]
                      + [["(httpx + pydantic themselves)", str(base)]]))

    out += ["", "## Targets", ""]
    out += targets(info)
    if info["failures"]:
        out += ["", "## Failures", ""] + [f"- {f}" for f in info["failures"]]
    return "\n".join(out) + "\n"


def _cpu_floor(stages: dict[str, Any], cores: int) -> str:
    """What a run's own stage numbers say it cannot go below."""
    rows = stages["rows"]
    dmcg, black = rows["- datamodel-code-generator"][1], rows[BLACK_ROW][1]
    validator, total = rows["validator (forked child; wall = waited for)"][1], rows["total"][1]
    serial = sum(rows[label][0] for label in (
        "start and command-line imports", "imports of the pipeline (model generator, black, Jinja)", "IR"))
    return (f"the run needs {total:.1f} s of CPU (datamodel-code-generator {dmcg:.1f}, black {black:.1f}, "
            f"the validator {validator:.1f}, the rest {total - dmcg - black - validator:.1f}), so no "
            f"schedule on {cores} cores ends before {total / cores:.1f} s; and the model generator runs "
            f"in one process before anything can be rendered ({serial:.1f} s from the start to the IR)")


def _without_black(gen: dict[str, Any], regen: dict[str, Any], regen_floor: dict[str, Any] | None,
                   cold_floor: dict[str, Any]) -> str:
    """What a regeneration of Kombo's full spec (all a cold run does but black's formatting of
    the whole package) says is left for black in a cold run."""
    again, cold = regen.get("kombo-real"), gen["kombo-real"]
    if not (again and again["clientgen"] and again["oapc"] and regen_floor):
        return ""
    left = cold["oapc"] - again["clientgen"]
    return (f". A regeneration of it runs the model generator, the validator and the IR over the whole "
            f"spec as a cold run does, but black on {regen_floor['black'][0]} pieces: it took "
            f"{again['clientgen']:.2f} s (openapi-python-client {again['oapc']:.2f} s), so black's "
            f"formatting after the models would have to fit in "
            + (f"the {left:.2f} s left" if left > 0 else "no time at all")
            + f", where black takes {cold_floor['rows'][BLACK_ROW][1]:.1f} s of CPU (part of it ahead, "
            f"while the model generator runs). What it would take: a model generator or a black that "
            f"does less work, or fewer lines for black")


def targets(info: dict[str, Any]) -> list[str]:
    gen, regen, noop, rt = info["generation"], info["regeneration"], info["noop"], info["runtime"]
    stages = info.get("stages", {})
    cores = int(info["machine"]["cores"].split()[0])
    lines = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    def now(mode: str) -> dict[str, Any] | None:
        return stages.get(mode, {}).get("now") or None

    regen_ok = [n for n, r in regen.items() if r["clientgen"] and r["oapc"] and r["clientgen"] < r["oapc"]]
    lines.append(f"- regeneration after a one-field change faster than openapi-python-client on every "
                 f"spec: {verdict(len(regen_ok) == len(regen))} ({len(regen_ok)} of {len(regen)}"
                 f"{': ' + ', '.join(regen_ok) if regen_ok else ''})")
    regen_floor = now("regen")
    if "kombo-real" in regen and "kombo-real" not in regen_ok and regen_floor:
        rows = regen_floor["rows"]
        lines.append(f"  - kombo-real: {_cpu_floor(regen_floor, cores)}. Whatever one field changes, the "
                     f"model generator runs over every schema ({rows['- datamodel-code-generator'][1]:.1f} s "
                     f"CPU) and the validator over the whole document "
                     f"({rows['validator (forked child; wall = waited for)'][1]:.1f} s); black formats only "
                     f"the {regen_floor['black'][0]} changed pieces ({regen_floor['black'][1]} lines). "
                     f"What it would take: a model step and a validator that redo only the changed schemas")
    small_regen = [n for n in regen if n not in regen_ok and n != "kombo-real"]
    if small_regen:
        lines.append(f"  - {', '.join(small_regen)}: " + "; ".join(
            f"{n} {regen[n]['clientgen']:.2f} s against {regen[n]['oapc']:.2f} s"
            + (f", while datamodel-codegen + black on the models alone take {gen[n]['dmcg']:.2f} s"
               if n in gen and gen[n]["dmcg"] else "") for n in small_regen)
            + " (a fresh process pays the model generator's own imports"
            + (f", {info['model_generator_import']:.2f} s," if info.get("model_generator_import") else "")
            + " before it reads a schema)")

    heavy = [n for n in ("kombo-real", "synthetic1000") if n in gen]
    heavy_ok = [n for n in heavy if gen[n]["cold"] and gen[n]["oapc"] and gen[n]["cold"] <= gen[n]["oapc"]]
    if heavy:
        lines.append(f"- cold generation no slower than openapi-python-client on the full Kombo spec and "
                     f"the 1,000-operation spec: {verdict(len(heavy_ok) == len(heavy))} (oapc / clientgen: "
                     + ", ".join(f"{n} {_ratio(gen[n]['oapc'], gen[n]['cold'])}" for n in heavy) + ")")
    cold_floor = now("cold")
    if "kombo-real" in heavy and "kombo-real" not in heavy_ok and cold_floor:
        lines.append(f"  - kombo-real: {_cpu_floor(cold_floor, cores)}; openapi-python-client took "
                     f"{gen['kombo-real']['oapc']:.2f} s" + _without_black(gen, regen, regen_floor, cold_floor))
    if "synthetic1000" in heavy and "synthetic1000" not in heavy_ok and gen["synthetic1000"]["dmcg"]:
        r = gen["synthetic1000"]
        lines.append(f"  - synthetic1000: datamodel-codegen + black on the models alone take {r['dmcg']:.2f} s "
                     f"of openapi-python-client's {r['oapc']:.2f} s; the client module is black's "
                     f"larger part (see the kombo-real breakdown)")
    small = [n for n in PROVIDERS if n in gen]
    small_ok = [n for n in small if gen[n]["cold"] and gen[n]["oapc"] and gen[n]["cold"] <= 1.5 * gen[n]["oapc"]]
    lines.append(f"- cold generation within 1.5x of openapi-python-client on the provider specs: "
                 f"{verdict(len(small_ok) == len(small))} (" + ", ".join(
                     f"{n} {gen[n]['cold'] / gen[n]['oapc']:.1f}x its time" for n in small
                     if gen[n]["cold"] and gen[n]["oapc"]) + ")")
    warm_ok = [n for n, r in gen.items() if r["warm"] and r["oapc"] and r["oapc"] >= 3 * r["warm"]]
    warm_ratios = ", ".join(f"{n} {_ratio(r['oapc'], r['warm'])}" for n, r in gen.items())
    lines.append(f"- warm generation at least 3x faster than openapi-python-client: "
                 f"{verdict(len(warm_ok) == len(gen))} ({len(warm_ok)} of {len(gen)}: {warm_ratios})")
    lines.append(f"- no-op generate and check under 0.5 s: "
                 f"{verdict(all(v is not None and v < 0.5 for v in noop.values()))}")
    overheads = [r[f"inproc_overhead_{m}_us"] for r in rt["latency"].values() for m in ("sync", "async")]
    loopback = [r[f"overhead_{m}_us"] for r in rt["latency"].values() for m in ("sync", "async")]
    if overheads:
        lines.append(f"- per-call overhead < 50 µs over raw httpx + pydantic: "
                     f"{verdict(max(overheads) < 50)} (worst {max(overheads):.1f} µs in-process; "
                     f"over loopback the worst median difference was {max(loopback):.1f} µs)")
    imports = [v for p, v in rt["import_ms"].items() if p != "httpx+pydantic"]
    if imports:
        lines.append(f"- import < 150 ms on top of httpx + pydantic: {verdict(max(imports) < 150)} "
                     f"(worst {max(imports):.1f} ms)")
    lines.append("- output byte-identical to black's own and to the model generator's public path: "
                 "checked by tests, not timed here (tests/unit/rendering/test_unit_black_form.py, "
                 "tests/unit/models/test_unit_collapse_retry.py)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run in about a minute: small specs, one run each")
    parser.add_argument("--runs", type=int, help="runs per measurement (default 3, quick 1)")
    parser.add_argument("--baseline", metavar="GIT_REF",
                        help="also break down where the time goes at this commit, for comparison")
    parser.add_argument("--stages-only", action="store_true",
                        help="redo only the stage breakdowns, keeping the last run's other numbers")
    parser.add_argument("--runtime-only", action="store_true",
                        help="redo only the generated clients' latency, parse and import times")
    args = parser.parse_args()
    args.runs = args.runs or (1 if args.quick else 3)
    # Every tool runs as on a user's machine, reading the bytecode compiled at setup.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    saved = WORK / ("results-quick.json" if args.quick else "results.json")
    if args.stages_only:
        info = json.loads(saved.read_text(encoding="utf-8"))
        stage_spec = (ROOT / REAL_SPEC).resolve() if info["stages_spec"] != "kombo" else ROOT / "specs" / "kombo.yaml"
        info["baseline"] = args.baseline
        info["stages"] = bench_stages(stage_spec, 1 if args.quick else 2,
                                      baseline_tree(args.baseline) if args.baseline else None)
        finish(args, info, saved)
        return
    if args.runtime_only:
        info = json.loads(saved.read_text(encoding="utf-8"))
        info["runtime"] = bench_runtime(prepare_project(), 3 if args.quick else 7,
                                        200 if args.quick else 1000)
        finish(args, info, saved)
        return

    setup_venvs()
    WORK.mkdir(exist_ok=True)
    specs: dict[str, Path] = {p: ROOT / "specs" / f"{p}.yaml" for p in PROVIDERS}
    real = (ROOT / REAL_SPEC).resolve()
    if not args.quick and real.is_file():
        specs["kombo-real"] = real
    sys.path.insert(0, str(HERE))
    from synth import write_spec

    for size in (SYNTHETIC[:1] if args.quick else SYNTHETIC):
        specs[f"synthetic{size}"] = write_spec(size, WORK / "specs")
    if args.quick:
        specs = {n: specs[n] for n in ("kombo", "synthetic10")}

    timer = Timer()
    info: dict[str, Any] = {"machine": machine(), "versions": tool_versions()}
    info["operations"] = count_operations(specs)
    info["generation"] = bench_generation(timer, specs, args.runs)
    regen_specs = {n: specs[n] for n in ("kombo", "kombo-real", "synthetic100") if n in specs}
    info["regeneration"] = bench_regeneration(timer, regen_specs, max(args.runs, 2))
    info["model_generator_import"] = model_generator_import()
    project = prepare_project()
    info["noop"] = bench_noop(timer, project, max(args.runs, 3))
    info["runtime"] = bench_runtime(project, 3 if args.quick else 7, 200 if args.quick else 1000)
    stage_spec = specs.get("kombo-real") or specs["kombo"]
    info["stages_spec"] = "Kombo's full spec" if "kombo-real" in specs else "kombo"
    info["baseline"] = args.baseline
    info["stages"] = bench_stages(stage_spec, 1 if args.quick else 2,
                                  baseline_tree(args.baseline) if args.baseline else None)
    info["failures"] = timer.failures
    finish(args, info, saved)


def model_generator_import(runs: int = 3) -> float:
    """Median seconds a fresh interpreter of the clientgen venv takes to import what the model
    generator needs before it reads a schema (its parser, model types and isort)."""
    probe = ("import time; t = time.perf_counter(); import datamodel_code_generator.parser.openapi, "
             "datamodel_code_generator.model.pydantic_v2, isort; print(time.perf_counter() - t)")
    return median([float(subprocess.run([python_of("clientgen"), "-c", probe], capture_output=True,
                                        text=True, check=True).stdout) for _ in range(runs)]) or 0.0


def finish(args: argparse.Namespace, info: dict[str, Any], saved: Path) -> None:
    saved.write_text(json.dumps(info), encoding="utf-8")
    text = report(args, info)
    print(text)
    # A smoke run never replaces the full results the README links.
    target = WORK / "RESULTS-quick.md" if args.quick else RESULTS
    target.write_text(text, encoding="utf-8")
    log(f"written {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
