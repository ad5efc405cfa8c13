"""The delivery page's forms, one per delivery action. The case page's deliver and file_proof use them too."""

from django import forms

from requests_cms import limits, postal
from requests_cms.models import DeliveryMethod, PostalStatus
from requests_cms.services.delivery_records import PROOF_KINDS, REPLY_LABEL, future_tracking_line
from requests_cms.workflow import State

from .fields import (
    REQUIRED,
    VersionedForm,
    choice_field,
    date_field,
    datetime_field,
    line_field,
    optional_line,
    text_field,
)


class DeliveryForm(VersionedForm):
    """A letter posted or handed over: the reply once approved, or any notice (correction, extension, fee…).

    At the reply step (approved) the letter defaults to the reply, so the case page's deliver action needs no label.
    """

    letter_label = line_field("送达的文书", max_length=100, help_text="如：答复书、补正告知书")
    method = choice_field("送达方式", DeliveryMethod.choices)
    handed_over_on = date_field("交邮/交付日期",
                                help_text="邮寄的为交邮之日，直接送达的为交付之日；以此判断是否按期答复")
    waybill_number = optional_line("邮件号码（邮寄送达）", max_length=20,
                                   help_text="如 EA123456785CN，或13位国内EMS单号")
    recipient_name = optional_line("受送达人", max_length=100, help_text="留空则为申请人")
    address = optional_line("送达地址", help_text="留空则为申请人通信地址")
    electronic_address = optional_line("电子送达地址（电子邮箱或平台账号）")
    sent_at = datetime_field("电子送达发送时间", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "letter_label" in self.fields and self.at_reply_step():
            self.fields["letter_label"].required = False

    def at_reply_step(self):
        return self.request_obj is not None and self.request_obj.state == State.APPROVED

    def clean_letter_label(self):
        label = (self.cleaned_data.get("letter_label") or "").strip()
        return label or (REPLY_LABEL if self.at_reply_step() else label)

    def clean(self):
        data = super().clean()
        self.not_future("handed_over_on")
        if data.get("method") == DeliveryMethod.POST:
            error = postal.waybill_error(data.get("waybill_number"))
            if error:
                self.add_error("waybill_number", error)
        if data.get("method") == DeliveryMethod.ELECTRONIC and not data.get("electronic_address"):
            self.add_error("electronic_address", "电子送达须填写送达地址")
        return data


class RedeliverForm(DeliveryForm):
    """Returned mail sent again: the letter is the returned one's."""

    letter_label = None


class PostalEventForm(VersionedForm):
    status = choice_field("邮件状态", PostalStatus.choices)
    occurred_at = datetime_field("时间")
    location = optional_line("地点", max_length=100)
    signer = optional_line("签收人", max_length=50)

    def clean(self):
        data = super().clean()
        self.not_future("occurred_at")
        return data


class TrackingPasteForm(VersionedForm):
    text = forms.CharField(label="粘贴中国邮政/EMS查询页面的跟踪信息", widget=forms.Textarea(attrs={"rows": 6}),
                           max_length=limits.PASTE, error_messages={"required": "请粘贴跟踪信息",
                                                                    "max_length": limits.too_long(limits.PASTE)})

    def clean(self):
        data = super().clean()
        if problem := future_tracking_line(data.get("text")):
            self.add_error("text", problem)
        return data


class ReceiptForm(VersionedForm):
    received_on = date_field("申请人收到日期", help_text="妥投日期或送达回证上的签收日期；复议、诉讼期限自此起算")

    def clean(self):
        data = super().clean()
        self.not_future("received_on")
        return data


class ProofForm(VersionedForm):
    kind = choice_field("材料类型", [(k.value, k.label) for k in PROOF_KINDS])
    file = forms.FileField(label="文件（PDF、JPEG或PNG）", error_messages={"required": "请选择要上传的文件"})
    description = optional_line("说明")


class CloseForm(VersionedForm):
    """Closing with the proof of service (file_proof), or with the reason there is none and its witnesses."""

    no_proof_reason = text_field("无法取得送达回证的原因（仅在没有回证和妥投记录时填写）", required=False, rows=2,
                                 help_text="如：申请人拒绝签收")
    witnesses = optional_line("见证人姓名", help_text="拒签等情形须写明在场见证人")

    def clean(self):
        data = super().clean()
        if (data.get("no_proof_reason") or "").strip() and not (data.get("witnesses") or "").strip():
            self.add_error("witnesses", "记录无法取得送达回证的原因时，须写明见证人姓名")
        return data


__all__ = ["REQUIRED", "CloseForm", "DeliveryForm", "PostalEventForm", "ProofForm", "ReceiptForm", "RedeliverForm",
           "TrackingPasteForm"]
