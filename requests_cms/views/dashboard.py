"""The dashboard per role and the one-click deadline explanation."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from requests_cms import selectors
from requests_cms.access import request_for_user, sees_all_agencies
from requests_cms.models import InformationRequest

from .rows import decorate


@login_required
def dashboard(request):
    user = request.user
    calendars = selectors.Calendars()
    oversight = sees_all_agencies(user)
    sections = selectors.dashboard_sections(user, calendars)
    for section in sections:
        decorate(section.shown, request_of=None if section.kind in ("requests", "applicant") else _request_of,
                 left_attr="applicant_due_left" if section.kind == "applicant" else "workdays_left")
    context = {
        "today": calendars.today,
        "oversight": oversight,
        "agencies": selectors.agency_counts(user, calendars) if oversight else None,
        "sections": sections,
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
