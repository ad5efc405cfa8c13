"""The dashboard per role and the one-click deadline explanation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from requests_cms import notifications
from requests_cms.access import sees_all_agencies
from requests_cms.forms.departments import NotificationPreferencesForm
from requests_cms.selectors import dashboard as board_of
from requests_cms.selectors.deadlines import deadline_explanation, explained_request
from requests_cms.selectors.departments import department_queue, handler_routings
from requests_cms.selectors.supervision import notice_board
from requests_cms.services.deadlines import DUE_SOON_WORKDAYS, Calendars

from .fragments import render_rows

FRAGMENTS = {"requests": "dashboard_requests", "applicant": "dashboard_applicant",
             "consultations": "dashboard_consultations", "challenges": "dashboard_challenges"}


@login_required
def dashboard(request):
    user = request.user
    oversight = sees_all_agencies(user)
    calendars = Calendars()
    board = board_of.build(user, calendars, everyone=request.GET.get("all") == "1")
    for section in board.sections:
        section.html = render_rows(FRAGMENTS[section.kind], rows=section.shown, oversight=oversight)
    context = {
        "today": calendars.today,
        "oversight": oversight,
        "agencies": board.agencies,
        "agencies_html": render_rows("dashboard_agencies", agencies=board.agencies, list_url=reverse("request_list"),
                                     due_soon_workdays=DUE_SOON_WORKDAYS) if oversight else "",
        "sections": board.sections,
        "no_access": not oversight and not user.agency_id,
        "own_only": board.own_only, "may_see_all": board.may_see_all,
        "notices": notice_board(user, calendars.today), "department_sections": department_queue(user, calendars),
        "internal": handler_routings(user, calendars),
    }
    return render(request, "requests_cms/dashboard.html", context)


@login_required
def deadline_explain(request, pk):
    """The engine's explanation of one request's reply due date: a fragment for the dashboard, or a page."""
    req = explained_request(request.user, pk)
    fragment = request.headers.get("X-Requested-With") == "fetch" or "HX-Request" in request.headers
    template = "requests_cms/dashboard_explain.html" if fragment else "requests_cms/dashboard_explain_page.html"
    return render(request, template, deadline_explanation(req, Calendars()))


@login_required
def notification_preferences(request):
    """Each user chooses their notification channels and SMS quiet hours."""
    form = NotificationPreferencesForm(request.POST or None, initial=notifications.preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        notifications.preferences_save(request.user, **form.cleaned_data)
        messages.success(request, "已保存通知设置")
        return redirect("notification_preferences")
    return render(request, "requests_cms/notification_preferences.html", {"form": form},
                  status=400 if form.errors else 200)
