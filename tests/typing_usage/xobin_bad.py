"""Xobin calls mypy --strict must refuse; each wrong line names the error code it must get."""

# ruff: noqa: B018, F841  (unused names and bare attribute reads are what mypy is fed here)

from __future__ import annotations

from xobin_client import AsyncXobinClient, NotFoundError, XobinClient


def misuse_sync() -> None:
    xobin = XobinClient(api_key="k", timeout="slow")  # expect: arg-type
    xobin.assessments.get_report("482913")  # expect: arg-type
    xobin.assessments.get_report()  # expect: call-arg
    xobin.assessments.get_report(1, report_id=2)  # expect: misc
    report = xobin.assessments.get_report(1)
    candidate: str = report.candidate_id  # expect: assignment
    report.score  # expect: attr-defined
    for section in report.sections:  # expect: union-attr
        pass
    try:
        xobin.assessments.get_report(2)
    except NotFoundError as error:
        if error.error is not None:
            error.error.message  # expect: attr-defined


async def misuse_async() -> None:
    xobin = AsyncXobinClient(api_key="k")
    report = await xobin.assessments.get_report(1)
    report.invite_status + 1  # expect: operator
