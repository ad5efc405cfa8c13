"""The case page, and one page per action: GET shows the form, POST runs the action with the version the user saw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from requests_cms import actions
from requests_cms.access import case_for, department_refusal
from requests_cms.forms.actions import OpinionForm
from requests_cms.models import EventAction
from requests_cms.selectors.case import case_context, conflict_context, decision_summary
from requests_cms.selectors.delivery import applicant_delivery_initial
from requests_cms.selectors.departments import proposal_from_opinions, routing_for, routings_of
from requests_cms.services.errors import ConflictError, WorkflowError

TODAY_FIELDS = ("notice_sent_on", "received_on", "sent_on", "issued_on", "paid_on", "searched_on", "handed_over_on",
                "asked_on")


@login_required
def request_detail(request, pk):
    req = case_for(request.user, pk)
    context = case_context(req, request.user)
    context["just_registered"] = request.GET.get("registered") == "1"
    return render(request, "requests_cms/case.html", context)


@login_required
def request_action(request, pk, action):
    if action not in actions.CASE_ACTIONS:
        raise Http404("没有这项操作")
    spec = actions.ACTIONS[action]
    req = case_for(request.user, pk)
    context = {"req": req, "action": action, "label": actions.label(action), "spec": spec}
    if request.method == "POST":
        form = spec.form(request.POST, request_obj=req)
        if request.POST.get("expected_version") not in (None, str(req.version)):
            return _render(request, form, context, conflict=True)
    else:
        form = spec.form(initial=_initial(req, action), request_obj=req)
    reasons = actions.reasons_for(req, action, request.user)
    if reasons:
        return render(request, "requests_cms/actions/refused.html", {**context, "reasons": reasons}, status=403)
    if action == EventAction.DELIVER and request.method == "GET":  # one place records deliveries: the delivery page
        return redirect(reverse("delivery_panel", kwargs={"pk": req.pk}) + "#deliveries")
    if request.method == "POST" and form.is_valid():
        try:
            message = actions.run(action, req, request.user, form.cleaned_data)
        except ConflictError:
            return _render(request, form, context, conflict=True)
        except WorkflowError as exc:
            for reason in exc.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, message)
            return redirect("request_detail", pk=req.pk)
    return _render(request, form, context)


def _render(request, form, context, conflict=False):
    if conflict:  # the request as it is now (the service may have seen a newer version than this view did)
        fresh = case_for(request.user, context["req"].pk)
        context = {**context, "req": fresh, "conflict_info": conflict_context(fresh, request.user)}
        data = request.POST.copy()
        data["expected_version"] = fresh.version  # submitting again, having read the notice, acts on what is now
        form = type(form)(data, request_obj=fresh)
    context = {**context, "form": form, "conflict": conflict, **decision_summary(context["req"], context["action"])}
    if context["action"] == EventAction.PROPOSE_OPINION:
        context["default_articles"] = OpinionForm.default_articles()
        context["routings"] = routings_of(context["req"])  # the departments' opinions, side by side
    return render(request, "requests_cms/actions/form.html", context, status=409 if conflict else 200)


def _initial(req, action):
    initial = {"expected_version": req.version}
    today = timezone.localdate()
    initial.update({name: today for name in TODAY_FIELDS})
    current = req.current_decision if action == EventAction.PROPOSE_OPINION else None
    if current:
        initial.update(outcome=current.outcome, articles=current.articles, reasons=current.reasons,
                       form_of_provision=current.form_of_provision, right_agency=current.right_agency)
    elif action == EventAction.PROPOSE_OPINION:  # the proposal starts from the departments' answers
        initial.update(proposal_from_opinions(routings_of(req)))
    if action == EventAction.DELIVER:
        initial.update(applicant_delivery_initial(req))
    return initial


@login_required
def routing_action(request, pk, routing_pk, step):
    """A department's step on its routing (会办): sign for it, answer it or return it."""
    if step not in actions.ROUTING_ACTIONS:
        raise Http404("没有这项操作")
    spec = actions.ROUTING_ACTIONS[step]
    req = case_for(request.user, pk)
    routing = routing_for(request.user, req, routing_pk)
    extra = {"routing": routing} if step == "return" else {}
    context = {"req": req, "routing": routing, "step": step, "label": actions.ROUTING_LABELS[step], "spec": spec}
    refused = department_refusal(routing, request.user)
    if refused:
        return render(request, "requests_cms/actions/refused.html", {**context, "reasons": [refused]}, status=403)
    if request.method == "POST":
        form = spec.form(request.POST, request.FILES, request_obj=req, **extra)
        if request.POST.get("expected_version") not in (None, str(req.version)):
            return _render_routing(request, form, context, conflict=True)
        if form.is_valid():
            try:
                message = actions.run_routing(step, req, request.user, form.cleaned_data, routing)
            except ConflictError:
                return _render_routing(request, form, context, conflict=True)
            except WorkflowError as exc:
                for reason in exc.reasons:
                    form.add_error(None, reason)
            else:
                messages.success(request, message)
                return redirect(reverse("request_detail", kwargs={"pk": req.pk}) + "#routings")
    else:
        form = spec.form(initial={"expected_version": req.version}, request_obj=req, **extra)
    return _render_routing(request, form, context)


def _render_routing(request, form, context, conflict=False):
    context = {**context, "form": form, "conflict": conflict}
    return render(request, "requests_cms/routing_form.html", context, status=409 if conflict else 200)
