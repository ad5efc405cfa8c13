"""Calendars in the database: regions, the official notices, and the listed days of each.

Every model keeps its full history (django-simple-history). Saving or deleting a row invalidates the in-process
calendar cache at once (``registry.invalidate``) and, after the transaction commits, asks the project to recompute the
cached due dates that depend on the changed dates (``recompute.schedule``). Both are explicit calls from save/delete,
not signals.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from . import recompute, registry
from .engine import FIRST_DAY, LAST_DAY, NATIONAL


class Region(models.Model):
    """A calendar region. ``national`` is the root; a region inherits its parent's days and adds or removes some."""

    code = models.SlugField("代码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=100)
    parent = models.ForeignKey(
        "self", verbose_name="上级地区", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        help_text="留空表示直接继承全国日历",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "日历地区"
        verbose_name_plural = "日历地区"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name}（{self.code}）"

    def save(self, *args, **kwargs):
        parent_changed = self.pk is not None and (
            Region.objects.filter(pk=self.pk).values_list("parent_id", flat=True).first() != self.parent_id
        )
        super().save(*args, **kwargs)
        registry.invalidate()
        if parent_changed:
            recompute.schedule(FIRST_DAY, LAST_DAY)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        registry.invalidate()
        return result

    def clean(self):
        if self.code == NATIONAL and self.parent_id:
            raise ValidationError({"parent": "全国日历没有上级地区"})
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": "上级地区不能形成循环"})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class OfficialNotice(models.Model):
    """A holiday notice: the State Council's for the national region, or a regional government's."""

    region = models.ForeignKey(Region, verbose_name="地区", on_delete=models.PROTECT, related_name="notices")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("通知标题", max_length=200)
    url = models.URLField("链接", max_length=300, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    source_note = models.TextField("来源说明", blank=True, help_text="文号、补充或调整通知等")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "放假通知"
        verbose_name_plural = "放假通知"
        ordering = ["region__code", "-year"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="unique_notice_per_region_year")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        registry.invalidate()
        recompute.schedule(date(self.year - 1, 12, 1), date(self.year, 12, 31))

    def delete(self, *args, **kwargs):
        year = self.year
        result = super().delete(*args, **kwargs)
        registry.invalidate()
        recompute.schedule(date(year - 1, 12, 1), date(year, 12, 31))
        return result

    @property
    def source(self) -> str:
        return f"{self.title}（{self.url}）" if self.url else self.title


class CalendarDay(models.Model):
    """A listed day of a region: off, or a workday. A region's row overrides what it inherits for that date."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", "放假（休息日）"
        MAKE_UP_WORKDAY = "make_up_workday", "调休上班（周末上班）"
        WORKDAY_OVERRIDE = "workday_override", "照常上班（取消上级日历的放假）"

    region = models.ForeignKey(Region, verbose_name="地区", on_delete=models.PROTECT, related_name="days")
    date = models.DateField("日期")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    name = models.CharField("节日名称", max_length=50, blank=True)
    notice = models.ForeignKey(
        OfficialNotice, verbose_name="依据通知", null=True, blank=True, on_delete=models.PROTECT, related_name="days",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "日历日"
        verbose_name_plural = "日历日"
        ordering = ["region__code", "date"]
        constraints = [models.UniqueConstraint(fields=["region", "date"], name="unique_calendar_day_per_region")]
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return f"{self.date.isoformat()} {self.get_kind_display()} {self.name}".strip()

    def save(self, *args, **kwargs):
        previous = None
        if self.pk is not None:
            previous = CalendarDay.objects.filter(pk=self.pk).values_list("date", flat=True).first()
        super().save(*args, **kwargs)
        registry.invalidate()
        changed = [self.date] if previous is None else [self.date, previous]
        recompute.schedule(min(changed), max(changed))

    def delete(self, *args, **kwargs):
        changed = self.date
        result = super().delete(*args, **kwargs)
        registry.invalidate()
        recompute.schedule(changed, changed)
        return result

    @property
    def is_workday(self) -> bool:
        return self.kind != self.Kind.DAY_OFF

    def clean(self):
        if self.date and not FIRST_DAY <= self.date <= LAST_DAY:
            raise ValidationError({"date": f"日期应在{FIRST_DAY}至{LAST_DAY}之间"})
        if self.kind == self.Kind.MAKE_UP_WORKDAY and self.date and self.date.weekday() < 5:
            raise ValidationError({"kind": "调休上班日应为星期六或星期日；取消放假请选“照常上班”"})
        duplicates = CalendarDay.objects.filter(region_id=self.region_id, date=self.date).exclude(pk=self.pk)
        if self.region_id and self.date and duplicates.exists():
            raise ValidationError({"date": "该地区已有这一天的记录，请直接修改该记录"})
        if self.notice_id and self.region_id and self.notice.region_id != self.region_id:
            raise ValidationError({"notice": "依据通知应属于同一地区"})
        if self.notice_id and self.date and self.date.year not in (self.notice.year - 1, self.notice.year):
            raise ValidationError({"date": "日期应在通知年度内（或其上一年年末）"})
