"""The action registry: every action a member of staff takes on a page → its form, its service, its success message,
its hint and whether it is dangerous; and which of them the case page offers a user now.

It lives here, beside workflow.py and access.py, and not in views/, forms/ or services/, because it joins the three
and belongs to none: the case page's selector reads it to offer actions (selectors/case.py), the views read it to
show the form and run the service (views/case.py, views/delivery.py), the forms and services know nothing of it.
The case page's actions are named by their EventAction; the delivery page's actions on one delivery by the slug of
their URL (event, paste, receipt, proof, redeliver); the delivery page's new delivery and closing are the case page's
deliver and file_proof.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from letters.kinds import LetterKind
from requests_cms.access import ASSIGNER, READ_ONLY_MESSAGE, ROUTER, is_read_only, search_refusal
from requests_cms.forms import actions as forms
from requests_cms.forms import delivery as delivery_forms
from requests_cms.forms import departments as department_forms
from requests_cms.models import DeliveryMethod, EventAction, PostalStatus
from requests_cms.services import decision, delivery, delivery_records, departments, handling, reasons
from requests_cms.services.deadlines import CONSULTATION_WORKDAYS, CORRECTION_NOTICE_WORKDAYS, MAX_EXTENSION_WORKDAYS
from requests_cms.services.delivery_records import REPLY_LABEL
from requests_cms.services.errors import WorkflowError
from requests_cms.workflow import (
    HAS_PROOF,
    NEXT_STEP,
    OPEN,
    REASONS_IN_OR_PERIOD_OVER,
    State,
    available_actions,
    blocking_reasons,
    has_transition,
)


@dataclass(frozen=True)
class Action:
    form: type
    call: Callable[..., Any]  # (request, user, cleaned_data, delivery) -> what the service returned
    hint: str = ""
    danger: bool = False
    satisfies: tuple = ()  # guard messages the form itself can satisfy (e.g. a reason for having no proof)
    message: Callable[[dict, Any], str] | None = None  # success message; None: "已完成：<label>"
    per_delivery: bool = False  # acts on one delivery of the request (the delivery page)
    inline: bool = False  # a confirmation only: the case page takes it with one button (and the version it shows)
    title: str = ""  # the button's words when they differ from the event's label
    # An action that is not a transition: why this user cannot take it now ([] when they can).
    refusal: Callable[[Any, Any], list] | None = None


def _v(cd):
    return cd["expected_version"]


def _where(cd):
    return {key: cd.get(key) or "" for key in ("waybill_number", "recipient_name", "address", "electronic_address")}


def _consultation_reply(req, user, cd, _delivery):
    return handling.consultation_record_reply(
        request=req, consultation=req.consultations.get(pk=cd["consultation"]), by=user, answer=cd["answer"],
        answered_on=cd["answered_on"], reasons=cd["reasons"], expected_version=_v(cd))


def _decide(req, user, cd, _delivery):
    """作出决定, and 报批 in the same click when the same user may submit it (the usual case): two events. When the
    submission is refused (e.g. a responsive document still without its released copy), the decision stands and
    the message says why it was not submitted."""
    req = decision.request_decide(request=req, by=user, expected_version=_v(cd))
    req.not_submitted = ""
    if not reasons_for(req, A.SUBMIT_FOR_APPROVAL, user):
        try:
            req = decision.request_submit_for_approval(request=req, by=user, expected_version=req.version)
        except WorkflowError as exc:
            req.not_submitted = str(exc)
    return req


def _decided(_cd, req):
    if req.state == State.PENDING_APPROVAL:
        return "已作出决定并报批"
    return f"已作出决定；未报批：{req.not_submitted}" if getattr(req, "not_submitted", "") else "已作出决定"


def _refusal(permission, states=None, what=""):
    def refusal(req, user):
        if is_read_only(user):
            return [READ_ONLY_MESSAGE]
        reason = permission.reason(req, user)
        if reason:
            return [reason]
        if states is not None and req.state not in states:
            return [f"申请处于“{req.get_state_display()}”状态，不能{what}"]
        return []

    return refusal


def _new_delivery(req, user, cd, _delivery):
    """The reply at the reply step is the deliver transition; any other letter is a recorded delivery."""
    letter = cd.get("letter")
    is_reply = letter.kind == LetterKind.REPLY if letter else cd["letter_label"] == REPLY_LABEL
    if req.state == State.APPROVED and is_reply:
        return delivery.request_deliver(request=req, by=user, method=cd["method"], handed_over_on=cd["handed_over_on"],
                                        sent_at=cd.get("sent_at"), expected_version=_v(cd), **_where(cd))
    return delivery_records.delivery_record(
        request=req, by=user, method=cd["method"], handed_over_on=cd["handed_over_on"], letter=letter,
        letter_label=cd["letter_label"], sent_at=cd.get("sent_at"), expected_version=_v(cd), **_where(cd))


def _delivered(cd, _result):
    letter = cd.get("letter")
    if (letter.kind == LetterKind.REPLY) if letter else cd["letter_label"] == REPLY_LABEL:
        return f"已记录答复书送达（{DeliveryMethod(cd['method']).label}，{cd['handed_over_on']:%Y-%m-%d}）"
    return f"已记录{letter.get_kind_display() if letter else cd['letter_label']}的送达"


def _pasted(_cd, result):
    _, created, skipped = result
    extra = f"；另有{len(skipped)}条中转记录未导入" if skipped else ""
    return f"已导入跟踪记录{len(created)}条{extra}" if created else f"没有新的跟踪记录（均已导入）{extra}"


A = EventAction
ACTIONS = {
    A.ACCEPT: Action(forms.NoteForm, lambda r, u, cd, _: handling.request_accept(
        request=r, by=u, note=cd["note"], expected_version=_v(cd)), "受理后开始办理；答复期限自收到申请之日起计算。",
        inline=True),
    A.REQUEST_CORRECTION: Action(forms.CorrectionForm, lambda r, u, cd, _: handling.request_correction(
        request=r, by=u, items=cd["items"], late_consent_by=cd["late_consent_by"], expected_version=_v(cd)),
        f"条例第三十条：补正告知须一次性告知，且应自收到申请之日起{CORRECTION_NOTICE_WORKDAYS}个工作日内发出。"
        "将按所填事项起草补正告知书；签发并记录送达后，补正期限自发出之日起计算。补正期间答复期限停止计算。"
        "逾期发出的，须经负责人同意，原答复期限与重新起算的期限一并记载。"),
    A.RECEIVE_CORRECTION: Action(forms.ReceiveCorrectionForm, lambda r, u, cd, _: handling.request_receive_correction(
        request=r, by=u, received_on=cd["received_on"], corrected_description=cd["corrected_description"],
        expected_version=_v(cd)), "答复期限自收到补正后的申请之日起重新计算。"),
    A.LAPSE_CORRECTION: Action(forms.ConfirmForm, lambda r, u, cd, _: handling.request_lapse_correction(
        request=r, by=u, expected_version=_v(cd)), "申请人无正当理由逾期不补正的，视为放弃申请。", danger=True),
    A.START_CONSULTATION: Action(forms.ConsultationForm, lambda r, u, cd, _: handling.consultation_start(
        request=r, by=u, party_kind=cd["party_kind"], party_name=cd["party_name"],
        party_address=cd["party_address"], information=cd["information"], expected_version=_v(cd)),
        f"将起草致该方的征求意见书；签发并记录送达后，对方自收到之日起{CONSULTATION_WORKDAYS}个工作日内答复，"
        "征求意见期间自发出之日起不计入答复期限。"),
    A.RECORD_CONSULTATION_REPLY: Action(forms.ConsultationReplyForm, _consultation_reply),
    A.FINISH_CONSULTATION: Action(forms.ConfirmForm, lambda r, u, cd, _: handling.consultation_finish(
        request=r, by=u, expected_version=_v(cd)), "所有征求意见均已答复或答复期限已届满后，结束征求意见继续办理。",
        inline=True),
    A.ISSUE_FEE_NOTICE: Action(forms.FeeNoticeForm, lambda r, u, cd, _: handling.fee_issue_notice(
        request=r, by=u, pages=cd["pages"], expected_version=_v(cd)),
        "金额按本机关的收费方式计算，并起草收费通知书；签发并记录送达后，缴费期限自申请人收到之日起计算，"
        "缴费期间不计入答复期限。"),
    A.RECORD_PAYMENT: Action(forms.PaymentForm, lambda r, u, cd, _: handling.fee_record_payment(
        request=r, by=u, paid_on=cd["paid_on"], expected_version=_v(cd))),
    A.LAPSE_FEE: Action(forms.ConfirmForm, lambda r, u, cd, _: handling.fee_lapse(
        request=r, by=u, expected_version=_v(cd)), "申请人逾期未缴纳信息处理费的，视为放弃申请。", danger=True),
    A.EXTEND: Action(forms.ExtensionForm, lambda r, u, cd, _: handling.request_extend(
        request=r, by=u, workdays=cd["workdays"], reason=cd["reason"], expected_version=_v(cd)),
        f"条例第三十三条：经政府信息公开工作机构负责人同意，延长期限最长不超过{MAX_EXTENSION_WORKDAYS}个工作日，"
        "并告知申请人。"),
    A.ASK_REASONS: Action(forms.AskReasonsForm, lambda r, u, cd, _: reasons.reasons_ask(
        request=r, by=u, grounds=cd["grounds"], asked_on=cd["asked_on"], period_ends_on=cd["period_ends_on"],
        expected_version=_v(cd)),
        "条例第三十五条：申请公开政府信息的数量、频次明显超过合理范围的，可以要求申请人说明理由。"
        "申请人应在告知书规定的期限内说明；等待期间不计入答复期限。"),
    A.ACCEPT_REASONS: Action(forms.AcceptReasonsForm, lambda r, u, cd, _: reasons.reasons_accept(
        request=r, by=u, received_on=cd["reasons_received_on"], applicant_reasons=cd["applicant_reasons"],
        assessment=cd["assessment"], delayed_due=cd["delayed_due"], delay_reason=cd["delay_reason"],
        expected_version=_v(cd)),
        "理由合理的，继续办理；无法在条例第三十三条规定的期限内答复的，由负责人确定延迟答复的合理期限并告知申请人"
        "（延迟答复告知书）。"),
    A.REFUSE_REASONS: Action(forms.RefuseReasonsForm, lambda r, u, cd, _: reasons.reasons_refuse(
        request=r, by=u, received_on=cd["reasons_received_on"], applicant_reasons=cd["applicant_reasons"],
        assessment=cd["assessment"], expected_version=_v(cd)),
        "申请理由不合理或逾期未说明理由的，提出“无正当理由大量反复申请”（不予处理）的办理意见。", danger=True,
        satisfies=(REASONS_IN_OR_PERIOD_OVER.message,)),
    A.PROPOSE_OPINION: Action(forms.OpinionForm, lambda r, u, cd, _: decision.opinion_propose(
        request=r, by=u, outcome=cd["outcome"], articles=cd["articles"], reasons=cd["reasons"],
        form_of_provision=cd["form_of_provision"], right_agency=cd["right_agency"], expected_version=_v(cd))),
    A.RECORD_SEARCH: Action(forms.SearchForm, lambda r, u, cd, _: decision.search_record(
        request=r, by=u, systems=cd["systems"], keywords=cd["keywords"], searched_on=cd["searched_on"],
        searched_by=cd["searched_by"], result=cd["result"], expected_version=_v(cd)),
        "答复“本机关不掌握相关政府信息”须有检索记录（检索范围、关键词、日期、检索人）。"),
    A.DECIDE: Action(forms.ConfirmForm, _decide, "按当前办理意见作出决定，并提交负责人审批。", message=_decided,
                     inline=True, title="作出决定并报批"),
    A.SUBMIT_FOR_APPROVAL: Action(forms.ConfirmForm, lambda r, u, cd, _: decision.request_submit_for_approval(
        request=r, by=u, expected_version=_v(cd)), "提交负责人审批。", inline=True),
    A.APPROVE: Action(forms.ApproveForm, lambda r, u, cd, _: decision.request_approve(
        request=r, by=u, comment=cd["comment"], expected_version=_v(cd)), "批准后答复书定稿、编号，可以打印送达。",
        inline=True),
    A.RETURN_FOR_REVISION: Action(forms.ReturnForm, lambda r, u, cd, _: decision.request_return_for_revision(
        request=r, by=u, comment=cd["comment"], expected_version=_v(cd))),
    A.DELIVER: Action(delivery_forms.DeliveryForm, _new_delivery,
                      "交邮之日或交付之日为答复日期。邮寄只能通过中国邮政（EMS或挂号信），不得到付。",
                      message=_delivered),
    A.FILE_PROOF: Action(delivery_forms.CloseForm, lambda r, u, cd, _: delivery.request_file_proof(
        request=r, by=u, no_proof_reason=cd.get("no_proof_reason", ""), witnesses=cd.get("witnesses", ""),
        expected_version=_v(cd)),
        "归档须有签收的送达回证、妥投记录、电子送达记录，或写明无法取得回证的原因。",
        satisfies=(HAS_PROOF.message,), message=lambda cd, r: "已归档：申请办结"),
    A.WITHDRAW: Action(forms.WithdrawForm, lambda r, u, cd, _: delivery.request_withdraw(
        request=r, by=u, reason=cd["reason"], on=cd["on"], expected_version=_v(cd)), danger=True),
    A.REOPEN: Action(forms.ReopenForm, lambda r, u, cd, _: delivery.request_reopen(
        request=r, by=u, order_received_on=cd["order_received_on"], workdays=cd["workdays"], reason=cd["reason"],
        expected_version=_v(cd)), "复议机关或法院责令重新答复的，按决定书或判决书确定的期限重新办理。"),
    A.ASSIGN: Action(department_forms.AssignForm, lambda r, u, cd, _: departments.request_assign(
        request=r, by=u, handler=cd["handler_user"], expected_version=_v(cd)), "负责人或登记人员分派、改派承办人。",
        refusal=_refusal(ASSIGNER, OPEN, "分派承办人"),
        message=lambda cd, r: f"已分派承办人：{cd['handler_user'].display_name}"),
    A.ROUTE_TO_DEPARTMENT: Action(department_forms.RoutingForm, lambda r, u, cd, _: departments.routing_route(
        request=r, by=u, departments=cd["department_objects"], note=cd["note"], internal_due=cd["internal_due"],
        expected_version=_v(cd)),
        "征求本机关业务科室意见（会办）。会办期间答复期限不停止计算，内部办理期限不得晚于法定答复期限。",
        refusal=_refusal(ROUTER, departments.ROUTABLE, "转业务科室会办"),
        message=lambda cd, rows: f"已转{'、'.join(d.name for d in cd['department_objects'])}会办"),
    # The delivery page's actions on one delivery.
    "event": Action(delivery_forms.PostalEventForm, lambda r, u, cd, d: delivery.delivery_add_postal_event(
        request=r, delivery=d, by=u, status=cd["status"], occurred_at=cd["occurred_at"],
        location=cd.get("location", ""), signer=cd.get("signer", ""), expected_version=_v(cd)),
        message=lambda cd, _: f"已记录邮件跟踪：{PostalStatus(cd['status']).label}", per_delivery=True),
    "paste": Action(delivery_forms.TrackingPasteForm, lambda r, u, cd, d: delivery_records.delivery_import_tracking(
        request=r, delivery=d, by=u, text=cd["text"], expected_version=_v(cd)), message=_pasted, per_delivery=True),
    "receipt": Action(delivery_forms.ReceiptForm, lambda r, u, cd, d: delivery.delivery_record_receipt(
        request=r, delivery=d, by=u, received_on=cd["received_on"], expected_version=_v(cd)),
        message=lambda cd, _: f"已记录申请人收到日期：{cd['received_on']:%Y-%m-%d}", per_delivery=True),
    "proof": Action(delivery_forms.ProofForm, lambda r, u, cd, d: delivery_records.delivery_upload_proof(
        request=r, delivery=d, by=u, kind=cd["kind"], uploaded_file=cd["file"],
        description=cd.get("description", ""), expected_version=_v(cd)),
        message=lambda cd, attachment: f"已上传：{attachment.get_kind_display()}", per_delivery=True),
    "redeliver": Action(delivery_forms.RedeliverForm, lambda r, u, cd, d: delivery_records.delivery_redeliver(
        request=r, returned=d, by=u, method=cd["method"], handed_over_on=cd["handed_over_on"],
        sent_at=cd.get("sent_at"), expected_version=_v(cd), **_where(cd)),
        message=lambda cd, _: "已记录重新送达", per_delivery=True),
}
# A department's steps on its routing (会办) of a request: the routing page's actions, named by their URL slug; the
# `delivery` argument of the call carries the routing.
ROUTING_ACTIONS = {
    "sign": Action(forms.ConfirmForm, lambda r, u, cd, routing: departments.routing_sign(
        routing=routing, by=u, expected_version=_v(cd)), "签收后由本科室办理并答复。",
        message=lambda cd, _: "已签收"),
    "answer": Action(department_forms.RoutingAnswerForm, lambda r, u, cd, routing: departments.routing_answer(
        routing=routing, by=u, opinion=cd["opinion"], reasons=cd["reasons"], articles=cd["articles"],
        files=cd["files"], expected_version=_v(cd)),
        "提供或部分提供的，上传所提供的材料，将作为答复的“提供的信息”；每个科室只答复一次。",
        message=lambda cd, _: "已答复"),
    "return": Action(department_forms.RoutingReturnForm, lambda r, u, cd, routing: departments.routing_return(
        routing=routing, by=u, reason=cd["reason"], suggested_department=cd["suggested"],
        expected_version=_v(cd)), "不属于本科室职责的，写明理由退回，可建议转办的科室。", danger=True,
        message=lambda cd, _: "已退回"),
}
ROUTING_LABELS = {"sign": "签收", "answer": "答复会办", "return": "退回会办"}
CASE_ACTIONS = [name for name, action in ACTIONS.items() if not action.per_delivery]
DELIVERY_ACTIONS = {name: action for name, action in ACTIONS.items() if action.per_delivery}


def label(name):
    """The words of an action's button and page: its own title, else its event's label."""
    action = ACTIONS.get(name)
    return (action.title if action and action.title else "") or EventAction.label_of(name)


def run(name, req, user, cd, delivery=None):
    """Carry out the action; returns the success message. Raises the service's WorkflowError to refuse."""
    action = ACTIONS[name]
    result = action.call(req, user, cd, delivery)
    return action.message(cd, result) if action.message else f"已完成：{label(name)}"


def run_routing(step, req, user, cd, routing):
    """Carry out a department's step on its routing; returns the success message."""
    action = ROUTING_ACTIONS[step]
    return action.message(cd, action.call(req, user, cd, routing))


def allowed_actions(req, user):
    """Case-page actions this user may take now: the state machine's transitions plus the search record, the usual
    next step first and ending steps last."""
    if is_read_only(user):
        return []
    names = [n for n in available_actions(req, user) if n in ACTIONS]
    for name in CASE_ACTIONS:
        action = ACTIONS[name]
        if action.satisfies and name not in names and has_transition(req, name) and not reasons_for(req, name, user):
            names.append(name)
    if not search_refusal(req, user):
        names.append(A.RECORD_SEARCH)
    names += [n for n in CASE_ACTIONS if ACTIONS[n].refusal and not ACTIONS[n].refusal(req, user)]
    main = NEXT_STEP.get(req.state)
    return sorted(names, key=lambda n: (ACTIONS[n].danger, n != main))


def blocked_actions(req, user, allowed):
    """(name, reasons) for transitions possible from this state that this user cannot take now."""
    if is_read_only(user):
        return []
    names = [n for n in CASE_ACTIONS if n != A.RECORD_SEARCH and not ACTIONS[n].refusal and n not in allowed
             and has_transition(req, n)]
    return [(n, reasons_for(req, n, user)) for n in names]


def reasons_for(req, name, user):
    if name == A.RECORD_SEARCH:
        return search_refusal(req, user)
    if name in ACTIONS and ACTIONS[name].refusal:
        return ACTIONS[name].refusal(req, user)
    if is_read_only(user):
        return [READ_ONLY_MESSAGE]
    satisfied = ACTIONS[name].satisfies if name in ACTIONS else ()
    return [r for r in blocking_reasons(req, name, user) if r not in satisfied]
