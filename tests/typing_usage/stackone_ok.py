"""Typed use of every StackOne operation, sync and async, as a user writes it under mypy --strict."""

from __future__ import annotations

from stackone_client import (
    AssessmentOrder,
    AssessmentOrderResult,
    AsyncStackOneClient,
    NotFoundError,
    StackOneClient,
)
from stackone_client.models import CandidateEmail, OrderCandidate, RawResponse


def _candidate_emails(order: AssessmentOrder) -> list[str]:
    candidate: OrderCandidate | None = order.candidate
    emails: list[CandidateEmail] = (candidate.emails or []) if candidate else []
    return [email.value for email in emails if email.value is not None]


def run_sync(base_url: str) -> list[str]:
    with StackOneClient(api_key="key", account_id="account-1", base_url=base_url) as stackone:
        result: AssessmentOrderResult = stackone.ats.get_assessments_request(
            "order-1", raw=True, proxy={"page_size": "50"}, fields="id,candidate"
        )
        order: AssessmentOrder = result.data
        raw: list[RawResponse] | None = result.raw
        methods: list[str] = [exchange.method for exchange in raw or []]
        return _candidate_emails(order) + methods


async def run_async(base_url: str) -> list[str]:
    async with AsyncStackOneClient(api_key="key", account_id="account-1", base_url=base_url) as stackone:
        outcome: list[str] = []
        try:
            await stackone.ats.get_assessments_request("gone", extra_headers={"Prefer": "code=404"})
        except NotFoundError as error:
            outcome.append(str(error.status_code))
        else:
            raise AssertionError("the server was asked for a 404: NotFoundError must be raised")
        result: AssessmentOrderResult = await stackone.ats.get_assessments_request(
            "order-1", account_id="account-2"
        )
        return [*outcome, *_candidate_emails(result.data)]
