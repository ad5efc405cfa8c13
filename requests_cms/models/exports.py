"""A list export job (台账导出): the filtered list written to a file by a worker, downloaded by whoever asked."""

from django.db import models

from .jobs import BackgroundJob


class ListExport(BackgroundJob):
    FORMATS = (("xlsx", "Excel（xlsx）"), ("csv", "CSV"))

    format = models.CharField("格式", max_length=10, choices=FORMATS)
    # The list's query string (filters and search) as the user gave it; the worker filters again as that user.
    params = models.CharField("筛选条件", max_length=2000, blank=True)
    row_count = models.PositiveIntegerField("行数", null=True, blank=True)
    total_rows = models.PositiveIntegerField("预计行数", null=True, blank=True)
    # A name in the default storage (django.core.files.storage), not a file-system path.
    file_path = models.CharField("文件", max_length=300, blank=True)
    file_size = models.PositiveBigIntegerField("文件大小", null=True, blank=True)
    expires_at = models.DateTimeField("过期时间", null=True, blank=True)
    expired = models.BooleanField("文件已清除", default=False)

    class Meta(BackgroundJob.Meta):
        verbose_name = verbose_name_plural = "台账导出"
        indexes = [models.Index(fields=["requested_by", "created_at"], name="listexport_user_idx"),
                   models.Index(fields=["expired", "expires_at"], name="listexport_expiry_idx")]
