"""Which form and which service each action of the case page uses (the map from transition to use case)."""

from dataclasses import dataclass
from typing import Any

from requests_cms import forms
from requests_cms.access import is_read_only
from requests_cms.models import Role
from requests_cms.services import attachments, decision, delivery, handling  # noqa: F401 (attachments: re-export)
from requests_cms.workflow import ACTION_LABELS, HAS_PROOF, State, available_actions, blocking_reasons

SEARCH = "record_search"


@dataclass(frozen=True)
class Action:
    form: type
    call: Any  # (request, user, cleaned_data, version) -> request
    hint: str = ""
    danger: bool = False
    satisfies: tuple = ()  # guard messages the form itself can satisfy (e.g. a reason for having no proof)


def _v(cd):
    return cd["expected_version"]


def _consultation_reply(req, user, cd):
    return handling.consultation_record_reply(
        request=req, consultation=req.consultations.get(pk=cd["consultation"]), by=user, answer=cd["answer"],
        answered_on=cd["answered_on"], reasons=cd["reasons"], expected_version=_v(cd))


ACTIONS = {
    "accept": Action(forms.NoteForm, lambda r, u, cd: handling.request_accept(
        request=r, by=u, note=cd["note"], expected_version=_v(cd)), "受理后开始办理；答复期限自收到申请之日起计算。"),
    "request_correction": Action(forms.CorrectionForm, lambda r, u, cd: handling.request_correction(
        request=r, by=u, items=cd["items"], notice_sent_on=cd["notice_sent_on"],
        period_ends_on=cd["period_ends_on"], expected_version=_v(cd)),
        "条例第三十条：补正告知须一次性告知，且应自收到申请之日起7个工作日内发出。补正期间答复期限停止计算。"),
    "receive_correction": Action(forms.ReceiveCorrectionForm, lambda r, u, cd: handling.request_receive_correction(
        request=r, by=u, received_on=cd["received_on"], corrected_description=cd["corrected_description"],
        expected_version=_v(cd)), "答复期限自收到补正后的申请之日起重新计算。"),
    "lapse_correction": Action(forms.ConfirmForm, lambda r, u, cd: handling.request_lapse_correction(
        request=r, by=u, expected_version=_v(cd)), "申请人无正当理由逾期不补正的，视为放弃申请。", danger=True),
    "start_consultation": Action(forms.ConsultationForm, lambda r, u, cd: handling.consultation_start(
        request=r, by=u, party_kind=cd["party_kind"], party_name=cd["party_name"], sent_on=cd["sent_on"],
        party_address=cd["party_address"], information=cd["information"],
        letter_received_on=cd["letter_received_on"], expected_version=_v(cd)),
        "对方自收到征求意见书之日起15个工作日内答复；征求意见期间不计入答复期限。"),
    "record_consultation_reply": Action(forms.ConsultationReplyForm, lambda r, u, cd: _consultation_reply(r, u, cd)),
    "finish_consultation": Action(forms.ConfirmForm, lambda r, u, cd: handling.consultation_finish(
        request=r, by=u, expected_version=_v(cd)), "所有征求意见均已答复或答复期限已届满后，结束征求意见继续办理。"),
    "issue_fee_notice": Action(forms.FeeNoticeForm, lambda r, u, cd: handling.fee_issue_notice(
        request=r, by=u, issued_on=cd["issued_on"], notice_received_on=cd["notice_received_on"], pages=cd["pages"],
        expected_version=_v(cd)), "金额按本机关的收费方式计算；缴费期间不计入答复期限。"),
    "record_payment": Action(forms.PaymentForm, lambda r, u, cd: handling.fee_record_payment(
        request=r, by=u, paid_on=cd["paid_on"], expected_version=_v(cd))),
    "lapse_fee": Action(forms.ConfirmForm, lambda r, u, cd: handling.fee_lapse(
        request=r, by=u, expected_version=_v(cd)), "申请人逾期未缴纳信息处理费的，视为放弃申请。", danger=True),
    "extend": Action(forms.ExtensionForm, lambda r, u, cd: handling.request_extend(
        request=r, by=u, workdays=cd["workdays"], reason=cd["reason"], expected_version=_v(cd)),
        "条例第三十三条：经政府信息公开工作机构负责人同意，延长期限最长不超过20个工作日，并告知申请人。"),
    "propose_opinion": Action(forms.OpinionForm, lambda r, u, cd: decision.opinion_propose(
        request=r, by=u, outcome=cd["outcome"], articles=cd["articles"], reasons=cd["reasons"],
        form_of_provision=cd["form_of_provision"], right_agency=cd["right_agency"], expected_version=_v(cd))),
    SEARCH: Action(forms.SearchForm, lambda r, u, cd: decision.search_record(
        request=r, by=u, systems=cd["systems"], keywords=cd["keywords"], searched_on=cd["searched_on"],
        searched_by=cd["searched_by"], result=cd["result"], expected_version=_v(cd)),
        "答复“本机关不掌握相关政府信息”须有检索记录（检索范围、关键词、日期、检索人）。"),
    "decide": Action(forms.ConfirmForm, lambda r, u, cd: decision.request_decide(
        request=r, by=u, expected_version=_v(cd)), "按当前办理意见作出决定。"),
    "submit_for_approval": Action(forms.ConfirmForm, lambda r, u, cd: decision.request_submit_for_approval(
        request=r, by=u, expected_version=_v(cd)), "提交负责人审批。"),
    "approve": Action(forms.ApproveForm, lambda r, u, cd: decision.request_approve(
        request=r, by=u, comment=cd["comment"], expected_version=_v(cd)), "批准后答复书定稿、编号，可以打印送达。"),
    "return_for_revision": Action(forms.ReturnForm, lambda r, u, cd: decision.request_return_for_revision(
        request=r, by=u, comment=cd["comment"], expected_version=_v(cd))),
    "deliver": Action(forms.DeliverForm, lambda r, u, cd: delivery.request_deliver(
        request=r, by=u, method=cd["method"], handed_over_on=cd["handed_over_on"],
        waybill_number=cd["waybill_number"], recipient_name=cd["recipient_name"], address=cd["address"],
        electronic_address=cd["electronic_address"], expected_version=_v(cd)),
        "交邮之日或交付之日为答复日期。邮寄只能通过中国邮政（EMS或挂号信），不得到付。"),
    "file_proof": Action(forms.FileProofForm, lambda r, u, cd: delivery.request_file_proof(
        request=r, by=u, no_proof_reason=cd["no_proof_reason"], witnesses=cd["witnesses"], expected_version=_v(cd)),
        "归档须有签收的送达回证、妥投记录、电子送达记录，或写明无法取得回证的原因。",
        satisfies=(HAS_PROOF.message,)),
    "withdraw": Action(forms.WithdrawForm, lambda r, u, cd: delivery.request_withdraw(
        request=r, by=u, reason=cd["reason"], on=cd["on"], expected_version=_v(cd)), danger=True),
    "reopen": Action(forms.ReopenForm, lambda r, u, cd: delivery.request_reopen(
        request=r, by=u, order_received_on=cd["order_received_on"], workdays=cd["workdays"], reason=cd["reason"],
        expected_version=_v(cd)), "复议机关或法院责令重新答复的，按决定书或判决书确定的期限重新办理。"),
}


def action_label(name):
    return ACTION_LABELS.get(name, name)


def search_blocked(req, user):
    if is_read_only(user) or user.agency_id != req.agency_id or not user.has_role(Role.HANDLER):
        return ["只有本机关的承办人可以记录检索"]
    if req.state not in State.open_states():
        return [f"申请处于“{State(req.state).label}”状态，不能记录检索"]
    return []


# The usual next step in each state: offered first (the highlighted button); rarer steps follow, and steps that end
# the case (withdrawal) come last.
NEXT_STEP = {
    State.REGISTERED: "accept", State.CORRECTION_REQUESTED: "receive_correction",
    State.ACCEPTED: "propose_opinion", State.CONSULTING: "record_consultation_reply",
    State.FEE_PENDING: "record_payment", State.OPINION_PROPOSED: "decide", State.DECIDED: "submit_for_approval",
    State.PENDING_APPROVAL: "approve", State.APPROVED: "deliver", State.DELIVERED: "file_proof",
}


def allowed_actions(req, user):
    """Action names this user may take now: the state machine's transitions plus the search record, the usual next
    step first and ending steps last."""
    if is_read_only(user):
        return []
    names = [n for n in available_actions(req, user) if n in ACTIONS]
    for name, action in ACTIONS.items():
        if action.satisfies and name not in names and _has_transition(req, name) and not reasons_for(req, name, user):
            names.append(name)
    if not search_blocked(req, user):
        names.append(SEARCH)
    main = NEXT_STEP.get(req.state)
    return sorted(names, key=lambda n: (n in ACTIONS and ACTIONS[n].danger, n != main))


def _has_transition(req, name):
    return getattr(type(req), name)._django_fsm.has_transition(req.state)


def blocked_actions(req, user, allowed):
    """(name, reasons) for transitions possible from this state that this user cannot take now."""
    if is_read_only(user):
        return []
    names = [n for n in ACTIONS if n != SEARCH and n not in allowed and _has_transition(req, n)]
    return [(n, reasons_for(req, n, user)) for n in names]


def reasons_for(req, name, user):
    if name == SEARCH:
        return search_blocked(req, user)
    if is_read_only(user):
        return ["您的角色为只读，不能办理或修改申请"]
    satisfied = ACTIONS[name].satisfies if name in ACTIONS else ()
    return [r for r in blocking_reasons(req, name, user) if r not in satisfied]
