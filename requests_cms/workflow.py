"""The statutory workflow (domain.md §3) as a state machine: states, transitions, guards, permissions.

Guards and permissions carry the Chinese sentence that explains why a step is not possible;
`blocking_reasons()` collects them for the UI and for services that must refuse an action.
Transition bodies only change state; services do the rest in the same transaction. Each transition's name is an
EventAction (models/audit.py), which labels it; the permissions are the role rules of access.py.
Only django-fsm-2's public API is used: the Transition objects of get_all_state_transitions() and
get_available_user_state_transitions(), with their conditions and permission.
"""

from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from letters.outcomes import RIGHT_AGENCY, SEARCH_RECORD, requires_fact
from requests_cms.access import (
    APPROVER,
    APPROVER_NOT_DRAFTER,
    DESK,
    HANDLER,
    REASONS_JUDGE,
    REOPENER,
    Permission,
)
from requests_cms.models.audit import EventAction


class State(models.TextChoices):
    REGISTERED = "registered", "已登记"
    CORRECTION_REQUESTED = "correction_requested", "待补正"
    ACCEPTED = "accepted", "办理中"
    CONSULTING = "consulting", "征求意见中"
    FEE_PENDING = "fee_pending", "待缴费"
    REASONS_REQUESTED = "reasons_requested", "待说明理由"
    OPINION_PROPOSED = "opinion_proposed", "已提出办理意见"
    DECIDED = "decided", "已作出决定"
    PENDING_APPROVAL = "pending_approval", "报批中"
    APPROVED = "approved", "已批准"
    DELIVERED = "delivered", "已送达（待回证）"
    CLOSED = "closed", "已办结归档"
    WITHDRAWN = "withdrawn", "已撤回"
    ABANDONED = "abandoned", "视为放弃"

    @classmethod
    def open_states(cls):
        return [s for s in cls if s not in (cls.DELIVERED, cls.CLOSED, cls.WITHDRAWN, cls.ABANDONED)]

    @classmethod
    def clock_running_states(cls):
        return [cls.REGISTERED, cls.ACCEPTED, cls.OPINION_PROPOSED, cls.DECIDED, cls.PENDING_APPROVAL, cls.APPROVED]


OPEN = State.open_states()
FINISHED = [s for s in State if s not in OPEN]  # replied (delivered, closed) or ended without a reply
IN_HANDLING = [State.ACCEPTED, State.CONSULTING, State.FEE_PENDING, State.OPINION_PROPOSED, State.DECIDED,
               State.PENDING_APPROVAL, State.APPROVED]
# States whose reply clock runs: only these can be "due soon" or "overdue" (paused states wait on someone else).
CLOCK_RUNNING = State.clock_running_states()
WAITING_ON_APPLICANT = [State.CORRECTION_REQUESTED, State.FEE_PENDING, State.REASONS_REQUESTED]
# The clock is stopped (correction) or paused (consultation, fee, reasons): the cached due date is not yet final.
CLOCK_PAUSED = [State.CORRECTION_REQUESTED, State.CONSULTING, State.FEE_PENDING, State.REASONS_REQUESTED]


class Guard:
    """A transition condition that knows how to say why it fails."""

    def __init__(self, message, check):
        self.message = message
        self.check = check

    def __call__(self, instance):
        return bool(self.check(instance))


def _today():
    return timezone.localdate()


NO_CORRECTION_YET = Guard("补正告知只能发出一次（条例第三十条：一次性告知）",
                          lambda r: not r.corrections.exists())
# A clock that waits for a notice starts only when the notice's sending is recorded (services/notices.py).
CORRECTION_NOTICE_SENT = Guard(
    "补正告知书尚未发出（须签发并记录送达），补正期限尚未起算",
    lambda r: (c := r.corrections.order_by("-id").first()) is not None and c.notice_sent_on is not None,
)
CORRECTION_PERIOD_OVER = Guard(
    "补正期限尚未届满，不能视为放弃",
    lambda r: (c := r.corrections.first()) is not None and c.corrected_received_on is None
    and c.period_ends_on is not None and c.period_ends_on < _today(),
)
CONSULTATIONS_SETTLED = Guard(
    "仍有征求意见书尚未发出，或仍在15个工作日答复期内且尚未答复",
    lambda r: all(not c.is_open or (c.window_ends_on is not None and c.window_ends_on < _today())
                  for c in r.consultations.all()),
)
HAS_OPEN_CONSULTATION = Guard("没有等待答复的征求意见", lambda r: any(c.is_open for c in r.consultations.all()))
NO_EXTENSION_YET = Guard("延期只能一次（条例第三十三条）", lambda r: not r.extensions.exists())
BEFORE_DUE_DATE = Guard("延期须在原答复期限届满前决定并告知申请人",
                        lambda r: r.due_date is not None and _today() <= r.due_date)
FEE_UNPAID = Guard("没有待缴的收费通知", lambda r: r.fee_notices.filter(paid_on__isnull=True).exists())
FEE_NOTICE_SENT = Guard(
    "收费通知书尚未发出（须签发并记录送达），缴费期限尚未起算",
    lambda r: (f := r.fee_notices.filter(paid_on__isnull=True).order_by("-id").first()) is None
    or f.issued_on is not None,
)
FEE_PERIOD_OVER = Guard(
    "缴费期限尚未届满，不能视为放弃",
    lambda r: (f := r.fee_notices.filter(paid_on__isnull=True).first()) is not None and f.payment_due is not None
    and f.payment_due < _today(),
)
NO_REASONS_REQUEST_YET = Guard("要求说明理由只能一次（条例第三十五条）", lambda r: not r.reasons_requests.exists())
REASONS_IN_OR_PERIOD_OVER = Guard(
    "申请人尚未说明理由，且说明理由期限尚未届满",
    lambda r: (q := r.reasons_requests.last()) is not None
    and (q.reasons_received_on is not None or q.period_ends_on < _today()),
)
HAS_OPINION = Guard("尚未提出办理意见", lambda r: r.current_decision is not None)
DECISION_COMPLETE = Guard(
    "决定须有答复类型、法律依据和理由",
    lambda r: (d := r.current_decision) is not None and d.outcome and d.articles.strip() and d.reasons.strip(),
)
SEARCH_RECORDED = Guard(
    "答复“本机关不掌握相关政府信息”前须记录检索情况（检索范围、关键词、日期、检索人）",
    lambda r: (d := r.current_decision) is None or not requires_fact(d.outcome, SEARCH_RECORD)
    or r.search_records.exists(),
)
RIGHT_AGENCY_NAMED = Guard(
    "答复“非本机关负责公开”须写明负责公开的机关",
    lambda r: (d := r.current_decision) is None or not requires_fact(d.outcome, RIGHT_AGENCY)
    or bool(d.right_agency.strip()),
)
HAS_DELIVERY = Guard("尚未记录送达（交邮或交付日期）", lambda r: r.deliveries.exists())
HAS_PROOF = Guard(
    "归档须有送达回证、妥投记录或无法取得回证的原因（拒签及见证人）",
    lambda r: r.has_proof_of_service(),
)


class RequestWorkflow(ConcurrentTransitionMixin, models.Model):
    # Indexed through the (state, due_date) and (agency, state, due_date) indexes of the request.
    state = FSMField("状态", default=State.REGISTERED, choices=State.choices, protected=True)

    class Meta:
        abstract = True

    @transition(field=state, source=State.REGISTERED, target=State.ACCEPTED, permission=DESK)
    def accept(self):
        pass

    @transition(field=state, source=[State.REGISTERED, State.ACCEPTED], target=State.CORRECTION_REQUESTED,
                conditions=[NO_CORRECTION_YET], permission=HANDLER)
    def request_correction(self):
        pass

    @transition(field=state, source=State.CORRECTION_REQUESTED, target=State.ACCEPTED,
                conditions=[CORRECTION_NOTICE_SENT], permission=DESK)
    def receive_correction(self):
        pass

    @transition(field=state, source=State.CORRECTION_REQUESTED, target=State.ABANDONED,
                conditions=[CORRECTION_PERIOD_OVER], permission=HANDLER)
    def lapse_correction(self):
        pass

    @transition(field=state, source=[State.ACCEPTED, State.CONSULTING], target=State.CONSULTING, permission=HANDLER)
    def start_consultation(self):
        pass

    @transition(field=state, source=State.CONSULTING, target=None, conditions=[HAS_OPEN_CONSULTATION],
                permission=DESK)
    def record_consultation_reply(self):
        pass

    @transition(field=state, source=State.CONSULTING, target=State.ACCEPTED, conditions=[CONSULTATIONS_SETTLED],
                permission=HANDLER)
    def finish_consultation(self):
        pass

    @transition(field=state, source=[State.ACCEPTED, State.OPINION_PROPOSED], target=State.FEE_PENDING,
                permission=HANDLER)
    def issue_fee_notice(self):
        pass

    @transition(field=state, source=State.FEE_PENDING, target=State.ACCEPTED, conditions=[FEE_UNPAID, FEE_NOTICE_SENT],
                permission=DESK)
    def record_payment(self):
        pass

    @transition(field=state, source=State.FEE_PENDING, target=State.ABANDONED, conditions=[FEE_PERIOD_OVER],
                permission=HANDLER)
    def lapse_fee(self):
        pass

    @transition(field=state, source=[State.ACCEPTED, State.CONSULTING, State.FEE_PENDING, State.OPINION_PROPOSED,
                                     State.DECIDED, State.PENDING_APPROVAL],
                target=None, conditions=[NO_EXTENSION_YET, BEFORE_DUE_DATE], permission=APPROVER)
    def extend(self):
        pass

    @transition(field=state, source=State.ACCEPTED, target=State.REASONS_REQUESTED,
                conditions=[NO_REASONS_REQUEST_YET], permission=HANDLER)
    def ask_reasons(self):
        pass

    @transition(field=state, source=State.REASONS_REQUESTED, target=State.ACCEPTED, permission=REASONS_JUDGE)
    def accept_reasons(self):
        pass

    @transition(field=state, source=State.REASONS_REQUESTED, target=State.OPINION_PROPOSED,
                conditions=[REASONS_IN_OR_PERIOD_OVER], permission=HANDLER)
    def refuse_reasons(self):
        pass

    @transition(field=state, source=[State.ACCEPTED, State.OPINION_PROPOSED], target=State.OPINION_PROPOSED,
                permission=HANDLER)
    def propose_opinion(self):
        pass

    @transition(field=state, source=State.OPINION_PROPOSED, target=State.DECIDED,
                conditions=[HAS_OPINION, DECISION_COMPLETE, SEARCH_RECORDED, RIGHT_AGENCY_NAMED], permission=HANDLER)
    def decide(self):
        pass

    @transition(field=state, source=State.DECIDED, target=State.PENDING_APPROVAL, conditions=[DECISION_COMPLETE],
                permission=HANDLER)
    def submit_for_approval(self):
        pass

    @transition(field=state, source=State.PENDING_APPROVAL, target=State.APPROVED, conditions=[DECISION_COMPLETE],
                permission=APPROVER_NOT_DRAFTER)
    def approve(self):
        pass

    @transition(field=state, source=State.PENDING_APPROVAL, target=State.OPINION_PROPOSED, permission=APPROVER)
    def return_for_revision(self):
        pass

    @transition(field=state, source=State.APPROVED, target=State.DELIVERED, permission=DESK)
    def deliver(self):
        pass

    @transition(field=state, source=State.DELIVERED, target=State.CLOSED, conditions=[HAS_DELIVERY, HAS_PROOF],
                permission=DESK)
    def file_proof(self):
        pass

    @transition(field=state, source=OPEN, target=State.WITHDRAWN, permission=DESK)
    def withdraw(self):
        pass

    @transition(field=state, source=[State.DELIVERED, State.CLOSED], target=State.ACCEPTED, permission=REOPENER)
    def reopen(self):
        pass


# The usual next step in each state: the case page offers it first (the highlighted button).
NEXT_STEP = {
    State.REGISTERED: EventAction.ACCEPT, State.CORRECTION_REQUESTED: EventAction.RECEIVE_CORRECTION,
    State.ACCEPTED: EventAction.PROPOSE_OPINION, State.CONSULTING: EventAction.RECORD_CONSULTATION_REPLY,
    State.FEE_PENDING: EventAction.RECORD_PAYMENT,
    State.REASONS_REQUESTED: EventAction.ACCEPT_REASONS, State.OPINION_PROPOSED: EventAction.DECIDE,
    State.DECIDED: EventAction.SUBMIT_FOR_APPROVAL, State.PENDING_APPROVAL: EventAction.APPROVE,
    State.APPROVED: EventAction.DELIVER, State.DELIVERED: EventAction.FILE_PROOF,
}


def transitions(model_cls):
    """Every Transition object of the state field (one per source state), from django-fsm's public API."""
    return list(model_cls._meta.get_field("state").get_all_transitions(model_cls))


def transition_names(model_cls):
    return sorted({t.name for t in transitions(model_cls)})


def has_transition(instance, name):
    """A transition `name` leaves the current state (conditions and permission not checked)."""
    return _current_transition(instance, str(name)) is not None


def _current_transition(instance, name):
    state = instance.state
    return next((t for t in instance.get_all_state_transitions() if t.name == name and t.source == state), None)


def blocking_reasons(instance, name, user=None):
    """Chinese sentences saying why `name` cannot be done now by `user` (empty list: it can)."""
    t = _current_transition(instance, str(name))
    if t is None:
        return [f"申请处于“{State(instance.state).label}”状态，不能进行“{EventAction.label_of(name)}”"]
    reasons = [c.message for c in t.conditions if isinstance(c, Guard) and not c(instance)]
    if user is not None and isinstance(t.permission, Permission):
        denied = t.permission.reason(instance, user)
        if denied:
            reasons.insert(0, denied)
    return reasons


def next_step(instance):
    """(action, the roles that take it) of the usual next step in the current state, or None when there is none."""
    name = NEXT_STEP.get(instance.state)
    t = _current_transition(instance, str(name)) if name else None
    if t is None:
        return None
    return name, t.permission.role_names if isinstance(t.permission, Permission) else ""


def available_actions(instance, user):
    """Transitions this user may take now (conditions met, permission held), as EventAction members."""
    return [EventAction(t.name) for t in instance.get_available_user_state_transitions(user)]
