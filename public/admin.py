"""The agency's administrator edits its guide extras and its applicant notice wording (with history); submissions are
read-only here (the registrar acts in /online/); API keys are the superuser's."""

from django.contrib import admin

from requests_cms.admin import AgencyScopedAdmin

from .models import ApiKey, DisclosureGuide, NoticeTemplate, OnlineSubmission


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
