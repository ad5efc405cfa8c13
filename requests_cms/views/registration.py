"""Registration of a request: the form, the live receipt-date preview and the applicant look-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from requests_cms.access import registering_agency
from requests_cms.forms.registration import APPLICANT_FIELDS, RegisterForm
from requests_cms.selectors.applicants import applicant_of, handler_of, handlers_of, probable_repeats, search_applicants
from requests_cms.selectors.registration import as_int, preview_for
from requests_cms.services import registration
from requests_cms.services.errors import WorkflowError


@login_required
def request_register(request):
    agency = registering_agency(request.user)
    form = RegisterForm(request.POST or None, handlers=handlers_of(agency))
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
    chosen = applicant_of(agency, as_int(request.POST.get("applicant_id")))
    return render(request, "requests_cms/register.html", {"form": form, "preview": preview, "chosen_applicant": chosen})


def _register(form, agency, user):
    cd = form.cleaned_data
    return registration.request_register_at_desk(
        agency=agency, by=user, applicant_id=cd.get("applicant_id"),
        applicant_fields={f: cd.get(f) or "" for f in APPLICANT_FIELDS}, handler=handler_of(agency, cd.get("handler")),
        channel=cd["channel"], description=cd["description"],
        received_override=cd["received_override"] if cd["override"] else None,
        override_reason=cd["override_reason"] if cd["override"] else "", purpose=cd["purpose"],
        requested_form=cd["requested_form"], delivery_method=cd["delivery_method"], **form.receipt_args())


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
    return JsonResponse(preview_for(registering_agency(request.user), request.GET))


@login_required
def applicant_lookup(request):
    agency = registering_agency(request.user)
    return JsonResponse({"results": search_applicants(agency, request.GET.get("q", ""))})
