"""Registering a request: applicant, channel and its dates (REG 31), the request itself."""

from django import forms

from requests_cms.models import ApplicantKind, Channel, DeliveryMethod, IdentityDocument, PostKind, RequestedForm

from .fields import ChineseForm, choice_field, date_field, line_field, text_field

DATE_FIELDS_BY_CHANNEL = {
    Channel.IN_PERSON: ("submitted_on",),
    Channel.POST: ("submitted_on", "arrived_on", "signed_on", "confirmed_on"),
    Channel.ONLINE: ("submitted_on", "confirmed_on"),
    Channel.EMAIL: ("submitted_on", "confirmed_on"),
    Channel.FAX: ("submitted_on", "confirmed_on"),
}


NEW_APPLICANT_REQUIRED = ("kind", "name")  # required unless a known applicant is chosen


class RegisterForm(ChineseForm):
    applicant_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = choice_field("申请人类型", ApplicantKind.choices, required=False)
    name = line_field("申请人姓名/名称", required=False)
    id_type = choice_field("证件类型", IdentityDocument.choices, required=False)
    id_number = line_field("证件号码", required=False, max_length=40)
    contact_person = line_field("联系人（法人或其他组织）", required=False, max_length=50)
    phone = line_field("联系电话", required=False, max_length=40)
    email = forms.EmailField(label="电子邮箱", required=False, error_messages={"invalid": "请输入有效的电子邮箱"})
    address = line_field("通信地址", required=False, max_length=200)
    postcode = forms.RegexField(label="邮政编码", required=False, regex=r"^\d{6}$",
                                error_messages={"invalid": "邮政编码为6位数字"})
    channel = choice_field("申请渠道", Channel.choices)
    post_kind = choice_field("邮件类型", PostKind.choices, required=False)
    submitted_on = date_field("申请人提交日期", required=False,
                         help_text="当面提交之日；邮寄的为交寄日期；网上/传真为提交日期")
    arrived_on = date_field("邮件到达日期", required=False)
    signed_on = date_field("签收日期", required=False, help_text="需签收的邮件（EMS、挂号信）")
    confirmed_on = date_field("与申请人确认日期", required=False, help_text="平常信函、网上、电子邮件、传真")
    override = forms.BooleanField(label="人工调整收到申请日期", required=False)
    received_override = date_field("调整后的收到申请日期", required=False)
    override_reason = line_field("调整理由", required=False, max_length=200)
    description = text_field("所需政府信息的名称、文号或者便于查询的其他特征性描述", rows=5, strip=False)
    purpose = text_field("申请用途（选填）", required=False, rows=2)
    requested_form = choice_field("获取信息的方式（载体）", RequestedForm.choices)
    delivery_method = choice_field("获取信息的途径", DeliveryMethod.choices)
    handler = forms.TypedChoiceField(label="承办人", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, handlers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [("", "（暂不指定）")] + [(u.pk, u.display_name) for u in handlers]
        self.fields["requested_form"].initial = RequestedForm.PAPER
        self.fields["delivery_method"].initial = DeliveryMethod.POST
        self.mark_required(*NEW_APPLICANT_REQUIRED)

    def clean(self):
        data = super().clean()
        if not data.get("applicant_id"):
            for name in NEW_APPLICANT_REQUIRED:
                self.missing(name, "新申请人须填写" + self.fields[name].label)
        for name in ("submitted_on", "arrived_on", "signed_on", "confirmed_on", "received_override"):
            self.not_future(name)
        self._check_channel_dates(data)
        if data.get("override"):
            if not data.get("received_override"):
                self.add_error("received_override", "请填写调整后的收到申请日期")
            if not (data.get("override_reason") or "").strip():
                self.add_error("override_reason", "人工调整收到申请日期须说明理由")
        if not (data.get("description") or "").strip():
            self.missing("description", "请填写所需政府信息的描述")
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
        if needed:
            self.missing(*needed)

    def receipt_args(self):
        """The channel's raw dates (only the ones the channel uses) for derive_received_on / request_register."""
        d = self.cleaned_data
        used = DATE_FIELDS_BY_CHANNEL.get(d["channel"], ())
        args = {name: d.get(name) if name in used else None
                for name in ("submitted_on", "arrived_on", "signed_on", "confirmed_on")}
        args["post_kind"] = d.get("post_kind") if d["channel"] == Channel.POST else ""
        return args


APPLICANT_FIELDS = ("kind", "name", "id_type", "id_number", "contact_person", "phone", "email", "address", "postcode")
