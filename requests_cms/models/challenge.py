"""Reconsiderations and lawsuits against a request's reply."""

from django.db import models
from simple_history.models import HistoricalRecords

from .choices import ChallengeKind, ChallengeResult


class Challenge(models.Model):
    request = models.ForeignKey("requests_cms.InformationRequest", on_delete=models.CASCADE,
                                related_name="challenges")
    kind = models.CharField("类型", max_length=40, choices=ChallengeKind.choices)
    body = models.CharField("复议机关/法院", max_length=100)
    case_number = models.CharField("案号", max_length=60, blank=True)
    received_on = models.DateField("收到日期", db_index=True)
    simple_procedure = models.BooleanField("适用简易程序", default=False)
    answer_due = models.DateField("答复/答辩期限")
    result = models.CharField("结果", max_length=20, choices=ChallengeResult.choices,
                              default=ChallengeResult.PENDING)
    result_on = models.DateField("结果日期", null=True, blank=True)
    orders_new_reply = models.BooleanField("责令重新答复", default=False)
    new_reply_workdays = models.PositiveSmallIntegerField("重新答复期限（工作日）", null=True, blank=True)
    imported = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "复议诉讼"
        ordering = ["received_on", "id"]
        # The dashboards' pending challenges by answer deadline: walked in order, stopping after a section's rows.
        indexes = [models.Index(fields=["result", "answer_due", "id"], name="challenge_pending_due_idx")]
