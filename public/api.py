"""The JSON API (submit, lookup) for platforms, described by public/openapi.json (served at /public/api/openapi.json).

Authentication: header `X-API-Key: <key>`; each key has scopes (submit, lookup) and may be limited to one agency.
The same form, services and throttles as the pages; files are not taken by the API (the ID proof is then asked for
by the registrar at confirmation). Errors: {"error": "<Chinese sentence>", "fields": {field: [messages]}}.
"""

import hashlib
import json
import secrets
from pathlib import Path

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from requests_cms.client_ip import client_ip
from requests_cms.models import Agency

from . import codes, services, throttle
from .forms import LookupForm, OnlineApplicationForm
from .models import ApiKey

SCHEMA = Path(__file__).resolve().parent / "openapi.json"
MAX_BODY = 64 * 1024


def new_key(*, name, scopes, agency=None):
    """Create a key; returns (ApiKey, the key itself, shown once)."""
    key = "pk_" + secrets.token_urlsafe(32)
    row = ApiKey.objects.create(name=name, scopes=list(scopes), agency=agency, prefix=key[3:11],
                                key_hash=hashlib.sha256(key.encode()).hexdigest())
    return row, key


def _error(status, message, fields=None):
    body = {"error": message}
    if fields:
        body["fields"] = fields
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _authenticate(request, scope):
    key = request.headers.get("X-API-Key", "")
    row = ApiKey.objects.filter(key_hash=hashlib.sha256(key.encode()).hexdigest(), active=True).first() if key else None
    if row is None:
        return None, _error(401, "接口密钥无效")
    if scope not in (row.scopes or []):
        return None, _error(403, "接口密钥没有此权限")
    ApiKey.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row, None


def _json(request):
    if len(request.body) > MAX_BODY:
        return None, _error(413, "请求内容过大")
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return None, _error(400, "请求内容不是有效的JSON")
    if not isinstance(data, dict):
        return None, _error(400, "请求内容应为JSON对象")
    return data, None


class ApiApplicationForm(OnlineApplicationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id_proof"].required = False


def _fields(form):
    return {name: [str(m) for m in errors] for name, errors in form.errors.items()}


@require_GET
def openapi(request):
    return HttpResponse(SCHEMA.read_bytes(), content_type="application/json")


@csrf_exempt
@require_POST
def submit(request):
    key, refused = _authenticate(request, ApiKey.Scope.SUBMIT)
    if refused:
        return refused
    data, refused = _json(request)
    if refused:
        return refused
    ip = client_ip(request)
    if throttle.exceeded("submit_ip", ip):
        return _error(429, "操作过于频繁，请稍后再试")
    agency = Agency.objects.filter(code=str(data.get("agency", ""))[:20]).first()
    if agency is None or (key.agency_id and key.agency_id != agency.pk):
        return _error(400, "请检查填写内容", {"agency": ["所选机关不存在"]})
    values = {k: v if isinstance(v, str) else "" for k, v in data.items() if k != "agency"}
    form = ApiApplicationForm({**values, "agency": agency.pk}, {})
    if not form.is_valid():
        return _error(400, "请检查填写内容", _fields(form))
    if throttle.exceeded("submit_phone", form.cleaned_data["phone"]):
        return _error(429, "操作过于频繁，请稍后再试")
    sub, code = services.submit(data=form.cleaned_data, files=[], client_ip=ip)
    throttle.hit("submit_ip", ip)
    throttle.hit("submit_phone", form.cleaned_data["phone"])
    services.SubmissionEvent.objects.create(submission=sub, action="submit", note=f"接口提交：{key}")
    return JsonResponse({"number": sub.number, "query_code": codes.display(code), "status": sub.status},
                        status=201, json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@require_POST
def lookup(request):
    key, refused = _authenticate(request, ApiKey.Scope.LOOKUP)
    if refused:
        return refused
    data, refused = _json(request)
    if refused:
        return refused
    form = LookupForm({k: v if isinstance(v, str) else "" for k, v in data.items()})
    if not form.is_valid():
        return _error(400, "请检查填写内容", _fields(form))
    ip, number = client_ip(request), form.cleaned_data["number"].strip().upper()
    if (throttle.exceeded("lookup_ip", ip) or throttle.exceeded("lookup_fail_ip", ip)
            or throttle.exceeded("lookup_fail_number", number)):
        return _error(429, "操作过于频繁，请稍后再试")
    throttle.hit("lookup_ip", ip)
    sub = services.lookup(number, form.cleaned_data["secret"])
    if sub is None or (key.agency_id and key.agency_id != sub.agency_id):
        throttle.hit("lookup_fail_ip", ip)
        throttle.hit("lookup_fail_number", number)
        return _error(404, "申请编号或查询码不正确")
    info = services.progress(sub)
    body = {
        "number": info["number"], "agency": info["agency"], "state": info["state"],
        "request_number": info.get("request_number"),
        "received_on": info["received_on"].isoformat() if info.get("received_on") else None,
        "due_date": info["due_date"].isoformat() if info.get("due_date") else None,
        "explanation": info.get("explanation", []),
        "letters": [{"title": x["title"], "document_number": x["document_number"],
                     "date": x["date"].isoformat() if x["date"] else None} for x in info.get("letters", [])],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
