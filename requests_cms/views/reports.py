"""Annual report and oversight statistics pages, with xlsx and JSON downloads (issue 7).

Oversight sees the whole city and every agency; agency staff see only their own agency.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from requests_cms.access import SUPERVISION_ANSWERER, may_supervise, reports_scope, sees_all_agencies
from requests_cms.forms.departments import SupervisionAnswerForm, SupervisionForm
from requests_cms.reports import charts
from requests_cms.reports.annual import annual_report as build_report
from requests_cms.reports.statistics import oversight_statistics
from requests_cms.reports.xlsx import annual_report_xlsx, statistics_xlsx
from requests_cms.selectors import supervision as notices
from requests_cms.services.errors import WorkflowError
from requests_cms.services.supervision import supervision_answer, supervision_issue

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scope(request):
    """(year, agency or None for the city, agencies offered in the selector) for this user, or PermissionDenied."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or (today.year - 1 if today.month == 1 else today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2008), today.year)
    agency, agencies = reports_scope(request.user, request.GET.get("agency", ""))
    return year, agency, agencies


def _download(content, name, kind):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{kind}-{name}.xlsx"'
    return response


def _file_stem(year, agency):
    return f"{year}-{agency.code if agency else 'city'}"


@login_required
def annual_report(request):
    year, agency, agencies = _scope(request)
    report = build_report(year=year, agency=agency)
    fmt = request.GET.get("format")
    if fmt == "json":
        return JsonResponse(report.as_json(), json_dumps_params={"ensure_ascii": False, "indent": 2})
    if fmt == "xlsx":
        return _download(annual_report_xlsx(report), _file_stem(year, agency), "annual-report")
    return render(request, "requests_cms/reports/annual_report.html", {
        "report": report, "check": report.check(), "year": year, "agency": agency, "agencies": agencies,
        "city_allowed": sees_all_agencies(request.user), "years": range(timezone.localdate().year, 2018, -1),
    })


@login_required
def oversight_stats(request):
    year, agency, agencies = _scope(request)
    stats = oversight_statistics(year=year, agency=agency)
    if request.GET.get("format") == "xlsx":
        return _download(statistics_xlsx(stats), _file_stem(year, agency), "oversight-statistics")
    per_agency = stats.per_agency if agency is None else []
    return render(request, "requests_cms/reports/oversight_stats.html", {
        "stats": stats, "tables": stats.linked_tables(), "year": year, "agency": agency, "agencies": agencies,
        "city_allowed": sees_all_agencies(request.user), "years": range(timezone.localdate().year, 2018, -1),
        "charts": [
            charts.bar_chart(stats.channel_items(), title="申请渠道"),
            charts.bar_chart(stats.outcome_items(), title="办理结果"),
            charts.bar_chart([(a.agency, a.median) for a in per_agency[:30]], title="办理用时中位数（工作日）",
                             unit="日"),
        ],
    })


# --- supervision (督办) ------------------------------------------------------------------------------------------
@login_required
def supervision_list(request):
    """Oversight: every notice and each agency's counts and response times; agency staff: their agency's notices."""
    context = notices.supervision_page(request.user)
    context["may_issue"] = may_supervise(request.user)
    return render(request, "requests_cms/supervision_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def supervision_new(request):
    if not may_supervise(request.user):
        raise PermissionDenied("只有政务公开办可以发出督办单")
    agencies = notices.agencies_to_supervise()
    initial = {k: request.GET[k] for k in ("agency", "scope", "number") if k in request.GET}
    form = SupervisionForm(request.POST or None, initial=initial, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        agency = notices.agency_of(cd["agency"])
        target = notices.request_by_number(agency, cd["number"]) if cd["scope"] == "request" else None
        try:
            notice = supervision_issue(by=request.user, agency=agency, scope=cd["scope"], reason=cd["reason"],
                                       response_due=cd["response_due"], request=target)
        except WorkflowError as exc:
            form.add_error(None, "；".join(exc.reasons))
        else:
            messages.success(request, f"已向{agency.name}发出督办单（{notice.requests.count()}件申请）")
            return redirect("supervision_detail", pk=notice.pk)
    return render(request, "requests_cms/supervision_form.html", {"form": form, "title": "发出督办单"},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def supervision_detail(request, pk):
    notice = notices.notice_for(request.user, pk)
    may_answer = notice.is_open and SUPERVISION_ANSWERER(notice, request.user)
    form = SupervisionAnswerForm(request.POST or None) if may_answer else None
    if request.method == "POST":
        if not may_answer:
            raise PermissionDenied("只有被督办机关的负责人（审批人）可以反馈督办单")
        if form.is_valid():
            try:
                supervision_answer(notice=notice, by=request.user, answer=form.cleaned_data["answer"])
            except WorkflowError as exc:
                form.add_error(None, "；".join(exc.reasons))
            else:
                messages.success(request, "已反馈督办单")
                return redirect("supervision_detail", pk=notice.pk)
    return render(request, "requests_cms/supervision_detail.html", {
        "notice": notice, "requests": notices.notice_requests(notice, request.user), "form": form,
        "overdue": notice.is_overdue(timezone.localdate())}, status=400 if form is not None and form.errors else 200)
