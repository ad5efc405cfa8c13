"""The delivery page's forms, one per delivery action. The case page's deliver and file_proof use them too."""

from django import forms

from letters.kinds import LetterKind, kind_spec
from letters.models import LetterState
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
    optional_line,
    text_field,
)


class DeliveryForm(VersionedForm):
    """A letter posted or handed over: the reply once approved, or an issued notice (correction, extension, fee…),
    chosen from the request's letters; a paper letter made outside the system is named in `letter_label`.

    At the reply step (approved) the letter defaults to the reply, so the case page's deliver action needs no choice.
    """

    letter = forms.ChoiceField(label="送达的文书", required=False, choices=(),
                               error_messages={"invalid_choice": "请选择本申请已签发的文书"})
    letter_label = optional_line("系统外制作的文书名称（未在上面选择时填写）", max_length=100,
                                 help_text="仅用于未在本系统制作、签发的纸质文书")
    method = choice_field("送达方式", DeliveryMethod.choices)
    # The fields that belong to one method only (static/js/delivery.js shows those of the chosen method).
    METHOD_FIELDS = {"waybill_number": (DeliveryMethod.POST,),
                     "electronic_address": (DeliveryMethod.ELECTRONIC,), "sent_at": (DeliveryMethod.ELECTRONIC,)}
    handed_over_on = date_field("交邮/交付日期",
                                help_text="邮寄的为交邮之日，直接送达的为交付之日；以此判断是否按期答复，"
                                          "告知书的期限自此起算")
    waybill_number = optional_line("邮件号码（邮寄送达）", max_length=20,
                                   help_text="如 EA123456785CN，或13位国内EMS单号")
    recipient_name = optional_line("受送达人", max_length=100, help_text="留空则为申请人（征求意见书为被征求意见方）")
    address = optional_line("送达地址", help_text="留空则为申请人通信地址（征求意见书为被征求意见方地址）")
    electronic_address = optional_line("电子送达地址（电子邮箱或平台账号）")
    sent_at = datetime_field("电子送达发送时间", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, methods in self.METHOD_FIELDS.items():
            self.fields[name].widget.attrs["data-methods"] = " ".join(methods)
        if "letter" in self.fields:
            self.deliverable = deliverable_letters(self.request_obj)
            self.fields["letter"].choices = [("", "（请选择）")] + [
                (str(letter.pk), letter_choice_label(letter)) for letter in self.deliverable]

    def at_reply_step(self):
        return self.request_obj is not None and self.request_obj.state == State.APPROVED

    def clean_letter(self):
        value = self.cleaned_data.get("letter")
        return next((letter for letter in self.deliverable if str(letter.pk) == value), None) if value else None

    def clean_letter_label(self):
        return (self.cleaned_data.get("letter_label") or "").strip()

    def clean(self):
        data = super().clean()
        if "letter" in self.fields and not data.get("letter") and not data.get("letter_label"):
            if self.at_reply_step():
                data["letter_label"] = REPLY_LABEL
            elif "letter" not in self.errors:
                self.add_error("letter", "请选择送达的文书（须已签发）")
        self.not_future("handed_over_on")
        if data.get("method") == DeliveryMethod.POST:
            error = postal.waybill_error(data.get("waybill_number"))
            if error:
                self.add_error("waybill_number", error)
        if data.get("method") == DeliveryMethod.ELECTRONIC and not data.get("electronic_address"):
            self.add_error("electronic_address", "电子送达须填写送达地址")
        return data


def deliverable_letters(req):
    """The letters of this request a delivery can carry: issued notices, and the frozen reply at the reply step."""
    if req is None or req.pk is None:
        return []
    letters = req.letters.filter(state=LetterState.FROZEN).select_related("consultation").order_by("kind", "id")
    return [letter for letter in letters
            if kind_spec(letter.kind).drafted_at or (letter.kind == LetterKind.REPLY and req.state == State.APPROVED)]


def letter_choice_label(letter):
    to = f"（致{letter.consultation.party_name}）" if letter.consultation_id else ""
    return f"{letter.get_kind_display()}{to} {letter.document_number}"


class RedeliverForm(DeliveryForm):
    """Returned mail sent again: the letter is the returned one's."""

    letter = None
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
    """Closing with the proof of service (file_proof), or with the reason there is none and its witnesses. Closing
    ends the request, so it is confirmed with a tick; the no-proof fields are offered only when there is no proof."""

    no_proof_reason = text_field("无法取得送达回证的原因（仅在没有回证和妥投记录时填写）", required=False, rows=2,
                                 help_text="如：申请人拒绝签收")
    witnesses = optional_line("见证人姓名", help_text="拒签等情形须写明在场见证人")
    confirm = forms.BooleanField(label="确认归档办结：归档后本申请办结，不能再记录送达", required=True,
                                 error_messages={"required": "请勾选确认后再归档办结"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request_obj is not None and self.request_obj.has_proof_of_service():
            del self.fields["no_proof_reason"], self.fields["witnesses"]

    def clean(self):
        data = super().clean()
        if (data.get("no_proof_reason") or "").strip() and not (data.get("witnesses") or "").strip():
            self.add_error("witnesses", "记录无法取得送达回证的原因时，须写明见证人姓名")
        return data


__all__ = ["REQUIRED", "CloseForm", "DeliveryForm", "PostalEventForm", "ProofForm", "ReceiptForm", "RedeliverForm",
           "TrackingPasteForm"]
