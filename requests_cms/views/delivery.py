"""The delivery page (deliveries, tracking typed or pasted, receipt, proofs, re-delivery, closing) and the pages
recording a reconsideration or lawsuit and its result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from requests_cms import actions
from requests_cms.access import case_for
from requests_cms.forms.challenges import ChallengeForm, ChallengeResultForm
from requests_cms.forms.departments import ComplaintForm, ComplaintResultForm
from requests_cms.models import EventAction
from requests_cms.remedies import default_reconsideration_body
from requests_cms.selectors.case import challenge_of, responsive_documents
from requests_cms.selectors.delivery import delivery_of, delivery_page, new_delivery_initial
from requests_cms.selectors.supervision import complaint_of
from requests_cms.services.challenges import challenge_record, challenge_record_result
from requests_cms.services.errors import WorkflowError
from requests_cms.services.supervision import complaint_record, complaint_record_result

TEMPLATE = "requests_cms/delivery.html"
CHALLENGE_TEMPLATE = "requests_cms/delivery_challenge.html"
NEW, CLOSE = EventAction.DELIVER, EventAction.FILE_PROOF


def _page(req, user, bound=None, letter_pk=None):
    """The page's context; `bound` maps (form key, delivery pk or None) to a form that failed, to show it again."""
    bound = bound or {}
    context = delivery_page(req, user)
    context["responsive"] = responsive_documents(req, user)
    version = {"expected_version": req.version}
    for d in context["deliveries"]:
        d.forms = {key: bound.get((key, d.pk)) or action.form(prefix=f"{key}-{d.pk}", initial=version, request_obj=req)
                   for key, action in actions.DELIVERY_ACTIONS.items()}
    context["new_form"] = bound.get(("new", None)) or actions.ACTIONS[NEW].form(
        prefix="new", initial=new_delivery_initial(req, letter_pk), request_obj=req)
    context["close_form"] = bound.get(("close", None)) or actions.ACTIONS[CLOSE].form(
        prefix="close", initial=version, request_obj=req)
    return context


@login_required
def delivery_panel(request, pk):
    req = case_for(request.user, pk)
    context = _page(req, request.user, letter_pk=request.GET.get("letter"))
    context["back_to_case"] = bool(request.GET.get("letter"))  # came from a notice's row: saving goes back there
    return render(request, TEMPLATE, context)


def _act(request, req, name, key, delivery=None):
    """Validate, act, and either redirect with a message or show the page again with the form as typed."""
    prefix = key if delivery is None else f"{key}-{delivery.pk}"
    form = actions.ACTIONS[name].form(request.POST, request.FILES or None, prefix=prefix, request_obj=req)
    if form.is_valid():
        try:
            message = actions.run(name, req, request.user, form.cleaned_data, delivery)
        except WorkflowError as exc:
            form.add_error(None, "；".join(exc.reasons))
        else:
            messages.success(request, message)
            if key == "new" and request.POST.get("back") == "case":
                return redirect(reverse("request_detail", kwargs={"pk": req.pk}) + "#letters")
            anchor = {"new": "deliveries", "close": "close"}.get(key, f"delivery-{getattr(delivery, 'pk', '')}")
            return redirect(reverse("delivery_panel", kwargs={"pk": req.pk}) + f"#{anchor}")
    messages.error(request, "未保存：" + "；".join(e for errs in form.errors.values() for e in errs))
    req.refresh_from_db()
    bound = {(key, getattr(delivery, "pk", None)): form}
    return render(request, TEMPLATE, _page(req, request.user, bound), status=400)


@login_required
@require_POST
def delivery_new(request, pk):
    return _act(request, case_for(request.user, pk, write=True), NEW, "new")


@login_required
@require_POST
def delivery_action(request, pk, delivery_pk, action):
    req = case_for(request.user, pk, write=True)
    delivery = delivery_of(req, delivery_pk)
    if action not in actions.DELIVERY_ACTIONS:
        return redirect("delivery_panel", pk=req.pk)
    return _act(request, req, action, action, delivery)


@login_required
@require_POST
def delivery_close(request, pk):
    return _act(request, case_for(request.user, pk, write=True), CLOSE, "close")


def _challenge_done(request, req, message):
    messages.success(request, message)
    return redirect(reverse("delivery_panel", kwargs={"pk": req.pk}) + "#challenges")


@login_required
@require_http_methods(["GET", "POST"])
def challenge_new(request, pk):
    req = case_for(request.user, pk, write=True)
    body = req.agency.reconsideration_body or default_reconsideration_body(req.agency)
    form = ChallengeForm(request.POST or None, initial={"expected_version": req.version, "body": body})
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            challenge_record(request=req, by=request.user, kind=cd["kind"], body=cd["body"],
                             received_on=cd["received_on"], case_number=cd["case_number"],
                             simple_procedure=cd["simple_procedure"], expected_version=cd["expected_version"])
        except WorkflowError as exc:
            form.add_error(None, "；".join(exc.reasons))
        else:
            challenge = req.challenges.order_by("-id").first()
            return _challenge_done(request, req, f"已登记，答复/答辩期限：{challenge.answer_due:%Y-%m-%d}")
    return render(request, CHALLENGE_TEMPLATE, {"req": req, "form": form, "title": "登记行政复议或行政诉讼"},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def challenge_result(request, pk, challenge_pk):
    req = case_for(request.user, pk, write=True)
    challenge = challenge_of(req, challenge_pk)
    form = ChallengeResultForm(request.POST or None, initial={
        "expected_version": req.version, "result": challenge.result, "result_on": challenge.result_on})
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            challenge_record_result(challenge=challenge, by=request.user, result=cd["result"],
                                    result_on=cd["result_on"], orders_new_reply=cd["orders_new_reply"],
                                    new_reply_workdays=cd["new_reply_workdays"],
                                    expected_version=cd["expected_version"])
        except WorkflowError as exc:
            form.add_error(None, "；".join(exc.reasons))
        else:
            reopened = "，申请已重新办理" if cd["orders_new_reply"] else ""
            return _challenge_done(request, req, f"已记录结果{reopened}")
    title = f"记录结果：{challenge.get_kind_display()} {challenge.case_number}"
    return render(request, CHALLENGE_TEMPLATE, {"req": req, "form": form, "challenge": challenge, "title": title},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def complaint_new(request, pk):
    """Record a complaint (投诉) about the handling of the request."""
    req = case_for(request.user, pk, write=True)
    form = ComplaintForm(request.POST or None, initial={"expected_version": req.version,
                                                        "received_on": timezone.localdate()}, request_obj=req)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            complaint_record(request=req, by=request.user, complainant=cd["complainant"], channel=cd["channel"],
                             received_on=cd["received_on"], subject=cd["subject"],
                             expected_version=cd["expected_version"])
        except WorkflowError as exc:
            form.add_error(None, "；".join(exc.reasons))
        else:
            return _challenge_done(request, req, "已登记投诉")
    return render(request, CHALLENGE_TEMPLATE, {"req": req, "form": form, "title": "登记投诉"},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def complaint_result(request, pk, complaint_pk):
    req = case_for(request.user, pk, write=True)
    complaint = complaint_of(req, complaint_pk)
    form = ComplaintResultForm(request.POST or None, initial={"expected_version": req.version,
                                                              "concluded_on": timezone.localdate()}, request_obj=req)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            complaint_record_result(complaint=complaint, by=request.user, result=cd["result"],
                                    result_note=cd["result_note"], concluded_on=cd["concluded_on"],
                                    expected_version=cd["expected_version"])
        except WorkflowError as exc:
            form.add_error(None, "；".join(exc.reasons))
        else:
            return _challenge_done(request, req, "已记录投诉处理结果")
    title = f"投诉处理结果：{complaint.subject}"
    return render(request, CHALLENGE_TEMPLATE, {"req": req, "form": form, "title": title},
                  status=400 if form.errors else 200)
