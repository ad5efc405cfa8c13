"""The dashboard per role and the one-click deadline explanation."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from requests_cms import dashboard_data, selectors
from requests_cms.access import request_for_user, sees_all_agencies
from requests_cms.models import InformationRequest

from .rows import decorate, render_rows

FRAGMENTS = {"requests": "dashboard_requests", "applicant": "dashboard_applicant",
             "consultations": "dashboard_consultations", "challenges": "dashboard_challenges"}


@login_required
def dashboard(request):
    user = request.user
    oversight = sees_all_agencies(user)
    calendars = selectors.Calendars()
    board = dashboard_data.build(user, calendars)
    for section in board.sections:
        decorate(section.shown, request_of=None if section.kind in ("requests", "applicant") else _request_of,
                 left_attr="applicant_due_left" if section.kind == "applicant" else "workdays_left")
        section.html = render_rows(FRAGMENTS[section.kind], rows=section.shown, oversight=oversight)
    context = {
        "today": calendars.today,
        "oversight": oversight,
        "agencies": board.agencies,
        "agencies_html": render_rows("dashboard_agencies", agencies=board.agencies, list_url=reverse("request_list"))
        if oversight else "",
        "sections": board.sections,
        "no_access": not oversight and not user.agency_id,
    }
    return render(request, "requests_cms/dashboard.html", context)


def _request_of(step):
    return step.request


@login_required
def deadline_explain(request, pk):
    """The engine's explanation of one request's reply due date: a fragment for the dashboard, or a page."""
    req = request_for_user(request.user, pk=pk, queryset=InformationRequest.objects.select_related("agency"))
    calendars = selectors.Calendars()
    context = {
        "r": req,
        "deadline": selectors.explain_deadline(req),
        "workdays_left": calendars.workdays_left(req.agency.calendar_region, req.due_date),
    }
    fragment = request.headers.get("X-Requested-With") == "fetch" or "HX-Request" in request.headers
    template = "requests_cms/dashboard_explain.html" if fragment else "requests_cms/dashboard_explain_page.html"
    return render(request, template, context)
