"""Forms of the delivery page and the challenge pages. Forms only validate; the services decide."""

from django import forms
from django.utils import timezone

from requests_cms import limits, postal
from requests_cms.forms import REQUIRED, _choice, _date
from requests_cms.forms import _line as _form_line
from requests_cms.models import ChallengeKind, ChallengeResult, DeliveryMethod, PostalStatus
from requests_cms.services.delivery_records import PROOF_KINDS


def _line(label, required=False, max_length=200, help_text=""):
    """Lines on the delivery page are optional and longer unless said otherwise."""
    return _form_line(label, required, max_length, help_text)


class Versioned(forms.Form):
    required_css_class = "required"
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DeliveryForm(Versioned):
    letter_label = _line("送达的文书", required=True, max_length=100, help_text="如：答复书、补正告知书")
    method = _choice("送达方式", DeliveryMethod.choices)
    handed_over_on = _date("交邮/交付日期", help_text="邮寄的为交邮之日，直接送达的为交付之日；以此判断是否按期答复")
    waybill_number = _line("邮件号码（邮寄送达）", max_length=20, help_text="如 EA123456785CN，或13位国内EMS单号")
    recipient_name = _line("受送达人", max_length=100, help_text="留空则为申请人")
    address = _line("送达地址", help_text="留空则为申请人通信地址")
    electronic_address = _line("电子送达地址（电子邮箱或平台账号）")
    sent_at = forms.DateTimeField(label="电子送达发送时间", required=False,
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                  error_messages={"invalid": "请输入有效的日期时间"})

    def clean(self):
        data = super().clean()
        if data.get("method") == DeliveryMethod.POST:
            error = postal.waybill_error(data.get("waybill_number"))
            if error:
                self.add_error("waybill_number", error)
        if data.get("method") == DeliveryMethod.ELECTRONIC and not data.get("electronic_address"):
            self.add_error("electronic_address", "电子送达须填写送达地址")
        return data


class RedeliverForm(DeliveryForm):
    letter_label = None


class PostalEventForm(Versioned):
    status = _choice("邮件状态", PostalStatus.choices)
    occurred_at = forms.DateTimeField(label="时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                      error_messages={"required": REQUIRED, "invalid": "请输入有效的日期时间"})
    location = _line("地点", max_length=100)
    signer = _line("签收人", max_length=50)


class TrackingPasteForm(Versioned):
    text = forms.CharField(label="粘贴中国邮政/EMS查询页面的跟踪信息", widget=forms.Textarea(attrs={"rows": 6}),
                           max_length=limits.PASTE, error_messages={"required": "请粘贴跟踪信息",
                                                                    "max_length": limits.too_long(limits.PASTE)})


class ReceiptForm(Versioned):
    received_on = _date("申请人收到日期", help_text="妥投日期或送达回证上的签收日期；复议、诉讼期限自此起算")


class ProofForm(Versioned):
    kind = _choice("材料类型", [(k.value, k.label) for k in PROOF_KINDS])
    file = forms.FileField(label="文件（PDF、JPEG或PNG）", error_messages={"required": "请选择要上传的文件"})
    description = _line("说明")


class CloseForm(Versioned):
    no_proof_reason = forms.CharField(label="无法取得送达回证的原因（仅在没有回证和妥投记录时填写）", required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}), help_text="如：申请人拒绝签收",
                                      max_length=limits.TEXT,
                                      error_messages={"max_length": limits.too_long(limits.TEXT)})
    witnesses = _line("见证人姓名", help_text="拒签等情形须写明在场见证人")

    def clean(self):
        data = super().clean()
        if data.get("no_proof_reason", "").strip() and not data.get("witnesses", "").strip():
            self.add_error("witnesses", "记录无法取得送达回证的原因时，须写明见证人姓名")
        return data


class ChallengeForm(Versioned):
    kind = _choice("类型", ChallengeKind.choices)
    body = _line("复议机关/法院", required=True, max_length=100)
    case_number = _line("案号", max_length=60)
    received_on = _date("收到日期", help_text="收到行政复议答复通知书或起诉状副本之日")
    simple_procedure = forms.BooleanField(label="适用简易程序（仅行政复议）", required=False)

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("日期不能晚于今天")
        return value


class ChallengeResultForm(Versioned):
    result = _choice("结果", ChallengeResult.choices)
    result_on = _date("结果日期（决定书/判决书送达之日）", required=False)
    orders_new_reply = forms.BooleanField(label="责令重新答复", required=False)
    new_reply_workdays = forms.IntegerField(label="重新答复期限（工作日）", required=False, min_value=1, max_value=60,
                                            help_text="按决定书/判决书确定的期限；未写明的按20个工作日")

    def clean(self):
        data = super().clean()
        if data.get("orders_new_reply") and not data.get("result_on"):
            self.add_error("result_on", "责令重新答复须填写结果日期（重新答复期限自此起算）")
        return data
