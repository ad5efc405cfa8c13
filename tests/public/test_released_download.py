"""The released copies (公开件) and the redaction log go to the applicant with the electronically delivered reply;
the original never does."""

import pytest
from django.urls import reverse
from django.utils import timezone

from public.models import OnlineSubmission, SubmissionEvent
from public.views import SESSION_KEY
from requests_cms.services import delivery, responsive
from tests.requests_cms.redaction_support import consulted_request
from tests.requests_cms.test_responsive_documents import _to_approval, mark_proposals

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(make_request, staff, officers, departments):
    from requests_cms.services import decision

    req, document = consulted_request(make_request, staff, officers, departments)
    document, _ = mark_proposals(document, staff["handler"])
    responsive.release(document=document, by=staff["handler"])
    req = decision.request_approve(request=_to_approval(req, staff), by=staff["approver"])
    document.refresh_from_db()
    sub = OnlineSubmission.objects.create(
        agency=req.agency, number="WS20261202000001", request=req, status="confirmed", kind="natural_person",
        name=req.applicant.name, id_type="resident_id", id_number="11010519491231002X", phone="13800000001",
        description=req.description, requested_form="electronic", delivery_method="electronic", code_hash="-")
    return req, document, sub


def _as_applicant(client, sub):
    session = client.session
    session[SESSION_KEY] = sub.pk
    session.save()


def test_released_copies_and_the_log_are_downloadable_with_the_electronic_reply_only(client, staff, approved):
    req, document, sub = approved
    _as_applicant(client, sub)
    copy_url = reverse("public_released", kwargs={"document_pk": document.pk})
    assert client.get(copy_url).status_code == 404  # the reply has not gone out electronically yet
    delivery.request_deliver(request=req, by=staff["registrar"], method="electronic",
                             handed_over_on=timezone.localdate(), electronic_address="applicant@example.com")
    from public import services

    assert services.progress(sub)["released"] == [document]  # listed on the lookup page with the reply
    response = client.get(copy_url)
    assert response.status_code == 200 and response.content == responsive.released_bytes(document)
    log = client.get(reverse("public_released_log"))
    assert log.status_code == 200 and log.content.startswith(b"%PDF")
    assert SubmissionEvent.objects.filter(submission=sub, action="download").count() == 2


def test_the_original_is_never_reachable_from_the_public_side(client, staff, approved):
    req, document, sub = approved
    delivery.request_deliver(request=req, by=staff["registrar"], method="electronic",
                             handed_over_on=timezone.localdate(), electronic_address="applicant@example.com")
    _as_applicant(client, sub)
    original = document.original
    assert client.get(reverse("public_released", kwargs={"document_pk": document.pk + 1000})).status_code == 404
    staff_url = reverse("attachment_download", kwargs={"pk": req.pk, "attachment_pk": original.pk})
    assert client.get(staff_url).status_code in (302, 403, 404)  # staff URL: the login page, never the file
