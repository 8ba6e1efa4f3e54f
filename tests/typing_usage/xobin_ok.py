"""Typed use of every Xobin operation, sync and async, as a user writes it under mypy --strict."""

from __future__ import annotations

from xobin_client import AsyncXobinClient, AuthenticationError, Report, XobinClient
from xobin_client.models import Section, SkillScore


def run_sync(base_url: str) -> list[str]:
    with XobinClient(api_key="key", base_url=base_url) as xobin:
        report: Report = xobin.assessments.get_report(482913)
        status: str = report.invite_status
        sections: list[Section] = report.sections or []
        skills: list[SkillScore] = [s for section in sections for s in section.skill_wise_score or []]
        percentage: float | None = report.overall_percentage
        return [status, str(percentage), *(s.skill or "" for s in skills)]


async def run_async(base_url: str) -> list[str]:
    async with AsyncXobinClient(api_key="key", base_url=base_url) as xobin:
        outcome: list[str] = []
        try:
            await xobin.assessments.get_report(1, extra_headers={"Prefer": "code=401"})
        except AuthenticationError as error:
            outcome.append(str(error.status_code))
            if error.error is not None:  # the spec's Error model, when the body matches it
                text: str = error.error.error
                outcome.append(text)
        else:
            raise AssertionError("the server was asked for a 401: AuthenticationError must be raised")
        report: Report = await xobin.assessments.get_report(482914, timeout=5.0)
        return [*outcome, report.name]
