"""The JSON API: keys with scopes, submit and lookup with the same checks as the pages."""

import json

import pytest

from public.api import new_key
from public.models import OnlineSubmission

from .support import RESIDENT_ID

pytestmark = pytest.mark.django_db

BODY = {"agency": "jyj", "kind": "natural_person", "name": "王小明", "id_type": "resident_id",
        "id_number": RESIDENT_ID, "phone": "13812345678", "description": "请公开2026年度学校划片方案",
        "requested_form": "electronic", "delivery_method": "electronic"}


def post(client, path, body, key=None):
    headers = {"HTTP_X_API_KEY": key} if key else {}
    return client.post(f"/public/api/v1/{path}", json.dumps(body), content_type="application/json", **headers)


def test_the_schema_is_served_as_static_json(client):
    schema = client.get("/public/api/openapi.json").json()
    assert set(schema["paths"]) == {"/submissions", "/lookup"}


def test_submit_then_lookup_with_the_returned_code(client, education):
    _, key = new_key(name="政务服务平台", scopes=["submit", "lookup"])
    created = post(client, "submissions", BODY, key)
    assert created.status_code == 201
    number, code = created.json()["number"], created.json()["query_code"]
    assert OnlineSubmission.objects.get(number=number).status == "pending"
    found = post(client, "lookup", {"number": number, "secret": code}, key)
    assert found.status_code == 200 and "网上申请待确认" in found.json()["state"]
    assert post(client, "lookup", {"number": number, "secret": "X" * 20}, key).status_code == 404


def test_a_key_without_the_scope_or_no_key_is_refused(client, education):
    _, lookup_only = new_key(name="机关网站", scopes=["lookup"])
    assert post(client, "submissions", BODY).status_code == 401
    assert post(client, "submissions", BODY, "pk_wrong").status_code == 401
    refused = post(client, "submissions", BODY, lookup_only)
    assert refused.status_code == 403 and refused.json()["error"] == "接口密钥没有此权限"
    assert OnlineSubmission.objects.count() == 0


def test_a_key_limited_to_an_agency_submits_only_there(client, education, land):
    _, key = new_key(name="国土局网站", scopes=["submit"], agency=land)
    assert post(client, "submissions", BODY, key).status_code == 400


def test_validation_errors_come_back_by_field_in_chinese(client, education):
    _, key = new_key(name="平台", scopes=["submit"])
    response = post(client, "submissions", {**BODY, "id_number": "110105194912310021"}, key)
    assert response.status_code == 400
    assert "公民身份号码校验位不正确，请核对" in response.json()["fields"]["id_number"]
