"""Unified.to calls mypy --strict must refuse; each wrong line names the error code it must get."""

# ruff: noqa: B018, F841  (unused names and bare attribute reads are what mypy is fed here)

from __future__ import annotations

from unified_client import AssessmentParameter, AsyncUnifiedClient, UnifiedClient


def misuse_sync() -> None:
    unified = UnifiedClient(api_key="k", region=1)  # expect: arg-type
    unified.assessment.create_assessment_package("c", type="QUIZ")  # expect: arg-type
    unified.assessment.create_assessment_package("c")  # expect: call-arg
    unified.assessment.create_assessment_package("c", type_="OTHER")  # expect: call-arg
    unified.assessment.create_assessment_package("c", type="OTHER", max_score="high")  # expect: arg-type
    unified.assessment.create_assessment_package("c", type="OTHER", parameters=["level"])  # expect: list-item
    unified.assessment.create_assessment_package("c", type="OTHER", workspace_id="w")  # expect: call-arg
    AssessmentParameter(type="TEXT", is_required="yes")  # expect: arg-type
    package = unified.assessment.create_assessment_package("c", type="OTHER")
    score: int = package.max_score  # expect: assignment
    package.price  # expect: attr-defined


async def misuse_async() -> None:
    unified = AsyncUnifiedClient(api_key="k")
    package = await unified.assessment.create_assessment_package("c", type="OTHER")
    package.tags.append("x")  # expect: union-attr
