"""The case page's action forms, one per action (the action registry, requests_cms/actions.py, maps each to its
service). The reply's delivery and the closing use the delivery page's forms (forms/delivery.py)."""

from django import forms

from letters.outcomes import RIGHT_AGENCY, basis_problems, decidable_rules, needs_form_of_provision, requires_fact
from requests_cms.models import ConsultationAnswer, ConsultationParty
from requests_cms.selectors.staff import approvers_of
from requests_cms.services.deadlines import MAX_EXTENSION_WORKDAYS, REOPEN_DEFAULT_WORKDAYS, REOPEN_WORKDAYS

from .fields import BLANK, VersionedForm, choice_field, date_field, line_field, text_field, workdays_field


class NoteForm(VersionedForm):
    note = text_field("说明（选填）", required=False, rows=2)


class ConfirmForm(VersionedForm):
    """Actions without data: the form only carries the version."""


class CorrectionForm(VersionedForm):
    """The items; the notice is drafted from them, and its period counts from its recorded sending. A notice that can
    no longer go out within 7 workdays of receipt needs an approver's consent (services/handling.py)."""

    items = text_field("需要补正的事项（一次性告知）", rows=4)
    late_consent_by = forms.ChoiceField(
        label="同意逾期发出的负责人（超过收到申请后7个工作日发出时必选）", required=False, choices=BLANK,
        error_messages={"invalid_choice": "请选择本机关的负责人"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.approvers = {str(u.pk): u for u in approvers_of(self.request_obj.agency)} if self.request_obj else {}
        self.fields["late_consent_by"].choices = BLANK + [(pk, u.display_name) for pk, u in self.approvers.items()]

    def clean(self):
        data = super().clean()
        data["late_consent_by"] = self.approvers.get(data.get("late_consent_by") or "")
        return data


class ReceiveCorrectionForm(VersionedForm):
    received_on = date_field("收到补正申请日期")
    corrected_description = text_field("补正后的申请内容", required=False, rows=4, strip=False)

    def clean(self):
        self.not_future("received_on")
        return super().clean()


class ConsultationForm(VersionedForm):
    party_kind = choice_field("征求对象类型", ConsultationParty.choices)
    party_name = line_field("征求对象名称")
    party_address = line_field("征求对象地址", required=False, max_length=200)
    information = text_field("拟公开的信息（征求意见书载明）")


class ConsultationReplyForm(VersionedForm):
    consultation = forms.TypedChoiceField(label="征求意见对象", coerce=int,
                                          error_messages={"required": "请选择征求意见对象",
                                                          "invalid_choice": "请选择等待答复的征求意见"})
    answer = choice_field("答复结果", [c for c in ConsultationAnswer.choices if c[0] != ConsultationAnswer.PENDING])
    answered_on = date_field("答复日期（逾期未答复的不填）", required=False)
    reasons = text_field("答复理由（不同意公开的须填写）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        open_ones = [c for c in self.request_obj.consultations.all() if c.is_open] if self.request_obj else []
        self.fields["consultation"].choices = [
            (c.pk, f"{c.party_name}（{c.sent_on:%Y-%m-%d}发出，答复期限{c.window_ends_on:%Y-%m-%d}）"
             if c.sent_on and c.window_ends_on else f"{c.party_name}（征求意见书尚未发出）")
            for c in open_ones]
        if len(open_ones) == 1:
            self.fields["consultation"].initial = open_ones[0].pk

    def clean(self):
        data = super().clean()
        self.not_future("answered_on")
        answer = data.get("answer")
        if answer == ConsultationAnswer.OBJECT and not (data.get("reasons") or "").strip():
            self.add_error("reasons", "第三方不同意公开的，须记录其理由")
        if answer in (ConsultationAnswer.AGREE, ConsultationAnswer.OBJECT) and not data.get("answered_on"):
            self.add_error("answered_on", "请填写答复日期")
        return data


class FeeNoticeForm(VersionedForm):
    """The amount is computed; the notice is drafted, and its payment period counts from its recorded delivery."""

    pages = forms.IntegerField(label="页数（按量计收时填写）", required=False, min_value=1,
                               error_messages={"min_value": "页数须大于0", "invalid": "请输入整数"})


class PaymentForm(VersionedForm):
    paid_on = date_field("缴费日期")

    def clean(self):
        self.not_future("paid_on")
        return super().clean()


class ExtensionForm(VersionedForm):
    workdays = workdays_field(f"延长工作日（1至{MAX_EXTENSION_WORKDAYS}）", 1, MAX_EXTENSION_WORKDAYS,
                              MAX_EXTENSION_WORKDAYS, message=f"延长期限为1至{MAX_EXTENSION_WORKDAYS}个工作日")
    reason = text_field("延期理由")


class AskReasonsForm(VersionedForm):
    grounds = text_field("申请数量、频次明显超过合理范围的具体情况", rows=3,
                         help_text="如：本月内已提出申请的件数、内容的重复情况")
    asked_on = date_field("说明理由告知书发出日期")
    period_ends_on = date_field("说明理由期限（选填，默认按规定天数计算）", required=False)

    def clean(self):
        data = super().clean()
        self.not_future("asked_on")
        start, end = data.get("asked_on"), data.get("period_ends_on")
        if start and end and end <= start:
            self.add_error("period_ends_on", "说明理由期限须晚于告知书发出日期")
        return data


class AcceptReasonsForm(VersionedForm):
    reasons_received_on = date_field("收到申请人说明理由日期")
    applicant_reasons = text_field("申请人说明的理由", rows=3)
    assessment = text_field("审查意见（理由为何合理）", rows=3)
    delayed_due = date_field("延迟答复期限（选填；无法在法定期限内答复时由负责人确定）", required=False)
    delay_reason = text_field("无法在法定期限内答复的理由（确定延迟答复期限时必填）", required=False, rows=2)

    def clean(self):
        data = super().clean()
        self.not_future("reasons_received_on")
        if data.get("delayed_due") and not (data.get("delay_reason") or "").strip():
            self.add_error("delay_reason", "确定延迟答复期限须写明无法在法定期限内答复的理由")
        return data


class RefuseReasonsForm(VersionedForm):
    reasons_received_on = date_field("收到申请人说明理由日期（逾期未说明的不填）", required=False)
    applicant_reasons = text_field("申请人说明的理由（逾期未说明的不填）", required=False, rows=3)
    assessment = text_field("审查意见（理由为何不合理，或申请人逾期未说明理由）", rows=3)

    def clean(self):
        data = super().clean()
        self.not_future("reasons_received_on")
        if data.get("reasons_received_on") and not (data.get("applicant_reasons") or "").strip():
            self.add_error("applicant_reasons", "请记录申请人说明的理由")
        return data


class OpinionForm(VersionedForm):
    outcome = choice_field("答复类型", [(rule.code, rule.label) for rule in decidable_rules()])
    articles = text_field("法律依据（条款）", rows=2)
    reasons = text_field("理由", rows=5)
    form_of_provision = text_field("提供信息的形式与途径（予以公开、部分公开、告知已公开或公开出版物获取途径时必填）",
                                   required=False, rows=2)
    right_agency = line_field("负责公开的机关（非本机关负责公开时必填）", required=False)

    def clean(self):
        data = super().clean()
        if requires_fact(data.get("outcome"), RIGHT_AGENCY) and not (data.get("right_agency") or "").strip():
            self.add_error("right_agency", "答复“非本机关负责公开”须写明负责公开的机关")
        outcome = data.get("outcome")
        if outcome and data.get("articles"):
            for problem in basis_problems(outcome, data["articles"]):
                self.add_error("articles", problem)
        if needs_form_of_provision(outcome) and not (data.get("form_of_provision") or "").strip():
            self.add_error("form_of_provision", "该答复类型须写明提供信息的形式和途径（公开出版物须写明获取途径）")
        return data

    @staticmethod
    def default_articles():
        """What the page's script needs from the rulebook: the articles offered per outcome, and the outcomes whose
        reply names the right agency (that field is shown only for them)."""
        rules = decidable_rules()
        return {"articles": {rule.code: rule.articles for rule in rules if rule.articles_offered},
                "right_agency": [rule.code for rule in rules if RIGHT_AGENCY in rule.requires]}


class SearchForm(VersionedForm):
    systems = text_field("检索范围（系统、档案）", rows=2)
    keywords = line_field("检索关键词", max_length=200)
    searched_on = date_field("检索日期")
    searched_by = line_field("检索人（默认为本人）", required=False, max_length=50)
    result = text_field("检索结果", required=False)

    def clean(self):
        self.not_future("searched_on")
        return super().clean()


class ApproveForm(VersionedForm):
    comment = text_field("审批意见（选填）", required=False, rows=2)


class ReturnForm(VersionedForm):
    comment = text_field("退回修改意见", rows=3)


class WithdrawForm(VersionedForm):
    reason = text_field("撤回方式和理由")
    on = date_field("撤回日期（默认今天）", required=False)

    def clean(self):
        self.not_future("on")
        return super().clean()


class ReopenForm(VersionedForm):
    order_received_on = date_field("收到复议决定书/判决书日期")
    workdays = workdays_field("重新答复期限（工作日）", *REOPEN_WORKDAYS, REOPEN_DEFAULT_WORKDAYS)
    reason = text_field("重新办理的依据（复议决定书或判决书）")

    def clean(self):
        self.not_future("order_received_on")
        return super().clean()
