"""Ledger import (台账导入): agencies moving off spreadsheets bring their past and open requests.

All rows are validated first; nothing is written unless every row is good (or skip_bad). Rows whose
(agency, number) already exists are skipped and reported, so importing the same file twice does not duplicate.
Everything is written in one transaction with bulk inserts: applicants (reused by agency, name and kind),
requests (imported=True, numbers kept, state set at creation: the import is a data migration, not a workflow
action — the event note says so), their first hash-chained event ("imported"), and challenges (imported=True).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from requests_cms.models import (
    Agency,
    Applicant,
    Challenge,
    ChallengeKind,
    Channel,
    EventAction,
    InformationRequest,
    Outcome,
    PostKind,
    RequestEvent,
    derive_received_on,
)
from requests_cms.search_grams import document
from requests_cms.services import deadlines
from requests_cms.services.audit import GENESIS, sign
from requests_cms.services.audit_history import digests_of, request_history_models
from requests_cms.services.deadlines import COURT_ANSWER_DAYS, RECONSIDERATION_ANSWER_WORKDAYS, OutOfRange
from requests_cms.workflow import State

from . import bulk, tallies
from .ledger import LedgerError, Validator, read_ledger

IMPORT_REASON = "台账导入"
# Outcomes that conclude a request without a reply letter (the date is that of the event, not a reply date).
EVENT_OUTCOMES = {Outcome.WITHDRAWN: State.WITHDRAWN, Outcome.CORRECTION_LAPSED: State.ABANDONED,
                  Outcome.FEE_UNPAID: State.ABANDONED}

__all__ = ["ImportResult", "LedgerError", "import_ledger"]


@dataclass
class ImportResult:
    bad: list = field(default_factory=list)  # (line, [reasons])
    skipped: list = field(default_factory=list)  # (line, number, agency name): already present
    created: int = 0
    concluded: int = 0
    challenges: int = 0
    applicants: int = 0
    written: bool = False


def import_ledger(path, *, skip_bad=False, source_name=None):
    """Validate and import the ledger at `path`. Raises LedgerError when the file itself is unusable."""
    agencies = {a.name: a for a in Agency.objects.all()}
    calendars = {}
    validator = Validator(agencies, lambda row: _deadlines(row, calendars))
    result, good = ImportResult(), []
    for line, raw in read_ledger(path):
        row, reasons = validator.check(line, raw)
        if row is None:
            result.bad.append((line, reasons))
        else:
            good.append(row)
    if result.bad and not skip_bad:
        return result
    with transaction.atomic():
        _write(good, result, source_name or str(path))
    result.written = True
    return result


def _deadlines(row, calendars):
    """The reply deadline and the challenge's answer deadline by the workday engine.

    A ledger may reach back before the calendar's range (2018): then the reply due date stays empty and the answer
    deadline counts Monday to Friday only (an approximation; the challenge was answered long ago).
    """
    region = row.agency.calendar_region
    if region not in calendars:
        calendars[region] = deadlines.calendar_for(region)
    calendar = calendars[region]
    try:
        deadline = deadlines.reply_due(received=row.received, region=region)
    except OutOfRange:
        deadline = None
    if not row.challenge:
        return deadline, None
    try:
        if row.challenge == ChallengeKind.RECONSIDERATION:
            return deadline, calendar.add_workdays(row.challenge_received, RECONSIDERATION_ANSWER_WORKDAYS)
        return deadline, calendar.first_workday_on_or_after(row.challenge_received + timedelta(days=COURT_ANSWER_DAYS))
    except OutOfRange:
        days = RECONSIDERATION_ANSWER_WORKDAYS if row.challenge == ChallengeKind.RECONSIDERATION else None
        return deadline, _weekdays_after(row.challenge_received, days) if days else (
            row.challenge_received + timedelta(days=COURT_ANSWER_DAYS))


def _weekdays_after(day, n):
    while n:
        day += timedelta(days=1)
        n -= day.weekday() < 5
    return day


def _write(rows, result, source):
    now = timezone.now().replace(microsecond=0)
    agency_ids = {row.agency.pk for row in rows}
    existing = set(InformationRequest.objects.filter(agency_id__in=agency_ids).values_list("agency_id", "number"))
    fresh = []
    for row in rows:
        if (row.agency.pk, row.number) in existing:
            result.skipped.append((row.line, row.number, row.agency.name))
        else:
            fresh.append(row)
    applicants = _applicants(fresh, agency_ids, result, now)
    requests = bulk.complete(InformationRequest, _requests(fresh, applicants, agency_ids), now)
    first_new = _last_id(InformationRequest)
    bulk.insert(InformationRequest, requests)
    ids = {(agency_id, number): pk for agency_id, number, pk in InformationRequest.objects.filter(
        id__gt=first_new).values_list("agency_id", "number", "id")}
    for req in requests:
        req["id"] = ids[(req["agency_id"], req["number"])]
    bulk.insert_history(InformationRequest, requests, reason=IMPORT_REASON, now=now)
    bindings = _history_bindings(first_new)
    events = [_event(req, row, source, now, bindings.get(req["id"], []))
              for req, row in zip(requests, fresh, strict=True)]
    bulk.insert(RequestEvent, bulk.complete(RequestEvent, events, now))
    bodies = {}
    pairs = zip(requests, fresh, strict=True)
    challenges = bulk.complete(Challenge, [_challenge(req, row, bodies) for req, row in pairs if row.challenge], now)
    before = _last_id(Challenge)
    bulk.insert(Challenge, challenges)
    ours = {c["request_id"] for c in challenges}
    saved = [c for c in Challenge.objects.filter(id__gt=before).values() if c["request_id"] in ours]
    bulk.insert_history(Challenge, saved, reason=IMPORT_REASON, now=now)
    tallies.refresh(InformationRequest.objects.filter(id__gt=first_new))  # the new requests (idempotent)
    result.created = len(requests)
    result.concluded = sum(1 for row in fresh if row.outcome)
    result.challenges = len(challenges)


def _last_id(model):
    return model.objects.aggregate(last=Max("id"))["last"] or 0


def _applicants(rows, agency_ids, result, now):
    """(agency id, name, kind) -> applicant id; reuses the agency's applicant of that name and kind."""

    def known():
        found = {}
        for pk, agency_id, name, kind in (Applicant.objects.filter(agency_id__in=agency_ids).order_by("-id")
                                          .values_list("id", "agency_id", "name", "kind")):
            found[(agency_id, name, kind)] = pk  # newest first, so the oldest match is the one kept
        return found

    found = known()
    missing = {}
    for row in rows:
        key = (row.agency.pk, row.applicant_name, row.applicant_kind)
        if key not in found and key not in missing:
            missing[key] = {"agency_id": key[0], "name": key[1], "kind": key[2],
                            "search_grams": document(key[1])}  # no save(): set here
    if missing:
        created = bulk.complete(Applicant, list(missing.values()), now)
        bulk.insert(Applicant, created)
        found = known()
        for row in created:
            row["id"] = found[(row["agency_id"], row["name"], row["kind"])]
        bulk.insert_history(Applicant, created, reason=IMPORT_REASON, now=now)
    result.applicants = len(missing)
    return found


def _requests(rows, applicants, agency_ids):
    sequences = {(r["agency_id"], r["year"]): r["last"] for r in InformationRequest.objects.filter(
        agency_id__in=agency_ids).values("agency_id", "year").annotate(last=Max("sequence")).order_by()}
    built = []
    for row in rows:
        key = (row.agency.pk, row.received.year)
        sequences[key] = sequences.get(key, 0) + 1
        built.append(_request(row, applicants, sequences[key]))
    return built


def _request(row, applicants, sequence):
    dates = {"submitted_on": row.received} if row.channel == Channel.IN_PERSON else {"confirmed_on": row.received}
    state, replied, deadline = State.REGISTERED, None, row.deadline
    if row.outcome:
        state = EVENT_OUTCOMES.get(row.outcome, State.CLOSED)
        replied = None if row.outcome in EVENT_OUTCOMES else row.replied
    return dict(
        agency_id=row.agency.pk, number=row.number, year=row.received.year, sequence=sequence,
        applicant_id=applicants[(row.agency.pk, row.applicant_name, row.applicant_kind)], channel=row.channel,
        post_kind=PostKind.ORDINARY.value if row.channel == Channel.POST else "", received_on=row.received,
        description=row.description, search_grams=document(row.number, row.description),  # no save(): set here
        clock_start=deadline.clock_start if deadline else row.received,
        due_date=deadline.due if deadline else None, due_provisional=deadline.provisional if deadline else False,
        outcome=row.outcome, replied_on=replied, applicant_received_on=row.delivered,
        concluded_on=row.replied if row.outcome else None, imported=True, state=str(state.value), **dates,
    )


def _history_bindings(first_new):
    """{request id: [[label, history_id, digest]]} of the history rows just written for the requests with ids above
    `first_new` (signed into their imported events, as event_record does for an action)."""
    label = InformationRequest._meta.label
    history = request_history_models()[label][0]
    query = history.objects.filter(id__gt=first_new).order_by("history_id")
    owners = dict(query.values_list("history_id", "id"))
    found = {}
    for history_id, digest in digests_of(history, query):
        found.setdefault(owners[history_id], []).append([label, history_id, digest])
    return found


def _event(req, row, source, now, history):
    _received, rule = derive_received_on(channel=req["channel"], post_kind=req["post_kind"],
                                         submitted_on=req["submitted_on"], confirmed_on=req["confirmed_on"])
    state = State(req["state"])
    note = (f"{rule}；由台账导入（{source} 第{row.line}行），状态直接设为“{state.label}”"
            "（数据迁移，不是办理操作）")
    event = RequestEvent(
        request_id=req["id"], seq=1, action=EventAction.IMPORTED, actor=None, actor_name="系统", at=now, from_state="",
        to_state=state.value, note=note, due_before=None, due_after=req["due_date"], prev_hash=GENESIS,
        anchors={"state": state.value, "version": req.get("version", 1), "letters": [], "history": history},
        payload={"received_on": row.received.isoformat(), "override_reason": "", "ledger_line": row.line,
                 "outcome": row.outcome, "replied": row.replied.isoformat() if row.replied else None,
                 "challenge": row.challenge, "challenge_result": row.challenge_result},
    )
    sign(event)
    return {f.attname: getattr(event, f.attname) for f in RequestEvent._meta.concrete_fields if f.attname != "id"}


def _challenge(req, row, bodies):
    key = (row.agency.pk, row.challenge == ChallengeKind.RECONSIDERATION)
    if key not in bodies:
        bodies[key] = row.agency.effective_reconsideration_body if key[1] else row.agency.court
    body = bodies[key]
    return dict(request_id=req["id"], kind=row.challenge, body=body or "（台账未记载）",
                received_on=row.challenge_received, answer_due=row.answer_due, result=row.challenge_result,
                imported=True)
