"""The deadline calculator: the compute_deadline command's engine and explanation, as a page."""

from django.contrib.auth.decorators import login_required
from django.core.management.base import CommandError
from django.shortcuts import render

from requests_cms.forms_list import DeadlineCalculatorForm
from workday_calendars import deadline_report
from workday_calendars.models import Region


@login_required
def deadline_calculator(request):
    regions = list(Region.objects.order_by("code").values_list("code", "name"))
    bound = "received" in request.GET
    form = DeadlineCalculatorForm(request.GET if bound else None, regions=regions)
    result = None
    if bound and form.is_valid():
        result = _compute(form)
    return render(request, "requests_cms/calculator.html", {"form": form, "result": result})


def _compute(form):
    data = form.cleaned_data
    query = deadline_report.DeadlineQuery(
        received=data["received"], correction_received=data.get("correction_received"),
        pauses=data["pauses"], extension=data["extension"], reply_received=data.get("reply_received"),
        region=data["region"],
    )
    try:
        return deadline_report.compute(query)
    except CommandError as exc:
        form.add_error(None, str(exc))
        return None
