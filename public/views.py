"""The public pages (no login): agencies and their guides, the online form, the lookup with the query code.

Nothing here reads staff data beyond what a guide publishes, and a request is shown only to whoever holds its number
and query code (or the last 6 characters of the ID number); that proof is kept in the session for the downloads.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from requests_cms.client_ip import client_ip
from requests_cms.models import Agency
from requests_cms.services.errors import WorkflowError

from . import codes, services, throttle
from .forms import LookupForm, OnlineApplicationForm, with_captcha
from .models import DisclosureGuide, SubmissionFile

SESSION_KEY = "public_lookup"
BUSY = "操作过于频繁，请稍后再试"
NOT_FOUND = "申请编号或查询码不正确"


def _guide(agency):
    guide = DisclosureGuide.objects.filter(agency=agency).first() or DisclosureGuide(agency=agency)
    return guide


def agency_list(request):
    agencies = Agency.objects.exclude(public_guide__published=False).order_by("id")
    return render(request, "public/agencies.html", {"agencies": agencies})


def agency_guide(request, code):
    agency = get_object_or_404(Agency.objects.exclude(public_guide__published=False), code=code)
    return render(request, "public/guide.html", {"agency": agency, "guide": _guide(agency)})


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    ip = client_ip(request)
    form_class = with_captcha(OnlineApplicationForm) if throttle.needs_captcha(ip) else OnlineApplicationForm
    if request.method == "GET":
        agency = Agency.objects.filter(code=request.GET.get("agency", "")).first()
        return render(request, "public/apply.html", {"form": form_class(initial={"agency": agency})})
    form = form_class(request.POST, request.FILES)
    if throttle.exceeded("submit_ip", ip):
        form.add_error(None, BUSY)
        return render(request, "public/apply.html", {"form": form}, status=429)
    if form.is_bot:
        # The honeypot: answer as if it were a bad form, record nothing.
        form.add_error(None, "提交失败，请检查填写内容后重试")
        throttle.hit("submit_ip", ip)
        return render(request, "public/apply.html", {"form": form}, status=400)
    if not form.is_valid():
        throttle.hit("submit_fail_ip", ip)
        return render(request, "public/apply.html", {"form": form}, status=400)
    phone = form.cleaned_data["phone"]
    if throttle.exceeded("submit_phone", phone):
        form.add_error(None, BUSY)
        return render(request, "public/apply.html", {"form": form}, status=429)
    try:
        sub, code = services.submit(data=form.cleaned_data, client_ip=ip, files=[
            (SubmissionFile.Kind.ID_PROOF, form.cleaned_data.get("id_proof")),
            (SubmissionFile.Kind.ATTACHMENT, form.cleaned_data.get("attachment"))])
    except WorkflowError as exc:
        form.add_error(None, str(exc))
        return render(request, "public/apply.html", {"form": form}, status=400)
    throttle.hit("submit_ip", ip)
    throttle.hit("submit_phone", phone)
    response = render(request, "public/apply_done.html", {"submission": sub, "code": codes.display(code)})
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request):
    ip = client_ip(request)
    form_class = with_captcha(LookupForm) if throttle.needs_captcha(ip) else LookupForm
    if request.method == "GET":
        return render(request, "public/lookup.html", {"form": form_class()})
    form = form_class(request.POST)
    if not form.is_valid():
        return render(request, "public/lookup.html", {"form": form}, status=400)
    number = form.cleaned_data["number"].strip().upper()
    if (throttle.exceeded("lookup_ip", ip) or throttle.exceeded("lookup_fail_ip", ip)
            or throttle.exceeded("lookup_fail_number", number)):
        form.add_error(None, BUSY)
        return render(request, "public/lookup.html", {"form": form}, status=429)
    throttle.hit("lookup_ip", ip)
    sub = services.lookup(number, form.cleaned_data["secret"])
    if sub is None:
        throttle.hit("lookup_fail_ip", ip)
        throttle.hit("lookup_fail_number", number)
        if throttle.needs_captcha(ip) and "captcha" not in form.fields:
            form = with_captcha(LookupForm)(request.POST)
            form.is_valid()
            form.errors.pop("captcha", None)  # asked for from now on, not an error of this attempt
        form.add_error(None, NOT_FOUND)
        return render(request, "public/lookup.html", {"form": form}, status=404)
    request.session.cycle_key()
    request.session[SESSION_KEY] = sub.pk
    return render(request, "public/progress.html", {"info": services.progress(sub)})


def letter_download(request, letter_pk):
    """A frozen letter of the request proved in this session, once staff recorded its electronic delivery."""
    from . import edelivery
    from .models import OnlineSubmission

    sub = OnlineSubmission.objects.filter(pk=request.session.get(SESSION_KEY)).select_related("request").first()
    if sub is None or sub.request is None:
        raise Http404
    letter = sub.request.letters.filter(pk=letter_pk, state="frozen").first()
    if letter is None or not letter.pdf or letter.pk not in edelivery.downloadable(sub.request):
        raise Http404
    edelivery.record_download(sub, letter, client_ip(request))
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="letter-{letter.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def _proved_submission(request):
    from .models import OnlineSubmission

    sub = OnlineSubmission.objects.filter(pk=request.session.get(SESSION_KEY)).select_related("request").first()
    if sub is None or sub.request is None:
        raise Http404
    return sub


def released_download(request, document_pk):
    """A released copy (公开件) that goes with the electronically delivered reply; never an original."""
    from requests_cms.services.responsive import released_bytes

    from . import edelivery

    sub = _proved_submission(request)
    document = next((d for d in edelivery.released_documents(sub.request) if d.pk == document_pk), None)
    if document is None:
        raise Http404
    data = released_bytes(document)
    edelivery.record_released_download(sub, f"《{document.title}》公开件（第{document.version}版）", client_ip(request))
    return _pdf(data, f"released-{document.pk}-v{document.version}.pdf")


def released_log(request):
    """The redaction log annex of the released copies (what was withheld and why, never the content)."""
    from requests_cms.services.responsive import log_annex_pdf

    from . import edelivery

    sub = _proved_submission(request)
    if not edelivery.released_documents(sub.request):
        raise Http404
    pdf, _pages = log_annex_pdf(sub.request)
    edelivery.record_released_download(sub, "区分处理说明（答复书附件）", client_ip(request))
    return _pdf(pdf, "redaction-log.pdf")


def _pdf(data, filename):
    response = HttpResponse(bytes(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
