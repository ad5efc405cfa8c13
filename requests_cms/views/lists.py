"""The list of requests with filters, search and pagination, and its export to xlsx / CSV as a background job."""

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from requests_cms import exports, jobs
from requests_cms.access import sees_all_agencies
from requests_cms.forms.lists import RequestFilter
from requests_cms.pagination import IdPaginator
from requests_cms.selectors.rows import list_queryset, list_rows
from requests_cms.services.deadlines import Calendars
from requests_cms.workflow import CLOCK_RUNNING

from .fragments import render_rows

PER_PAGE = 50
# Past this many matches the list says "1,000+" instead of counting them all (a count reads every match);
# ?exact=1 (the link next to it) counts exactly.
COUNT_CAP = 1000


def _filtered(request, calendars):
    return RequestFilter(request.GET, queryset=list_queryset(request.user), user=request.user, calendars=calendars)


@login_required
def request_list(request):
    calendars = Calendars()
    filterset = _filtered(request, calendars)
    filtered = any(v for k, v in request.GET.items() if k != "page")
    searched = bool(request.GET.get("q", "").strip())
    exact = request.GET.get("exact") == "1"
    page = IdPaginator(filterset.qs, PER_PAGE, one_query=searched, count_cap=None if exact else COUNT_CAP,
                       newest=("received_on", calendars.today)).get_page(request.GET.get("page"))
    page.object_list = list_rows(list(page.object_list), calendars)
    oversight = sees_all_agencies(request.user)
    params = request.GET.copy()
    params.pop("page", None)
    export_params = params.copy()
    export_params.pop("exact", None)
    context = {
        "filter": filterset,
        "page": page,
        "rows": page.object_list,
        "rows_html": render_rows("list_rows", rows=page.object_list, oversight=oversight,
                                 running_states=CLOCK_RUNNING),
        "params": params.urlencode(),
        "export_params": export_params.urlencode(),
        "oversight": oversight,
        "today": calendars.today,
        "running_states": CLOCK_RUNNING,
        "filtered": filtered,
        "conditions": filterset.conditions(),
    }
    return render(request, "requests_cms/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_export(request):
    """POST: queue an export of the list as filtered (its query string); GET: the user's exports, one followed."""
    if request.method == "POST":
        fmt = request.POST.get("format", "xlsx")
        if fmt not in exports.FORMATS:
            return HttpResponseBadRequest("导出格式应为 xlsx 或 csv")
        job = exports.export_start(user=request.user, fmt=fmt, params=request.POST.get("params", ""))
        return redirect(f"{reverse('request_export')}?job={job.pk}")
    recent = exports.user_exports(request.user)
    job = None
    if request.GET.get("job", "").isdigit():
        job = exports.user_export(request.user, int(request.GET["job"]))
    return render(request, "requests_cms/exports.html", {"job": job, "recent": recent,
                                                         "keep_hours": exports.keep_for().total_seconds() // 3600})


@login_required
def list_export_status(request, job_pk):
    from requests_cms.tasks import list_export

    job = exports.user_export(request.user, job_pk)
    status = jobs.status(job, list_export)
    status.update(rows=job.row_count, total=job.total_rows,
                  download=reverse("list_export_download", kwargs={"job_pk": job.pk}))
    return JsonResponse(status, json_dumps_params={"ensure_ascii": False})


@login_required
def list_export_download(request, job_pk):
    job = exports.user_export(request.user, job_pk, done=True)
    try:
        handle = default_storage.open(job.file_path, "rb")
    except FileNotFoundError as exc:
        raise Http404("文件不存在（可能已过期清除）") from exc
    response = FileResponse(handle, content_type=exports.CONTENT_TYPES[job.format], as_attachment=True,
                            filename=exports.file_name(job, job.created_at.date()))
    response["X-Content-Type-Options"] = "nosniff"
    return response
