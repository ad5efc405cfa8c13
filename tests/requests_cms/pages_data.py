"""Requests in the situations the dashboard, list and reminders show, created through the services."""

from datetime import timedelta

from django.utils import timezone

from requests_cms.models import Challenge
from requests_cms.services import decision, handling
from requests_cms.services.deadlines import add_workdays

KINDS = ["overdue", "due_soon", "correction", "consulting", "approval"]


def today():
    return timezone.localdate()


def received_for_due(target):
    """A receipt date whose 20-workday reply period ends on `target` (or the latest workday before it)."""
    day = target - timedelta(days=28)
    while add_workdays(day + timedelta(days=1), 20) <= target:
        day += timedelta(days=1)
    return day


def overdue(make_request, **extra):
    return make_request(received=received_for_due(today() - timedelta(days=10)), **extra)


def due_soon(make_request, **extra):
    return make_request(received=received_for_due(add_workdays(today(), 2)), **extra)


def far(make_request, **extra):
    return make_request(received=today(), **extra)


def correction(make_request, staff, **extra):
    req = make_request(received=today() - timedelta(days=3), **extra)
    return handling.request_correction(request=req, by=staff["handler"], items="请写明所需信息的文号",
                                       notice_sent_on=today())


def consulting(make_request, staff, **extra):
    req = handling.request_accept(request=make_request(received=today() - timedelta(days=25), **extra),
                                  by=staff["registrar"])
    return handling.consultation_start(request=req, by=staff["handler"], party_kind="third_party",
                                       party_name="高平市某某建筑有限公司", information="该公司的施工许可材料",
                                       sent_on=today() - timedelta(days=21))


def approval(make_request, staff, **extra):
    req = handling.request_accept(request=make_request(received=today() - timedelta(days=5), **extra),
                                  by=staff["registrar"])
    req = decision.opinion_propose(request=req, by=staff["handler"], outcome="disclosed",
                                   articles="条例第三十六条第（二）项", reasons="属于公开范围",
                                   form_of_provision="纸质复印件，邮寄送达")
    req = decision.request_decide(request=req, by=staff["handler"])
    return decision.request_submit_for_approval(request=req, by=staff["handler"])


def challenge(req, days=5):
    return Challenge.objects.create(request=req, kind="reconsideration", body="高平市人民政府",
                                    received_on=today() - timedelta(days=2),
                                    answer_due=today() + timedelta(days=days))


def mix(make_request, staff, n):
    """n requests cycling through every dashboard situation, plus a pending challenge on each fifth."""
    made = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        if kind in ("overdue", "due_soon"):
            req = globals()[kind](make_request)
        else:
            req = globals()[kind](make_request, staff)
        if i % 5 == 0:
            challenge(req)
        made.append(req)
    return made
