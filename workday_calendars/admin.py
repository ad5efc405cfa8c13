"""Admin: an administrator enters next year's notice with its days, or a regional day, with full history."""

from django.contrib import admin
from django.db import models
from django.forms.models import BaseInlineFormSet
from simple_history.admin import SimpleHistoryAdmin

from .models import CalendarDay, OfficialNotice, Region


class DeleteOneByOneMixin:
    """Bulk deletion goes through each object's delete(), so caches are invalidated and due dates recomputed."""

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            obj.delete()


class NoticeDaysFormSet(BaseInlineFormSet):
    """Days entered under a notice belong to the notice's region."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.region_id = self.instance.region_id
        return form


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    formset = NoticeDaysFormSet
    fields = ["date", "kind", "name"]
    extra = 0
    ordering = ["date"]


@admin.register(Region)
class RegionAdmin(DeleteOneByOneMixin, SimpleHistoryAdmin):
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name"]


@admin.register(OfficialNotice)
class OfficialNoticeAdmin(DeleteOneByOneMixin, SimpleHistoryAdmin):
    list_display = ["year", "region", "title", "published_on"]
    list_filter = ["region"]
    search_fields = ["title"]
    inlines = [CalendarDayInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(CalendarDay)
class CalendarDayAdmin(DeleteOneByOneMixin, SimpleHistoryAdmin):
    list_display = ["date", "kind", "name", "region", "notice"]
    list_filter = ["region", "kind", "notice__year"]
    search_fields = ["name"]
    date_hierarchy = "date"
    autocomplete_fields = ["notice"]
