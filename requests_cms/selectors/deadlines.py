"""The overdue and due-soon rules the dashboard, the list, the export, the case page and the reminders share.

"Due soon" and "overdue" are derived, never stored: from the cached due date, the state (only a running clock can be
due soon or overdue) and the calendar. Each rule is written once as a Q object (filters) and once for rows in memory
(the same rule, tested against each other). Workdays left are computed in Python with one Calendar per region.
"""

from functools import reduce
from operator import or_

from django.db.models import BooleanField, Case, F, Q, Value, When
from django.utils import timezone

from requests_cms.access import request_for_user
from requests_cms.models import Agency, InformationRequest
from requests_cms.services.deadlines import DUE_SOON_WORKDAYS, OutOfRange
from requests_cms.workflow import CLOCK_PAUSED, CLOCK_RUNNING, State

_CLOCK_RUNNING = frozenset(CLOCK_RUNNING)  # for membership tests on thousands of rows
_PAUSED = frozenset(CLOCK_PAUSED)


def agency_regions():
    """Each agency's calendar region ({agency id: region})."""
    return {pk: region or "national" for pk, region in Agency.objects.values_list("id", "calendar_region")}


def due_soon_q(calendars, regions_of_agencies):
    """Clock running, due from today through the DUE_SOON_WORKDAYS-th workday after today, by the calendar of the
    request's agency (`regions_of_agencies`: agency_regions()). Written on the agency id, not through a join on the
    agency, so an index on the request alone serves it; one horizon (one region in use, or regions that agree this
    week) needs no agency condition at all."""
    by_horizon = {}
    for agency_id, region in regions_of_agencies.items():
        by_horizon.setdefault(calendars.horizon(region), []).append(agency_id)
    if len(by_horizon) <= 1:
        within = Q(due_date__lte=next(iter(by_horizon), calendars.today))
    else:
        within = reduce(or_, (Q(agency_id__in=sorted(ids), due_date__lte=horizon)
                              for horizon, ids in sorted(by_horizon.items())))
    return Q(state__in=CLOCK_RUNNING, due_date__gte=calendars.today) & within


def due_soon(req, today, horizon):
    """due_soon_q for one request in memory; ``horizon`` is Calendars.horizon of its agency's region."""
    return req.state in _CLOCK_RUNNING and req.due_date is not None and today <= req.due_date <= horizon


def is_due_soon(workdays_left):
    """Due soon by the number of workdays left (not overdue: 0 or more)."""
    return workdays_left is not None and 0 <= workdays_left <= DUE_SOON_WORKDAYS


def overdue_open_q(today):
    return Q(state__in=CLOCK_RUNNING, due_date__lt=today)


def overdue_q(today):
    """Overdue now (clock running, due date passed) or replied after the due date (是否超期 in the ledger)."""
    return overdue_open_q(today) | Q(replied_on__isnull=False, due_date__isnull=False, replied_on__gt=F("due_date"))


def is_overdue(req, today):
    if req.due_date is None:
        return False
    if req.replied_on:
        return req.replied_on > req.due_date
    return req.state in _CLOCK_RUNNING and req.due_date < today


def is_late(req, today=None):
    """Replied after the due date, or unanswered with the running clock past it (the one rule: is_overdue)."""
    return is_overdue(req, today or timezone.localdate())


def with_lateness(queryset, today=None):
    """Annotate `is_late` (bool) on a queryset of requests; filter with .filter(is_late=True)."""
    condition = overdue_q(today or timezone.localdate())
    return queryset.annotate(is_late=Case(When(condition, then=Value(True)), default=Value(False),
                                          output_field=BooleanField()))


def region_of(req):
    """The calendar region of a row (a rows.RequestRow, or a request with its agency loaded)."""
    return getattr(req, "agency_region", None) or req.agency.calendar_region


def annotate_rows(rows, calendars):
    """Attach workdays_left, overdue and paused to each request (in memory)."""
    rows = list(rows)
    for r in rows:
        r.workdays_left = calendars.workdays_left(region_of(r), r.due_date)
        r.overdue = is_overdue(r, calendars.today)
        r.paused = r.state in _PAUSED
    return rows


def left_label(left):
    """(css class, Chinese text) for a number of workdays left; None means not computable."""
    if left is None:
        return "muted", "—"
    if left < 0:
        return "overdue", f"超期{-left}个工作日"
    if left == 0:
        return "overdue", "今天到期"
    return ("due-soon" if is_due_soon(left) else "ok"), f"剩{left}个工作日"


def explain_deadline(req):
    """The engine's explanation for one request (the dashboard's one-click detail); None while the clock is
    stopped or when the calendar cannot answer."""
    from requests_cms.services.deadlines import reply_deadline

    if req.state == State.CORRECTION_REQUESTED or req.received_on is None:
        return None
    try:
        return reply_deadline(req)
    except (OutOfRange, ValueError):
        return None


def deadline_explanation(req, calendars):
    """The deadline explanation's context: the request, the engine's result, workdays left and their label."""
    left = calendars.workdays_left(req.agency.calendar_region, req.due_date)
    left_class, left_text = left_label(left)
    return {"r": req, "deadline": explain_deadline(req), "workdays_left": left, "left_class": left_class,
            "left_text": left_text, "clock_stopped": req.state == State.CORRECTION_REQUESTED}


def explained_request(user, pk):
    """The request whose deadline is explained, with its agency (the calendar region); 404 when not visible."""
    return request_for_user(user, pk=pk, queryset=InformationRequest.objects.select_related("agency"))
