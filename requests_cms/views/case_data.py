"""Everything the case page shows, read in a fixed number of queries however many events or steps exist."""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from requests_cms.access import is_read_only
from requests_cms.models import AttachmentKind, Delivery, RequestEvent
from requests_cms.selectors_delivery import remedy_periods
from requests_cms.services import deadlines
from requests_cms.services import workdays as engine
from requests_cms.workflow import ACTION_LABELS, State

from .action_registry import ACTIONS, action_label, allowed_actions, blocked_actions

EXTRA_LABELS = {"calendar_recompute": "日历调整重算期限", "challenge_recorded": "登记复议诉讼"}
STATE_LABELS = dict(State.choices)
STOPPED = (State.DELIVERED, State.CLOSED, State.WITHDRAWN, State.ABANDONED)

try:  # the letters app is optional for this page: without it the panel says so
    from letters.kinds import WORDED_KINDS, LetterKind
    from letters.models import Letter
except ImportError:  # pragma: no cover
    Letter = None


def load_steps(req):
    prefetch_related_objects(
        [req], "corrections", "consultations", "extensions__approved_by", "fee_notices", "search_records", "pauses",
        "decisions__proposed_by", "decisions__decided_by", "approvals__submitted_by", "approvals__approver",
        "challenges",
        Prefetch("deliveries", queryset=Delivery.objects.select_related("recorded_by").prefetch_related(
            "postal_events")),
        "attachments__uploaded_by",
    )


def timeline(req):
    rows = []
    for e in RequestEvent.objects.filter(request=req).order_by("seq"):
        rows.append({
            "event": e, "label": ACTION_LABELS.get(e.action) or EXTRA_LABELS.get(e.action, e.action),
            "from_label": STATE_LABELS.get(e.from_state, e.from_state),
            "to_label": STATE_LABELS.get(e.to_state, e.to_state),
            "due_changed": e.due_before != e.due_after,
        })
    return rows


def deadline_panel(req):
    today = timezone.localdate()
    panel = {"today": today, "state": req.state}
    if req.state == State.CORRECTION_REQUESTED:
        correction = next(iter(sorted(req.corrections.all(), key=lambda c: c.id, reverse=True)), None)
        panel.update(stopped=True, correction=correction)
        return panel
    result = deadlines.reply_deadline(req)
    panel.update(due=result.due, explanation=result.explanation, provisional=result.provisional,
                 provisional_reasons=result.provisional_reasons, clock_start=result.clock_start,
                 finished=req.state in STOPPED)
    if req.state in STOPPED:
        panel["on_time"] = req.replied_on is None or req.replied_on <= result.due
        panel["remedy"] = remedy_periods(req)
        return panel
    region = req.agency.calendar_region
    if result.due >= today:
        panel["workdays_left"] = engine.workdays_between(today, result.due, region=region)
    else:
        panel["workdays_left"] = -engine.workdays_between(result.due, today, region=region)
    panel["overdue"] = result.due < today
    panel["overdue_workdays"] = max(0, -panel["workdays_left"])
    panel["due_soon"] = not panel["overdue"] and panel["workdays_left"] <= 3
    panel["paused"] = req.state in (State.CONSULTING, State.FEE_PENDING)
    return panel


def letters_panel(req, user):
    if Letter is None:
        return {"available": False}
    rows = list(Letter.objects.filter(request=req).select_related("consultation").order_by("kind", "version"))
    writable = not is_read_only(user) and req.agency_id == user.agency_id
    kinds = [(k.value, k.label) for k in LetterKind if k in WORDED_KINDS]
    return {"available": True, "letters": rows, "writable": writable, "kinds": kinds,
            "suggested": suggested_letter(req, {letter.kind for letter in rows})}


# The notice the law asks for in each state (REG 30, 32, 33, 42); the reply once an opinion exists.
_STATE_LETTER = {
    State.CORRECTION_REQUESTED: "correction_notice", State.CONSULTING: "third_party_consultation",
    State.FEE_PENDING: "fee_notice", State.OPINION_PROPOSED: "reply", State.DECIDED: "reply",
    State.PENDING_APPROVAL: "reply", State.APPROVED: "reply",
}


def suggested_letter(req, drafted):
    """The letter kind the draft selector offers first: an extension not yet notified, then the state's notice,
    then the acknowledgement of a new request."""
    if req.extensions.all() and "extension_notice" not in drafted:
        return "extension_notice"
    if req.state in _STATE_LETTER:
        return _STATE_LETTER[req.state]
    return "acknowledgement" if "acknowledgement" not in drafted else ""


def case_context(req, user):
    load_steps(req)
    allowed = allowed_actions(req, user)
    decisions = list(req.decisions.all())
    return {
        "req": req, "read_only": is_read_only(user), "timeline": timeline(req), "deadline": deadline_panel(req),
        "actions": [(n, action_label(n), ACTIONS[n].danger) for n in allowed],
        "blocked": [(n, action_label(n), reasons) for n, reasons in blocked_actions(req, user, allowed)],
        "current_decision": next((d for d in decisions if d.is_current), None),
        "decisions": decisions, "letters": letters_panel(req, user), "state_label": STATE_LABELS[req.state],
        "attachment_kinds": AttachmentKind.choices, "can_upload": not is_read_only(user),
    }
