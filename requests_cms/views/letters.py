"""The letters panel's actions: draft, edit the text, issue a notice, preview or download the PDF (after the
permission check)."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from requests_cms.access import case_for
from requests_cms.forms.documents import LetterTextForm
from requests_cms.services.errors import ConflictError, WorkflowError

try:
    from letters.kinds import WORDED_KINDS
    from letters.models import Letter
    from requests_cms.services import notices
    from requests_cms.services import request_letters as letter_services
except ImportError:  # pragma: no cover - the letters app is built separately
    Letter = None


def _letter(req, letter_pk):
    if Letter is None:
        raise Http404("文书功能尚未启用")
    return get_object_or_404(Letter, pk=letter_pk, request=req)


@login_required
def letter_pdf(request, pk, letter_pk):
    letter = _letter(case_for(request.user, pk), letter_pk)
    try:
        pdf = letter_services.letter_pdf(letter)
    except ValueError as exc:
        messages.error(request, f"无法生成PDF：{exc}")
        return redirect("request_detail", pk=pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if request.GET.get("download") != "1" else "attachment"
    name = f"{letter.document_number or letter.title}-v{letter.version}.pdf"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def letter_draft(request, pk, kind=None):
    kind = kind or request.POST.get("kind", "")
    req = case_for(request.user, pk, write=True)
    if Letter is None or kind not in WORDED_KINDS or req.agency_id != request.user.agency_id:
        raise Http404("没有这种文书")
    try:
        letter = letter_services.letter_draft(request=req, kind=kind, by=request.user)
    except ValueError as exc:
        messages.error(request, f"无法生成草稿：{exc}")
        return redirect("request_detail", pk=pk)
    if request.POST.get("then") == "preview":
        return redirect("letter_pdf", pk=pk, letter_pk=letter.pk)
    messages.success(request, f"已生成草稿：{letter.title}")
    return redirect("letter_edit", pk=pk, letter_pk=letter.pk)


@login_required
def letter_edit(request, pk, letter_pk):
    req = case_for(request.user, pk, write=True)
    letter = _letter(req, letter_pk)
    form = LetterTextForm(request.POST or None, initial={"text": letter.text})
    if request.method == "POST" and form.is_valid():
        try:
            letter_services.letter_update_text(letter=letter, text=form.cleaned_data["text"], by=request.user)
        except ValueError as exc:
            form.add_error("text", str(exc))
        else:
            messages.success(request, "文书正文已保存")
            return redirect(reverse("request_detail", kwargs={"pk": pk}) + "#letters")
    return render(request, "requests_cms/case_letter_edit.html", {"req": req, "letter": letter, "form": form})


@login_required
@require_POST
def letter_issue(request, pk, letter_pk):
    """Issue a drafted notice: numbered and frozen (services/notices.py says who may, and refuses in Chinese)."""
    req = case_for(request.user, pk, write=True)
    letter = _letter(req, letter_pk)
    try:
        notices.notice_issue(request=req, letter=letter, by=request.user,
                             expected_version=request.POST.get("expected_version"))
    except ConflictError as exc:
        messages.error(request, f"未签发：{exc}")
    except WorkflowError as exc:
        messages.error(request, f"未签发：{'；'.join(exc.reasons)}")
    else:
        letter.refresh_from_db()
        messages.success(request, f"已签发：{letter.title}（{letter.document_number}）")
    return redirect(reverse("request_detail", kwargs={"pk": pk}) + "#letters")
