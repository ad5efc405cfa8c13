"""The delivery page: record deliveries, tracking (typed or pasted), receipt, proofs, re-delivery, closing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from requests_cms.models import Delivery
from requests_cms.services.errors import WorkflowError

from .common import case_for
from .delivery_actions import ACTIONS, CLOSE, NEW
from .delivery_context import delivery_context

TEMPLATE = "requests_cms/delivery.html"


@login_required
def delivery_panel(request, pk):
    req = case_for(request.user, pk)
    return render(request, TEMPLATE, delivery_context(req, request.user))


def _respond(request, req, key, delivery_pk, form, act, anchor):
    """Validate, act, and either redirect with a message or show the page again with the form as typed."""
    if form.is_valid():
        try:
            message = act(req, form.cleaned_data)
        except WorkflowError as exc:
            form.add_error(None, "；".join(exc.reasons))
        else:
            messages.success(request, message)
            return redirect(reverse("delivery_panel", kwargs={"pk": req.pk}) + f"#{anchor}")
    messages.error(request, "未保存：" + "；".join(e for errs in form.errors.values() for e in errs))
    req.refresh_from_db()
    context = delivery_context(req, request.user, bound={(key, delivery_pk): form})
    return render(request, TEMPLATE, context, status=400)


@login_required
@require_POST
def delivery_new(request, pk):
    req = case_for(request.user, pk, write=True)
    form_class, act = NEW
    form = form_class(request.POST, prefix="new")
    return _respond(request, req, "new", None, form, lambda r, cd: act(r, request.user, cd), "deliveries")


@login_required
@require_POST
def delivery_action(request, pk, delivery_pk, action):
    req = case_for(request.user, pk, write=True)
    delivery = get_object_or_404(Delivery, pk=delivery_pk, request=req)
    if action not in ACTIONS:
        return redirect("delivery_panel", pk=req.pk)
    form_class, act = ACTIONS[action]
    form = form_class(request.POST, request.FILES or None, prefix=f"{action}-{delivery.pk}")
    return _respond(request, req, action, delivery.pk, form,
                    lambda r, cd: act(r, delivery, request.user, cd), f"delivery-{delivery.pk}")


@login_required
@require_POST
def delivery_close(request, pk):
    req = case_for(request.user, pk, write=True)
    form_class, act = CLOSE
    form = form_class(request.POST, prefix="close")
    return _respond(request, req, "close", None, form, lambda r, cd: act(r, request.user, cd), "close")

