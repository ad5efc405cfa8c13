"""The list of requests with filters, search and pagination, and its export to xlsx / CSV."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import render

from requests_cms import exports, selectors
from requests_cms.access import sees_all_agencies, visible_requests
from requests_cms.forms_list import RequestFilter
from requests_cms.pagination import IdPaginator
from requests_cms.request_rows import read_rows

from .rows import decorate, render_rows

PER_PAGE = 50


def _filtered(request, calendars):
    # Filter and count on the bare table; the page's rows are read with their names afterwards (a COUNT over the
    # joins that fetch agency, applicant and handler names costs more than the whole page).
    base = visible_requests(request.user).only(*selectors.ROW_FIELDS)
    return RequestFilter(request.GET, queryset=base, user=request.user, calendars=calendars)


@login_required
def request_list(request):
    calendars = selectors.Calendars()
    filterset = _filtered(request, calendars)
    filtered = any(v for k, v in request.GET.items() if k != "page")
    searched = bool(request.GET.get("q", "").strip())
    page = IdPaginator(filterset.qs, PER_PAGE, one_query=searched).get_page(request.GET.get("page"))
    page.object_list = decorate(selectors.annotate_rows(read_rows(list(page.object_list)), calendars))
    oversight = sees_all_agencies(request.user)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "rows": page.object_list,
        "rows_html": render_rows("list_rows", rows=page.object_list, oversight=oversight,
                                 running_states=selectors.CLOCK_RUNNING),
        "params": params.urlencode(),
        "oversight": oversight,
        "today": calendars.today,
        "running_states": selectors.CLOCK_RUNNING,
        "filtered": filtered,
        "conditions": active_conditions(filterset),
    }
    return render(request, "requests_cms/list.html", context)


def active_conditions(filterset):
    """The filters in use, as Chinese "label: value" text (printed above the list)."""
    form = filterset.form
    if not form.is_valid():
        return []
    parts = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", False):
            continue
        field = form.fields[name]
        shown = dict(getattr(field, "choices", [])).get(value, value) if hasattr(field, "choices") else value
        parts.append(field.label if value is True else f"{field.label}：{shown}")
    return parts


@login_required
def request_export(request):
    fmt = request.GET.get("format", "xlsx")
    if fmt not in exports.FORMATS:
        return HttpResponseBadRequest("导出格式应为 xlsx 或 csv")
    calendars = selectors.Calendars()
    rows = _filtered(request, calendars).qs
    return exports.response(fmt, rows, today=calendars.today)
