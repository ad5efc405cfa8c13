"""Responsive documents (答复所提供的信息) and their redaction for partial disclosure (区分处理, REG 37).

A ResponsiveDocument is one uploaded document (an Attachment: the handler's upload or a department's 会办 answer)
as the material to release. Its original is evidence kept for the agency's staff only: it is never delivered and
never public. The boxes drawn on it (RedactionBox, with reason, article, who and when) are its redaction log; the
released copy is made from them by the redaction engine and frozen with its digest. Once the reply is approved a
document is frozen: changing its redaction makes a new version (a new row that `replaces` it), like a frozen letter.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from letters.outcomes import REDACTION_REASONS, redaction_reason

REQUEST = "requests_cms.InformationRequest"


class ResponsiveSource(models.TextChoices):
    HANDLER = "handler", "承办人上传"
    DEPARTMENT = "department", "业务科室提供"


class ResponsiveState(models.TextChoices):
    MARKING = "marking", "标注中"
    RELEASED = "released", "已生成公开件"
    APPROVED = "approved", "已批准（冻结）"


RedactionReasonCode = models.TextChoices("RedactionReasonCode", [(r.code, (r.code, r.label))
                                                                 for r in REDACTION_REASONS])


def released_path(instance, filename):
    return f"released/{instance.request_id}/{instance.released_sha256}.pdf"


class ResponsiveDocument(models.Model):
    request = models.ForeignKey(REQUEST, on_delete=models.CASCADE, related_name="responsive_documents")
    original = models.ForeignKey("requests_cms.Attachment", verbose_name="原件", on_delete=models.PROTECT,
                                 related_name="responsive_versions")
    source = models.CharField("来源", max_length=20, choices=ResponsiveSource.choices)
    title = models.CharField("文件名称", max_length=200)
    state = models.CharField("状态", max_length=20, choices=ResponsiveState.choices, default=ResponsiveState.MARKING)
    version = models.PositiveIntegerField("版本", default=1)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="replaced_by")
    is_current = models.BooleanField(default=True)
    page_count = models.PositiveIntegerField("原件页数")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("建立时间")
    released_file = models.FileField(upload_to=released_path, max_length=300, blank=True)
    released_sha256 = models.CharField("公开件SHA-256", max_length=64, blank=True)
    released_pages = models.PositiveIntegerField("公开件页数", null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    released_at = models.DateTimeField("公开件生成时间", null=True, blank=True)
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "答复提供的文件"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["original"], condition=Q(is_current=True),
                                    name="one_current_responsive_version"),
        ]

    def __str__(self):
        return f"{self.title}（第{self.version}版）"

    @property
    def is_frozen(self):
        return self.state == ResponsiveState.APPROVED


class RedactionBox(models.Model):
    """One withheld area: page, rectangle in fractions of the displayed page, reason, who and when."""

    document = models.ForeignKey(ResponsiveDocument, on_delete=models.CASCADE, related_name="boxes")
    page = models.PositiveIntegerField("页码")
    left = models.FloatField()
    top = models.FloatField()
    width = models.FloatField()
    height = models.FloatField()
    reason = models.CharField("理由", max_length=30, choices=RedactionReasonCode.choices)
    # How it was made: drawn by hand, accepted from a text-layer proposal, or copied to every page.
    origin = models.CharField("来源", max_length=20, default="hand")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField("标注时间")

    class Meta:
        verbose_name = verbose_name_plural = "遮盖标注"
        ordering = ["page", "top", "left", "id"]

    @property
    def article(self):
        return redaction_reason(self.reason).article

    @property
    def reason_label(self):
        return redaction_reason(self.reason).label
