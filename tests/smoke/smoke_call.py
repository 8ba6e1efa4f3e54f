"""Run inside the user's venv: import one generated package and make one call against Prism.

Uses only the standard library and the package itself. Prints what the call returned, as JSON.
"""

from __future__ import annotations

import importlib
import json
import sys


def call(provider: str, base_url: str) -> object:
    package = importlib.import_module(f"{provider}_client")
    if provider == "kombo":
        client = package.KomboClient(api_key="smoke", integration_id="workday:smoke", base_url=base_url)
        return client.ats.add_candidate_result_link("cand-1", label="Report", url="https://example.com/r")
    if provider == "stackone":
        client = package.StackOneClient(api_key="smoke", account_id="acct-1", base_url=base_url)
        return client.ats.get_assessments_request("order-1", raw=True)
    if provider == "unified":
        client = package.UnifiedClient(api_key="smoke", base_url=base_url)
        return client.assessment.create_assessment_package("conn-1", type="SKILLS_TEST")
    if provider == "xobin":
        client = package.XobinClient(api_key="smoke", base_url=base_url)
        return client.assessments.get_report(482913)
    raise SystemExit(f"unknown provider {provider!r}")


if __name__ == "__main__":
    provider, base_url = sys.argv[1:]
    result = call(provider, base_url)
    module = sys.modules[f"{provider}_client"]
    print(json.dumps({
        "module_file": module.__file__,
        "result_type": f"{type(result).__module__}.{type(result).__name__}",
        "result": json.loads(result.model_dump_json()),
    }))
