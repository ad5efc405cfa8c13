"""Admin: reference data is editable with history; requests and their history are read-only."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import models
from .access import may_administer_departments


@admin.register(models.Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_name", "code", "level", "effective_reconsideration_body", "court")
    list_filter = ("level",)
    search_fields = ("name", "short_name", "code")


@admin.register(models.User)
class StaffAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ("username", "full_name", "agency", "roles", "is_active")
    list_filter = ("agency", "is_active")
    fieldsets = UserAdmin.fieldsets + (
        ("机关与角色", {"fields": ("full_name", "agency", "department", "roles")}),
        ("通知", {"fields": ("notify_email", "notify_sms", "mobile", "quiet_start", "quiet_end")}),
    )


class AgencyScopedAdmin(SimpleHistoryAdmin):
    """Reference data of one agency, edited by that agency's administrator: the list, the forms and the history are
    scoped to the administrator's agency (the superuser sees every agency); rows are never deleted here."""

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("agency")
        return qs if request.user.is_superuser else qs.filter(agency_id=request.user.agency_id)

    def _allowed(self, request, obj=None):
        return may_administer_departments(request.user, obj.agency if obj is not None else None)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # e.g. routings keep their department: deactivate instead

    def get_readonly_fields(self, request, obj=None):
        return () if request.user.is_superuser else ("agency",)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.agency_id = request.user.agency_id
        super().save_model(request, obj, form, change)


@admin.register(models.Department)
class DepartmentAdmin(AgencyScopedAdmin):
    """Departments are edited by their agency's administrator."""

    list_display = ("name", "agency", "active")
    list_filter = ("active",)
    search_fields = ("name",)


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
              models.PostalEvent, models.Attachment, models.Challenge, models.CaseFileExport, models.InternalRouting,
              models.SupervisionNotice, models.Complaint):
    admin.site.register(model, ReadOnlyAdmin)
