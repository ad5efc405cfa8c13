"""Request checks made once for every view: control characters are refused before any view or query sees them.

NUL and the other C0/C1 control characters have no place in anything a person types; they break PostgreSQL text
("A string literal cannot contain NUL"), PDF drawing and CSV/XLSX exports. Tab, line feed and carriage return are
ordinary text. The path, query string, form fields (names and values) and JSON bodies are checked (Django already drops
non-printable characters from uploaded file names); a request carrying one gets HTTP 400 with a Chinese message,
in JSON when JSON was sent or asked for.
"""

import json
import re

from csp.middleware import CSPMiddleware
from django.http import HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MESSAGE = ("提交的内容中含有不可见的控制字符（如 NUL），系统不予接收。"
           "请删除后重新提交（从其他程序复制的文字常带有这类字符）。")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _json_body(request):
    if request.content_type != "application/json" or not request.body:
        return []
    try:
        return list(_strings(json.loads(request.body)))
    except (ValueError, UnicodeDecodeError):
        return []  # not JSON after all: the view answers that


def offending_field(request):
    """The name of the first part of the request that carries a control character, or None."""
    if CONTROL.search(request.path):
        return "path"
    for name, values in request.GET.lists():
        if CONTROL.search(name) or any(CONTROL.search(v) for v in values):
            return name
    if request.method in ("POST", "PUT", "PATCH"):
        if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            for name, values in request.POST.lists():
                if CONTROL.search(name) or any(CONTROL.search(v) for v in values):
                    return name
        if any(CONTROL.search(s) for s in _json_body(request)):
            return "json"
    return None


def _wants_json(request):
    return request.content_type == "application/json" or "application/json" in request.headers.get("Accept", "")


class RefuseControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        field = offending_field(request)
        if field is None:
            return self.get_response(request)
        if _wants_json(request):
            return JsonResponse({"error": MESSAGE, "field": field}, status=400,
                                json_dumps_params={"ensure_ascii": False})
        return HttpResponseBadRequest(render_to_string("400_input.html", {"message": MESSAGE}, request=request))


class PageCSPMiddleware(CSPMiddleware):
    """django-csp's policy on pages only: a PDF shown by the browser's own viewer (a letter preview) is not a page,
    and a policy meant for HTML (object-src 'none') can stop that viewer. Responses that set their own policy
    (an uploaded image in a sandbox) keep it."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        return super().process_response(request, response)
