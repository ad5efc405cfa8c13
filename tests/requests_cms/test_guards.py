"""Guards the law implies (domain.md §3, §8): a late correction notice, a co-producing agency, no future past events."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from requests_cms.casefile.records import step_records
from requests_cms.forms.actions import ConsultationForm, CorrectionForm
from requests_cms.forms.delivery import PostalEventForm, ReceiptForm, TrackingPasteForm
from requests_cms.services import delivery, delivery_records, handling
from requests_cms.services.deadlines import correction_notice_due
from requests_cms.services.errors import WorkflowError

from .delivery_support import posted

RECEIVED = date(2026, 11, 2)  # 7 workdays after: 2026-11-11


@pytest.mark.django_db
def test_the_correction_notice_is_due_7_workdays_after_receipt():
    assert correction_notice_due(RECEIVED).due == date(2026, 11, 11)


def late_notice(req, staff, **extra):
    return handling.request_correction(request=req, by=staff["handler"], items="请写明所需文件的年度",
                                       notice_sent_on=date(2026, 11, 12), **extra)


@pytest.mark.django_db
def test_a_correction_notice_within_7_workdays_needs_no_consent(make_request, staff):
    req = make_request(received=RECEIVED)
    req = handling.request_correction(request=req, by=staff["handler"], items="请写明年度",
                                      notice_sent_on=date(2026, 11, 11))
    correction = req.corrections.get()
    assert not correction.is_late and correction.late_consent_by is None


@pytest.mark.django_db
def test_a_late_correction_notice_is_refused_without_an_approvers_consent(make_request, staff):
    req = make_request(received=RECEIVED)
    with pytest.raises(WorkflowError, match="2026-11-11前发出.*须经负责人同意"):
        late_notice(req, staff)
    with pytest.raises(WorkflowError, match="须经负责人同意"):
        late_notice(req, staff, late_consent_by=staff["registrar"])  # not an approver
    with pytest.raises(WorkflowError, match="须经负责人同意"):
        late_notice(req, staff, late_consent_by=staff["other_approver"])  # another agency's
    req.refresh_from_db()
    assert req.state == "registered" and not req.corrections.exists()


@pytest.mark.django_db
def test_a_late_correction_notice_with_consent_keeps_the_original_due_date_beside_the_restarted_one(make_request,
                                                                                                     staff):
    req = make_request(received=RECEIVED)
    original = req.due_date
    req = late_notice(req, staff, late_consent_by=staff["approver"])
    correction = req.corrections.get()
    assert correction.is_late and correction.late_consent_by == staff["approver"]
    assert correction.original_due == original == date(2026, 11, 30)
    event = req.events.get(action="request_correction")
    assert "经负责人郭慧同意" in event.note and "原答复期限2026-11-30" in event.note
    req = handling.request_receive_correction(request=req, by=staff["registrar"], received_on=date(2026, 11, 16))
    assert req.due_date == date(2026, 12, 14) != original
    (_, record), = [item for item in step_records(req) if item[0] == "correction"]
    lines = [text for _kind, text in record.blocks]
    assert "原答复期限：2026年11月30日" in lines or "原答复期限：2026-11-30" in lines
    assert any(line.startswith("重新起算的答复期限：") and "—" not in line for line in lines)
    assert "逾期告知经负责人同意：郭慧" in lines


@pytest.mark.django_db
def test_an_approver_taking_the_late_step_consents_himself(make_request, staff):
    req = make_request(received=RECEIVED)
    req = handling.request_correction(request=req, by=staff["approver2"], items="请写明年度",
                                      notice_sent_on=date(2026, 11, 12))
    assert req.corrections.get().late_consent_by == staff["approver2"]


@pytest.mark.django_db
def test_the_correction_form_offers_the_agencys_approvers_and_keeps_what_was_typed(make_request, staff):
    req = make_request(received=RECEIVED)
    form = CorrectionForm(data={"expected_version": req.version, "items": "请写明年度", "notice_sent_on": "2026-11-12",
                                "late_consent_by": str(staff["other_approver"].pk)}, request_obj=req)
    offered = {label for _pk, label in form.fields["late_consent_by"].choices}
    assert {"郭慧", "赵刚"} <= offered and "申丽" not in offered and "陈磊" not in offered
    assert not form.is_valid() and "请选择本机关的负责人" in form.errors["late_consent_by"][0]
    assert form["items"].value() == "请写明年度"
    good = CorrectionForm(data={"expected_version": req.version, "items": "请写明年度",
                                "notice_sent_on": "2026-11-12", "late_consent_by": str(staff["approver"].pk)},
                          request_obj=req)
    assert good.is_valid() and good.cleaned_data["late_consent_by"] == staff["approver"]


@pytest.mark.django_db
@pytest.mark.parametrize("name, accepted", [
    ("高平市财政局", True),  # an agency of the system
    ("晋城市自然资源局", True),  # an organ outside it
    ("高平市某某建材有限公司", False),
    ("张三", False),
    ("高平市人民医院", False),
])
def test_a_co_producing_agency_consultation_goes_to_an_agency_only(make_request, staff, name, accepted):
    req = handling.request_accept(request=make_request(received=timezone.localdate() - timedelta(days=3)),
                                  by=staff["registrar"])

    def start():
        return handling.consultation_start(request=req, by=staff["handler"], party_kind="agency", party_name=name,
                                           information="2025年度联合检查通报")

    if accepted:
        assert start().state == "consulting"
    else:
        with pytest.raises(WorkflowError, match="只能向行政机关发出"):
            start()
        req.refresh_from_db()
        assert req.state == "accepted" and not req.consultations.exists()
        # the same party as a third party is fine
        third = handling.consultation_start(request=req, by=staff["handler"], party_kind="third_party",
                                            party_name=name, information="2025年度联合检查通报")
        assert third.state == "consulting"


@pytest.mark.django_db
def test_the_consultation_form_keeps_what_was_typed_when_a_required_part_is_missing():
    # The sending date is no longer typed here: it is the consultation letter's recorded delivery (services/notices).
    form = ConsultationForm(data={"expected_version": "1", "party_kind": "agency", "party_name": "高平市财政局"})
    assert not form.is_valid() and form.errors["information"] == ["此项为必填项"]
    assert form["party_name"].value() == "高平市财政局" and "sent_on" not in form.fields


# --- no future date for a past event -----------------------------------------------------------------------

def future_line():
    later = timezone.localtime() + timedelta(days=2)
    return f"{later:%Y-%m-%d %H:%M:%S} 已妥投，签收人：本人 【高平市米山镇投递部】"


def test_a_postal_event_in_the_future_is_refused_and_the_form_keeps_what_was_typed():
    later = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    form = PostalEventForm(data={"expected_version": "1", "status": "delivered", "occurred_at": later,
                                 "location": "高平市米山镇", "signer": "本人"})
    assert not form.is_valid() and form.errors["occurred_at"] == ["时间不能晚于现在"]
    assert form["location"].value() == "高平市米山镇" and form["occurred_at"].value() == later


def test_a_pasted_tracking_line_in_the_future_is_refused_with_its_time():
    form = TrackingPasteForm(data={"expected_version": "1", "text": future_line()})
    assert not form.is_valid()
    assert "晚于当前时间" in form.errors["text"][0]
    assert form["text"].value() == future_line()


def test_the_applicants_receipt_cannot_be_in_the_future():
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    form = ReceiptForm(data={"expected_version": "1", "received_on": tomorrow})
    assert not form.is_valid() and form.errors["received_on"] == ["日期不能晚于今天"]
    assert form["received_on"].value() == tomorrow


@pytest.mark.django_db
def test_the_services_refuse_future_tracking_and_change_nothing(make_request, staff):
    req = posted(make_request, staff)
    sent = req.deliveries.get()
    with pytest.raises(WorkflowError, match="晚于当前时间"):
        delivery_records.delivery_import_tracking(request=req, delivery=sent, by=staff["registrar"],
                                                  text=future_line())
    with pytest.raises(WorkflowError, match="不能晚于现在"):
        delivery.delivery_add_postal_event(request=req, delivery=sent, by=staff["registrar"], status="delivered",
                                           occurred_at=datetime.now() + timedelta(days=1))
    with pytest.raises(WorkflowError, match="不能晚于今天"):
        delivery.delivery_record_receipt(request=req, delivery=sent, by=staff["registrar"],
                                         received_on=timezone.localdate() + timedelta(days=1))
    sent.refresh_from_db()
    assert not sent.postal_events.exists() and sent.received_on is None
