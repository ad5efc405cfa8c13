"""The agency's administrator edits its guide extras and its applicant notice wording (with history); submissions are
read-only here (the registrar acts in /online/); API keys are the superuser's."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from requests_cms.access import may_administer_departments

from .models import ApiKey, DisclosureGuide, NoticeTemplate, OnlineSubmission


class AgencyScopedAdmin(SimpleHistoryAdmin):
    """Scoped to the administrator's agency, as the departments are (the superuser sees every agency)."""

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
        return False

    def get_readonly_fields(self, request, obj=None):
        return () if request.user.is_superuser else ("agency",)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.agency_id = request.user.agency_id
        super().save_model(request, obj, form, change)


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(AgencyScopedAdmin):
    list_display = ("agency", "event", "subject")


@admin.register(DisclosureGuide)
class DisclosureGuideAdmin(AgencyScopedAdmin):
    list_display = ("agency", "office_hours", "published")


@admin.register(OnlineSubmission)
class OnlineSubmissionAdmin(admin.ModelAdmin):
    list_display = ("number", "agency", "status", "submitted_at")
    list_filter = ("status",)
    exclude = ("code_hash",)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(agency_id=request.user.agency_id)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "agency", "scopes", "active", "last_used_at")
    readonly_fields = ("prefix", "key_hash", "last_used_at")

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False  # keys are made with public.api.new_key, which shows the key once
