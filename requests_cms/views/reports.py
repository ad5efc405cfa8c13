"""Annual report and oversight statistics pages, with xlsx and JSON downloads (issue 7).

Oversight sees the whole city and every agency; agency staff see only their own agency.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from requests_cms.access import reports_scope, sees_all_agencies
from requests_cms.reports import charts
from requests_cms.reports.annual import annual_report as build_report
from requests_cms.reports.statistics import oversight_statistics
from requests_cms.reports.xlsx import annual_report_xlsx, statistics_xlsx

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
