"""The registrar's queue of online submissions (login required, scoped to the registrar's agency)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from requests_cms.access import may_register, registering_agency
from requests_cms.services.errors import WorkflowError

from . import services
from .forms import RejectForm
from .models import OnlineSubmission


def _agency(user):
    if not may_register(user):
        raise PermissionDenied("您没有登记申请的权限")
    return registering_agency(user)


@login_required
def queue(request):
    agency = _agency(request.user)
    return render(request, "public/desk_queue.html", {
        "agency": agency, "pending": services.pending_for(agency).prefetch_related("files"),
        "reject_form": RejectForm()})


@login_required
def submission_file(request, pk, file_pk):
    from django.http import FileResponse

    agency = _agency(request.user)
    sub = get_object_or_404(OnlineSubmission, pk=pk, agency=agency)
    f = get_object_or_404(sub.files, pk=file_pk)
    return FileResponse(f.file.open("rb"), content_type=f.content_type, as_attachment=True,
                        filename=f"{sub.number}-{f.pk}")


@login_required
@require_POST
def confirm(request, pk):
    agency = _agency(request.user)
    try:
        req = services.confirm(submission_pk=pk, agency=agency, by=request.user)
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("online_queue")
    messages.success(request, f"已确认登记为 {req.number}，收到申请之日为今天")
    return redirect("request_detail", pk=req.pk)


@login_required
@require_POST
def reject(request, pk):
    agency = _agency(request.user)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("online_queue")
    try:
        services.reject(submission_pk=pk, agency=agency, by=request.user, reason=form.cleaned_data["reason"],
                        note=form.cleaned_data["note"])
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("online_queue")
    messages.success(request, "已记录未予登记及其理由")
    return redirect("online_queue")
