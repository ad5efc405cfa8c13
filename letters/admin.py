"""Admin: per-agency template overrides with history; letters read-only (they change through the services)."""

from django.contrib import admin
from django.http import HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from .facts import AgencyFacts
from .models import AgencyLetterhead, DocumentNumberCounter, Letter, LetterTemplate
from .services import letter_pdf
from .templating import default_wording


@admin.register(LetterTemplate)
class LetterTemplateAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "agency", "kind", "outcome", "updated_at")
    list_filter = ("kind", "outcome", "agency")
    search_fields = ("title", "body", "agency__name")
    autocomplete_fields = ("agency",)

    def get_changeform_initial_data(self, request):
        """A new override starts from the shipped default wording of the chosen kind and outcome."""
        initial = super().get_changeform_initial_data(request)
        kind, outcome = initial.get("kind"), initial.get("outcome", "")
        if kind:
            try:
                wording = default_wording(kind, outcome)
            except (FileNotFoundError, ValueError):
                return initial
            initial.setdefault("title", wording.title)
            initial.setdefault("body", wording.body)
        return initial


@admin.register(Letter)
class LetterAdmin(SimpleHistoryAdmin):
    list_display = ("title", "document_number", "kind", "outcome", "version", "state", "request", "frozen_at")
    list_filter = ("kind", "state", "agency")
    search_fields = ("document_number", "title", "request__number")
    actions = ("download_pdf",)
    readonly_fields = [field.name for field in Letter._meta.fields if field.name != "pdf"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="下载所选文书的PDF（仅一件）")
    def download_pdf(self, request, queryset):
        letter = queryset.first()
        # The admin shows the issuing agency's row anyway; a draft's preview is signed with its name.
        pdf = letter_pdf(letter, agency=AgencyFacts(name=letter.agency.name))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="letter-{letter.pk}-v{letter.version}.pdf"'
        return response


@admin.register(AgencyLetterhead)
class AgencyLetterheadAdmin(SimpleHistoryAdmin):
    list_display = ("agency", "authority_mark", "seal_image")
    autocomplete_fields = ("agency",)


@admin.register(DocumentNumberCounter)
class DocumentNumberCounterAdmin(admin.ModelAdmin):
    list_display = ("agency", "kind", "year", "last_number")
    list_filter = ("kind", "year")

    def has_change_permission(self, request, obj=None):
        return False
