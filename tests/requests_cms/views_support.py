"""Helpers of the view tests: log in, and walk a request through its steps with the services."""

from datetime import timedelta

from django.utils import timezone

from requests_cms.services import decision, delivery, handling


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def recent_request(make_request, **extra):
    return make_request(received=days_ago(10), **extra)


def walk(req, staff, to):
    """Bring `req` (registered) to the named stage using the services."""
    h, a = staff["handler"], staff["approver"]
    steps = [
        ("accepted", lambda r: handling.request_accept(request=r, by=h)),
        ("opinion_proposed", lambda r: decision.opinion_propose(
            request=r, by=h, outcome="disclosed", articles="第三十六条第（二）项", reasons="予以公开",
            form_of_provision="纸质，邮寄")),
        ("decided", lambda r: decision.request_decide(request=r, by=h)),
        ("pending_approval", lambda r: decision.request_submit_for_approval(request=r, by=h)),
        ("approved", lambda r: decision.request_approve(request=r, by=a)),
        ("delivered", lambda r: delivery.request_deliver(request=r, by=h, method="post",
                                                         handed_over_on=days_ago(1), waybill_number="EA123456785CN")),
    ]
    for name, step in steps:
        req = step(req)
        if name == to:
            return req
    raise ValueError(to)
