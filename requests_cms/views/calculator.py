"""The deadline calculator: the compute_deadline command's engine and explanation, as a page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from requests_cms.forms.lists import DeadlineCalculatorForm
from requests_cms.services import deadlines


@login_required
def deadline_calculator(request):
    bound = "received" in request.GET
    form = DeadlineCalculatorForm(request.GET if bound else None, regions=deadlines.calendar_regions())
    result = None
    if bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = deadlines.calculate(
                received=data["received"], correction_received=data.get("correction_received"),
                pauses=data["pauses"], extension=data["extension"], reply_received=data.get("reply_received"),
                region=data["region"])
        except ValueError as exc:
            form.add_error(None, str(exc))
    return render(request, "requests_cms/calculator.html", {"form": form, "result": result})
