"""Read queries for the dashboard, the list, the export and the reminders. Every request query starts from
access.visible_requests; workdays left are computed in Python with one Calendar per region (no per-row queries)."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from requests_cms.access import visible_requests
from requests_cms.models import (
    Agency,
    Challenge,
    ChallengeResult,
    Consultation,
    ConsultationAnswer,
    InformationRequest,
    Role,
)
from requests_cms.workflow import State
from workday_calendars.engine import OutOfRange
from workday_calendars.registry import calendar_for_region

DUE_SOON_WORKDAYS = 3
SECTION_LIMIT = 15  # rows per dashboard section; the section links to the full list
# States whose reply clock runs: only these can be "due soon" or "overdue" (paused states wait on someone else).
CLOCK_RUNNING = State.clock_running_states()
WAITING_ON_APPLICANT = [State.CORRECTION_REQUESTED, State.FEE_PENDING]
# The clock is stopped (correction) or paused (consultation, fee): the cached due date is not yet final.
PAUSED = [State.CORRECTION_REQUESTED, State.CONSULTING, State.FEE_PENDING]
LIST_RELATED = ("agency", "applicant", "handler")
# The columns the dashboard, list, export and digest show: loading only these halves the per-row cost.
ROW_FIELDS = (
    "id", "number", "state", "received_on", "due_date", "due_provisional", "replied_on", "outcome", "channel",
    "version", "agency_id", "applicant_id", "handler_id",
)
# What a row shows of its agency, applicant and handler, read as columns: building three related model instances
# per row cost more than the rest of the page (measured with bench/pages.py).
ROW_NAMES = {
    "agency_name": F("agency__name"),
    "agency_region": F("agency__calendar_region"),
    "applicant_name": F("applicant__name"),
    "applicant_kind": F("applicant__kind"),
    "handler_name": Coalesce(NullIf(F("handler__full_name"), Value("")), F("handler__username")),
}
# The same for a step record (consultation, challenge) shown with its request.
STEP_FIELDS = ("id", "request__id", "request__number", "request__state", "request__due_date", "request__version",
               "request__agency__name", "request__agency__calendar_region", "request__applicant__name")


class Calendars:
    """One Calendar per region for the duration of a page (each lookup costs one version-stamp query)."""

    def __init__(self, today=None):
        self.today = today or timezone.localdate()
        self._by_region = {}

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
        return self.get(region).add_workdays(self.today, n)


def regions_in_use():
    return sorted(set(Agency.objects.values_list("calendar_region", flat=True)))


def due_soon_q(calendars, regions):
    """Clock running, due from today through the 3rd workday after today (per calendar region)."""
    q = Q()
    for region in regions:
        q |= Q(agency__calendar_region=region, due_date__lte=calendars.horizon(region))
    return Q(state__in=CLOCK_RUNNING, due_date__gte=calendars.today) & q


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
    return req.state in CLOCK_RUNNING and req.due_date < today


def region_of(req):
    """The calendar region of a row (annotated by rows_of, or through a loaded agency)."""
    return getattr(req, "agency_region", None) or req.agency.calendar_region


def annotate_rows(rows, calendars):
    """Attach workdays_left and overdue to each request (in memory)."""
    rows = list(rows)
    for r in rows:
        r.workdays_left = calendars.workdays_left(region_of(r), r.due_date)
        r.overdue = is_overdue(r, calendars.today)
        r.paused = r.state in PAUSED
    return rows


@dataclass
class Section:
    key: str
    title: str
    rows: list
    more_query: str = ""
    kind: str = "requests"
    empty: str = "暂无"
    extra: dict = field(default_factory=dict)

    @property
    def has_more(self):
        return len(self.rows) > SECTION_LIMIT

    @property
    def shown(self):
        return self.rows[:SECTION_LIMIT]


def by_due_date():
    """Order by due date without tempting PostgreSQL to walk the due_date index through every closed request
    (an expression is not index-ordered, so the planner filters on (agency, state, due_date) and sorts the few rows)."""
    return (Coalesce("due_date", "received_on"), "id")


def _requests(qs, order=None):
    return rows_of(qs).order_by(*(order or by_due_date()))[: SECTION_LIMIT + 1]


def rows_of(qs):
    """Requests with what a row shows, in one query."""
    return qs.only(*ROW_FIELDS).annotate(**ROW_NAMES)


def rows_for_page(sliced):
    """The rows of one page (a sliced queryset) with their names, in the page's order: one query by primary key."""
    ids = list(sliced.values_list("pk", flat=True))
    by_id = {r.pk: r for r in rows_of(InformationRequest.objects.filter(pk__in=ids))}
    return [by_id[pk] for pk in ids]


def dashboard_sections(user, calendars):
    """The dashboard of a desk user, auditor or oversight officer: a list of Sections."""
    visible = visible_requests(user)
    today = calendars.today
    regions = regions_in_use()
    late = visible.filter(overdue_open_q(today))
    soon = visible.filter(due_soon_q(calendars, regions))
    sections = [
        Section("overdue", "已超期未答复", annotate_rows(_requests(late), calendars), "overdue=1&open=1"),
        Section("due_soon", f"{DUE_SOON_WORKDAYS}个工作日内到期", annotate_rows(_requests(soon), calendars),
                "due_soon=1"),
    ]
    if user.has_role(Role.APPROVER):
        waiting = visible.filter(state=State.PENDING_APPROVAL, agency_id=user.agency_id)
        sections.append(Section("approval", "待我审批", annotate_rows(_requests(waiting), calendars),
                                f"state={State.PENDING_APPROVAL}"))
    sections.append(_waiting_on_applicant(visible, calendars))
    sections.append(_consultations(visible, calendars, regions))
    sections.append(_challenges(visible, calendars))
    if user.has_role(Role.HANDLER):
        mine = visible.filter(handler=user, state__in=State.open_states())
        sections.append(Section("mine", "我承办的未办结申请", annotate_rows(_requests(mine), calendars),
                                f"handler={user.pk}&open=1"))
    return sections


def _waiting_on_applicant(visible, calendars):
    qs = _requests(visible.filter(state__in=WAITING_ON_APPLICANT), order=("received_on", "id"))
    rows = annotate_rows(qs.prefetch_related("corrections", "fee_notices"), calendars)
    for r in rows:
        r.applicant_due = _applicant_due(r)
        r.applicant_due_left = calendars.workdays_left(region_of(r), r.applicant_due)
    return Section("applicant", "等待申请人（补正、缴费）", rows, "waiting=1", kind="applicant")


def _applicant_due(req):
    if req.state == State.CORRECTION_REQUESTED:
        open_ = [c for c in req.corrections.all() if c.corrected_received_on is None and c.lapsed_on is None]
        return max((c.period_ends_on for c in open_), default=None)
    unpaid = [f for f in req.fee_notices.all() if f.paid_on is None and f.lapsed_on is None]
    return max((f.payment_due for f in unpaid), default=None)


def _consultations(visible, calendars, regions):
    horizon = Q()
    for region in regions:
        horizon |= Q(request__agency__calendar_region=region, window_ends_on__lte=calendars.horizon(region))
    # Only requests still in consultation matter; filtering them first keeps the sub-select small.
    consulting = visible.filter(state=State.CONSULTING).values("pk")
    qs = (Consultation.objects.filter(request__in=consulting, answer=ConsultationAnswer.PENDING)
          .filter(horizon).select_related("request__agency", "request__applicant")
          .only(*STEP_FIELDS, "party_name", "party_kind", "sent_on", "window_ends_on", "answer")
          .order_by("window_ends_on", "id")[: SECTION_LIMIT + 1])
    rows = list(qs)
    for c in rows:
        c.workdays_left = calendars.workdays_left(c.request.agency.calendar_region, c.window_ends_on)
    return Section("consultations", "征求意见答复期即将届满（15个工作日）", rows, f"state={State.CONSULTING}",
                   kind="consultations")


def _challenges(visible, calendars):
    # Start from the few pending challenges and join their requests (a semi-join against every visible request
    # makes PostgreSQL hash the whole agency).
    pending = visible.filter(challenges__result=ChallengeResult.PENDING)
    ids = list(pending.order_by("challenges__answer_due", "challenges__id")
               .values_list("challenges__id", flat=True)[: SECTION_LIMIT + 1])
    qs = (Challenge.objects.filter(pk__in=ids).select_related("request__agency", "request__applicant")
          .only(*STEP_FIELDS, "kind", "body", "case_number", "received_on", "simple_procedure", "answer_due"))
    rows = sorted(qs, key=lambda c: (c.answer_due, c.pk))
    for c in rows:
        c.workdays_left = calendars.workdays_left(c.request.agency.calendar_region, c.answer_due)
        c.days_left = (c.answer_due - calendars.today).days
    return Section("challenges", "复议、诉讼答复期限", rows, "", kind="challenges")


@dataclass
class AgencyCounts:
    agency: Agency
    open: int = 0
    due_soon: int = 0
    overdue: int = 0


def agency_counts(user, calendars):
    """Per agency: open requests, due soon, overdue (oversight). Two queries whatever the number of requests."""
    regions = regions_in_use()
    today = calendars.today
    # Every count is of open requests, so only those are read (the (state, due_date) index finds them).
    rows = (visible_requests(user).filter(state__in=State.open_states()).values("agency_id").order_by()
            .annotate(open=Count("id"),
                      due_soon=Count("id", filter=due_soon_q(calendars, regions)),
                      overdue=Count("id", filter=overdue_open_q(today))))
    by_agency = {r["agency_id"]: r for r in rows}
    result = []
    for agency in Agency.objects.order_by("id"):
        r = by_agency.get(agency.pk, {})
        result.append(AgencyCounts(agency, r.get("open", 0), r.get("due_soon", 0), r.get("overdue", 0)))
    return result


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
