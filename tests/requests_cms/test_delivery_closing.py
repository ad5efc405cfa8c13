"""Closing a request needs proof of service, a 妥投 record, or a recorded refusal with witnesses, actor and date."""

import pytest

from requests_cms.services import delivery as service
from requests_cms.services import delivery_records as records
from requests_cms.services.errors import WorkflowError

from .delivery_support import WAYBILL, at, days_ago, pdf_bytes, posted, reply_delivery, today, upload


def test_closing_without_any_proof_is_refused_with_a_reason_and_nothing_is_lost(make_request, staff):
    req = posted(make_request, staff)
    with pytest.raises(WorkflowError, match="归档须有送达回证"):
        service.request_file_proof(request=req, by=staff["registrar"])
    req.refresh_from_db()
    assert req.state == "delivered" and req.replied_on == today()
    assert reply_delivery(req).waybill_number == WAYBILL


def test_a_refusal_without_witnesses_is_refused(make_request, staff):
    req = posted(make_request, staff)
    with pytest.raises(WorkflowError, match="见证人姓名"):
        service.request_file_proof(request=req, by=staff["registrar"], no_proof_reason="申请人拒绝签收")
    req.refresh_from_db()
    assert req.state == "delivered" and reply_delivery(req).no_proof_reason == ""


def test_a_refusal_with_witnesses_is_recorded_with_actor_and_date(make_request, staff):
    req = posted(make_request, staff)
    req = service.request_file_proof(request=req, by=staff["registrar"], no_proof_reason="申请人拒绝签收",
                                     witnesses="李四、王五")
    assert req.state == "closed"
    d = reply_delivery(req)
    assert (d.no_proof_reason, d.no_proof_witnesses) == ("申请人拒绝签收", "李四、王五")
    assert d.no_proof_recorded_by == staff["registrar"] and d.no_proof_recorded_on == today()
    event = req.events.get(action="file_proof")
    assert "李四、王五" in event.note and event.actor == staff["registrar"]


def test_witnesses_named_in_the_reason_text_are_accepted(make_request, staff):
    req = posted(make_request, staff)
    req = service.request_file_proof(request=req, by=staff["registrar"],
                                     no_proof_reason="申请人拒签，见证人：李四、王五")
    assert req.state == "closed" and reply_delivery(req).no_proof_witnesses == "李四、王五"


def test_a_delivered_tracking_record_is_enough_to_close(make_request, staff):
    req = posted(make_request, staff, on=days_ago(2))
    req = service.delivery_add_postal_event(request=req, delivery=reply_delivery(req), by=staff["registrar"],
                                            status="delivered", occurred_at=at(days_ago(1)), signer="本人")
    assert service.request_file_proof(request=req, by=staff["registrar"]).state == "closed"


def test_an_uploaded_signed_proof_of_service_is_enough_to_close(make_request, staff):
    req = posted(make_request, staff)
    records.delivery_upload_proof(request=req, delivery=reply_delivery(req), by=staff["registrar"],
                                  kind="proof_of_service", uploaded_file=upload("回证.pdf", pdf_bytes()))
    assert service.request_file_proof(request=req, by=staff["registrar"]).state == "closed"


def test_a_tracking_printout_alone_is_not_a_proof_of_delivery(make_request, staff):
    req = posted(make_request, staff)
    records.delivery_upload_proof(request=req, delivery=reply_delivery(req), by=staff["registrar"],
                                  kind="counter_receipt", uploaded_file=upload("收据.pdf", pdf_bytes()))
    with pytest.raises(WorkflowError):
        service.request_file_proof(request=req, by=staff["registrar"])


def test_a_delivered_notice_does_not_prove_the_delivery_of_the_reply(make_request, staff):
    req = posted(make_request, staff, on=days_ago(2))
    req = records.delivery_record(request=req, by=staff["registrar"], method="post", handed_over_on=days_ago(2),
                                  letter_label="延期答复告知书", waybill_number=WAYBILL)
    notice = req.deliveries.get(for_reply=False)
    req = service.delivery_add_postal_event(request=req, delivery=notice, by=staff["registrar"],
                                            status="delivered", occurred_at=at(days_ago(1)))
    assert req.applicant_received_on is None
    with pytest.raises(WorkflowError, match="送达回证"):
        service.request_file_proof(request=req, by=staff["registrar"])


def test_a_refusal_cannot_be_recorded_on_returned_mail_only(make_request, staff):
    req = posted(make_request, staff, on=days_ago(3))
    req = service.delivery_add_postal_event(request=req, delivery=reply_delivery(req), by=staff["registrar"],
                                            status="returned", occurred_at=at(days_ago(1)))
    with pytest.raises(WorkflowError, match="重新送达"):
        service.request_file_proof(request=req, by=staff["registrar"], no_proof_reason="拒签", witnesses="李四")
    req.refresh_from_db()
    assert req.state == "delivered"
