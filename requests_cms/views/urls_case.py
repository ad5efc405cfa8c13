from django.urls import path

from . import actions, case, letters, registration, uploads

urlpatterns = [
    path("requests/new/", registration.request_register, name="request_register"),
    path("requests/new/preview/", registration.register_preview, name="register_preview"),
    path("applicants/lookup/", registration.applicant_lookup, name="applicant_lookup"),
    path("requests/<int:pk>/", case.request_detail, name="request_detail"),
    path("requests/<int:pk>/actions/<slug:action>/", actions.request_action, name="request_action"),
    path("requests/<int:pk>/attachments/new/", uploads.attachment_upload, name="attachment_upload"),
    path("requests/<int:pk>/attachments/<int:attachment_pk>/", uploads.attachment_download,
         name="attachment_download"),
    path("requests/<int:pk>/letters/draft/", letters.letter_draft, name="letter_draft_select"),
    path("requests/<int:pk>/letters/draft/<slug:kind>/", letters.letter_draft, name="letter_draft"),
    path("requests/<int:pk>/letters/<int:letter_pk>/pdf/", letters.letter_pdf, name="letter_pdf"),
    path("requests/<int:pk>/letters/<int:letter_pk>/edit/", letters.letter_edit, name="letter_edit"),
]
