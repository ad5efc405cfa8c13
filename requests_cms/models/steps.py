"""Step records of a request: correction, consultation, extension, fee, decision, approval, pauses."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .choices import ConsultationAnswer, ConsultationParty, FeeMethod, Outcome, PauseReason

REQUEST = "requests_cms.InformationRequest"


class Correction(models.Model):
    """The dates of the notice (sent, period end) stay empty until the correction notice's delivery is recorded
    (services/notices.py); the clock does not start before the notice goes out."""

    request = models.ForeignKey(REQUEST, on_delete=models.CASCADE, related_name="corrections")
    items = models.TextField("需要补正的事项")
    notice_sent_on = models.DateField("补正告知书发出日期", null=True, blank=True)
    period_ends_on = models.DateField("补正期限", null=True, blank=True)
    corrected_received_on = models.DateField("收到补正申请日期", null=True, blank=True)
    corrected_description = models.TextField("补正后的申请内容", blank=True)
    lapsed_on = models.DateField("逾期未补正日期", null=True, blank=True)
    # A notice later than the 7 workdays of REG 30 (a procedural defect): the approver who consented, and the reply
    # due date the request had before the clock stopped, shown beside the restarted one (domain.md §3).
    notice_due = models.DateField("补正告知法定发出期限", null=True, blank=True)
    late_consent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="同意逾期补正告知的负责人", null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="+")
    original_due = models.DateField("补正前的答复期限", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "补正"

    @property
    def is_late(self):
        return None not in (self.notice_due, self.notice_sent_on) and self.notice_sent_on > self.notice_due


class Consultation(models.Model):
    request = models.ForeignKey(REQUEST, on_delete=models.CASCADE, related_name="consultations")
    party_kind = models.CharField("征求对象类型", max_length=20, choices=ConsultationParty.choices)
    party_name = models.CharField("征求对象名称", max_length=100)
    party_address = models.CharField("征求对象地址", max_length=200, blank=True)
    information = models.TextField("拟公开的信息", blank=True)
    sent_on = models.DateField("征求意见函发出日期", null=True, blank=True)
    letter_received_on = models.DateField("对方收到征求意见函日期", null=True, blank=True)
    window_ends_on = models.DateField("答复期限（15个工作日）", null=True, blank=True)
    answer = models.CharField("答复", max_length=20, choices=ConsultationAnswer.choices,
                              default=ConsultationAnswer.PENDING)
    answer_reasons = models.TextField("答复理由", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "征求意见"
        ordering = ["sent_on", "id"]

    @property
    def is_open(self):
        return self.answer == ConsultationAnswer.PENDING

    @property
    def pause_end(self):
        """The pause runs until the answer arrives or the 15-workday window ends, whichever is first (None: the
        letter has not gone out, nothing is paused)."""
        if self.window_ends_on is None:
            return None
        if self.answered_on and self.answered_on < self.window_ends_on:
            return self.answered_on
        return self.window_ends_on


class Extension(models.Model):
    request = models.ForeignKey(REQUEST, on_delete=models.CASCADE, related_name="extensions")
    workdays = models.PositiveSmallIntegerField("延长工作日")
    reason = models.TextField("延期理由")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_on = models.DateField("批准日期")
    original_due = models.DateField("原答复期限")
    new_due = models.DateField("延长后答复期限")
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "延期"


class FeeNotice(models.Model):
    request = models.ForeignKey(REQUEST, on_delete=models.CASCADE, related_name="fee_notices")
    method = models.CharField("收费方式", max_length=20, choices=FeeMethod.choices)
    pages = models.PositiveIntegerField("页数", null=True, blank=True)
    monthly_sequence = models.PositiveIntegerField("本月第几件申请", null=True, blank=True)
    amount = models.DecimalField("金额（元）", max_digits=10, decimal_places=2)
    basis = models.TextField("收费依据与标准")
    issued_on = models.DateField("收费通知发出日期", null=True, blank=True)
    notice_received_on = models.DateField("申请人收到通知日期", null=True, blank=True)
    payment_due = models.DateField("缴费期限", null=True, blank=True)
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    lapsed_on = models.DateField("逾期未缴日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "收费通知"


class ReasonsRequest(models.Model):
    """REG 35: the applicant is asked to state the reasons for an unreasonable volume or frequency of requests. Reasons
    refused (or not given in time) → outcome `excessive`; accepted → handling goes on, within a delayed reply period
    set by the agency when the REG 33 period cannot be kept (延迟答复: the due date becomes that date)."""

    request = models.ForeignKey(REQUEST, on_delete=models.CASCADE, related_name="reasons_requests")
    grounds = models.TextField("要求说明理由的原因（申请数量、频次明显超过合理范围的情况）")
    asked_on = models.DateField("说明理由告知书发出日期")
    period_ends_on = models.DateField("说明理由期限")
    reasons_received_on = models.DateField("收到申请人说明理由日期", null=True, blank=True)
    applicant_reasons = models.TextField("申请人说明的理由", blank=True)
    accepted = models.BooleanField("理由是否合理", null=True)
    assessment = models.TextField("审查意见", blank=True)
    judged_on = models.DateField("审查日期", null=True, blank=True)
    delayed_due = models.DateField("延迟答复期限", null=True, blank=True)
    delay_reason = models.TextField("延迟答复的理由", blank=True)
    delay_set_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="确定延迟答复期限的负责人", null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "说明理由（条例第三十五条）"
        ordering = ["asked_on", "id"]

    @property
    def pause_end(self):
        """The wait ends when the reasons arrive or the period ends, whichever is first."""
        if self.reasons_received_on and self.reasons_received_on < self.period_ends_on:
            return self.reasons_received_on
        return self.period_ends_on


class Decision(models.Model):
    """The handling opinion and, once decided, the decision. One current decision per request."""

    request = models.ForeignKey(REQUEST, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField("答复类型", max_length=40, choices=Outcome.choices)
    articles = models.TextField("法律依据（条款）")
    reasons = models.TextField("理由")
    form_of_provision = models.TextField("提供信息的形式与途径", blank=True)
    right_agency = models.CharField("负责公开的机关（非本机关负责公开时）", max_length=100, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField("提出办理意见时间")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    is_current = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "办理意见与决定"
        ordering = ["-proposed_at", "-id"]


class SearchRecord(models.Model):
    """The search behind a not_held reply (courts ask for it)."""

    request = models.ForeignKey(REQUEST, on_delete=models.CASCADE, related_name="search_records")
    systems = models.TextField("检索范围（系统、档案）")
    keywords = models.CharField("检索关键词", max_length=200)
    searched_on = models.DateField("检索日期")
    searched_by = models.CharField("检索人", max_length=50)
    result = models.TextField("检索结果", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "检索记录"


class Approval(models.Model):
    request = models.ForeignKey(REQUEST, on_delete=models.CASCADE, related_name="approvals")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="approvals")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField("报批时间")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    approved = models.BooleanField("批准", null=True)
    comment = models.TextField("审批意见", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "审批"
        ordering = ["-submitted_at", "-id"]


class ClockPause(models.Model):
    """A window (start, end] whose workdays do not count towards the reply period."""

    request = models.ForeignKey(REQUEST, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField("暂停原因", max_length=20, choices=PauseReason.choices)
    start = models.DateField("开始")
    end = models.DateField("结束")
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "期限暂停"
        ordering = ["start", "id"]
