"""Agencies, staff and applicants."""

from datetime import time

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from requests_cms.search_grams import document

from .choices import AgencyLevel, ApplicantKind, FeeMethod, IdentityDocument, Role


class Agency(models.Model):
    name = models.CharField("机关全称", max_length=100, unique=True)
    short_name = models.CharField("简称（用于文号）", max_length=20)
    code = models.SlugField("代码（用于申请编号）", max_length=20, unique=True)
    level = models.CharField("层级", max_length=30, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name="本级人民政府 / 上级机关", null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    parent_name = models.CharField(
        "上级人民政府名称（系统外）", max_length=100, blank=True,
        help_text="上级人民政府不在本系统中时填写，例如 晋城市人民政府",
    )
    line_superior = models.CharField(
        "垂直管理上一级机关", max_length=100, blank=True, help_text="垂直管理机关填写，例如 国家税务总局晋城市税务局",
    )
    reconsideration_body = models.CharField(
        "行政复议机关", max_length=100, blank=True, help_text="留空则按层级推定（2023年行政复议法）",
    )
    court = models.CharField("管辖法院", max_length=100, blank=True)
    online_reconsideration_channel = models.CharField("网上申请行政复议渠道", max_length=200, blank=True)
    calendar_region = models.CharField("工作日历地区", max_length=32, default="national")
    address = models.CharField("通讯地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    disclosure_office = models.CharField("政府信息公开工作机构", max_length=100, blank=True)
    document_number_format = models.CharField(
        "文号格式", max_length=60, default="{short_name}公开〔{year}〕{number}号",
        help_text="可用 {short_name} {year} {number}",
    )
    fee_method = models.CharField("收费方式", max_length=20, choices=FeeMethod.choices, default=FeeMethod.PER_REQUEST)
    notices_need_approval = models.BooleanField(
        "告知书须经审批人签发", default=False,
        help_text="勾选后，补正告知书、征求意见书、收费通知书等均须由负责人（审批人）签发；延期答复告知书始终须审批人签发",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "行政机关"
        ordering = ["id"]

    def __str__(self):
        return self.name

    @property
    def effective_reconsideration_body(self):
        from requests_cms.remedies import default_reconsideration_body

        return self.reconsideration_body or default_reconsideration_body(self)


class Department(models.Model):
    """A business department (业务科室) of an agency: it holds the information and answers internal consultations
    (会办). Edited by the agency's administrator (admin.py, scoped by access.may_administer_departments)."""

    agency = models.ForeignKey(Agency, verbose_name="所属机关", on_delete=models.PROTECT, related_name="departments")
    name = models.CharField("科室名称", max_length=60)
    active = models.BooleanField("启用", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "业务科室"
        ordering = ["agency_id", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unique_department_name_per_agency")]

    def __str__(self):
        return self.name


class User(AbstractUser):
    full_name = models.CharField("姓名", max_length=50, blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name="所属机关", null=True, blank=True, on_delete=models.PROTECT, related_name="staff",
    )
    roles = models.JSONField("角色", default=list, blank=True)
    # The department of a department officer (业务科室经办人); it must belong to the user's agency (clean()).
    department = models.ForeignKey(
        Department, verbose_name="所属业务科室", null=True, blank=True, on_delete=models.PROTECT, related_name="staff",
    )
    # Staff notifications (requests_cms/notifications.py): channels and the quiet hours in which no SMS is sent (nor
    # on a non-workday of the agency's calendar); a held SMS goes out at the end of the quiet hours of the next workday.
    mobile = models.CharField("手机号码（短信通知）", max_length=20, blank=True)
    notify_email = models.BooleanField("邮件通知", default=True)
    notify_sms = models.BooleanField("短信通知", default=False)
    quiet_start = models.TimeField("免打扰开始（短信）", default=time(21, 0))
    quiet_end = models.TimeField("免打扰结束（短信）", default=time(8, 0))
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = verbose_name_plural = "工作人员"

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        if self.department_id and self.department.agency_id != self.agency_id:
            raise ValidationError({"department": "业务科室必须属于该工作人员所属的机关"})

    @property
    def display_name(self):
        return self.full_name or self.username

    def has_role(self, role):
        return role in (self.roles or [])

    @property
    def role_labels(self):
        return [Role(r).label for r in self.roles or [] if r in Role.values]


class Applicant(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="登记机关", on_delete=models.PROTECT, related_name="applicants")
    kind = models.CharField("申请人类型", max_length=20, choices=ApplicantKind.choices)
    name = models.CharField("姓名/名称", max_length=100)
    # The list search's bigrams of the name (requests_cms.search_grams), set by save(); code that inserts rows without
    # save() (bulk_create, COPY) must set it with search_grams.document(name).
    search_grams = models.TextField("检索词元", blank=True, default="", editable=False)
    id_type = models.CharField("证件类型", max_length=20, choices=IdentityDocument.choices, blank=True)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    history = HistoricalRecords(excluded_fields=["search_grams"])  # derived from the name

    class Meta:
        verbose_name = verbose_name_plural = "申请人"
        indexes = [models.Index(fields=["agency", "name"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_grams = document(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_grams"}
        super().save(*args, **kwargs)
