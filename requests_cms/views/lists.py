"""The list of requests with filters, search and pagination, and its export to xlsx / CSV."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import render

from requests_cms import exports
from requests_cms.access import sees_all_agencies
from requests_cms.forms.lists import RequestFilter
from requests_cms.pagination import IdPaginator
from requests_cms.selectors.rows import list_queryset, list_rows
from requests_cms.services.deadlines import Calendars
from requests_cms.workflow import CLOCK_RUNNING

from .fragments import render_rows

PER_PAGE = 50


def _filtered(request, calendars):
    return RequestFilter(request.GET, queryset=list_queryset(request.user), user=request.user, calendars=calendars)


@login_required
def request_list(request):
    calendars = Calendars()
    filterset = _filtered(request, calendars)
    filtered = any(v for k, v in request.GET.items() if k != "page")
    searched = bool(request.GET.get("q", "").strip())
    page = IdPaginator(filterset.qs, PER_PAGE, one_query=searched).get_page(request.GET.get("page"))
    page.object_list = list_rows(list(page.object_list), calendars)
    oversight = sees_all_agencies(request.user)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "rows": page.object_list,
        "rows_html": render_rows("list_rows", rows=page.object_list, oversight=oversight,
                                 running_states=CLOCK_RUNNING),
        "params": params.urlencode(),
        "oversight": oversight,
        "today": calendars.today,
        "running_states": CLOCK_RUNNING,
        "filtered": filtered,
        "conditions": filterset.conditions(),
    }
    return render(request, "requests_cms/list.html", context)


@login_required
def request_export(request):
    fmt = request.GET.get("format", "xlsx")
    if fmt not in exports.FORMATS:
        return HttpResponseBadRequest("导出格式应为 xlsx 或 csv")
    calendars = Calendars()
    return exports.response(fmt, _filtered(request, calendars).qs, today=calendars.today)
