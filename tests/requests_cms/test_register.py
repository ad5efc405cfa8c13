from datetime import date

import pytest

from requests_cms.models import RequestEvent
from requests_cms.services import registration
from requests_cms.services.errors import WorkflowError


def register(make_args, education, staff, applicant):
    return registration.request_register(agency=education, by=staff["registrar"], applicant=applicant,
                                         description="请公开预算", **make_args)


@pytest.mark.parametrize("args, expected", [
    (dict(channel="in_person", submitted_on=date(2025, 9, 25)), date(2025, 9, 25)),
    (dict(channel="post", post_kind="signed", submitted_on=date(2025, 9, 20), arrived_on=date(2025, 9, 24),
          signed_on=date(2025, 9, 25)), date(2025, 9, 25)),
    (dict(channel="post", post_kind="ordinary", arrived_on=date(2025, 9, 24), confirmed_on=date(2025, 9, 26)),
     date(2025, 9, 26)),
    (dict(channel="online", submitted_on=date(2025, 9, 27), confirmed_on=date(2025, 9, 29)), date(2025, 9, 29)),
    (dict(channel="fax", confirmed_on=date(2025, 9, 30)), date(2025, 9, 30)),
])
def test_it_derives_the_receipt_date_from_the_channel(args, expected, education, staff, applicant):
    req = register(args, education, staff, applicant)
    assert req.received_on == expected


def test_it_starts_the_reply_clock_from_receipt(make_request):
    req = make_request(received=date(2025, 9, 25))
    assert req.due_date == date(2025, 10, 29)
    assert req.state == "registered"


def test_it_numbers_requests_per_agency_and_year_without_gaps(make_request):
    numbers = [make_request().number for _ in range(3)]
    assert numbers == ["JYJ-2025-0001", "JYJ-2025-0002", "JYJ-2025-0003"]


def test_it_refuses_a_signed_letter_without_the_signing_date(education, staff, applicant):
    with pytest.raises(WorkflowError, match="签收日期"):
        register(dict(channel="post", post_kind="signed", arrived_on=date(2025, 9, 24)), education, staff, applicant)


def test_an_override_of_the_receipt_date_needs_a_reason_and_is_recorded(education, staff, applicant):
    args = dict(channel="in_person", submitted_on=date(2025, 9, 25), received_override=date(2025, 9, 26))
    with pytest.raises(WorkflowError, match="理由"):
        register(args, education, staff, applicant)
    req = register({**args, "override_reason": "申请书误投至信访局，9月26日转来"}, education, staff, applicant)
    assert req.received_on == date(2025, 9, 26)
    event = RequestEvent.objects.get(request=req)
    assert "误投" in event.note and event.payload["received_on"] == "2025-09-26"


def test_an_auditor_cannot_register(education, staff, applicant):
    with pytest.raises(WorkflowError, match="登记"):
        registration.request_register(agency=education, by=staff["auditor"], applicant=applicant,
                                      channel="fax", confirmed_on=date(2025, 9, 30), description="x")


def test_the_description_is_kept_verbatim(make_request):
    text = "  请公开<b>“三公”经费</b> & 其他\n第二行  "
    assert make_request(description=text).description == text
