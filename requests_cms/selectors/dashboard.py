"""The dashboard's data, read in a fixed handful of queries however many requests exist.

Each section of requests is one limited read of the open requests the user may see, in the section's order and by
the same rule as the list's filter (deadlines.overdue_open_q, due_soon_q): its first rows and one more (to know
whether to link "more"), never every open request — a backlog can be thousands; the partial index
request_open_due_idx holds the open requests in the deadline order. The oversight office's counts per
agency (open, due soon, overdue, on a delayed reply period) are one GROUP BY over the open requests, read from the
index request_open_snapshot_idx alone (models/request.py). A last read fetches what the shown rows display, and they
get their links and workdays-left labels (bench/pages.py, docs/scale.md).
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import Count, F, Q

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
from requests_cms.workflow import OPEN, WAITING_ON_APPLICANT, State

from .deadlines import annotate_rows, due_soon_q, overdue_open_q
from .rows import decorate, read_rows

# The columns of an open request the sections and the counts filter, order and group on: all in both partial indexes
# of the open requests (request_open_snapshot_idx, request_open_due_idx in models/request.py), so no read of the open
# requests needs the table (tests/requests_cms/test_dashboard.py).
OPEN_COLUMNS = ("id", "state", "agency_id", "handler_id", "due_date", "received_on", "delayed_reply")
SECTION_LIMIT = 15  # rows per dashboard section; the section links to the full list
# Soonest deadline first; requests whose clock is stopped (no due date: correction) after them, oldest first. The
# order of request_open_due_idx (an ascending index puts NULLs last), so a section's first rows are its first entries.
BY_DUE_DATE = (F("due_date").asc(nulls_last=True), "received_on", "id")
BY_RECEIPT = ("received_on", "id")
PARTY_LABELS = dict(ConsultationParty.choices)
CHALLENGE_LABELS = dict(ChallengeKind.choices)


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


class _OpenRequests:
    """The open requests the user may see, the agencies with their due-soon horizons, and the rules of the sections:
    overdue, due soon, on a delayed reply period (REG 35) without being overdue."""

    def __init__(self, user, calendars, *, own_only=False):
        self.calendars = calendars
        self.today = calendars.today
        self.visible = visible_requests(user)
        if own_only:  # a handler's dashboard: their own requests unless they ask for the agency's
            self.visible = self.visible.filter(handler_id=user.pk)
        self.open = self.visible.filter(state__in=OPEN).order_by()
        agencies = list(Agency.objects.order_by("id").values_list("id", "code", "name", "calendar_region"))
        self.agencies = {pk: (code, name) for pk, code, name, _ in agencies}
        regions = {pk: region or "national" for pk, _, _, region in agencies}
        self.horizons = {pk: calendars.horizon(region) for pk, region in regions.items()}
        self.overdue = overdue_open_q(self.today)
        self.due_soon = due_soon_q(calendars, regions)
        self.delayed = Q(delayed_reply=True) & ~self.overdue

    def first(self, condition, order=BY_DUE_DATE):
        """The ids of the first open requests meeting `condition` in `order`: a section's rows and one more."""
        return list(self.open.filter(condition).order_by(*order).values_list("id", flat=True)[:SECTION_LIMIT + 1])


def own_only_by_default(user):
    """A handler who is not also the approver or the registrar sees only their own requests by default."""
    return user.has_role(Role.HANDLER) and not (user.has_role(Role.APPROVER) or user.has_role(Role.REGISTRAR))


def build(user, calendars=None, *, everyone=False):
    """The Dashboard of a desk user, auditor or oversight officer (a handler's: their own requests unless
    `everyone`)."""
    calendars = calendars or Calendars()
    approver, handler = user.has_role(Role.APPROVER), user.has_role(Role.HANDLER)
    own_only = own_only_by_default(user) and not everyone
    open_requests = _OpenRequests(user, calendars, own_only=own_only)
    first = open_requests.first
    chosen = {
        "overdue": first(open_requests.overdue),
        "delayed": first(open_requests.delayed),
        "due_soon": first(open_requests.due_soon),
        "applicant": first(Q(state__in=WAITING_ON_APPLICANT), BY_RECEIPT),
        "approval": first(Q(state=State.PENDING_APPROVAL, agency_id=user.agency_id)) if approver else [],
        "mine": first(Q(handler_id=user.pk)) if handler else [],
    }
    consultations = _pending_consultations(open_requests)
    challenges = _pending_challenges(user, open_requests if own_only else None)
    read = {r.id: r for r in read_rows({pk for ids in chosen.values() for pk in ids}
                                       | {v["request_id"] for v in consultations + challenges})}

    def rows(key):
        return annotate_rows([read[pk] for pk in chosen[key] if pk in read], calendars)

    sections = [
        Section("overdue", "已超期未答复", rows("overdue"), "overdue=1&open=1"),
        Section("due_soon", f"{DUE_SOON_WORKDAYS}个工作日内到期", rows("due_soon"), "due_soon=1"),
    ]
    if chosen["delayed"]:
        sections.append(Section("delayed", "延迟答复中（条例第三十五条，按确定的延迟答复期限办理）", rows("delayed")))
    if approver:
        sections.append(Section("approval", "待我审批", rows("approval"), f"state={State.PENDING_APPROVAL}"))
    sections += [_waiting_on_applicant(rows("applicant"), calendars),
                 _consultations(consultations, read, calendars), _challenges(challenges, read, calendars)]
    if handler:
        sections.append(Section("mine", "我承办的未办结申请", rows("mine"), f"handler={user.pk}&open=1"))
    for section in sections:
        _decorate(section)
    return Dashboard(sections, _agency_counts(open_requests) if user.has_role(Role.OVERSIGHT) else [],
                     own_only=own_only, may_see_all=own_only_by_default(user))


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


# The step that has a request waiting on the applicant in each state: its model, what makes it pending, its deadline.
_APPLICANT_STEPS = {
    State.CORRECTION_REQUESTED: (Correction, {"corrected_received_on__isnull": True, "lapsed_on__isnull": True},
                                 "period_ends_on"),
    State.FEE_PENDING: (FeeNotice, {"paid_on__isnull": True, "lapsed_on__isnull": True}, "payment_due"),
    State.REASONS_REQUESTED: (ReasonsRequest, {"accepted__isnull": True}, "period_ends_on"),
}


def _waiting_on_applicant(rows, calendars):
    """The rows with the applicant's deadline (one query per waiting state among them) and its workdays left."""
    by_state = {}
    for r in rows:
        by_state.setdefault(r.state, []).append(r.id)
    due = {}
    for state, ids in by_state.items():
        model, pending, deadline = _APPLICANT_STEPS[state]
        due[state] = _latest(model.objects.filter(request_id__in=ids, **pending).values_list("request_id", deadline))
    for r in rows:
        r.applicant_due = due[r.state].get(r.id)
        r.applicant_due_left = calendars.workdays_left(r.agency_region, r.applicant_due)
    rows.sort(key=lambda r: (r.applicant_due is None, r.applicant_due or r.received_on, r.id))
    return Section("applicant", "等待申请人（补正、缴费、说明理由）", rows, "waiting=1", kind="applicant")


def _latest(pairs):
    latest = {}
    for request_id, day in pairs:
        if day is not None and (request_id not in latest or day > latest[request_id]):
            latest[request_id] = day
    return latest


def _pending_consultations(open_requests):
    """Unanswered consultations of requests in consultation whose 15 workdays end within the due-soon horizon."""
    horizons = open_requests.horizons
    latest = max(horizons.values(), default=open_requests.today)
    values = (Consultation.objects.filter(request__in=open_requests.visible.filter(state=State.CONSULTING),
                                          answer=ConsultationAnswer.PENDING, window_ends_on__lte=latest)
              .values("id", "request_id", "request__agency_id", "party_name", "party_kind", "sent_on",
                      "window_ends_on"))
    values = [v for v in values if v["window_ends_on"] <= horizons[v.pop("request__agency_id")]]
    return sorted(values, key=lambda v: (v["window_ends_on"], v["id"]))[: SECTION_LIMIT + 1]


def _pending_challenges(user, own=None):
    """The first pending reconsiderations and lawsuits by answer deadline, scoped through their requests (most are
    of closed requests); on a handler's own dashboard (`own`: their _OpenRequests), through theirs."""
    pending = Challenge.objects.filter(result=ChallengeResult.PENDING)
    if own is not None:
        pending = pending.filter(request__in=own.visible)
    elif not sees_all_agencies(user):  # the oversight office sees every request: no semi-join over all of them
        pending = pending.filter(request__in=visible_requests(user))
    return list(pending.order_by("answer_due", "id")
                .values("id", "request_id", "kind", "body", "case_number", "received_on", "simple_procedure",
                        "answer_due")[: SECTION_LIMIT + 1])


def _consultations(values, requests, calendars):
    rows = _step_rows([{**v, "kind": v["party_kind"]} for v in values], requests, PARTY_LABELS)
    for c in rows:
        c.workdays_left = calendars.workdays_left(c.request.agency_region, c.window_ends_on)
    return Section("consultations", "征求意见答复期即将届满（15个工作日）", rows, f"state={State.CONSULTING}",
                   kind="consultations")


def _challenges(values, requests, calendars):
    rows = _step_rows(values, requests, CHALLENGE_LABELS)
    for c in rows:
        c.workdays_left = calendars.workdays_left(c.request.agency_region, c.answer_due)
        c.days_left = (c.answer_due - calendars.today).days
        c.is_reconsideration = c.kind == ChallengeKind.RECONSIDERATION
        c.days_class = "due-soon" if c.days_left <= DUE_SOON_WORKDAYS else "ok"
    return Section("challenges", "复议、诉讼答复期限", rows, "", kind="challenges")


def _step_rows(values, requests, labels):
    """Consultations or challenges (dicts of values) as rows that carry their request's row and their kind's label."""
    return [SimpleNamespace(**v, request=requests[v["request_id"]], kind_label=labels.get(v.get("kind"), ""),
                            workdays_left=None, days_left=None, left_class="", left_text="")
            for v in values if v["request_id"] in requests]


def open_counts(open_requests):
    """Per agency: open requests, and how many are due soon, overdue, on a delayed reply period (one GROUP BY)."""
    return (open_requests.open.values("agency_id")
            .annotate(number=Count("*"), due_soon=Count("id", filter=open_requests.due_soon),
                      overdue=Count("id", filter=open_requests.overdue),
                      delayed=Count("id", filter=open_requests.delayed))
            .values_list("agency_id", "number", "due_soon", "overdue", "delayed"))


def _agency_counts(open_requests):
    """Every agency with its counts (agencies with no open request: zeros)."""
    counts = {pk: AgencyCounts(pk, code, name) for pk, (code, name) in open_requests.agencies.items()}
    for agency_id, number, soon, overdue, delayed in open_counts(open_requests):
        c = counts[agency_id]
        c.open, c.due_soon, c.overdue, c.delayed = number, soon, overdue, delayed
    return list(counts.values())
