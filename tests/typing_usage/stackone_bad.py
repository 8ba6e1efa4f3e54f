"""StackOne calls mypy --strict must refuse; each wrong line names the error code it must get."""

# ruff: noqa: B018, F841  (unused names and bare attribute reads are what mypy is fed here)

from __future__ import annotations

from stackone_client import AsyncStackOneClient, StackOneClient


def misuse_sync() -> None:
    stackone = StackOneClient(api_key="k", account_id=1)  # expect: arg-type
    stackone.ats.get_assessments_request(42)  # expect: arg-type
    stackone.ats.get_assessments_request("o", raw="yes")  # expect: arg-type
    stackone.ats.get_assessments_request("o", proxy=["page_size"])  # expect: arg-type
    stackone.ats.get_assessments_request("o", page=2)  # expect: call-arg
    result = stackone.ats.get_assessments_request("o")
    title: str = result.data.job.title  # expect: union-attr, assignment
    result.data.candidate_name  # expect: attr-defined


async def misuse_async() -> None:
    stackone = AsyncStackOneClient(api_key="k", account_id="a")
    result = stackone.ats.get_assessments_request("o")
    result.data  # expect: attr-defined
