"""Delivering the reply: waybills, tracking, the applicant's receipt, returned mail, proofs and timeliness."""

from datetime import date, timedelta

import pytest

from requests_cms.models import Attachment, Delivery, PostalEvent
from requests_cms.selectors.deadlines import is_late, with_lateness
from requests_cms.selectors.delivery import remedy_periods
from requests_cms.services import deadlines as workdays
from requests_cms.services import delivery as service
from requests_cms.services import delivery_records as records
from requests_cms.services.errors import WorkflowError

from .delivery_support import (
    WAYBILL,
    approved,
    at,
    days_ago,
    pdf_bytes,
    png_bytes,
    posted,
    reply_delivery,
    today,
    upload,
)


def test_posting_the_reply_records_the_reply_date_and_is_on_time(make_request, staff):
    req = posted(make_request, staff)
    assert req.state == "delivered" and req.replied_on == today()
    assert reply_delivery(req).waybill_number == WAYBILL
    assert not is_late(req)


@pytest.mark.parametrize("number, fragment", [("EA123456784CN", "校验位"), ("EA1234CN", "格式"), ("", "格式")])
def test_a_wrong_waybill_number_is_refused_and_nothing_changes(make_request, staff, number, fragment):
    req = approved(make_request, staff)
    with pytest.raises(WorkflowError, match=fragment):
        service.request_deliver(request=req, by=staff["registrar"], method="post", handed_over_on=today(),
                                waybill_number=number)
    req.refresh_from_db()
    assert req.state == "approved" and not req.deliveries.exists()


def test_a_13_digit_domestic_ems_number_is_accepted_by_form(make_request, staff):
    req = approved(make_request, staff)
    req = service.request_deliver(request=req, by=staff["registrar"], method="post", handed_over_on=today(),
                                  waybill_number="1104567890123")
    assert reply_delivery(req).waybill_number == "1104567890123"


def test_electronic_delivery_records_address_and_time_sent(make_request, staff):
    req = approved(make_request, staff)
    sent = at(today(), 9, 30)
    req = service.request_deliver(request=req, by=staff["registrar"], method="electronic", handed_over_on=today(),
                                  electronic_address="zhangwei@example.com", sent_at=sent)
    d = reply_delivery(req)
    assert d.electronic_address == "zhangwei@example.com" and d.sent_at == sent
    assert req.has_proof_of_service()


def test_a_reply_posted_after_the_due_date_is_flagged_late(make_request, staff):
    req = posted(make_request, staff, received=date(2025, 9, 25))
    assert req.due_date == date(2025, 10, 29)
    assert is_late(req)
    flagged = with_lateness(type(req).objects.filter(pk=req.pk)).get()
    assert flagged.is_late is True
    assert req.events.get(action="deliver").payload["on_time"] is False


def test_an_unanswered_request_past_its_due_date_is_late_but_a_fresh_one_is_not(make_request, staff):
    old = make_request(received=date(2025, 9, 25))
    fresh = make_request(received=days_ago(1))
    late_ids = set(with_lateness(type(old).objects.all()).filter(is_late=True).values_list("pk", flat=True))
    assert old.pk in late_ids and fresh.pk not in late_ids
    assert is_late(old) and not is_late(fresh)


def test_a_delivered_tracking_entry_sets_the_receipt_date_and_starts_the_remedy_periods(make_request, staff):
    req = posted(make_request, staff, on=days_ago(2))
    d = reply_delivery(req)
    service.delivery_add_postal_event(request=req, delivery=d, by=staff["registrar"], status="accepted",
                                      occurred_at=at(days_ago(2)))
    req = service.delivery_add_postal_event(request=req, delivery=d, by=staff["registrar"], status="delivered",
                                            occurred_at=at(days_ago(1), 11), signer="本人")
    assert req.applicant_received_on == days_ago(1)
    periods = remedy_periods(req)
    region = req.agency.calendar_region
    assert periods.reconsideration.due == workdays.reconsideration_due(days_ago(1), region=region).due
    assert periods.lawsuit.due == workdays.lawsuit_due(days_ago(1), region=region).due
    assert not periods.reconsideration_first


def test_withheld_replies_say_reconsideration_comes_first(make_request, staff):
    req = posted(make_request, staff, outcome="withheld_process_info")
    req = service.delivery_record_receipt(request=req, delivery=reply_delivery(req), by=staff["registrar"],
                                          received_on=today())
    periods = remedy_periods(req)
    assert periods.reconsideration_first and periods.lawsuit is None


def test_a_receipt_date_before_the_posting_date_is_refused(make_request, staff):
    req = posted(make_request, staff)
    with pytest.raises(WorkflowError, match="不能早于交邮"):
        service.delivery_record_receipt(request=req, delivery=reply_delivery(req), by=staff["registrar"],
                                        received_on=today() - timedelta(days=1))
    req.refresh_from_db()
    assert req.applicant_received_on is None and reply_delivery(req).received_on is None


def test_pasted_tracking_text_becomes_postal_events_once(make_request, staff):
    req = posted(make_request, staff, on=days_ago(3))
    d = reply_delivery(req)
    text = (f"{days_ago(1):%Y-%m-%d} 10:05:17 【高平市米山镇邮政支局】已妥投，签收人：本人\n"
            f"{days_ago(2):%Y-%m-%d} 16:40:01 【高平市邮政分公司揽投部】已离开，发往晋城市邮件处理中心\n"
            f"{days_ago(3):%Y-%m-%d} 09:12:33 【高平市邮政分公司揽投部】已收寄\n")
    req, created, skipped = records.delivery_import_tracking(request=req, delivery=d, by=staff["registrar"],
                                                             text=text)
    assert [e.status for e in created] == ["accepted", "delivered"] and len(skipped) == 1
    assert req.applicant_received_on == days_ago(1)
    assert PostalEvent.objects.get(delivery=d, status="delivered").signer == "本人"
    _, again, _ = records.delivery_import_tracking(request=req, delivery=d, by=staff["registrar"], text=text)
    assert again == [] and PostalEvent.objects.filter(delivery=d).count() == 2


def test_pasted_text_without_tracking_entries_is_refused(make_request, staff):
    req = posted(make_request, staff)
    with pytest.raises(WorkflowError, match="未能"):
        records.delivery_import_tracking(request=req, delivery=reply_delivery(req), by=staff["registrar"],
                                         text="您查询的邮件不存在")


def test_returned_mail_leads_to_a_new_delivery_that_replaces_it(make_request, staff):
    req = posted(make_request, staff, on=days_ago(5))
    first = reply_delivery(req)
    req = service.delivery_add_postal_event(request=req, delivery=first, by=staff["registrar"], status="returned",
                                            occurred_at=at(days_ago(3)), detail="收件人拒收")
    first.refresh_from_db()
    assert first.returned_on == days_ago(3)
    with pytest.raises(WorkflowError, match="早于退回"):
        records.delivery_redeliver(request=req, returned=first, by=staff["registrar"], method="direct",
                                   handed_over_on=days_ago(4))
    req = records.delivery_redeliver(request=req, returned=first, by=staff["registrar"], method="direct",
                                     handed_over_on=today())
    second = Delivery.objects.get(replaces=first)
    assert second.for_reply and second.letter_label == first.letter_label
    assert req.replied_on == days_ago(5)  # the reply date stays the first posting
    with pytest.raises(WorkflowError, match="已重新送达"):
        records.delivery_redeliver(request=req, returned=first, by=staff["registrar"], method="direct",
                                   handed_over_on=today())


def test_a_delivery_that_was_not_returned_cannot_be_redelivered(make_request, staff):
    req = posted(make_request, staff)
    with pytest.raises(WorkflowError, match="已退回"):
        records.delivery_redeliver(request=req, returned=reply_delivery(req), by=staff["registrar"],
                                   method="direct", handed_over_on=today())


def test_a_notice_delivery_is_recorded_without_changing_state(make_request, staff):
    req = make_request(received=days_ago(3))
    req = records.delivery_record(request=req, by=staff["registrar"], method="post", handed_over_on=today(),
                                  letter_label="补正告知书", waybill_number=WAYBILL)
    d = req.deliveries.get()
    assert req.state == "registered" and not d.for_reply
    assert req.events.order_by("-seq").first().action == "record_delivery"


def test_a_signed_proof_of_service_can_be_uploaded_for_a_delivery(make_request, staff):
    req = posted(make_request, staff)
    d = reply_delivery(req)
    attachment = records.delivery_upload_proof(request=req, delivery=d, by=staff["registrar"],
                                               kind="proof_of_service",
                                               uploaded_file=upload("回证.pdf", pdf_bytes()))
    assert attachment.delivery == d and attachment.content_type == "application/pdf"
    records.delivery_upload_proof(request=req, delivery=d, by=staff["registrar"], kind="tracking_printout",
                                  uploaded_file=upload("查询.png", png_bytes()))
    assert req.has_proof_of_service()


def test_a_proof_that_is_not_a_pdf_or_image_is_refused_and_nothing_is_stored(make_request, staff):
    req = posted(make_request, staff)
    with pytest.raises(WorkflowError, match="PDF"):
        records.delivery_upload_proof(request=req, delivery=reply_delivery(req), by=staff["registrar"],
                                      kind="proof_of_service",
                                      uploaded_file=upload("回证.pdf", b"MZ\x90\x00 this is an exe", "application/pdf"))
    assert not Attachment.objects.filter(request=req).exists()
    assert not req.has_proof_of_service()


def test_a_second_reply_delivery_outside_the_approved_step_is_refused(make_request, staff):
    req = posted(make_request, staff)
    with pytest.raises(WorkflowError, match="退回后重新送达"):
        records.delivery_record(request=req, by=staff["registrar"], method="direct", handed_over_on=today(),
                                letter_label="答复书")
    assert req.deliveries.count() == 1
