"""Read queries about delivery: timeliness (for the case page, dashboard and list) and the remedy periods.

A reply is on time when posted or handed over on or before the due date (DLV). `is_late(req)` and
`with_lateness(queryset)` say the same thing, one for an object, one as an annotation usable in filters.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, Case, Value, When
from django.utils import timezone

from letters.outcomes import reconsideration_first
from requests_cms.selectors import is_overdue, overdue_q

from .services import workdays as engine


def is_late(req, today=None):
    """Replied after the due date, or unanswered with the running clock past it (one rule: selectors.is_overdue)."""
    return is_overdue(req, today or timezone.localdate())


def with_lateness(queryset, today=None):
    """Annotate `is_late` (bool) on a queryset of requests; filter with .filter(is_late=True)."""
    condition = overdue_q(today or timezone.localdate())
    return queryset.annotate(is_late=Case(When(condition, then=Value(True)), default=Value(False),
                                          output_field=BooleanField()))


@dataclass(frozen=True)
class RemedyPeriods:
    received_on: object
    reconsideration: object  # workday_calendars Deadline
    lawsuit: object | None  # None when reconsideration must come first
    reconsideration_first: bool


def remedy_periods(req):
    """The applicant's periods from the actual receipt of the reply (None until the receipt is recorded)."""
    if not req.applicant_received_on:
        return None
    region = req.agency.calendar_region
    first = reconsideration_first(req.outcome)
    return RemedyPeriods(
        received_on=req.applicant_received_on,
        reconsideration=engine.reconsideration_due(req.applicant_received_on, region=region),
        lawsuit=None if first else engine.lawsuit_due(req.applicant_received_on, region=region),
        reconsideration_first=first,
    )


def timeliness(req):
    """(label, css class) for the case page."""
    if req.replied_on is None:
        return ("已超过答复期限，尚未答复", "late") if is_late(req) else ("尚未答复", "")
    if is_late(req):
        return f"逾期答复（{req.replied_on:%Y-%m-%d}交邮/交付，期限{req.due_date:%Y-%m-%d}）", "late"
    return "按期答复", "ok"
