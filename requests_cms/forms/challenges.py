"""Recording a reconsideration or lawsuit against a request, and its result."""

from django import forms
from django.utils import timezone

from requests_cms.models import ChallengeKind, ChallengeResult
from requests_cms.services.deadlines import REOPEN_DEFAULT_WORKDAYS, REOPEN_WORKDAYS

from .fields import VersionedForm, choice_field, date_field, line_field, optional_line


class ChallengeForm(VersionedForm):
    kind = choice_field("类型", ChallengeKind.choices)
    body = line_field("复议机关/法院", max_length=100)
    case_number = optional_line("案号", max_length=60)
    received_on = date_field("收到日期", help_text="收到行政复议答复通知书或起诉状副本之日")
    simple_procedure = forms.BooleanField(label="适用简易程序（仅行政复议）", required=False)

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("日期不能晚于今天")
        return value


class ChallengeResultForm(VersionedForm):
    result = choice_field("结果", ChallengeResult.choices)
    result_on = date_field("结果日期（决定书/判决书送达之日）", required=False)
    orders_new_reply = forms.BooleanField(label="责令重新答复", required=False)
    new_reply_workdays = forms.IntegerField(
        label="重新答复期限（工作日）", required=False, min_value=REOPEN_WORKDAYS[0], max_value=REOPEN_WORKDAYS[1],
        help_text=f"按决定书/判决书确定的期限；未写明的按{REOPEN_DEFAULT_WORKDAYS}个工作日")

    def clean(self):
        data = super().clean()
        if data.get("orders_new_reply") and not data.get("result_on"):
            self.add_error("result_on", "责令重新答复须填写结果日期（重新答复期限自此起算）")
        return data
