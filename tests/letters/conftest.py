"""Fixtures for letters: a request to any demo agency with the step records a letter is written from."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from letters import services
from letters.outcomes import outcome_rule
from requests_cms.models import (
    Consultation,
    Correction,
    Decision,
    Extension,
    FeeNotice,
    ReasonsRequest,
    SearchRecord,
)
from requests_cms.services import registration
from requests_cms.services.request_letters import letter_facts

RECEIVED = date(2026, 3, 2)
AGENCY_CODES = {"county_department": "jyj", "township": "msz", "city_government": "gpszf", "vertical": "swju"}


@pytest.fixture
def handler(staff):
    return staff["handler"]


@pytest.fixture
def approver(staff):
    return staff["approver"]


@pytest.fixture
def letter_request(organisation, handler):
    """make(code="jyj", outcome=None, delivery_method="post", **steps) → a registered request with step records."""

    def make(code="jyj", outcome=None, delivery_method="post", description="2025年度部门预算", name="张伟"):
        agency = organisation[code]
        applicant = registration.applicant_create(agency=agency, by=None, kind="natural_person", name=name,
                                                  address="山西省高平市米山镇米西村1号", postcode="048400")
        request = registration.request_register(
            agency=agency, by=None, imported=True, applicant=applicant, channel="in_person",
            submitted_on=min(RECEIVED, timezone.localdate()), description=description,
            delivery_method=delivery_method)
        if outcome:
            decide(request, outcome, handler)
        return request

    return make


def freeze(*, letter, by):
    """letter_freeze given the current facts of the letter's request, as the approval gives them for a reply."""
    return services.letter_freeze(letter=letter, by=by, facts=letter_facts(letter))


def decide(request, outcome, by, **fields):
    rule = outcome_rule(outcome)
    values = dict(articles=rule.sample.articles or rule.articles or "《中华人民共和国政府信息公开条例》第三十六条",
                  reasons="经审查，符合规定",
                  form_of_provision="以纸质形式邮寄", right_agency="高平市财政局", proposed_by=by,
                  proposed_at=timezone.now())
    values.update(fields)
    request.decisions.update(is_current=False)
    if outcome == "not_held":
        SearchRecord.objects.create(request=request, systems="公文管理系统", keywords="预算",
                                    searched_on=request.received_on, searched_by="陈磊")
    return Decision.objects.create(request=request, outcome=outcome, **values)


def add_steps(request, by):
    """One record of every step, so that every kind of letter can be written."""
    sent = request.received_on + timedelta(days=2)
    Correction.objects.create(request=request, items="请写明所需信息的年度", notice_sent_on=sent,
                              period_ends_on=sent + timedelta(days=14))
    Extension.objects.create(request=request, workdays=20, reason="信息量大", approved_by=by, approved_on=sent,
                             original_due=sent, new_due=sent + timedelta(days=28))
    FeeNotice.objects.create(request=request, method="per_request", amount=Decimal("100"), basis="按件计收",
                             issued_on=sent, payment_due=sent + timedelta(days=28))
    ReasonsRequest.objects.create(request=request, grounds="本月内已提出申请48件", asked_on=sent,
                                  period_ends_on=sent + timedelta(days=21),
                                  reasons_received_on=sent + timedelta(days=5),
                                  applicant_reasons="研究需要", accepted=True, delayed_due=sent + timedelta(days=60),
                                  delay_reason="档案分散，需逐件调取")
    for party_kind, name in (("third_party", "某某建材有限公司"), ("agency", "高平市财政局")):
        Consultation.objects.create(request=request, party_kind=party_kind, party_name=name,
                                    party_address="高平市建设路1号", information="环评报告中的原料配比",
                                    sent_on=sent, window_ends_on=sent + timedelta(days=21))
