"""One way to carry out an action on a request: lock, check, change, recompute, record — in one transaction."""

from django.db import transaction
from django_fsm import ConcurrentTransition

from requests_cms.models import EventAction, InformationRequest
from requests_cms.workflow import blocking_reasons

from . import deadlines
from .audit import event_record
from .errors import ConflictError, WorkflowError


def locked(request, expected_version=None):
    """Re-read the request under a row lock; refuse if the caller saw an older version."""
    fresh = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if expected_version is not None and int(expected_version) != fresh.version:
        raise ConflictError()
    return fresh


def draft_for_step(req, action, by):
    """The notices this step issues are drafted from its records, in its transaction (services/notices.py)."""
    from .notices import draft_for_step as draft  # notices acts through run_update: imported when first needed

    draft(req, action, by)


def run_transition(*, request, action, by, note="", expected_version=None, before=None, after=None, payload=None):
    """Carry out the transition `action` (an EventAction whose value names a transition of workflow.py).

    `before(req)` runs under the lock before the guards are checked (it creates the step records the guards
    look at); `after(req)` runs after the state changed. Either may raise WorkflowError to refuse.
    Returns the fresh request.
    """
    try:
        with transaction.atomic():
            req = locked(request, expected_version)
            from_state = req.state
            due_before = req.due_date
            if before:
                before(req)
            reasons = blocking_reasons(req, action, by)
            if reasons:
                raise WorkflowError("；".join(reasons), reasons)
            getattr(req, EventAction(action).value)()
            if after:
                after(req)
            draft_for_step(req, action, by)
            deadlines.refresh(req)
            deadlines.clamp_internal_dues(req)
            req.version += 1
            req.save()
            event_record(request=req, action=action, by=by, from_state=from_state, to_state=req.state, note=note,
                         due_before=due_before, due_after=req.due_date, payload=payload)
            return req
    except ConcurrentTransition as exc:
        raise ConflictError() from exc


def run_update(*, request, action, by, note="", expected_version=None, change, payload=None):
    """An action (an EventAction) that records something without changing state (e.g. a postal event), same
    guarantees."""
    try:
        with transaction.atomic():
            req = locked(request, expected_version)
            due_before = req.due_date
            result = change(req)
            draft_for_step(req, action, by)
            deadlines.refresh(req)
            deadlines.clamp_internal_dues(req)
            req.version += 1
            req.save()
            event_record(request=req, action=action, by=by, from_state=req.state, to_state=req.state, note=note,
                         due_before=due_before, due_after=req.due_date, payload=payload)
            return req if result is None else result
    except ConcurrentTransition as exc:
        raise ConflictError() from exc
