"""Typed use of every Unified.to operation, sync and async, as a user writes it under mypy --strict."""

from __future__ import annotations

from datetime import datetime

from unified_client import (
    AssessmentPackage,
    AssessmentPackageRegion,
    AssessmentParameter,
    AsyncUnifiedClient,
    UnifiedClient,
)


def run_sync(base_url: str) -> list[str]:
    with UnifiedClient(api_key="key", base_url=base_url) as unified:
        package: AssessmentPackage = unified.assessment.create_assessment_package(
            "connection-1",
            type="SKILLS_TEST",
            name="Python test",
            parameters=[AssessmentParameter(type="TEXT", name="Level"), {"type": "DATE"}],
            regions=[AssessmentPackageRegion(regions=["US"], cost_amount=49, currency="USD")],
            max_score=100,
            raw={"vendor": "data"},
        )
        created: datetime | None = package.created_at
        parameters: list[AssessmentParameter] = package.parameters or []
        names: list[str] = [p.name for p in parameters if p.name is not None]
        return [str(created), *names]


async def run_async(base_url: str) -> list[str]:
    async with AsyncUnifiedClient(api_key="key", base_url=base_url) as unified:
        package: AssessmentPackage = await unified.assessment.create_assessment_package(
            "connection-1", type="OTHER"
        )
        tags: list[str] | None = package.tags
        return [package.type, *(tags or [])]
