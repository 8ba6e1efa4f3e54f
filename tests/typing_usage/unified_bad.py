"""Unified.to calls mypy --strict must refuse; each wrong line names the error code it must get."""

# ruff: noqa: B018, F841  (unused names and bare attribute reads are what mypy is fed here)

from __future__ import annotations

from unified_client import AssessmentParameter, AsyncUnifiedClient, UnifiedClient


def misuse_sync() -> None:
    unified = UnifiedClient(api_key="k", region=1)  # expect: arg-type
    unified.assessment.create_assessment_package("c", type="QUIZ")  # expect: call-overload
    unified.assessment.create_assessment_package("c")  # expect: call-overload
    unified.assessment.create_assessment_package("c", type_="OTHER")  # expect: call-overload
    unified.assessment.create_assessment_package("c", type="OTHER", max_score="high")  # expect: call-overload
    unified.assessment.create_assessment_package("c", type="OTHER", parameters=["level"])  # expect: call-overload
    AssessmentParameter(type="TEXT", is_required="yes")  # expect: arg-type
    package = unified.assessment.create_assessment_package("c", type="OTHER")
    score: int = package.max_score  # expect: assignment
    package.price  # expect: attr-defined


async def misuse_async() -> None:
    unified = AsyncUnifiedClient(api_key="k")
    package = await unified.assessment.create_assessment_package("c", type="OTHER")
    package.tags.append("x")  # expect: union-attr
