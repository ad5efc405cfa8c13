"""Keeping the report tallies (models/tallies.py) equal to what the records say.

A request's contribution is a function of its records only (`contributions`): a few entries {(table, key): measures}.
TallyState stores the contribution last applied; `follow` (called by services/audit.py event_record, inside the
event's transaction, the request row locked) computes it again and applies the difference as upserts that add to
the counters. `refresh` does the same for many requests (a calendar change moves the workdays taken by replies);
`rebuild` recomputes everything from the records (`manage.py recompute_tallies`); `drift` compares without writing.

A further measure is one more table in models/tallies.py TALLIES (its DIMENSIONS and MEASURES) and one more `add`
in `contributions`; upserts, states, rebuild and drift follow. Fees (annual report section 六) are so:
FeeTally(agency, year) with MEASURES ("n", "amount_fen", "collected", "collected_fen"), the fee notices read in
`_with_steps` like the challenges, each adding (1, fen, 0, 0) to its issue year and, once paid, (0, 0, 1, fen) to
its payment year. A department (issue 15) is one more dimension column.
Upserts run in key order, so two transactions touching the same counters wait for each other instead of
deadlocking.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q

from requests_cms.models import TALLIES, Challenge, ClockPause, FeeNotice, InformationRequest, TallyState
from requests_cms.models.tallies import OPEN, UNKNOWN
from requests_cms.services.deadlines import OutOfRange, calendar_for

from . import bulk

TABLES = {model.__name__: model for model in TALLIES}
CHUNK = 5000
_FACT_COLUMNS = ("id", "agency_id", "agency__calendar_region", "applicant__kind", "channel", "outcome", "received_on",
                 "concluded_on", "replied_on", "due_date", "clock_start", "delayed_reply")


@dataclass(frozen=True)
class Facts:
    """What the reports count of one request (read in bulk by `facts`)."""

    id: int
    agency_id: int
    region: str
    applicant_kind: str
    channel: str
    outcome: str
    received_on: object
    concluded_on: object
    replied_on: object
    due_date: object
    clock_start: object
    delayed_reply: bool = False
    pauses: tuple = ()  # (start, end)
    challenges: tuple = ()  # (received_on, kind, result)
    fees: tuple = ()  # (issued_on, amount, paid_on)


def facts(requests):
    """Facts of the requests of a queryset, in id order; three queries per CHUNK requests."""
    last = 0
    while True:
        rows = list(requests.filter(pk__gt=last).order_by("pk").values_list(*_FACT_COLUMNS)[:CHUNK])
        if not rows:
            return
        last = rows[-1][0]
        yield from _with_steps(rows)
        if len(rows) < CHUNK:
            return


def _with_steps(rows):
    ids = [r[0] for r in rows]
    # A dense chunk (the whole table) is read by id range, a sparse one (a few requests) by id list.
    scope = ({"request_id__gte": ids[0], "request_id__lte": ids[-1]} if ids[-1] - ids[0] < 2 * len(ids)
             else {"request_id__in": ids})
    pauses, challenges, fees = defaultdict(list), defaultdict(list), defaultdict(list)
    replied = {r[0] for r in rows if r[8]}
    if replied:
        for request_id, start, end in (ClockPause.objects.filter(**scope)
                                       .values_list("request_id", "start", "end").order_by()):
            if request_id in replied:
                pauses[request_id].append((start, end))
    for request_id, *challenge in (Challenge.objects.filter(**scope)
                                   .values_list("request_id", "received_on", "kind", "result").order_by("id")):
        challenges[request_id].append(tuple(challenge))
    for request_id, *notice in (FeeNotice.objects.filter(**scope)
                                .values_list("request_id", "issued_on", "amount", "paid_on").order_by("id")):
        fees[request_id].append(tuple(notice))
    for row in rows:
        yield Facts(*row, pauses=tuple(pauses[row[0]]), challenges=tuple(challenges[row[0]]),
                    fees=tuple(fees[row[0]]))


def processing_workdays(fact, calendars):
    """Workdays from the clock start to the reply, paused workdays left out; None where no calendar covers them."""
    from .statistics import workdays_taken

    if fact.region not in calendars:
        calendars[fact.region] = calendar_for(fact.region)
    try:
        return workdays_taken(calendars[fact.region], fact.clock_start or fact.received_on, fact.replied_on,
                              fact.pauses)
    except OutOfRange:
        return None


def contributions(fact, calendars):
    """{(table, (agency, *dimensions)): (measures,)} of one request."""
    entries = {}

    def add(table, *key, measures=(1,)):
        add_into(entries, {(table, (fact.agency_id, *key)): measures})

    concluded = fact.concluded_on.year if fact.concluded_on else OPEN
    add("ApplicationTally", fact.received_on.year, concluded, fact.applicant_kind or "",
        (fact.outcome or "") if fact.concluded_on else "")
    add("ChannelTally", fact.received_on.year, fact.channel or "")
    if fact.replied_on:
        days = processing_workdays(fact, calendars)
        on_time = UNKNOWN if fact.due_date is None else int(fact.replied_on <= fact.due_date)
        add("ReplyTally", fact.replied_on.year, UNKNOWN if days is None else days, on_time, int(fact.delayed_reply))
    for received_on, kind, result in fact.challenges:
        add("ChallengeTally", received_on.year, kind, result or "")
    for issued_on, amount, paid_on in fact.fees:
        fen = to_fen(amount)
        if issued_on:  # a fee notice counts once it has gone out (its recorded sending, services/notices.py)
            add("FeeTally", issued_on.year, measures=(1, fen, 0, 0))
        if paid_on:
            add("FeeTally", paid_on.year, measures=(0, 0, 1, fen))
    return entries


def to_fen(amount):
    """A yuan amount (Decimal) in whole fen."""
    return int((amount * 100).to_integral_value())


def _encode(entries):
    return sorted([table, list(key), list(measures)] for (table, key), measures in entries.items())


def _decode(stored):
    return {(table, tuple(key)): tuple(measures) for table, key, measures in stored or ()}


def difference(old, new):
    """new − old, entry by entry, without the entries that did not change."""
    delta = {}
    for key in old.keys() | new.keys():
        before, after = old.get(key, ()), new.get(key, ())
        width = max(len(before), len(after))
        change = tuple((after[i] if i < len(after) else 0) - (before[i] if i < len(before) else 0)
                       for i in range(width))
        if any(change):
            delta[key] = change
    return delta


def apply(delta):
    """Add `delta` {(table, key): measures} to the counters: one upsert per changed counter, in key order."""
    by_table = defaultdict(list)
    for (table, key), measures in sorted(delta.items()):
        by_table[table].append((*key, *measures))
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, rows in sorted(by_table.items()):
            model = TABLES[table]
            keys = ["agency_id", *model.DIMENSIONS]
            columns = [*keys, *model.MEASURES]
            name = quote(model._meta.db_table)
            sets = ", ".join(f"{quote(m)} = {name}.{quote(m)} + excluded.{quote(m)}" for m in model.MEASURES)
            cursor.executemany(
                f"INSERT INTO {name} ({', '.join(map(quote, columns))}) VALUES ({', '.join(['%s'] * len(columns))}) "
                f"ON CONFLICT ({', '.join(map(quote, keys))}) DO UPDATE SET {sets}", rows)


def follow(request_id):
    """Bring the tallies up to date with one request's records (inside the caller's transaction)."""
    refresh(InformationRequest.objects.filter(pk=request_id))


def refresh(requests):
    """Bring the tallies up to date with the records of the requests of a queryset (chunked, in transactions)."""
    calendars = {}
    batch = []
    for fact in facts(requests):
        batch.append(fact)
        if len(batch) == CHUNK:
            _refresh_batch(batch, calendars)
            batch = []
    if batch:
        _refresh_batch(batch, calendars)


def refresh_replies_in_range(start, end):
    """After a calendar change of the days start..end: recount the replies whose processing time spans them."""
    spans = Q(replied_on__gte=start) & (Q(clock_start__lte=end) | Q(clock_start__isnull=True, received_on__lte=end))
    refresh(InformationRequest.objects.filter(spans))


def _refresh_batch(batch, calendars):
    with transaction.atomic():
        stored = dict(TallyState.objects.select_for_update().filter(request_id__in=[f.id for f in batch])
                      .values_list("request_id", "entries"))
        delta, changed = {}, []
        for fact in batch:
            old, new = _decode(stored.get(fact.id)), contributions(fact, calendars)
            change = difference(old, new)
            if change or fact.id not in stored:
                changed.append(TallyState(request_id=fact.id, entries=_encode(new)))
            add_into(delta, change)
        apply({key: m for key, m in delta.items() if any(m)})
        if changed:
            TallyState.objects.bulk_create(changed, update_conflicts=True, unique_fields=["request"],
                                           update_fields=["entries"], batch_size=1000)
    return len(changed)


def add_into(totals, entries):
    """totals += entries, measure by measure."""
    for key, measures in entries.items():
        current = totals.get(key, ())
        current += (0,) * (len(measures) - len(current))
        totals[key] = tuple(a + b for a, b in zip(current, measures, strict=False))
    return totals


# --- rebuilding and checking ------------------------------------------------------------------------------------------
def fresh_totals(requests=None, *, states=None):
    """The tallies the records give, {(table, key): measures}; with `states` a list, each request's entries too."""
    calendars, totals = {}, {}
    for fact in facts(requests if requests is not None else InformationRequest.objects.all()):
        entries = contributions(fact, calendars)
        add_into(totals, entries)
        if states is not None:
            states.append((fact.id, entries))
    return totals


def stored_totals():
    """The tallies as stored, {(table, key): measures}, without counters at zero."""
    totals = {}
    for table, model in TABLES.items():
        for row in model.objects.values_list("agency_id", *model.DIMENSIONS, *model.MEASURES).iterator():
            key, measures = tuple(row[:-len(model.MEASURES)]), tuple(row[-len(model.MEASURES):])
            if any(measures):
                totals[(table, key)] = measures
    return totals


def drift():
    """Counters that differ from the records: {(table, key): (stored, fresh)} (empty when all is right)."""
    stored, fresh = stored_totals(), {k: m for k, m in fresh_totals().items() if any(m)}
    return {key: (stored.get(key), fresh.get(key)) for key in stored.keys() | fresh.keys()
            if stored.get(key) != fresh.get(key)}


def rebuild():
    """Recompute every tally and state from the records, in one transaction that holds new events' tally updates
    (they wait for it, then apply their difference to what it wrote). Returns the number of requests counted."""
    with transaction.atomic():
        models = [*TALLIES, TallyState]
        if connection.vendor == "postgresql":
            tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
        for model in models:
            model.objects.all().delete()
        calendars, totals, count, states = {}, {}, 0, []
        for fact in facts(InformationRequest.objects.all()):
            entries = contributions(fact, calendars)
            add_into(totals, entries)
            states.append({"request_id": fact.id, "entries": _encode(entries)})
            count += 1
            if len(states) == CHUNK:
                bulk.insert(TallyState, states)
                states = []
        bulk.insert(TallyState, states)
        apply({k: m for k, m in totals.items() if any(m)})
    return count
