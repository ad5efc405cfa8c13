"""Delivery of letters, postal tracking and uploaded documents (domain.md §8)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .choices import AttachmentKind, DeliveryMethod, PostalStatus

REQUEST = "requests_cms.InformationRequest"


class Delivery(models.Model):
    request = models.ForeignKey(REQUEST, on_delete=models.CASCADE, related_name="deliveries")
    # The letter delivered (the reply or a notice); empty only for rows recorded before letters were linked, or for
    # a paper letter made outside the system (then letter_label names it).
    letter = models.ForeignKey("letters.Letter", verbose_name="送达的文书", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="deliveries")
    letter_label = models.CharField("送达文书", max_length=100, blank=True)
    method = models.CharField("送达方式", max_length=20, choices=DeliveryMethod.choices)
    handed_over_on = models.DateField("交邮/交付日期")
    waybill_number = models.CharField("邮件号码", max_length=20, blank=True)
    recipient_name = models.CharField("受送达人", max_length=100, blank=True)
    address = models.CharField("送达地址", max_length=200, blank=True)
    electronic_address = models.CharField("电子送达地址", max_length=200, blank=True)
    sent_at = models.DateTimeField("电子送达发送时间", null=True, blank=True)
    received_on = models.DateField("受送达人收到日期", null=True, blank=True)
    returned_on = models.DateField("退回日期", null=True, blank=True)
    replaces = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="redeliveries")
    no_proof_reason = models.TextField("无法取得送达回证的原因（拒签、见证人）", blank=True)
    no_proof_witnesses = models.CharField("见证人", max_length=200, blank=True)
    no_proof_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.SET_NULL, related_name="+")
    no_proof_recorded_on = models.DateField("无回证原因记录日期", null=True, blank=True)
    # False for the delivery of a notice (correction, extension, fee…): only reply deliveries close a request.
    for_reply = models.BooleanField("答复书送达", default=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "送达"
        ordering = ["handed_over_on", "id"]


class PostalEvent(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="postal_events")
    status = models.CharField("邮件状态", max_length=20, choices=PostalStatus.choices)
    occurred_at = models.DateTimeField("时间")
    location = models.CharField("地点", max_length=100, blank=True)
    signer = models.CharField("签收人", max_length=50, blank=True)
    detail = models.CharField("详情", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "邮件跟踪"
        ordering = ["occurred_at", "id"]


def attachment_path(instance, filename):
    # Never use the uploaded name on disk: digest-addressed, outside the web root.
    return f"attachments/{instance.request_id}/{instance.sha256}"


class Attachment(models.Model):
    request = models.ForeignKey(REQUEST, on_delete=models.CASCADE, related_name="attachments")
    delivery = models.ForeignKey(Delivery, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="attachments")
    # A document a business department supplied with its 会办 answer (it becomes the reply's 提供的信息).
    routing = models.ForeignKey("requests_cms.InternalRouting", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="attachments")
    kind = models.CharField("材料类型", max_length=30, choices=AttachmentKind.choices)
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField("说明", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "附件材料"
        ordering = ["uploaded_at", "id"]

    # What the file really is (judged from its content at upload), in words a clerk reads.
    TYPE_LABELS = {"application/pdf": "PDF 文件", "image/jpeg": "JPEG 图片", "image/png": "PNG 图片"}

    @property
    def type_label(self):
        return self.TYPE_LABELS.get(self.content_type, self.content_type)
