"""Internal consultation (会办) of the agency's business departments, supervision (督办) by the oversight office and
complaints (投诉) about the handling of a request (domain.md §3)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .organisation import Agency, Department

REQUEST = "requests_cms.InformationRequest"


class RoutingStatus(models.TextChoices):
    ROUTED = "routed", "待签收"
    SIGNED = "signed", "已签收"
    ANSWERED = "answered", "已答复"
    RETURNED = "returned", "已退回"


OPEN_ROUTING = (RoutingStatus.ROUTED, RoutingStatus.SIGNED)


class DepartmentOpinion(models.TextChoices):
    PROVIDE = "provide", "提供"
    PARTIAL = "partial", "部分提供"
    NOT_HELD = "none_held", "不掌握"  # not the outcome code not_held (letters/outcomes.py spells those)
    NOT_DISCLOSABLE = "not_disclosable", "不宜公开"


class InternalRouting(models.Model):
    """One department's part in a request: routed with a note and an internal due date, signed for, then answered
    with an opinion (and documents, Attachment.routing) or returned with a reason. Never pauses the reply clock."""

    request = models.ForeignKey(REQUEST, on_delete=models.CASCADE, related_name="routings")
    department = models.ForeignKey(Department, verbose_name="业务科室", on_delete=models.PROTECT,
                                   related_name="routings")
    note = models.TextField("会办事项")
    internal_due = models.DateField("内部办理期限")
    routed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    routed_at = models.DateTimeField("转办时间")
    status = models.CharField("状态", max_length=10, choices=RoutingStatus.choices, default=RoutingStatus.ROUTED)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    signed_at = models.DateTimeField("签收时间", null=True, blank=True)
    opinion = models.CharField("科室意见", max_length=20, choices=DepartmentOpinion.choices, blank=True)
    reasons = models.TextField("理由", blank=True)
    articles = models.TextField("依据条款", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    suggested_department = models.ForeignKey(Department, verbose_name="建议转办科室", null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "会办"
        ordering = ["routed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "department"], condition=Q(status__in=OPEN_ROUTING),
                                    name="one_open_routing_per_department"),
        ]
        indexes = [models.Index(fields=["department", "status"], name="routing_department_status_idx")]

    @property
    def is_open(self):
        return self.status in OPEN_ROUTING


class SupervisionScope(models.TextChoices):
    REQUEST = "request", "单件申请"
    OVERDUE = "overdue", "本机关已超期申请"
    DUE_SOON = "due_soon", "本机关临近到期申请"


class SupervisionNotice(models.Model):
    """A 督办单 of the oversight office to an agency, on one request or on the agency's overdue / near-due requests
    (the requests it covers are fixed when it is issued). The agency's approver answers."""

    agency = models.ForeignKey(Agency, verbose_name="被督办机关", on_delete=models.PROTECT,
                               related_name="supervision_notices")
    scope = models.CharField("督办范围", max_length=10, choices=SupervisionScope.choices)
    requests = models.ManyToManyField(REQUEST, verbose_name="督办的申请", related_name="supervision_notices")
    reason = models.TextField("督办事由")
    response_due = models.DateField("反馈期限")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField("督办时间")
    answer = models.TextField("办理情况", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    answered_at = models.DateTimeField("反馈时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "督办单"
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["agency", "answered_at"], name="supervision_agency_open_idx")]

    @property
    def is_open(self):
        return self.answered_at is None

    def is_overdue(self, today):
        return self.is_open and self.response_due < today


class ComplaintChannel(models.TextChoices):
    HOTLINE = "hotline", "12345政务服务热线"
    LETTER = "letter", "来信"
    ONLINE = "online", "网上投诉"
    IN_PERSON = "in_person", "来访"
    REFERRED = "referred", "上级机关转办"


class ComplaintResult(models.TextChoices):
    PENDING = "pending", "处理中"
    UPHELD = "upheld", "投诉成立"
    PARTLY = "partly", "部分成立"
    REJECTED = "rejected", "投诉不成立"
    WITHDRAWN = "withdrawn", "投诉人撤回"


class Complaint(models.Model):
    """A complaint (投诉) about the handling of a request, for the yearly assessment's evidence."""

    request = models.ForeignKey(REQUEST, on_delete=models.PROTECT, related_name="complaints")
    complainant = models.CharField("投诉人", max_length=100)
    channel = models.CharField("受理渠道", max_length=20, choices=ComplaintChannel.choices)
    received_on = models.DateField("收到投诉日期")
    subject = models.TextField("投诉事项")
    result = models.CharField("处理结果", max_length=20, choices=ComplaintResult.choices,
                              default=ComplaintResult.PENDING)
    result_note = models.TextField("处理情况", blank=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "投诉"
        ordering = ["-received_on", "-id"]
