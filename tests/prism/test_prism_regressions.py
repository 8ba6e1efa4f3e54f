"""Inputs the spec forbids on the wire, which the clients once sent as given; Prism is the judge.

- None for an optional field the spec does not let be null: the field is left out, not `null`.
- A date-time with an offset goes out in UTC with `Z` (Kombo's pattern accepts nothing else).
- A date-time without a time zone is refused before anything is sent.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pydantic
import pytest
from prism_inputs import PROVIDERS
from prism_server import PrismServer, prism_servers  # noqa: F401  (the `prism` fixture)
from prism_wire import MODES, PrismWire, run

ORDER = ("kombo", "assessment", "update_order_result", "GRKdd9dibYKKCrmGRSMJf3wu",
         {"status": "COMPLETED", "result_url": "https://example.com/r/1"})
LINK = ("kombo", "ats", "add_candidate_result_link", "8Xi6iZrwusZqJmDGXs49GBmJ",
        {"label": "Result", "url": "https://example.com/r/1"})
PACKAGE = ("unified", "assessment", "create_assessment_package", "5de520f96e439b002043d8dc",
           {"type": "OTHER"})

LEFT_OUT = [
    pytest.param(ORDER, "score", id="kombo score=None"),
    pytest.param(ORDER, "completed_at", id="kombo completed_at=None"),
    pytest.param(ORDER, "remote_fields", id="kombo remote_fields=None"),
    pytest.param(LINK, "details", id="kombo details=None"),
    pytest.param(PACKAGE, "name", id="unified name=None"),
]


def _call(prism: dict[str, PrismServer], mode: str, target: tuple[Any, ...], **extra: Any) -> PrismWire:
    provider, resource, method, path_value, required = target
    wire = PrismWire()
    run(mode, PROVIDERS[provider], prism[provider], resource, method, path_value,
        wire=wire, **required, **extra)
    return wire


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("target", "name"), LEFT_OUT)
def test_none_for_a_non_nullable_field_is_left_out(
    prism: dict[str, PrismServer], mode: str, target: tuple[Any, ...], name: str
) -> None:
    wire = _call(prism, mode, target, **{name: None})
    assert name not in json.loads(wire.last.request.content)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("target", [ORDER, PACKAGE], ids=["kombo completed_at", "unified created_at"])
def test_an_aware_datetime_goes_out_in_utc(
    prism: dict[str, PrismServer], mode: str, target: tuple[Any, ...]
) -> None:
    name = "completed_at" if target is ORDER else "created_at"
    when = datetime(2026, 5, 4, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    wire = _call(prism, mode, target, **{name: when})
    assert json.loads(wire.last.request.content)[name] == "2026-05-04T12:00:00Z"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("target", [ORDER, PACKAGE], ids=["kombo completed_at", "unified created_at"])
def test_a_naive_datetime_is_refused_before_sending(
    prism: dict[str, PrismServer], mode: str, target: tuple[Any, ...]
) -> None:
    name = "completed_at" if target is ORDER else "created_at"
    provider, resource, method, path_value, required = target
    wire = PrismWire()
    with pytest.raises(pydantic.ValidationError, match="time zone"):
        run(mode, PROVIDERS[provider], prism[provider], resource, method, path_value,
            wire=wire, **required, **{name: datetime(2026, 5, 4, 12, 0)})
    assert wire.exchanges == []
