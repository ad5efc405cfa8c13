"""Recording a reconsideration or lawsuit against a request, and its result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from requests_cms.models import Challenge
from requests_cms.remedies import default_reconsideration_body
from requests_cms.services.challenges import challenge_record, challenge_record_result
from requests_cms.services.errors import WorkflowError

from .common import case_for
from .delivery_forms import ChallengeForm, ChallengeResultForm

TEMPLATE = "requests_cms/delivery_challenge.html"


def _done(request, req, message):
    messages.success(request, message)
    return redirect(reverse("delivery_panel", kwargs={"pk": req.pk}) + "#challenges")


@login_required
@require_http_methods(["GET", "POST"])
def challenge_new(request, pk):
    req = case_for(request.user, pk, write=True)
    body = req.agency.reconsideration_body or default_reconsideration_body(req.agency)
    initial = {"version": req.version, "body": body}
    form = ChallengeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            challenge_record(request=req, by=request.user, kind=cd["kind"], body=cd["body"],
                             received_on=cd["received_on"], case_number=cd["case_number"],
                             simple_procedure=cd["simple_procedure"], expected_version=cd["version"])
        except WorkflowError as exc:
            form.add_error(None, "；".join(exc.reasons))
        else:
            challenge = req.challenges.order_by("-id").first()
            return _done(request, req, f"已登记，答复/答辩期限：{challenge.answer_due:%Y-%m-%d}")
    return render(request, TEMPLATE, {"req": req, "form": form, "title": "登记行政复议或行政诉讼"},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def challenge_result(request, pk, challenge_pk):
    req = case_for(request.user, pk, write=True)
    challenge = get_object_or_404(Challenge, pk=challenge_pk, request=req)
    form = ChallengeResultForm(request.POST or None, initial={"version": req.version, "result": challenge.result,
                                                              "result_on": challenge.result_on})
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            challenge_record_result(challenge=challenge, by=request.user, result=cd["result"],
                                    result_on=cd["result_on"], orders_new_reply=cd["orders_new_reply"],
                                    new_reply_workdays=cd["new_reply_workdays"], expected_version=cd["version"])
        except WorkflowError as exc:
            form.add_error(None, "；".join(exc.reasons))
        else:
            reopened = "，申请已重新办理" if cd["orders_new_reply"] else ""
            return _done(request, req, f"已记录结果{reopened}")
    return render(request, TEMPLATE, {"req": req, "form": form, "challenge": challenge,
                                      "title": f"记录结果：{challenge.get_kind_display()} {challenge.case_number}"},
                  status=400 if form.errors else 200)
