"""Forms of the staff pages. Forms only validate; views call the services. One form per action."""

from django import forms
from django.utils import timezone

from requests_cms import limits
from requests_cms.models import (
    ApplicantKind,
    AttachmentKind,
    Channel,
    ConsultationAnswer,
    ConsultationParty,
    DeliveryMethod,
    IdentityDocument,
    Outcome,
    PostKind,
    RequestedForm,
)
from requests_cms.models.choices import DECIDABLE_OUTCOMES, OUTCOME_DEFAULT_ARTICLES

REQUIRED = "此项为必填项"
BLANK = [("", "—— 请选择 ——")]


def _date(label, required=True, help_text=""):
    return forms.DateField(label=label, required=required, help_text=help_text,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           error_messages={"required": REQUIRED, "invalid": "请输入有效日期（年-月-日）"})


def _text(label, required=True, rows=3, max_length=limits.TEXT, strip=True):
    return forms.CharField(label=label, required=required, max_length=max_length, strip=strip,
                           help_text=limits.hint(max_length), widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": REQUIRED, "max_length": limits.too_long(max_length)})


def _line(label, required=True, max_length=100, help_text=""):
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text,
                           error_messages={"required": REQUIRED, "max_length": f"不能超过{max_length}个字"})


def _choice(label, choices, required=True):
    return forms.ChoiceField(label=label, required=required, choices=BLANK + list(choices),
                             error_messages={"required": "请选择" + label, "invalid_choice": "选项无效"})


class ChineseForm(forms.Form):
    required_css_class = "required"

    def __init__(self, *args, request_obj=None, **kwargs):
        self.request_obj = request_obj
        super().__init__(*args, **kwargs)

    def not_future(self, name):
        value = self.cleaned_data.get(name)
        if value and value > timezone.localdate():
            self.add_error(name, "日期不能晚于今天")


class VersionedForm(ChineseForm):
    """Every action form carries the version the user saw (optimistic locking)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


# --- registration ----------------------------------------------------------------------------------------------------
DATE_FIELDS_BY_CHANNEL = {
    Channel.IN_PERSON: ("submitted_on",),
    Channel.POST: ("submitted_on", "arrived_on", "signed_on", "confirmed_on"),
    Channel.ONLINE: ("submitted_on", "confirmed_on"),
    Channel.EMAIL: ("submitted_on", "confirmed_on"),
    Channel.FAX: ("submitted_on", "confirmed_on"),
}


class RegisterForm(ChineseForm):
    applicant_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = _choice("申请人类型", ApplicantKind.choices, required=False)
    name = _line("申请人姓名/名称", required=False)
    id_type = _choice("证件类型", IdentityDocument.choices, required=False)
    id_number = _line("证件号码", required=False, max_length=40)
    contact_person = _line("联系人（法人或其他组织）", required=False, max_length=50)
    phone = _line("联系电话", required=False, max_length=40)
    email = forms.EmailField(label="电子邮箱", required=False, error_messages={"invalid": "请输入有效的电子邮箱"})
    address = _line("通信地址", required=False, max_length=200)
    postcode = forms.RegexField(label="邮政编码", required=False, regex=r"^\d{6}$",
                                error_messages={"invalid": "邮政编码为6位数字"})
    channel = _choice("申请渠道", Channel.choices)
    post_kind = _choice("邮件类型", PostKind.choices, required=False)
    submitted_on = _date("申请人提交日期", required=False,
                         help_text="当面提交之日；邮寄的为交寄日期；网上/传真为提交日期")
    arrived_on = _date("邮件到达日期", required=False)
    signed_on = _date("签收日期", required=False, help_text="需签收的邮件（EMS、挂号信）")
    confirmed_on = _date("与申请人确认日期", required=False, help_text="平常信函、网上、电子邮件、传真")
    override = forms.BooleanField(label="人工调整收到申请日期", required=False)
    received_override = _date("调整后的收到申请日期", required=False)
    override_reason = _line("调整理由", required=False, max_length=200)
    description = _text("所需政府信息的名称、文号或者便于查询的其他特征性描述", rows=5, strip=False)
    purpose = _text("申请用途（选填）", required=False, rows=2)
    requested_form = _choice("获取信息的方式（载体）", RequestedForm.choices)
    delivery_method = _choice("获取信息的途径", DeliveryMethod.choices)
    handler = forms.TypedChoiceField(label="承办人", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, handlers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [("", "（暂不指定）")] + [(u.pk, u.display_name) for u in handlers]
        self.fields["requested_form"].initial = RequestedForm.PAPER
        self.fields["delivery_method"].initial = DeliveryMethod.POST

    def clean(self):
        data = super().clean()
        if not data.get("applicant_id"):
            for name in ("kind", "name"):
                if not data.get(name):
                    self.add_error(name, "新申请人须填写" + self.fields[name].label)
        for name in ("submitted_on", "arrived_on", "signed_on", "confirmed_on", "received_override"):
            self.not_future(name)
        self._check_channel_dates(data)
        if data.get("override"):
            if not data.get("received_override"):
                self.add_error("received_override", "请填写调整后的收到申请日期")
            if not (data.get("override_reason") or "").strip():
                self.add_error("override_reason", "人工调整收到申请日期须说明理由")
        if not (data.get("description") or "").strip():
            self.add_error("description", "请填写所需政府信息的描述")
        return data

    def _check_channel_dates(self, data):
        channel, post_kind = data.get("channel"), data.get("post_kind")
        if channel == Channel.POST and not post_kind:
            self.add_error("post_kind", "邮寄申请须选择邮件类型")
            return
        if data.get("override"):
            return
        needed = {Channel.IN_PERSON: ("submitted_on", "当面提交的申请须填写提交日期")}.get(channel)
        if channel == Channel.POST and post_kind == PostKind.SIGNED:
            needed = ("signed_on", "需签收的邮件须填写签收日期")
        elif channel and channel != Channel.IN_PERSON:
            needed = ("confirmed_on", "须填写与申请人确认的日期")
        if needed and not data.get(needed[0]):
            self.add_error(needed[0], needed[1])

    def receipt_args(self):
        """The channel's raw dates (only the ones the channel uses) for derive_received_on / request_register."""
        d = self.cleaned_data
        used = DATE_FIELDS_BY_CHANNEL.get(d["channel"], ())
        args = {name: d.get(name) if name in used else None
                for name in ("submitted_on", "arrived_on", "signed_on", "confirmed_on")}
        args["post_kind"] = d.get("post_kind") if d["channel"] == Channel.POST else ""
        return args


APPLICANT_FIELDS = ("kind", "name", "id_type", "id_number", "contact_person", "phone", "email", "address", "postcode")


# --- actions ---------------------------------------------------------------------------------------------------------
class NoteForm(VersionedForm):
    note = _text("说明（选填）", required=False, rows=2)


class ConfirmForm(VersionedForm):
    """Actions without data: the form only carries the version."""


class CorrectionForm(VersionedForm):
    items = _text("需要补正的事项（一次性告知）", rows=4)
    notice_sent_on = _date("补正告知书发出日期")
    period_ends_on = _date("补正期限（选填，默认按规定天数计算）", required=False)

    def clean(self):
        data = super().clean()
        self.not_future("notice_sent_on")
        start, end = data.get("notice_sent_on"), data.get("period_ends_on")
        if start and end and end <= start:
            self.add_error("period_ends_on", "补正期限须晚于发出日期")
        return data


class ReceiveCorrectionForm(VersionedForm):
    received_on = _date("收到补正申请日期")
    corrected_description = _text("补正后的申请内容", required=False, rows=4, strip=False)

    def clean(self):
        self.not_future("received_on")
        return super().clean()


class ConsultationForm(VersionedForm):
    party_kind = _choice("征求对象类型", ConsultationParty.choices)
    party_name = _line("征求对象名称")
    party_address = _line("征求对象地址", required=False, max_length=200)
    information = _text("拟公开的信息", required=False)
    sent_on = _date("征求意见函发出日期")
    letter_received_on = _date("对方收到日期（选填，不详时按发出日期计算）", required=False)

    def clean(self):
        data = super().clean()
        self.not_future("sent_on")
        self.not_future("letter_received_on")
        if data.get("sent_on") and data.get("letter_received_on") and data["letter_received_on"] < data["sent_on"]:
            self.add_error("letter_received_on", "对方收到日期不能早于发出日期")
        return data


class ConsultationReplyForm(VersionedForm):
    consultation = forms.TypedChoiceField(label="征求意见对象", coerce=int,
                                          error_messages={"required": "请选择征求意见对象",
                                                          "invalid_choice": "请选择等待答复的征求意见"})
    answer = _choice("答复结果", [c for c in ConsultationAnswer.choices if c[0] != ConsultationAnswer.PENDING])
    answered_on = _date("答复日期（逾期未答复的不填）", required=False)
    reasons = _text("答复理由（不同意公开的须填写）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        open_ones = [c for c in self.request_obj.consultations.all() if c.is_open] if self.request_obj else []
        self.fields["consultation"].choices = [
            (c.pk, f"{c.party_name}（{c.sent_on:%Y-%m-%d}发出，答复期限{c.window_ends_on:%Y-%m-%d}）")
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
    issued_on = _date("收费通知发出日期")
    notice_received_on = _date("申请人收到通知日期（选填）", required=False)
    pages = forms.IntegerField(label="页数（按量计收时填写）", required=False, min_value=1,
                               error_messages={"min_value": "页数须大于0", "invalid": "请输入整数"})

    def clean(self):
        self.not_future("issued_on")
        self.not_future("notice_received_on")
        return super().clean()


class PaymentForm(VersionedForm):
    paid_on = _date("缴费日期")

    def clean(self):
        self.not_future("paid_on")
        return super().clean()


class ExtensionForm(VersionedForm):
    workdays = forms.IntegerField(label="延长工作日（1至20）", min_value=1, max_value=20, initial=20,
                                  error_messages={"required": REQUIRED, "min_value": "延长期限为1至20个工作日",
                                                  "max_value": "延长期限为1至20个工作日", "invalid": "请输入整数"})
    reason = _text("延期理由")


class OpinionForm(VersionedForm):
    outcome = _choice("答复类型", [(o.value, o.label) for o in DECIDABLE_OUTCOMES])
    articles = _text("法律依据（条款）", rows=2)
    reasons = _text("理由", rows=5)
    form_of_provision = _text("提供信息的形式与途径（予以公开、部分公开时必填）", required=False, rows=2)
    right_agency = _line("负责公开的机关（非本机关负责公开时必填）", required=False)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Outcome.NOT_THIS_AGENCY and not (data.get("right_agency") or "").strip():
            self.add_error("right_agency", "答复“非本机关负责公开”须写明负责公开的机关")
        providing = data.get("outcome") in (Outcome.DISCLOSED, Outcome.PARTLY_DISCLOSED)
        if providing and not (data.get("form_of_provision") or "").strip():
            self.add_error("form_of_provision", "予以公开或部分公开的，须写明提供信息的形式和途径")
        return data

    @staticmethod
    def default_articles():
        return {str(k): v for k, v in OUTCOME_DEFAULT_ARTICLES.items()}


class SearchForm(VersionedForm):
    systems = _text("检索范围（系统、档案）", rows=2)
    keywords = _line("检索关键词", max_length=200)
    searched_on = _date("检索日期")
    searched_by = _line("检索人（默认为本人）", required=False, max_length=50)
    result = _text("检索结果", required=False)

    def clean(self):
        self.not_future("searched_on")
        return super().clean()


class ApproveForm(VersionedForm):
    comment = _text("审批意见（选填）", required=False, rows=2)


class ReturnForm(VersionedForm):
    comment = _text("退回修改意见", rows=3)


class DeliverForm(VersionedForm):
    method = _choice("送达方式", DeliveryMethod.choices)
    handed_over_on = _date("交邮/交付日期")
    waybill_number = _line("邮件号码（邮寄送达必填，如 EA123456785CN）", required=False, max_length=20)
    recipient_name = _line("受送达人（默认为申请人）", required=False)
    address = _line("送达地址（默认为申请人地址）", required=False, max_length=200)
    electronic_address = _line("电子送达地址（电子送达必填）", required=False, max_length=200)

    def clean(self):
        data = super().clean()
        self.not_future("handed_over_on")
        if data.get("method") == DeliveryMethod.POST and not (data.get("waybill_number") or "").strip():
            self.add_error("waybill_number", "邮寄送达须填写邮件号码")
        if data.get("method") == DeliveryMethod.ELECTRONIC and not (data.get("electronic_address") or "").strip():
            self.add_error("electronic_address", "电子送达须填写送达地址")
        return data


class FileProofForm(VersionedForm):
    no_proof_reason = _text("无法取得送达回证的原因（如拒签情况；已有回证或妥投记录的不填）", required=False)
    witnesses = _line("见证人姓名（记录无回证原因时必填）", required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if (data.get("no_proof_reason") or "").strip() and not (data.get("witnesses") or "").strip():
            self.add_error("witnesses", "记录无法取得送达回证的原因时，须写明见证人姓名")
        return data


class WithdrawForm(VersionedForm):
    reason = _text("撤回方式和理由")
    on = _date("撤回日期（默认今天）", required=False)

    def clean(self):
        self.not_future("on")
        return super().clean()


class ReopenForm(VersionedForm):
    order_received_on = _date("收到复议决定书/判决书日期")
    workdays = forms.IntegerField(label="重新答复期限（工作日）", min_value=1, max_value=60, initial=20,
                                  error_messages={"required": REQUIRED, "min_value": "应为1至60个工作日",
                                                  "max_value": "应为1至60个工作日", "invalid": "请输入整数"})
    reason = _text("重新办理的依据（复议决定书或判决书）")

    def clean(self):
        self.not_future("order_received_on")
        return super().clean()


# --- uploads and letters ---------------------------------------------------------------------------------------------
class UploadForm(ChineseForm):
    kind = _choice("材料类型", AttachmentKind.choices)
    file = forms.FileField(label="文件（PDF、JPEG、PNG）", error_messages={"required": "请选择要上传的文件",
                                                                     "empty": "文件为空"},
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
    description = _line("说明（选填）", required=False, max_length=200)


class LetterTextForm(ChineseForm):
    text = _text("正文", rows=18, strip=False, max_length=limits.LETTER_TEXT)
