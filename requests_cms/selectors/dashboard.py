"""The dashboard's data, read in a fixed handful of queries however many requests exist.

One read takes the open requests the user may see that a section could show, a few columns each (the snapshot,
index-only through request_open_snapshot_idx): those due from today to the due-soon horizon, those on a delayed
reply period, those waiting for this approver, this handler's. The sections and the oversight office's due-soon
counts per agency are derived from it in Python with the deadline engine, by the same rules as the list's filters
(deadlines.due_soon_q). Overdue requests and those waiting on the applicant are not in it — a backlog of either can
be thousands: their sections' first rows are ordered, limited reads, and the per-agency overdue counts are counted
with the open ones (deadlines.overdue_open_q). A second read fetches what the shown rows display, and the shown rows get
their links and workdays-left labels. Open requests are the few recent ones (a unit's last month or so), so the
snapshot stays small while closed requests grow without bound (bench/pages.py, docs/scale.md).
"""

import heapq
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from django.db.models import Count, Q

from requests_cms.access import sees_all_agencies, visible_requests
from requests_cms.models import (
    Agency,
    Challenge,
    ChallengeKind,
    ChallengeResult,
    Consultation,
    ConsultationAnswer,
    ConsultationParty,
    Role,
)
from requests_cms.models.steps import Correction, FeeNotice, ReasonsRequest
from requests_cms.services.deadlines import DUE_SOON_WORKDAYS, Calendars
from requests_cms.workflow import CLOCK_RUNNING, OPEN, WAITING_ON_APPLICANT, State

from .deadlines import annotate_rows, due_soon, is_overdue, overdue_open_q
from .rows import decorate, read_rows

# What the snapshot reads of each open request: all of them are in the index request_open_snapshot_idx
# (models/request.py), so the read is an index-only scan of the open requests (tests/requests_cms/test_dashboard.py).
SNAPSHOT_COLUMNS = ("id", "state", "agency_id", "handler_id", "due_date", "received_on", "replied_on", "delayed_reply")
SECTION_LIMIT = 15  # rows per dashboard section; the section links to the full list
_PENDING_APPROVAL = str(State.PENDING_APPROVAL)
PARTY_LABELS = dict(ConsultationParty.choices)
CHALLENGE_LABELS = dict(ChallengeKind.choices)


@dataclass(slots=True)
class OpenRequest:
    """One open request in the snapshot."""

    id: int
    state: str
    agency_id: int
    handler_id: int | None
    due_date: date | None
    received_on: date
    replied_on: date | None
    delayed: bool = False  # REG 35: due on a delayed reply period the agency set (not overdue before it)
    overdue: bool = False
    due_soon: bool = False


@dataclass
class Section:
    key: str
    title: str
    rows: list
    more_query: str = ""
    kind: str = "requests"
    empty: str = "暂无"

    @property
    def has_more(self):
        return len(self.rows) > SECTION_LIMIT

    @property
    def shown(self):
        return self.rows[:SECTION_LIMIT]


@dataclass
class AgencyCounts:
    id: int
    code: str
    name: str
    open: int = 0
    due_soon: int = 0
    overdue: int = 0
    delayed: int = 0  # open requests on a delayed reply period (REG 35), counted apart from overdue

    @property
    def pk(self):
        return self.id


@dataclass
class Dashboard:
    sections: list
    agencies: list = field(default_factory=list)  # AgencyCounts, for oversight
    own_only: bool = False  # a handler's own requests only (the default of a handler's dashboard)
    may_see_all: bool = False  # offer the switch to the agency's requests


class _Snapshot:
    """The open requests a section may show (overdue or due soon, waiting on the applicant, waiting for this
    approver, this handler's), each marked overdue / due soon once; the agencies and their regions."""

    def __init__(self, user, calendars, *, approver, handler, own_only=False):
        self.calendars = calendars
        self.today = calendars.today
        self.visible = visible_requests(user)
        if own_only:  # a handler's dashboard: their own requests unless they ask for the agency's
            self.visible = self.visible.filter(handler_id=user.pk)
        self.agencies = {pk: (code, name, region or "national") for pk, code, name, region in
                         Agency.objects.order_by("id").values_list("id", "code", "name", "calendar_region")}
        self.horizons = {pk: calendars.horizon(region) for pk, (_, _, region) in self.agencies.items()}
        latest = max(self.horizons.values(), default=self.today)
        # Overdue requests and those waiting on the applicant are not read here (each can be thousands): their
        # sections' first rows are read in order (overdue_rows, first_rows), the per-agency overdue counts are counted
        # by the database (_agency_counts).
        wanted = Q(state__in=CLOCK_RUNNING, due_date__gte=self.today, due_date__lte=latest) | Q(delayed_reply=True)
        if approver:
            wanted |= Q(state=State.PENDING_APPROVAL, agency_id=user.agency_id)
        if handler:
            wanted |= Q(handler_id=user.pk)
        self.rows = self._marked(self.visible.filter(wanted, state__in=OPEN).order_by())

    def _marked(self, queryset):
        """The open requests of `queryset` as OpenRequests, each marked overdue / due soon once."""
        rows = [OpenRequest(*v) for v in queryset.values_list(*SNAPSHOT_COLUMNS)]
        for r in rows:
            r.overdue = is_overdue(r, self.today)
            r.due_soon = due_soon(r, self.today, self.horizons[r.agency_id])
        return rows

    def first_rows(self, condition, order, limit):
        """The first `limit` open requests meeting `condition` in `order`, as snapshot rows."""
        return self._marked(self.visible.filter(condition, state__in=OPEN).order_by(*order)[:limit])

    def overdue_rows(self, limit):
        """The first `limit` overdue open requests by due date (overdue_open_q: for an open request, whose reply
        date is always empty, the same rule as is_overdue)."""
        return [r for r in self.first_rows(overdue_open_q(self.today), ("due_date", "id"), limit) if r.overdue]


def _by_due_date(r):
    """Soonest deadline first; requests whose clock is stopped (no due date: correction) after them."""
    return (r.due_date is None, r.due_date or r.received_on, r.id)


def _first(rows, key):
    """The rows a section shows (one more than it shows, to know whether there are more)."""
    return heapq.nsmallest(SECTION_LIMIT + 1, rows, key=key)


def own_only_by_default(user):
    """A handler who is not also the approver or the registrar sees only their own requests by default."""
    return user.has_role(Role.HANDLER) and not (user.has_role(Role.APPROVER) or user.has_role(Role.REGISTRAR))


def build(user, calendars=None, *, everyone=False):
    """The Dashboard of a desk user, auditor or oversight officer (a handler's: their own requests unless
    `everyone`)."""
    calendars = calendars or Calendars()
    approver, handler = user.has_role(Role.APPROVER), user.has_role(Role.HANDLER)
    own_only = own_only_by_default(user) and not everyone
    snap = _Snapshot(user, calendars, approver=approver, handler=handler, own_only=own_only)
    user_id, agency_id = user.pk, user.agency_id  # request.user is a lazy object: read it once, not per row
    chosen = {
        "overdue": snap.overdue_rows(SECTION_LIMIT + 1),
        "delayed": _first((r for r in snap.rows if r.delayed and not r.overdue), _by_due_date),
        "due_soon": _first((r for r in snap.rows if r.due_soon), _by_due_date),
        "applicant": snap.first_rows(Q(state__in=WAITING_ON_APPLICANT), ("received_on", "id"), SECTION_LIMIT + 1),
        "approval": _first((r for r in snap.rows if r.state == _PENDING_APPROVAL and r.agency_id == agency_id),
                           _by_due_date) if approver else [],
        "mine": _first((r for r in snap.rows if r.handler_id == user_id), _by_due_date) if handler else [],
    }
    consultations, challenges = _pending_consultations(snap), _pending_challenges(user, snap if own_only else None)
    read = {r.id: r for r in read_rows({r.id for rows in chosen.values() for r in rows}
                                       | {v["request_id"] for v in consultations + challenges})}

    def rows(key):
        return annotate_rows([read[r.id] for r in chosen[key] if r.id in read], snap.calendars)

    sections = [
        Section("overdue", "已超期未答复", rows("overdue"), "overdue=1&open=1"),
        Section("due_soon", f"{DUE_SOON_WORKDAYS}个工作日内到期", rows("due_soon"), "due_soon=1"),
    ]
    if chosen["delayed"]:
        sections.append(Section("delayed", "延迟答复中（条例第三十五条，按确定的延迟答复期限办理）", rows("delayed")))
    if approver:
        sections.append(Section("approval", "待我审批", rows("approval"), f"state={State.PENDING_APPROVAL}"))
    sections += [_waiting_on_applicant(rows("applicant"), snap), _consultations(consultations, read, snap),
                 _challenges(challenges, read, snap)]
    if handler:
        sections.append(Section("mine", "我承办的未办结申请", rows("mine"), f"handler={user.pk}&open=1"))
    for section in sections:
        _decorate(section)
    return Dashboard(sections, _agency_counts(snap) if user.has_role(Role.OVERSIGHT) else [], own_only=own_only,
                     may_see_all=own_only_by_default(user))


def _decorate(section):
    """Links and workdays-left labels of the rows a section shows (step rows link their request)."""
    if section.kind == "requests":
        decorate(section.shown)
    elif section.kind == "applicant":
        decorate(section.shown, left_attr="applicant_due_left")
    else:
        decorate(section.shown, request_of=_request_of)


def _request_of(step):
    return step.request


def _waiting_on_applicant(rows, snap):
    ids = [r.id for r in rows]
    if not ids:
        return Section("applicant", "等待申请人（补正、缴费、说明理由）", rows, "waiting=1", kind="applicant")
    corrections = Correction.objects.filter(request_id__in=ids, corrected_received_on__isnull=True,
                                            lapsed_on__isnull=True).values_list("request_id", "period_ends_on")
    fees = FeeNotice.objects.filter(request_id__in=ids, paid_on__isnull=True,
                                    lapsed_on__isnull=True).values_list("request_id", "payment_due")
    asked = ReasonsRequest.objects.filter(request_id__in=ids, accepted__isnull=True).values_list("request_id",
                                                                                                "period_ends_on")
    due = {State.CORRECTION_REQUESTED: _latest(corrections), State.FEE_PENDING: _latest(fees),
           State.REASONS_REQUESTED: _latest(asked)}
    for r in rows:
        r.applicant_due = due.get(r.state, {}).get(r.id)
        r.applicant_due_left = snap.calendars.workdays_left(r.agency_region, r.applicant_due)
    rows.sort(key=lambda r: (r.applicant_due is None, r.applicant_due or r.received_on, r.id))
    return Section("applicant", "等待申请人（补正、缴费、说明理由）", rows, "waiting=1", kind="applicant")


def _latest(pairs):
    latest = {}
    for request_id, day in pairs:
        if day is not None and (request_id not in latest or day > latest[request_id]):
            latest[request_id] = day
    return latest


def _pending_consultations(snap):
    """Unanswered consultations of requests in consultation whose 15 workdays end within the due-soon horizon."""
    latest = max(snap.horizons.values(), default=snap.today)
    values = (Consultation.objects.filter(request__in=snap.visible.filter(state=State.CONSULTING),
                                          answer=ConsultationAnswer.PENDING, window_ends_on__lte=latest)
              .values("id", "request_id", "request__agency_id", "party_name", "party_kind", "sent_on",
                      "window_ends_on"))
    values = [v for v in values if v["window_ends_on"] <= snap.horizons[v.pop("request__agency_id")]]
    return sorted(values, key=lambda v: (v["window_ends_on"], v["id"]))[: SECTION_LIMIT + 1]


def _pending_challenges(user, snap=None):
    """The first pending reconsiderations and lawsuits by answer deadline, scoped through their requests (most are
    of closed requests, so not in the snapshot); with the snapshot of a handler's own dashboard, through theirs."""
    pending = Challenge.objects.filter(result=ChallengeResult.PENDING)
    if snap is not None:
        pending = pending.filter(request__in=snap.visible)
    elif not sees_all_agencies(user):  # the oversight office sees every request: no semi-join over all of them
        pending = pending.filter(request__in=visible_requests(user))
    return list(pending.order_by("answer_due", "id")
                .values("id", "request_id", "kind", "body", "case_number", "received_on", "simple_procedure",
                        "answer_due")[: SECTION_LIMIT + 1])


def _consultations(values, requests, snap):
    rows = _step_rows([{**v, "kind": v["party_kind"]} for v in values], requests, PARTY_LABELS)
    for c in rows:
        c.workdays_left = snap.calendars.workdays_left(c.request.agency_region, c.window_ends_on)
    return Section("consultations", "征求意见答复期即将届满（15个工作日）", rows, f"state={State.CONSULTING}",
                   kind="consultations")


def _challenges(values, requests, snap):
    rows = _step_rows(values, requests, CHALLENGE_LABELS)
    for c in rows:
        c.workdays_left = snap.calendars.workdays_left(c.request.agency_region, c.answer_due)
        c.days_left = (c.answer_due - snap.today).days
        c.is_reconsideration = c.kind == ChallengeKind.RECONSIDERATION
        c.days_class = "due-soon" if c.days_left <= DUE_SOON_WORKDAYS else "ok"
    return Section("challenges", "复议、诉讼答复期限", rows, "", kind="challenges")


def _step_rows(values, requests, labels):
    """Consultations or challenges (dicts of values) as rows that carry their request's row and their kind's label."""
    return [SimpleNamespace(**v, request=requests[v["request_id"]], kind_label=labels.get(v.get("kind"), ""),
                            workdays_left=None, days_left=None, left_class="", left_text="")
            for v in values if v["request_id"] in requests]


def _agency_counts(snap):
    """Open and overdue requests per agency (counted by the database, index-only), and how many are due soon or on a
    delayed reply period without being overdue (every such request is in the snapshot)."""
    counts = {pk: AgencyCounts(pk, code, name) for pk, (code, name, _) in snap.agencies.items()}
    for agency_id, number, overdue in (
            snap.visible.filter(state__in=OPEN).order_by().values("agency_id")
            .annotate(number=Count("*"), overdue=Count("id", filter=overdue_open_q(snap.today)))
            .values_list("agency_id", "number", "overdue")):
        counts[agency_id].open, counts[agency_id].overdue = number, overdue
    for r in snap.rows:
        c = counts[r.agency_id]
        c.due_soon += r.due_soon
        c.delayed += r.delayed and not r.overdue
    return list(counts.values())
