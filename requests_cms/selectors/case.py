"""Everything the case page shows, read in a fixed number of queries however many events or steps exist, and the
records of one request that the case's other pages act on (an attachment, a challenge, a case-file export)."""

from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone

from letters.kinds import WORDED_KINDS, LetterKind
from letters.models import Letter
from requests_cms import actions
from requests_cms.access import is_department_officer, is_read_only, may_write
from requests_cms.models import AttachmentKind, CaseFileExport, CaseFileStatus, Delivery, EventAction, RequestEvent
from requests_cms.services import deadlines, notices
from requests_cms.workflow import FINISHED, State, next_step

from .deadlines import is_due_soon
from .delivery import remedy_periods
from .departments import routings_of

STATE_LABELS = dict(State.choices)
# Actions that act on the proposed answer: their page shows it (and the draft reply) so nobody approves blind.
SHOWS_DECISION = (EventAction.DECIDE, EventAction.SUBMIT_FOR_APPROVAL, EventAction.APPROVE,
                  EventAction.RETURN_FOR_REVISION)


def load_steps(req):
    prefetch_related_objects(
        [req], "corrections", "consultations", "extensions__approved_by", "fee_notices", "search_records", "pauses",
        "decisions__proposed_by", "decisions__decided_by", "approvals__submitted_by", "approvals__approver",
        "challenges",
        Prefetch("deliveries", queryset=Delivery.objects.select_related("recorded_by").prefetch_related(
            "postal_events", "attachments")),
        "attachments__uploaded_by",
    )


def timeline(req):
    rows = []
    for e in RequestEvent.objects.filter(request=req).order_by("seq"):
        rows.append({
            "event": e, "label": EventAction.label_of(e.action),
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
    finished = req.state in FINISHED
    panel.update(due=result.due, explanation=result.explanation, provisional=result.provisional,
                 provisional_reasons=result.provisional_reasons, clock_start=result.clock_start, finished=finished)
    if finished:
        panel["on_time"] = req.replied_on is None or req.replied_on <= result.due
        panel["remedy"] = remedy_periods(req)
        return panel
    region = req.agency.calendar_region
    if result.due >= today:
        panel["workdays_left"] = deadlines.workdays_between(today, result.due, region=region)
    else:
        panel["workdays_left"] = -deadlines.workdays_between(result.due, today, region=region)
    panel["overdue"] = result.due < today
    panel["overdue_workdays"] = max(0, -panel["workdays_left"])
    panel["due_soon"] = not panel["overdue"] and is_due_soon(panel["workdays_left"])
    panel["paused"] = req.state in (State.CONSULTING, State.FEE_PENDING)
    return panel


def letters_panel(req, user):
    """Every letter with its status (已起草 / 已签发 / 已送达 / 已归档回证), whether this user may issue it now, its
    deliveries; and a warning for each notice that starts or stops a clock and has not gone out."""
    rows = list(Letter.objects.filter(request=req).select_related("consultation", "agency").order_by("kind", "version"))
    deliveries = {}
    for d in req.deliveries.all():  # prefetched by load_steps with their tracking and proofs
        deliveries.setdefault(d.letter_id, []).append(d)
    for letter in rows:
        letter.deliveries_here = deliveries.get(letter.pk, [])
        letter.status = notices.letter_status(letter, letter.deliveries_here)
        letter.is_notice = notices.is_notice(letter.kind)
        letter.issue_refusal = notices.issue_refusal(req, letter, user) if letter.is_notice else None
        letter.needs_approver = letter.is_notice and notices.needs_approver(letter)
    kinds = [(k.value, k.label) for k in LetterKind if k in WORDED_KINDS]
    warnings = notices.clock_warnings(req, rows, lambda letter: deliveries.get(letter.pk, []))
    return {"available": True, "letters": rows, "writable": may_write(user, req), "kinds": kinds,
            "suggested": suggested_letter(req, {letter.kind for letter in rows},
                                          {letter.kind for letter in rows if letter.is_notice and letter.is_frozen}),
            "warnings": warnings}


# The notice the law asks for in each state (REG 30, 32, 33, 35, 42); the reply once an opinion exists.
_STATE_LETTER = {
    State.CORRECTION_REQUESTED: LetterKind.CORRECTION_NOTICE, State.REASONS_REQUESTED: LetterKind.REASONS_NOTICE,
    State.CONSULTING: LetterKind.THIRD_PARTY_CONSULTATION,
    State.FEE_PENDING: LetterKind.FEE_NOTICE, State.OPINION_PROPOSED: LetterKind.REPLY,
    State.DECIDED: LetterKind.REPLY, State.PENDING_APPROVAL: LetterKind.REPLY, State.APPROVED: LetterKind.REPLY,
}


def suggested_letter(req, drafted, issued=()):
    """The letter kind the draft selector offers first: an extension or a delayed reply (REG 35) not yet notified,
    then the state's notice, then the acknowledgement of a new request."""
    if req.extensions.all() and LetterKind.EXTENSION_NOTICE not in drafted:
        return LetterKind.EXTENSION_NOTICE.value
    if req.delayed_reply and LetterKind.DELAY_NOTICE not in drafted:
        return LetterKind.DELAY_NOTICE.value
    if req.state in _STATE_LETTER and _STATE_LETTER[req.state] not in issued:
        return _STATE_LETTER[req.state].value  # an issued notice is not drafted again
    return LetterKind.ACKNOWLEDGEMENT.value if LetterKind.ACKNOWLEDGEMENT not in drafted else ""


def case_context(req, user):
    from requests_cms.services.audit import verify_request_chain

    load_steps(req)
    allowed = actions.allowed_actions(req, user)
    decisions = list(req.decisions.all())
    return {
        "req": req, "read_only": is_read_only(user), "timeline": timeline(req), "deadline": deadline_panel(req),
        # (name, label, danger, on the delivery page, taken with one button here): the reply is delivered where
        # every delivery is recorded; a confirmation-only step is taken on the case page itself
        "actions": [(n, actions.label(n), (a := actions.ACTIONS[n]).danger, n == EventAction.DELIVER, a.inline,
                     a.inline and _has_fields(a.form)) for n in allowed],
        "blocked": [(n, actions.label(n), reasons) for n, reasons in actions.blocked_actions(req, user, allowed)],
        "current_decision": next((d for d in decisions if d.is_current), None),
        "decisions": decisions, "letters": letters_panel(req, user), "state_label": STATE_LABELS[req.state],
        "attachment_kinds": AttachmentKind.choices, "can_upload": not is_read_only(user),
        "next_by_others": _next_by_others(req, allowed),
        "routings": routings_of(req), "my_department_id": user.department_id if is_department_officer(user) else None,
        # The check verify_audit makes (services/audit_verify.py): a red notice when the record does not hold. The
        # uploads are checked as rows here, their bytes by verify_audit and the case file: otherwise every view of
        # a case of 270 scanned pages reads all of them back (9 MB of bench scans; a real scan is 0.3-1 MB a page).
        "audit_problems": verify_request_chain(req, files=False),
        "responsive": responsive_documents(req, user),
    }


def responsive_documents(req, user):
    """The current responsive documents (区分处理), for the agency's staff only (their originals are restricted)."""
    from requests_cms.access import original_refusal

    if original_refusal(req, user):
        return None
    return list(req.responsive_documents.filter(is_current=True).select_related("original")
                .order_by("created_at", "id"))


def _has_fields(form_class):
    """The form asks for something (optional, since the action is taken with one button): offer its page too."""
    return any(not field.widget.is_hidden for field in form_class.base_fields.values())


def _next_by_others(req, allowed):
    """The usual next step when this user cannot take it: what it is and who takes it (no page is a dead end)."""
    step = next_step(req)
    if step is None or step[0] in allowed:
        return None
    name, roles = step
    return {"label": actions.label(name), "roles": roles}


def decision_summary(req, action):
    """The proposed answer and its latest reply letter, for the pages of the actions that act on it (else {})."""
    if action not in SHOWS_DECISION:
        return {}
    reply = req.letters.filter(kind=LetterKind.REPLY).order_by("-version").first()
    return {"decision": req.current_decision, "reply_letter": reply}


def attachment_of(req, pk):
    return get_object_or_404(req.attachments.all(), pk=pk)


def challenge_of(req, pk):
    return get_object_or_404(req.challenges.all(), pk=pk)


def casefile_jobs(req, job_pk=None):
    """(the export asked for, or None; the last five finished exports) of this request's case file."""
    jobs = CaseFileExport.objects.filter(request=req).order_by("-created_at", "-id")
    job = jobs.filter(pk=job_pk).first() if str(job_pk or "").isdigit() else None
    return job, jobs.filter(status=CaseFileStatus.DONE)[:5]


def casefile_job(req, pk, *, done=False):
    filters = {"status": CaseFileStatus.DONE} if done else {}
    return get_object_or_404(CaseFileExport, pk=pk, request=req, **filters)


def conflict_context(req, user):
    """What the conflict notice of an action page says: who changed the request (or that it was the user, in another
    tab), when, by which action, and the actions this user may take on it now."""
    last = req.events.order_by("-seq").values("actor_id", "actor_name", "at", "action").first()
    offered = [(name, actions.label(name)) for name in actions.allowed_actions(req, user)]
    if last is None:
        return {"now_offered": offered}
    return {
        "changed_by_me": last["actor_id"] == user.pk,
        "changed_by": last["actor_name"],
        "changed_at": timezone.localtime(last["at"]),
        "changed_action": EventAction.label_of(last["action"]),
        "now_offered": offered,
    }
