"""Admin: reference data is editable with history; requests and their history are read-only."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import models


@admin.register(models.Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_name", "code", "level", "effective_reconsideration_body", "court")
    list_filter = ("level",)
    search_fields = ("name", "short_name", "code")


@admin.register(models.User)
class StaffAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ("username", "full_name", "agency", "roles", "is_active")
    list_filter = ("agency", "is_active")
    fieldsets = UserAdmin.fieldsets + (("机关与角色", {"fields": ("full_name", "agency", "roles")}),)


class ReadOnlyMixin:
    """Requests and their records are changed only through the workflow, never in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    pass


@admin.register(models.InformationRequest)
class InformationRequestAdmin(ReadOnlyAdmin):
    list_display = ("number", "agency", "state", "received_on", "due_date", "outcome")
    list_filter = ("state", "agency")
    search_fields = ("number",)


@admin.register(models.RequestEvent)
class RequestEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("request", "seq", "action", "actor_name", "at", "from_state", "to_state")
    readonly_fields = [f.name for f in models.RequestEvent._meta.fields]


for model in (models.Applicant, models.Correction, models.Consultation, models.Extension, models.FeeNotice,
              models.Decision, models.SearchRecord, models.Approval, models.ClockPause, models.Delivery,
              models.PostalEvent, models.Attachment, models.Challenge, models.CaseFileExport):
    admin.site.register(model, ReadOnlyAdmin)
