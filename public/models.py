"""The public side's own records: the agency's disclosure guide extras, online submissions and their log.

An online submission is not an InformationRequest until the registrar confirms it (REG 31(3): the receipt date is the
date both sides confirm). Keeping it in its own table is the least invasive way to show "网上申请待确认": the state
machine, the request numbers (gap-free per agency and year) and the report tallies are untouched by spam.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from requests_cms.models import Agency, ApplicantKind, DeliveryMethod, IdentityDocument, RequestedForm


class DisclosureGuide(models.Model):
    """What the agency's public guide (政府信息公开指南) shows besides the Agency's own address fields."""

    agency = models.OneToOneField(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="public_guide")
    office_hours = models.CharField("受理时间", max_length=200, default="工作日 上午9:00—12:00，下午13:30—17:30")
    channels = models.TextField("申请渠道", default="当面提交；邮寄（信封注明“政府信息公开申请”）；网上申请（本网站）")
    published = models.BooleanField("公开显示", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开指南（公众页面）"

    def __str__(self):
        return f"{self.agency}指南"


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", "网上申请待确认"
    CONFIRMED = "confirmed", "已确认受理登记"
    REJECTED = "rejected", "未予登记"


class RejectReason(models.TextChoices):
    SPAM = "spam", "垃圾信息"
    DUPLICATE = "duplicate", "重复提交"


class OnlineSubmission(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="申请机关", on_delete=models.PROTECT,
                               related_name="online_submissions")
    number = models.CharField("网上申请编号", max_length=24, unique=True)
    status = models.CharField("状态", max_length=20, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.PENDING, db_index=True)
    kind = models.CharField("申请人类型", max_length=20, choices=ApplicantKind.choices)
    name = models.CharField("姓名/名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdentityDocument.choices)
    id_number = models.CharField("证件号码", max_length=40)
    legal_representative = models.CharField("法定代表人", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话（手机）", max_length=20)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    description = models.TextField("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    purpose = models.TextField("申请用途", blank=True)
    requested_form = models.CharField("获取信息的方式", max_length=20, choices=RequestedForm.choices)
    delivery_method = models.CharField("获取信息的途径", max_length=20, choices=DeliveryMethod.choices)
    # The query code (查询码) itself is never stored: only an scrypt hash with its own salt (public/codes.py).
    code_hash = models.CharField(max_length=200)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    client_ip = models.GenericIPAddressField("提交IP", null=True, blank=True)
    request = models.OneToOneField("requests_cms.InformationRequest", verbose_name="登记的申请", null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="online_submission")
    reject_reason = models.CharField("未予登记原因", max_length=20, choices=RejectReason.choices, blank=True)
    reject_note = models.TextField("说明", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "网上申请"
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["agency", "status", "submitted_at"])]

    def __str__(self):
        return self.number


def submission_path(instance, filename):
    return f"public/{instance.submission.number}/{instance.sha256[:16]}"


class SubmissionFile(models.Model):
    class Kind(models.TextChoices):
        ID_PROOF = "id_proof", "身份证明"
        ATTACHMENT = "attachment", "其他附件"

    submission = models.ForeignKey(OnlineSubmission, on_delete=models.PROTECT, related_name="files")
    kind = models.CharField("材料类型", max_length=20, choices=Kind.choices)
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField(max_length=40)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    file = models.FileField(upload_to=submission_path, max_length=300)

    class Meta:
        verbose_name = verbose_name_plural = "网上申请材料"


class SubmissionEvent(models.Model):
    """What happened to a submission before it became a request (and its rejection): append-only."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "网上提交"
        CONFIRM = "confirm", "确认登记"
        REJECT = "reject", "未予登记"
        NOTIFY = "notify", "通知申请人"
        DOWNLOAD = "download", "申请人下载文书"

    submission = models.ForeignKey(OnlineSubmission, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["submission_id", "id"]

    def save(self, *args, **kwargs):
        if self.pk:
            raise PermissionError("网上申请记录不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("网上申请记录不可删除")


class ApiKey(models.Model):
    """A platform's key for the JSON API (政务服务平台, an agency's own site). Only a SHA-256 of the key is stored (the
    key is 32 random bytes, so a fast hash suffices); `prefix` names it in lists and logs."""

    class Scope(models.TextChoices):
        SUBMIT = "submit", "提交申请"
        LOOKUP = "lookup", "查询进度"

    name = models.CharField("平台名称", max_length=100)
    agency = models.ForeignKey(Agency, verbose_name="限于机关（留空为全部）", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    prefix = models.CharField(max_length=8, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField("权限范围", default=list)
    active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "接口密钥"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class NoticeTemplate(models.Model):
    """An agency's wording of one applicant notice (public/notice_texts.py has the defaults and the placeholders).
    Edited in the admin by the agency's administrator; every change is kept in the history."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="+")
    event = models.CharField("通知事项", max_length=20, choices=[
        ("received", "收到网上申请"), ("confirmed", "确认登记"), ("rejected", "未予登记（重复）"),
        ("correction", "需要补正"), ("extension", "延期答复"), ("reply", "已作出答复"), ("letter", "其他文书")])
    subject = models.CharField("标题", max_length=100)
    body = models.TextField("正文", max_length=1000, help_text="可用 {agency} {number} {code}（仅收到申请通知）"
                            "{request_number} {received_on} {due_date} {reason} {letter} {how}")
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "申请人通知模板"
        constraints = [models.UniqueConstraint(fields=["agency", "event"], name="unique_notice_template_per_event")]

    def __str__(self):
        return f"{self.agency.short_name} · {self.get_event_display()}"
