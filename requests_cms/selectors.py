"""The deadline rules the dashboard, the list, the export and the reminders share (due soon, overdue, paused) and
the per-page Calendars. Workdays left are computed in Python with one Calendar per region (no per-row queries)."""

from django.db.models import F, Q
from django.utils import timezone

from requests_cms.models import Agency
from requests_cms.workflow import State
from workday_calendars.engine import OutOfRange
from workday_calendars.registry import calendar_for_region

DUE_SOON_WORKDAYS = 3
# States whose reply clock runs: only these can be "due soon" or "overdue" (paused states wait on someone else).
CLOCK_RUNNING = State.clock_running_states()
_CLOCK_RUNNING = frozenset(CLOCK_RUNNING)  # for membership tests on thousands of rows
WAITING_ON_APPLICANT = [State.CORRECTION_REQUESTED, State.FEE_PENDING]
# The clock is stopped (correction) or paused (consultation, fee): the cached due date is not yet final.
PAUSED = [State.CORRECTION_REQUESTED, State.CONSULTING, State.FEE_PENDING]
LIST_RELATED = ("agency", "applicant", "handler")
# The columns the list filters and counts on (the page's rows are read by request_rows.read_rows).
ROW_FIELDS = (
    "id", "number", "state", "received_on", "due_date", "due_provisional", "replied_on", "outcome", "channel",
    "version", "agency_id", "applicant_id", "handler_id",
)


class Calendars:
    """One Calendar per region for the duration of a page, and the due-soon horizon of each."""

    def __init__(self, today=None):
        self.today = today or timezone.localdate()
        self._by_region = {}
        self._horizons = {}

    def get(self, region):
        if region not in self._by_region:
            self._by_region[region] = calendar_for_region(region or "national")
        return self._by_region[region]

    def workdays_left(self, region, due):
        """Workdays from today (exclusive) to `due` (inclusive); negative when overdue; None when not computable."""
        if due is None:
            return None
        try:
            return self.get(region).workdays_between(self.today, due)
        except OutOfRange:
            return None

    def horizon(self, region, n=DUE_SOON_WORKDAYS):
        """The n-th workday after today: anything due on or before it is due soon."""
        key = (region, n)
        if key not in self._horizons:
            self._horizons[key] = self.get(region).add_workdays(self.today, n)
        return self._horizons[key]


def regions_in_use():
    return sorted(set(Agency.objects.values_list("calendar_region", flat=True)))


def due_soon_q(calendars, regions):
    """Clock running, due from today through the 3rd workday after today (per calendar region)."""
    q = Q()
    for region in regions:
        q |= Q(agency__calendar_region=region, due_date__lte=calendars.horizon(region))
    return Q(state__in=CLOCK_RUNNING, due_date__gte=calendars.today) & q


def due_soon(req, today, horizon):
    """due_soon_q for one request in memory; ``horizon`` is Calendars.horizon of its agency's region."""
    return req.state in _CLOCK_RUNNING and req.due_date is not None and today <= req.due_date <= horizon


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


def region_of(req):
    """The calendar region of a row (a request_rows.RequestRow, or a request with its agency loaded)."""
    return getattr(req, "agency_region", None) or req.agency.calendar_region


def annotate_rows(rows, calendars):
    """Attach workdays_left and overdue to each request (in memory)."""
    rows = list(rows)
    for r in rows:
        r.workdays_left = calendars.workdays_left(region_of(r), r.due_date)
        r.overdue = is_overdue(r, calendars.today)
        r.paused = r.state in PAUSED
    return rows


def explain_deadline(req):
    """The engine's explanation for one request (the dashboard's one-click detail)."""
    from requests_cms.services.deadlines import reply_deadline

    if req.state == State.CORRECTION_REQUESTED:
        return None
    if req.received_on is None:
        return None
    try:
        return reply_deadline(req)
    except (OutOfRange, ValueError):
        return None
