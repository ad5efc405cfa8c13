"""The request's deadlines, always recomputed from its step records by the workday engine (never stored as truth)."""

from django.db import transaction
from django.db.models import F

from requests_cms.models import InformationRequest
from requests_cms.workflow import State

from . import workdays as engine


def inputs(req):
    """What the engine needs to compute the reply due date: receipt, corrected receipt, pauses, extension."""
    if req.pk is None:  # being registered: no step records yet
        correction, pauses, extension = None, [], 0
    else:
        correction = req.corrections.order_by("-id").first()
        pauses = [(p.start, p.end, p.get_reason_display()) for p in req.pauses.all()]
        extension = sum(e.workdays for e in req.extensions.all())
    return {
        "received": req.received_on,
        "correction_received": correction.corrected_received_on if correction else None,
        "pauses": pauses,
        "extension": extension,
        "region": req.agency.calendar_region,
    }


def reply_deadline(req):
    """The engine's full result (due date, explanation, provisional flag) for this request."""
    if req.reopened_on:
        pauses = [(p.start, p.end) for p in req.pauses.all() if p.start >= req.reopened_on]
        return engine.reopened_due(
            reopened=req.reopened_on, workdays=req.reopen_workdays or 20, pauses=pauses,
            region=req.agency.calendar_region,
        )
    return engine.reply_due(**inputs(req))


def refresh(req):
    """Recompute the cached clock start and due date on `req` (the caller saves)."""
    if req.state == State.CORRECTION_REQUESTED:
        req.clock_start, req.due_date, req.due_provisional = None, None, False
        return None
    result = reply_deadline(req)
    req.clock_start = result.clock_start
    req.due_date = result.due
    req.due_provisional = result.provisional
    return result


def recompute_due_dates_in_range(start, end):
    """Called by workday_calendars after a calendar change: refresh every open request the change can move."""
    updated = 0
    candidates = (
        InformationRequest.objects.open()
        .filter(received_on__lte=end)
        .select_related("agency")
        .prefetch_related("pauses", "extensions", "corrections")
    )
    for req in candidates.iterator(chunk_size=500):
        if req.due_date and req.due_date < start and req.received_on < start:
            continue
        old = (req.due_date, req.due_provisional)
        refresh(req)
        if (req.due_date, req.due_provisional) != old:
            _store_recomputed(req.pk, old[0])
            updated += 1
    return updated


def _store_recomputed(pk, due_before):
    from .audit import event_record

    with transaction.atomic():
        req = InformationRequest.objects.select_for_update().get(pk=pk)
        refresh(req)
        InformationRequest.objects.filter(pk=pk).update(
            due_date=req.due_date, due_provisional=req.due_provisional, clock_start=req.clock_start,
            version=F("version") + 1,
        )
        event_record(request=req, action="calendar_recompute", by=None, from_state=req.state, to_state=req.state,
                     note="工作日历调整，重新计算答复期限", due_before=due_before, due_after=req.due_date)
