"""For every operation of every provider: the call the spec documents and a set of varied valid ones.

Each varied call exercises one dimension of the input space the spec allows: no optional field,
every optional field, each enum value, each variant of a union, nested objects as models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import kombo_client
import stackone_client
import unified_client
import xobin_client
from prism_spec import load, operation
from prism_wire import Provider

PROVIDERS = {
    "kombo": Provider(
        "kombo", kombo_client, "KomboClient",
        {"api_key": "kombo-test-key", "integration_id": "workday:HWUTwvyx2wLoSUHphiWVrp28"},
    ),
    "stackone": Provider(
        "stackone", stackone_client, "StackOneClient",
        {"api_key": "stackone-test-key", "account_id": "45072196112816593343"},
    ),
    "unified": Provider("unified", unified_client, "UnifiedClient", {"api_key": "unified-test-key"}),
    "xobin": Provider("xobin", xobin_client, "XobinClient", {"api_key": "xobin-test-key"}),
}


@dataclass(frozen=True)
class Call:
    label: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass(frozen=True)
class OperationCalls:
    provider: str
    operation_id: str
    resource: str
    method: str
    documented: Call
    varied: tuple[Call, ...]


def _enum(provider: str, schema: str, *path: str) -> list[Any]:
    node: Any = load(provider)["components"]["schemas"][schema]
    for part in path:
        node = node["properties"][part]
    return [value for value in node["enum"] if value is not None]


# -- Kombo ------------------------------------------------------------------------------------

ORDER_ID = "GRKdd9dibYKKCrmGRSMJf3wu"
CANDIDATE_ID = "8Xi6iZrwusZqJmDGXs49GBmJ"
TEXT_ATTRIBUTE = {"type": "TEXT", "label": "Role fit", "value": "Excellent"}


def _sub_result(status: str) -> dict[str, Any]:
    return {
        "type": "SUB_RESULT", "id": "python-101", "label": "Python basics",
        "score": {"value": 7.5, "max": 10}, "status": status,
    }


def _kombo_update_order_result() -> OperationCalls:
    op = operation("kombo", "updateOrderResult")
    example = op.request_example()
    documented = Call(
        "documented example",
        (op.parameter_example("assessment_order_id"),),
        {**example, "integration_id": op.parameter_example("X-Integration-Id")},
    )
    required = {"result_url": "https://example.com/results/1"}
    statuses = _enum("kombo", "UpdateOrderResultRequest", "status")
    sub_statuses = _enum("kombo", "AttributeSubResult", "status")
    everything = {
        **required,
        "status": "COMPLETED",
        "completed_at": datetime(2026, 5, 4, 12, 30, 15, 250000, tzinfo=timezone.utc),
        "score": 87.5,
        "max_score": 100,
        "attributes": [TEXT_ATTRIBUTE] + [_sub_result(s) for s in sub_statuses],
        "attachments": [
            {"name": "Report.pdf", "content_type": "application/pdf", "data": "SGVsbG8="},
            {"name": "Transcript.txt", "data_url": "https://files.example.com/t.txt?sig=1"},
            {"name": "Video.mp4", "content_type": "video/mp4",
             "data_url": "https://files.example.com/v.mp4"},
            {"name": "a.json", "content_type": "application/json", "data": "e30="},
            {"name": "b.csv", "content_type": "text/csv", "data": "YSxi"},
        ],
        "remote_fields": {
            "smartrecruiters": {"scoreLabel": "Skill score"},
            "recruitee": {"subtitle": "Take-home"},
            "workday": {"Assess_Candidate_Data": {"Candidate_Assessment_Data": {
                "Assess_Candidate_Test_Result_Data": {
                    "Assessment_Test_Status_Reference": {"Assessment_Status_ID": "PASSED"}}}}},
        },
    }
    models = kombo_client.models
    varied = [
        *(Call(f"only required fields, status {s}", (ORDER_ID,), {**required, "status": s})
          for s in statuses),
        Call("every optional field", (ORDER_ID,), everything),
        Call("text attribute only", (ORDER_ID,),
             {**required, "status": "COMPLETED", "attributes": [TEXT_ATTRIBUTE]}),
        *(Call(f"sub-result attribute only, {s}", (ORDER_ID,),
               {**required, "status": "COMPLETED", "attributes": [_sub_result(s)]})
          for s in sub_statuses),
        Call("attributes as model instances", (ORDER_ID,), {
            **required, "status": "CANCELLED",
            "completed_at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
            "attributes": [models.AttributeText.model_validate(TEXT_ATTRIBUTE),
                           models.AttributeSubResult.model_validate(_sub_result("CANCELLED"))],
        }),
        Call("empty lists, zero and negative scores", (ORDER_ID,), {
            **required, "status": "OPEN", "attributes": [], "attachments": [],
            "score": -1.5, "max_score": 0,
        }),
        Call("every nested object as a model instance", (ORDER_ID,), {
            **everything,
            "attachments": [models.Attachment.model_validate(a) for a in everything["attachments"]],
            "remote_fields": models.OrderResultRemoteFields.model_validate(everything["remote_fields"]),
        }),
        Call("integration id overridden per call", ("order/with spaces",),
             {**required, "status": "OPEN", "integration_id": "greenhouse:abc"}),
    ]
    return OperationCalls("kombo", op.operation_id, "assessment", "update_order_result",
                          documented, tuple(varied))


def _kombo_add_candidate_result_link() -> OperationCalls:
    op = operation("kombo", "addCandidateResultLink")
    documented = Call(
        "documented example",
        (op.parameter_example("candidate_id"),),
        {**op.request_example(), "integration_id": op.parameter_example("X-Integration-Id")},
    )
    required = {"label": "Assessment Result", "url": "https://example.com/r/1"}
    categories = _enum("kombo", "OracleResultLinkFields", "override_document_category")
    every_ats = {
        "icims": {"assessment_package_id": "pkg-1"},
        "oracle": {"override_document_category": "MISC",
                   "multi_post_to_all_current_applications": True},
        "greenhouse": {"post_headers": {"On-Behalf-Of": "4080"}},
        "workable": {"on_behalf_of_user_remote_id": "u-77"},
    }
    models = kombo_client.models
    varied = [
        Call("only required fields", (CANDIDATE_ID,), required),
        Call("details without attributes", (CANDIDATE_ID,), {
            **required, "details": {"custom_field_name_prefix": "Acme:", "attributes": []}}),
        Call("every remote field", (CANDIDATE_ID,), {
            **required,
            "details": {"custom_field_name_prefix": "", "attributes": [{"key": "k", "value": ""}]},
            "remote_fields": every_ats,
        }),
        *(Call(f"oracle category {c}", (CANDIDATE_ID,), {**required, "remote_fields": {
            "oracle": {"override_document_category": c,
                       "multi_post_to_all_current_applications": False}}})
          for c in categories),
        Call("greenhouse author null", (CANDIDATE_ID,), {
            **required, "remote_fields": {"greenhouse": {"post_headers": {"On-Behalf-Of": None}}}}),
        Call("every nested object as a model instance", (CANDIDATE_ID,), {
            "label": "L", "url": "https://example.com",
            "details": models.ResultLinkDetails(
                custom_field_name_prefix="X", attributes=[models.ResultLinkAttribute(key="a", value="b")]),
            "remote_fields": models.ResultLinkRemoteFields.model_validate(every_ats),
        }),
    ]
    return OperationCalls("kombo", op.operation_id, "ats", "add_candidate_result_link",
                          documented, tuple(varied))


# -- StackOne ---------------------------------------------------------------------------------

def _stackone_get_assessments_request() -> OperationCalls:
    op = operation("stackone", "getAssessmentsRequest")
    order_id = op.parameter_example("id")
    documented = Call("documented example", (order_id,), {
        "account_id": op.parameter_example("x-account-id"),
        "raw": op.parameter_example("raw"),
        "proxy": op.parameter_example("proxy"),
        "fields": op.parameter_example("fields"),
    })
    varied = [
        Call("no optional parameter", (order_id,), {}),
        Call("raw true", (order_id,), {"raw": True}),
        Call("raw false", (order_id,), {"raw": False}),
        Call("nullable parameters as None", (order_id,), {"raw": None, "proxy": None, "fields": None}),
        Call("several proxy keys and all fields", (order_id,), {
            "raw": True, "proxy": {"page_size": "50", "cursor": "abc==", "include": "a,b"},
            "fields": "id,remote_id,package,application,job,candidate,requester,results_update_url",
        }),
        Call("empty fields, account overridden per call", ("id with/slash",),
             {"fields": "", "account_id": "other-account"}),
    ]
    return OperationCalls("stackone", op.operation_id, "ats", "get_assessments_request",
                          documented, tuple(varied))


# -- Unified.to -------------------------------------------------------------------------------

def _unified_create_assessment_package() -> OperationCalls:
    op = operation("unified", "createAssessmentPackage")
    connection_id = op.parameter_example("connection_id")
    example = op.request_example()
    # Every body field is the keyword of its wire name (`type=`, a builtin's name, included).
    documented = Call("documented example", (connection_id,), dict(example))
    package_types = _enum("unified", "AssessmentPackage", "type")
    parameter_types = _enum("unified", "AssessmentParameter", "type")
    everything = {
        "type": "BACKGROUND_CHECK",
        "name": "Criminal record check",
        "description": "National criminal record search.",
        "integration_types": ["ats", "hris"],
        "aliases": [],
        "tags": ["Background Check"],
        "parameters": [
            {"id": f"p-{t.lower()}", "name": t.title(), "type": t, "is_required": i % 2 == 0,
             "public_question": f"{t}?", "options": ["a", "b"], "file_types": ["application/pdf"],
             "valid_regions": ["US", "CA-ON"]}
            for i, t in enumerate(parameter_types)
        ],
        "has_redirect_url": False,
        "has_target_url": True,
        "needs_ip_address": True,
        "max_score": 12.5,
        "info_url": "https://example.com/checks/criminal",
        "regions": [
            {"regions": ["US"], "cost_amount": 19.99, "currency": "USD", "processing_time": 1.5},
            {},
        ],
        "raw": {"vendor": {"nested": [1, "two", None, True]}},
    }
    models = unified_client.models
    varied = [
        *(Call(f"only the type, {t}", (connection_id,), {"type": t}) for t in package_types),
        Call("every writable field", (connection_id,), everything),
        Call("parameter with only its type", (connection_id,),
             {"type": "OTHER", "parameters": [{"type": "TEXT"}, {}]}),
        Call("nested objects as model instances", (connection_id,), {
            "type": "VIDEO_INTERVIEW", "name": "Async video",
            "parameters": [models.AssessmentParameter(type="DATE", name="Start")],
            "regions": [models.AssessmentPackageRegion(regions=["DE"], currency="EUR")],
        }),
    ]
    return OperationCalls("unified", op.operation_id, "assessment", "create_assessment_package",
                          documented, tuple(varied))


# -- Xobin ------------------------------------------------------------------------------------

def _xobin_get_report() -> OperationCalls:
    op = operation("xobin", "getReport")
    documented = Call("documented example", (op.parameter_example("report_id"),), {})
    varied = [
        Call("smallest id", (0,), {}),
        # int64 allows more, but Prism (JavaScript) caps integers at 2**53 - 1.
        Call("largest id Prism can check", (2**53 - 1,), {}),
    ]
    return OperationCalls("xobin", op.operation_id, "assessments", "get_report",
                          documented, tuple(varied))


OPERATIONS: tuple[OperationCalls, ...] = (
    _kombo_update_order_result(),
    _kombo_add_candidate_result_link(),
    _stackone_get_assessments_request(),
    _unified_create_assessment_package(),
    _xobin_get_report(),
)
