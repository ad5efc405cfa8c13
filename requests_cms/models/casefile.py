"""A case-file export job: built by a worker, polled by the page, downloaded with a permission check."""

from django.db import models

from .jobs import BackgroundJob, JobStatus

CaseFileStatus = JobStatus  # the name the case-file code has always used


class CaseFileExport(BackgroundJob):
    request = models.ForeignKey("requests_cms.InformationRequest", on_delete=models.CASCADE,
                                related_name="casefile_exports")
    page_count = models.PositiveIntegerField("页数", null=True, blank=True)
    # Names in the default storage (django.core.files.storage), not file-system paths.
    pdf_path = models.CharField("PDF文件", max_length=300, blank=True)
    zip_path = models.CharField("原件压缩包", max_length=300, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = verbose_name_plural = "案卷导出"
