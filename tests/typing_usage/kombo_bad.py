"""Kombo calls mypy --strict must refuse; each wrong line names the error code it must get."""

# ruff: noqa: B018, F841  (unused names and bare attribute reads are what mypy is fed here)

from __future__ import annotations

from typing import Literal

from kombo_client import AsyncKomboClient, ConflictError, KomboClient, SuccessResponse


def misuse_sync() -> None:
    kombo = KomboClient(api_key=123)  # expect: arg-type
    kombo.assessment.update_order_result("o", status="DONE", result_url="https://x")  # expect: arg-type
    kombo.assessment.update_order_result("o", status="OPEN")  # expect: call-arg
    kombo.assessment.update_order_result(1, status="OPEN", result_url="https://x")  # expect: arg-type
    kombo.assessment.update_order_result("o", status="OPEN", result_url="https://x", score="90")  # expect: arg-type
    kombo.ats.add_candidate_result_link("c", label="L", url="https://x", colour="red")  # expect: call-arg
    kombo.ats.add_candidate_result_link("c", body={"label": "L", "url": "https://x"})  # expect: call-arg
    kombo.ats.delete_candidate("c")  # expect: attr-defined
    result = kombo.ats.add_candidate_result_link("c", label="L", url="https://x")
    count: int = result.warnings  # expect: assignment
    result.warnings[0].text  # expect: attr-defined
    status: Literal["error"] = result.status  # expect: assignment
    try:
        kombo.ats.add_candidate_result_link("c", label="L", url="https://x")
    except ConflictError as error:
        error.error.error.code  # expect: union-attr
        if error.error is not None:
            error.error.error.cod  # expect: attr-defined
            wrong: int = error.error.error.message  # expect: assignment


async def misuse_async() -> None:
    kombo = AsyncKomboClient(api_key="k", integration_id="w:1")
    not_awaited: SuccessResponse = kombo.ats.add_candidate_result_link("c", label="L", url="https://x")  # expect: assignment
    result = await kombo.assessment.update_order_result("o", status="OPEN", result_url="https://x")
    result.warnings.append("text")  # expect: arg-type
