"""Registration of a request: the form, the live receipt-date preview and the applicant look-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from requests_cms.forms import APPLICANT_FIELDS, RegisterForm
from requests_cms.models import Applicant, Role, User
from requests_cms.services import registration
from requests_cms.services.errors import WorkflowError

from .lookups import probable_repeats, search_applicants
from .registration_preview import as_int, preview_for


def _registrar(user):
    if not user.agency_id or not {Role.REGISTRAR, Role.HANDLER}.intersection(user.roles or []):
        raise PermissionDenied("只有登记人员或承办人可以登记申请")
    return user.agency


@login_required
def request_register(request):
    agency = _registrar(request.user)
    staff = User.objects.filter(agency=agency, is_active=True).order_by("id")
    handlers = [u for u in staff if u.has_role(Role.HANDLER)]
    form = RegisterForm(request.POST or None, handlers=handlers)
    if request.method == "POST" and form.is_valid():
        try:
            req = _register(form, agency, request.user)
        except WorkflowError as exc:
            form.add_error(None, str(exc))
        else:
            _warn_repeats(request, req)
            messages.success(request, f"已登记，申请编号 {req.number}，收到申请日期 {req.received_on:%Y-%m-%d}")
            return redirect(reverse("request_detail", kwargs={"pk": req.pk}) + "?registered=1")
    preview = preview_for(agency, request.POST) if request.method == "POST" else None
    chosen = Applicant.objects.filter(agency=agency, pk=as_int(request.POST.get("applicant_id"))).first()
    return render(request, "requests_cms/register.html", {"form": form, "preview": preview, "chosen_applicant": chosen})


def _register(form, agency, user):
    cd = form.cleaned_data
    with transaction.atomic():
        if cd.get("applicant_id"):
            applicant = Applicant.objects.filter(agency=agency, pk=cd["applicant_id"]).first()
            if applicant is None:
                raise WorkflowError("所选申请人不存在或不属于本机关")
        else:
            applicant = registration.applicant_create(agency=agency, by=user,
                                                      **{f: cd.get(f) or "" for f in APPLICANT_FIELDS})
        handler = User.objects.filter(agency=agency, pk=cd["handler"]).first() if cd.get("handler") else None
        return registration.request_register(
            agency=agency, by=user, applicant=applicant, channel=cd["channel"], description=cd["description"],
            received_override=cd["received_override"] if cd["override"] else None,
            override_reason=cd["override_reason"] if cd["override"] else "", purpose=cd["purpose"],
            requested_form=cd["requested_form"], delivery_method=cd["delivery_method"], handler=handler,
            **form.receipt_args())


def _warn_repeats(request, req):
    repeats = probable_repeats(agency=req.agency, applicant_id=req.applicant_id, description=req.description,
                               exclude_pk=req.pk)
    if repeats:
        numbers = "、".join(r["number"] for r in repeats)
        messages.warning(request, f"可能为重复申请（条例第三十六条第（六）项）：该申请人近12个月内有内容相近的申请"
                                  f" {numbers}。请核对后再作处理。")


@login_required
def register_preview(request):
    """JSON for the registration page: the receipt date the server derives, its rule, and probable repeats."""
    return JsonResponse(preview_for(_registrar(request.user), request.GET))


@login_required
def applicant_lookup(request):
    agency = _registrar(request.user)
    return JsonResponse({"results": search_applicants(agency, request.GET.get("q", ""))})

