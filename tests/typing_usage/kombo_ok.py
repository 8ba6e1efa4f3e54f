"""Typed use of every Kombo operation, sync and async, as a user writes it under mypy --strict."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Literal

from kombo_client import (
    AsyncKomboClient,
    Attachment,
    AttributeSubResult,
    AttributeText,
    ConflictError,
    KomboClient,
    ResultLinkDetails,
    SuccessResponse,
    WarningModel,
)

ATTRIBUTES: list[AttributeText | AttributeSubResult | dict[str, Any]] = [
    AttributeText(type="TEXT", label="Role fit", value="Excellent"),
    {"type": "SUB_RESULT", "id": "t-1", "label": "Python", "score": {"value": 9, "max": 10},
     "status": "COMPLETED"},
]


def run_sync(base_url: str) -> list[str]:
    with KomboClient(api_key="key", integration_id="workday:abc", base_url=base_url) as kombo:
        result: SuccessResponse = kombo.assessment.update_order_result(
            "order-1",
            status="COMPLETED",
            result_url="https://example.com/r/1",
            completed_at=datetime(2026, 5, 4, tzinfo=timezone.utc),
            score=90,
            max_score=100.0,
            attributes=ATTRIBUTES,
        )
        status: Literal["success"] = result.status
        warnings: list[WarningModel] = result.warnings
        again: SuccessResponse = kombo.assessment.update_order_result(
            "order-2",
            status="OPEN",
            result_url="https://example.com/r/2",
            attachments=[Attachment(name="report.pdf", data_url="https://example.com/r/2.pdf")],
        )
        link: SuccessResponse = kombo.ats.add_candidate_result_link(
            "candidate-1",
            label="Report",
            url="https://example.com/r/1",
            details=ResultLinkDetails(custom_field_name_prefix="Acme:", attributes=[]),
            integration_id="greenhouse:xyz",
        )
        messages: list[str] = [w.message for w in warnings + again.warnings + link.warnings]
        return [status, *messages]


async def run_async(base_url: str) -> list[str]:
    async with AsyncKomboClient(api_key="key", integration_id="workday:abc", base_url=base_url) as kombo:
        outcome: list[str] = []
        try:
            result: SuccessResponse = await kombo.assessment.update_order_result(
                "order-1", status="CANCELLED", result_url="https://example.com/r/1",
                extra_headers={"Prefer": "code=409"},
            )
        except ConflictError as error:
            status_code: int = error.status_code
            outcome.append(str(status_code))
            if error.error is not None:  # the spec's ErrorResponse; None if the body did not match
                code: str | None = error.error.error.code
                message: str = error.error.error.message
                outcome += [code or "no code", message]
        else:
            raise AssertionError(f"asked for a 409, got {result.status!r}: ConflictError must be raised")
        link: SuccessResponse = await kombo.ats.add_candidate_result_link(
            "candidate-1", label="Report", url="https://example.com/r/1"
        )
        return [*outcome, link.status]
