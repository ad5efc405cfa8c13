"""The statutory workflow (domain.md §3) as a state machine: states, transitions, guards, permissions.

Guards and permissions carry the Chinese sentence that explains why a step is not possible;
`blocking_reasons()` collects them for the UI and for services that must refuse an action.
Transition bodies only change state; services do the rest in the same transaction.
"""

from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from letters.outcomes import RIGHT_AGENCY, SEARCH_RECORD, requires_fact


class State(models.TextChoices):
    REGISTERED = "registered", "已登记"
    CORRECTION_REQUESTED = "correction_requested", "待补正"
    ACCEPTED = "accepted", "办理中"
    CONSULTING = "consulting", "征求意见中"
    FEE_PENDING = "fee_pending", "待缴费"
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
IN_HANDLING = [State.ACCEPTED, State.CONSULTING, State.FEE_PENDING, State.OPINION_PROPOSED, State.DECIDED,
               State.PENDING_APPROVAL, State.APPROVED]


class Guard:
    """A transition condition that knows how to say why it fails."""

    def __init__(self, message, check):
        self.message = message
        self.check = check

    def __call__(self, instance):
        return bool(self.check(instance))


class Permission:
    """A transition permission: the user's agency and roles, plus any per-request rule."""

    def __init__(self, roles, message=None, extra=None):
        self.roles = set(roles)
        self.message = message
        self.extra = extra

    def __call__(self, instance, user):
        return self.reason(instance, user) is None

    def reason(self, instance, user):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return "请先登录"
        if user.agency_id != instance.agency_id:
            return "只能办理本机关的申请"
        if not self.roles.intersection(user.roles or []):
            from requests_cms.models.choices import Role

            names = "、".join(Role(r).label for r in sorted(self.roles))
            return self.message or f"此操作需要以下角色之一：{names}"
        if self.extra:
            return self.extra(instance, user)
        return None


def _today():
    return timezone.localdate()


def _not_the_drafter(instance, user):
    decision = instance.current_decision
    if decision and user.pk in {decision.proposed_by_id, decision.decided_by_id}:
        return "审批人不能审批自己起草的答复"
    return None


DESK = Permission({"registrar", "handler"})
HANDLER = Permission({"handler"})
APPROVER = Permission({"approver"}, message="只有负责人（审批人）可以进行此操作")
APPROVER_NOT_DRAFTER = Permission({"approver"}, message="只有负责人（审批人）可以审批", extra=_not_the_drafter)
REOPENER = Permission({"handler", "approver"})

NO_CORRECTION_YET = Guard("补正告知只能发出一次（条例第三十条：一次性告知）",
                          lambda r: not r.corrections.exists())
CORRECTION_PERIOD_OVER = Guard(
    "补正期限尚未届满，不能视为放弃",
    lambda r: (c := r.corrections.first()) is not None and c.corrected_received_on is None
    and c.period_ends_on < _today(),
)
CONSULTATIONS_SETTLED = Guard(
    "仍有征求意见在15个工作日答复期内且尚未答复",
    lambda r: all(not c.is_open or c.window_ends_on < _today() for c in r.consultations.all()),
)
HAS_OPEN_CONSULTATION = Guard("没有等待答复的征求意见", lambda r: any(c.is_open for c in r.consultations.all()))
NO_EXTENSION_YET = Guard("延期只能一次（条例第三十三条）", lambda r: not r.extensions.exists())
BEFORE_DUE_DATE = Guard("延期须在原答复期限届满前决定并告知申请人",
                        lambda r: r.due_date is not None and _today() <= r.due_date)
FEE_UNPAID = Guard("没有待缴的收费通知", lambda r: r.fee_notices.filter(paid_on__isnull=True).exists())
FEE_PERIOD_OVER = Guard(
    "缴费期限尚未届满，不能视为放弃",
    lambda r: (f := r.fee_notices.filter(paid_on__isnull=True).first()) is not None and f.payment_due < _today(),
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

    @transition(field=state, source=State.CORRECTION_REQUESTED, target=State.ACCEPTED, permission=DESK)
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

    @transition(field=state, source=State.FEE_PENDING, target=State.ACCEPTED, conditions=[FEE_UNPAID],
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


ACTION_LABELS = {
    "register": "登记", "accept": "受理", "request_correction": "告知补正", "receive_correction": "收到补正",
    "lapse_correction": "逾期未补正", "start_consultation": "征求意见", "record_consultation_reply": "记录征求意见答复",
    "finish_consultation": "结束征求意见", "issue_fee_notice": "发出收费通知", "record_payment": "记录缴费",
    "lapse_fee": "逾期未缴费", "extend": "延期答复", "propose_opinion": "提出办理意见", "decide": "作出决定",
    "submit_for_approval": "报批", "approve": "批准", "return_for_revision": "退回修改", "deliver": "送达",
    "file_proof": "送达回证归档", "withdraw": "申请人撤回申请", "reopen": "重新办理",
    "override_received_on": "调整收到日期",
    "assign_handler": "指定承办人", "record_search": "记录检索", "record_challenge": "登记复议诉讼",
    "record_challenge_result": "记录复议诉讼结果", "record_postal_event": "记录邮件跟踪",
    "record_receipt": "记录申请人收到日期", "upload": "上传材料", "record_delivery": "记录送达",
    "letter_frozen": "文书定稿", "imported": "台账导入",
}

TRANSITION_NAMES = [
    "accept", "request_correction", "receive_correction", "lapse_correction", "start_consultation",
    "record_consultation_reply", "finish_consultation", "issue_fee_notice", "record_payment", "lapse_fee", "extend",
    "propose_opinion", "decide", "submit_for_approval", "approve", "return_for_revision", "deliver", "file_proof",
    "withdraw", "reopen",
]


def _meta(model_cls, name):
    return getattr(model_cls, name)._django_fsm


def blocking_reasons(instance, name, user=None):
    """Chinese sentences saying why `name` cannot be done now by `user` (empty list: it can)."""
    meta = _meta(type(instance), name)
    state = instance.state
    if not meta.has_transition(state):
        label = ACTION_LABELS.get(name, name)
        return [f"申请处于“{State(state).label}”状态，不能进行“{label}”"]
    t = meta.get_transition(state)
    reasons = [c.message for c in t.conditions if isinstance(c, Guard) and not c(instance)]
    if user is not None and isinstance(t.permission, Permission):
        denied = t.permission.reason(instance, user)
        if denied:
            reasons.insert(0, denied)
    return reasons


def available_actions(instance, user):
    """Transition names this user may take now (conditions met, permission held)."""
    return [t.name for t in instance.get_available_user_state_transitions(user)]
