"""Run time of the generated clients: per-call latency against a local server next to raw httpx +
pydantic, response parse time per documented payload, and import time.

Runs inside the benchmark's clientgen venv: `python runtime_bench.py PROJECT_DIR ROUNDS CALLS`, where
PROJECT_DIR holds specs/ and generated/. Prints one JSON document on stdout.
"""

from __future__ import annotations

import ast
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import httpx

from generator.ir.parser import build_api
from generator.reading.loader import load_spec

SERVER = Path(__file__).with_name("server.py")


def _pick_operation(api: Any) -> tuple[Any, Any, Any] | None:
    """The first operation with a JSON response model and a documented example of it."""
    for resource in api.resources:
        for op in resource.operations:
            if not op.response_model:
                continue
            for example in op.response_examples:
                if example.status == op.success_status:
                    return resource, op, example
    return None


def _median_us(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1e6, 1)


def _round(call: Any, calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - start) / calls


async def _async_round(make_call: Any, calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        await make_call()
    return (time.perf_counter() - start) / calls


def _paired(raw: list[float], client: list[float]) -> tuple[float, float, float]:
    """Medians of raw, client and of their per-round difference. Rounds alternate between the
    two, so a burst of load on this shared machine hits both sides of a difference alike."""
    return _median_us(raw), _median_us(client), _median_us([c - r for r, c in zip(raw, client)])


def _time_pair(raw_call: Any, client_call: Any, calls: int, rounds: int) -> tuple[float, float, float]:
    for call in (raw_call, client_call, raw_call, client_call):
        call()
    raw, client = [], []
    for _ in range(rounds):
        raw.append(_round(raw_call, calls))
        client.append(_round(client_call, calls))
    return _paired(raw, client)


async def _async_time_pair(raw_call: Any, client_call: Any, calls: int, rounds: int) -> tuple[float, float, float]:
    for call in (raw_call, client_call, raw_call, client_call):
        await call()
    raw, client = [], []
    for _ in range(rounds):
        raw.append(await _async_round(raw_call, calls))
        client.append(await _async_round(client_call, calls))
    return _paired(raw, client)


def _prepared_call(example_call: str, scope: dict[str, Any]) -> Any:
    """The example call with its arguments evaluated once: the raw side's payload is built once
    too, so neither side is timed building its inputs."""
    call = ast.parse(example_call, mode="eval").body
    assert isinstance(call, ast.Call)
    method = eval(compile(ast.Expression(call.func), "<call>", "eval"), scope)
    args = [eval(compile(ast.Expression(a), "<arg>", "eval"), scope) for a in call.args]
    kwargs = {k.arg: eval(compile(ast.Expression(k.value), "<arg>", "eval"), scope)
              for k in call.keywords}
    return lambda: method(*args, **kwargs)


def _client_kwargs(api: Any, base_url: str) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"base_url": base_url, "max_retries": 0}
    if api.auth:
        kwargs["api_key"] = "benchmark"
    for header in api.client_headers:
        kwargs[header.python_name] = "benchmark"
    return kwargs


def latency(provider: str, api: Any, port: int, calls: int, rounds: int) -> dict[str, Any] | None:
    picked = _pick_operation(api)
    if picked is None:
        return None
    resource, op, _ = picked
    package = __import__(api.package)
    models = __import__(f"{api.package}.models", fromlist=["models"])
    model = getattr(models, op.response_model)
    base_url = f"http://127.0.0.1:{port}/p/{provider}"
    namespace = {"datetime": datetime, "date": date, "timezone": timezone,
                 **vars(models), **vars(package)}
    result: dict[str, Any] = {"operation": f"{resource.attribute}.{op.method_name}"}

    captured: list[httpx.Request] = []
    with httpx.Client(event_hooks={"request": [captured.append]}) as spy:
        spy_client = getattr(package, api.client_name + "Client")(**_client_kwargs(api, base_url), http_client=spy)
        eval(op.example_call, {**namespace, "client": spy_client})
    request = captured[-1]
    method, url, body = request.method, str(request.url), request.content
    headers = {k: v for k, v in request.headers.items() if k.lower() not in ("content-length", "host")}
    # Raw code builds its JSON body on every call too (json.dumps of the same data), as the client
    # does from its arguments; a body sent as recorded bytes would leave that cost to one side only.
    payload = json.loads(body) if body and "json" in request.headers.get("content-type", "") else None

    def raw_content() -> bytes:
        return body if payload is None else json.dumps(payload, separators=(",", ":")).encode()

    with httpx.Client() as probe:
        answer = probe.request(method, url, content=body, headers=headers)
    recorded = (answer.status_code, answer.content, answer.headers.get("content-type", ""))

    def in_process() -> httpx.MockTransport:
        """The server's answer without the server: what is left is the client's own work."""
        status, content, content_type = recorded
        return httpx.MockTransport(
            lambda request: httpx.Response(status, content=content, headers={"content-type": content_type})
        )

    client_class = getattr(package, api.client_name + "Client")
    for label, transport in (("", None), ("inproc_", in_process())):
        with httpx.Client(transport=transport) as raw, httpx.Client(transport=transport) as http, \
                client_class(**_client_kwargs(api, base_url), http_client=http) as client:
            client_call = _prepared_call(op.example_call, {**namespace, "client": client})

            def raw_call(raw: httpx.Client = raw) -> Any:
                response = raw.request(method, url, content=raw_content(), headers=headers)
                return model.model_validate_json(response.content)

            measured = _time_pair(raw_call, client_call, calls, rounds)
        result[f"{label}raw_sync_us"], result[f"{label}client_sync_us"], result[f"{label}overhead_sync_us"] = measured

    async def run_async(transport: httpx.MockTransport | None) -> tuple[float, float, float]:
        async_client_class = getattr(package, "Async" + api.client_name + "Client")
        async with httpx.AsyncClient(transport=transport) as raw_async, \
                httpx.AsyncClient(transport=transport) as http, \
                async_client_class(**_client_kwargs(api, base_url), http_client=http) as client:
            async def raw_async_call() -> Any:
                response = await raw_async.request(method, url, content=raw_content(), headers=headers)
                return model.model_validate_json(response.content)
            client_call = _prepared_call(op.example_call, {**namespace, "client": client})
            return await _async_time_pair(raw_async_call, client_call, calls, rounds)

    for label, transport in (("", None), ("inproc_", in_process())):
        measured = asyncio.run(run_async(transport))
        result[f"{label}raw_async_us"], result[f"{label}client_async_us"], result[f"{label}overhead_async_us"] = measured
    return result


def parse_times(api: Any, rounds: int) -> dict[str, Any]:
    """model_validate_json on every documented response example with a model, median µs each."""
    models = __import__(f"{api.package}.models", fromlist=["models"])
    timings = []
    sizes = []
    for resource in api.resources:
        for op in resource.operations:
            if not op.response_model:
                continue
            model = getattr(models, op.response_model)
            for example in op.response_examples:
                if example.status != op.success_status:
                    continue
                payload = eval(example.json_literal).encode()  # a plain string literal
                model.model_validate_json(payload)
                repeat = 200
                samples = []
                for _ in range(rounds):
                    start = time.perf_counter()
                    for _ in range(repeat):
                        model.model_validate_json(payload)
                    samples.append((time.perf_counter() - start) / repeat)
                timings.append(statistics.median(samples) * 1e6)
                sizes.append(len(payload))
    if not timings:
        return {"payloads": 0}
    return {"payloads": len(timings), "median_us": round(statistics.median(timings), 1),
            "max_us": round(max(timings), 1), "median_bytes": int(statistics.median(sizes))}


def import_time(package: str | None, generated: Path, rounds: int) -> float:
    """Median ms to import `package` in a fresh interpreter once httpx and pydantic are imported
    (None: the time to import httpx and pydantic themselves)."""
    probe = (
        "import time; t0 = time.perf_counter(); import httpx, pydantic; t1 = time.perf_counter()\n"
        + (f"import {package}\n" if package else "")
        + "t2 = time.perf_counter(); print((t2 - t1) if " + repr(bool(package)) + " else (t1 - t0))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in generated.iterdir() if p.is_dir())}
    samples = []
    for _ in range(rounds):
        out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                             text=True, check=True).stdout
        samples.append(float(out))
    return round(statistics.median(samples) * 1000, 1)


def main() -> None:
    project, rounds, calls = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    generated = project / "generated"
    apis = {}
    routes = {}
    for spec_path in sorted((project / "specs").iterdir()):
        provider = spec_path.stem
        api = build_api(load_spec(spec_path), provider)
        apis[provider] = api
        sys.path.insert(0, str(generated / provider))
        picked = _pick_operation(api)
        if picked:
            _, op, example = picked
            routes[provider] = {"status": op.success_status, "body": json.loads(eval(example.json_literal))}
    routes_file = Path(tempfile.mkdtemp()) / "routes.json"
    routes_file.write_text(json.dumps(routes))
    server = subprocess.Popen([sys.executable, str(SERVER), str(routes_file)],
                              stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())  # type: ignore[union-attr]
        report: dict[str, Any] = {"latency": {}, "parse": {}, "import_ms": {}}
        for provider, api in apis.items():
            found = latency(provider, api, port, calls, rounds)
            if found:
                report["latency"][provider] = found
            report["parse"][provider] = parse_times(api, rounds)
            report["import_ms"][provider] = import_time(api.package, generated, rounds)
        report["import_ms"]["httpx+pydantic"] = import_time(None, generated, rounds)
    finally:
        server.terminate()
        server.wait()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
