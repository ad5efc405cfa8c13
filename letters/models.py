"""Letter templates, letters with their frozen PDFs, document-number counters and agency letterheads."""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .kinds import LetterKind, find_kind
from .outcomes import OUTCOME_RULES
from .templating import template_problems

AGENCY = "requests_cms.Agency"
REQUEST = "requests_cms.InformationRequest"
OUTCOME_CHOICES = [("", "（不区分答复类型）"), *((rule.code, rule.label) for rule in OUTCOME_RULES)]


class LetterTemplate(models.Model):
    """Wording of one kind (and reply outcome): agency empty = the system default, else that agency's override."""

    agency = models.ForeignKey(AGENCY, verbose_name="机关（留空为系统默认）", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="letter_templates")
    kind = models.CharField("文书种类", max_length=40, choices=LetterKind.choices)
    outcome = models.CharField("答复类型", max_length=40, choices=OUTCOME_CHOICES, blank=True,
                               help_text="仅答复书按答复类型区分；其他文书留空")
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文", help_text="每段一行；用 {{ receipt_date }} 等占位符引用申请事实")
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "文书模板"
        ordering = ["agency_id", "kind", "outcome"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "outcome"], name="unique_agency_letter_template"),
            models.UniqueConstraint(fields=["kind", "outcome"], condition=Q(agency__isnull=True),
                                    name="unique_default_letter_template"),
        ]

    def __str__(self):
        owner = self.agency.name if self.agency_id else "系统默认"
        return f"{owner}：{self.get_kind_display()}{'（' + self.get_outcome_display() + '）' if self.outcome else ''}"

    def clean(self):
        spec = find_kind(self.kind)
        if spec is None:
            return  # the field's own validation names the unknown kind
        if spec.form:
            raise ValidationError({"kind": "送达回证和信封是固定格式，没有措辞模板"})
        if spec.per_outcome != bool(self.outcome):
            raise ValidationError({"outcome": "答复书模板须选择答复类型，其他文书不选"})
        problems = template_problems(self.kind, self.outcome, self.title, self.body)
        if problems:
            raise ValidationError({"body": problems})


class LetterState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报批"
    FROZEN = "frozen", "已定稿"
    SUPERSEDED = "superseded", "已被新版本取代"


# What a frozen letter's content digest covers (beside its PDF's SHA-256): signed into the approval's audit event.
LETTER_CONTENT_FIELDS = ("id", "kind", "version", "title", "addressee", "text", "notes", "document_number",
                         "letter_date")


def letter_content_digest(values):
    """SHA-256 over a letter's LETTER_CONTENT_FIELDS values (in that order)."""
    raw = json.dumps([str(v) if v is not None else None for v in values], ensure_ascii=False,
                     separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class Letter(models.Model):
    request = models.ForeignKey(REQUEST, verbose_name="申请", on_delete=models.PROTECT, related_name="letters")
    agency = models.ForeignKey(AGENCY, verbose_name="发文机关", on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField("文书种类", max_length=40, choices=LetterKind.choices)
    outcome = models.CharField("答复类型", max_length=40, choices=OUTCOME_CHOICES, blank=True)
    consultation = models.ForeignKey("requests_cms.Consultation", verbose_name="征求意见", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="letters")
    version = models.PositiveIntegerField("版本", default=1)
    state = models.CharField("状态", max_length=20, choices=LetterState.choices, default=LetterState.DRAFT)
    title = models.CharField("标题", max_length=100)
    addressee = models.CharField("主送", max_length=100)
    text = models.TextField("正文")
    notes = models.TextField("附注", blank=True, help_text="系统生成，例如暂定日历的说明")
    template_source = models.CharField("模板来源", max_length=40)
    document_number = models.CharField("文号", max_length=60, blank=True, db_index=True)
    letter_date = models.DateField("成文日期", null=True, blank=True)
    pdf = models.BinaryField("定稿PDF", null=True, editable=False)
    sha256 = models.CharField("定稿PDF的SHA-256", max_length=64, blank=True)
    frozen_at = models.DateTimeField("定稿时间", null=True, blank=True)
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="定稿人", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    superseded_by = models.OneToOneField("self", verbose_name="新版本", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="previous")
    change_reason = models.TextField("修改理由（新版本）", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="起草人", null=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("起草时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        verbose_name = verbose_name_plural = "文书"
        ordering = ["request_id", "kind", "version"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "document_number"], condition=~Q(document_number=""),
                                    name="unique_document_number_per_agency"),
            models.CheckConstraint(condition=~Q(state="frozen") | ~Q(sha256=""), name="frozen_letter_has_digest"),
        ]

    def __str__(self):
        return f"{self.title} {self.document_number or '（草稿）'} 第{self.version}版"

    def content_digest(self):
        return letter_content_digest([getattr(self, name) for name in LETTER_CONTENT_FIELDS])

    @property
    def is_frozen(self):
        return self.state in (LetterState.FROZEN, LetterState.SUPERSEDED)


class DocumentNumberCounter(models.Model):
    """The last document number issued per agency, kind and year; incremented under a row lock."""

    agency = models.ForeignKey(AGENCY, on_delete=models.PROTECT, related_name="document_number_counters")
    kind = models.CharField("文书种类", max_length=40, choices=LetterKind.choices)
    year = models.PositiveSmallIntegerField("年度")
    last_number = models.PositiveIntegerField("已用到的号", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "文号计数"
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "year"], name="unique_document_number_counter"),
        ]

    def __str__(self):
        return f"{self.agency_id} {self.kind} {self.year}: {self.last_number}"


def seal_path(instance, filename):
    return f"seals/{instance.agency_id}.png"


class AgencyLetterhead(models.Model):
    """What an agency prints on its letters beyond its name: a different mark text, an uploaded seal image."""

    agency = models.OneToOneField(AGENCY, verbose_name="机关", on_delete=models.CASCADE, related_name="letterhead")
    authority_mark = models.CharField("发文机关标志", max_length=40, blank=True, help_text="留空则使用机关全称")
    seal_image = models.ImageField("电子印章图片", upload_to=seal_path, blank=True,
                                   help_text="仅在文书审批完成后印在定稿上；未上传则留出盖章位置")
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "文书版头与印章"

    def __str__(self):
        return str(self.agency)
