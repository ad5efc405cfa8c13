"""The case page: request, applicant, deadline, timeline, steps, attachments, letters and the actions open now."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .case_data import case_context
from .common import case_for


@login_required
def request_detail(request, pk):
    req = case_for(request.user, pk)
    context = case_context(req, request.user)
    context["just_registered"] = request.GET.get("registered") == "1"
    return render(request, "requests_cms/case.html", context)
