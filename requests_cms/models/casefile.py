"""A case-file export job: built in the background, polled by the page, downloaded with a permission check."""

from django.conf import settings
from django.db import models


class CaseFileStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "生成中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class CaseFileExport(models.Model):
    request = models.ForeignKey("requests_cms.InformationRequest", on_delete=models.CASCADE,
                                related_name="casefile_exports")
    status = models.CharField("状态", max_length=20, choices=CaseFileStatus.choices, default=CaseFileStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("进度（%）", default=0)
    step = models.CharField("当前步骤", max_length=100, blank=True)
    page_count = models.PositiveIntegerField("页数", null=True, blank=True)
    pdf_path = models.CharField("PDF文件", max_length=300, blank=True)
    zip_path = models.CharField("原件压缩包", max_length=300, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField("错误", blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "案卷导出"
        ordering = ["-created_at", "-id"]
