"""One page per action: GET shows the form, POST calls the action's service with the version the user saw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from requests_cms.forms import OpinionForm
from requests_cms.services.errors import ConflictError, WorkflowError

from .action_registry import ACTIONS, action_label, reasons_for
from .common import case_for
from .delivery_context import applicant_delivery_initial

# Actions that act on the proposed answer: their page shows it (and the draft reply) so nobody approves blind.
SHOWS_DECISION = ("decide", "submit_for_approval", "approve", "return_for_revision")
TODAY_FIELDS = ("notice_sent_on", "received_on", "sent_on", "issued_on", "paid_on", "searched_on", "handed_over_on")


@login_required
def request_action(request, pk, action):
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("没有这项操作")
    req = case_for(request.user, pk)
    context = {"req": req, "action": action, "label": action_label(action), "spec": spec}
    if request.method == "POST":
        form = spec.form(request.POST, request_obj=req)
        if request.POST.get("expected_version") not in (None, str(req.version)):
            return _render(request, form, context, conflict=True)
    else:
        form = spec.form(initial=_initial(req, action), request_obj=req)
    reasons = reasons_for(req, action, request.user)
    if reasons:
        return render(request, "requests_cms/actions/refused.html", {**context, "reasons": reasons}, status=403)
    if action == "deliver" and request.method == "GET":  # one place records deliveries: the delivery page
        return redirect(reverse("delivery_panel", kwargs={"pk": req.pk}) + "#deliveries")
    if request.method == "POST" and form.is_valid():
        try:
            spec.call(req, request.user, form.cleaned_data)
        except ConflictError:
            return _render(request, form, context, conflict=True)
        except WorkflowError as exc:
            for reason in exc.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, f"已完成：{context['label']}")
            return redirect("request_detail", pk=req.pk)
    return _render(request, form, context)


def _render(request, form, context, conflict=False):
    context = {**context, "form": form, "conflict": conflict}
    if context["action"] == "propose_opinion":
        context["default_articles"] = OpinionForm.default_articles()
    if context["action"] in SHOWS_DECISION:
        req = context["req"]
        context["decision"] = req.current_decision
        context["reply_letter"] = req.letters.filter(kind="reply").order_by("-version").first()
    return render(request, "requests_cms/actions/form.html", context, status=409 if conflict else 200)


def _initial(req, action):
    initial = {"expected_version": req.version}
    today = timezone.localdate()
    initial.update({name: today for name in TODAY_FIELDS})
    current = req.current_decision if action == "propose_opinion" else None
    if current:
        initial.update(outcome=current.outcome, articles=current.articles, reasons=current.reasons,
                       form_of_provision=current.form_of_provision, right_agency=current.right_agency)
    if action == "deliver":
        initial.update(applicant_delivery_initial(req))
    return initial
