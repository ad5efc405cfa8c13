"""Every route of the site. The route names are the contract of the templates, the tests and bench/pages.py."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from requests_cms.health import healthz

from .views import (
    calculator,
    case,
    casefile,
    dashboard,
    delivery,
    letters,
    lists,
    registration,
    reports,
    uploads,
)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page links; the file is a static asset (whitenoise serves it).
    path("favicon.ico", RedirectView.as_view(url=static("favicon.ico"), permanent=True), name="favicon"),
    path("admin/", admin.site.urls),
    # the applicant's side (public/, issue 16): public pages without login, and the registrar's online queue
    path("public/", include("public.urls")),
    path("online/", include("public.desk_urls")),
    # accounts
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/notifications/", dashboard.notification_preferences, name="notification_preferences"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # dashboard, list + export, deadline tools
    path("", dashboard.dashboard, name="dashboard"),
    path("requests/", lists.request_list, name="request_list"),
    path("requests/export/", lists.request_export, name="request_export"),
    path("requests/export/<int:job_pk>/status/", lists.list_export_status, name="list_export_status"),
    path("requests/export/<int:job_pk>/download/", lists.list_export_download, name="list_export_download"),
    path("requests/<int:pk>/deadline/", dashboard.deadline_explain, name="deadline_explain"),
    path("tools/deadline/", calculator.deadline_calculator, name="deadline_calculator"),
    # registration
    path("requests/new/", registration.request_register, name="request_register"),
    path("requests/new/preview/", registration.register_preview, name="register_preview"),
    path("applicants/lookup/", registration.applicant_lookup, name="applicant_lookup"),
    # the case page, its actions, attachments and letters
    path("requests/<int:pk>/", case.request_detail, name="request_detail"),
    path("requests/<int:pk>/actions/<slug:action>/", case.request_action, name="request_action"),
    path("requests/<int:pk>/routings/<int:routing_pk>/<slug:step>/", case.routing_action, name="routing_action"),
    path("requests/<int:pk>/attachments/new/", uploads.attachment_upload, name="attachment_upload"),
    path("requests/<int:pk>/attachments/<int:attachment_pk>/", uploads.attachment_download,
         name="attachment_download"),
    path("requests/<int:pk>/letters/draft/", letters.letter_draft, name="letter_draft_select"),
    path("requests/<int:pk>/letters/draft/<slug:kind>/", letters.letter_draft, name="letter_draft"),
    path("requests/<int:pk>/letters/<int:letter_pk>/pdf/", letters.letter_pdf, name="letter_pdf"),
    path("requests/<int:pk>/letters/<int:letter_pk>/edit/", letters.letter_edit, name="letter_edit"),
    path("requests/<int:pk>/letters/<int:letter_pk>/issue/", letters.letter_issue, name="letter_issue"),
    # responsive documents and their redaction (区分处理)
    path("requests/<int:pk>/documents/<int:doc_pk>/redact/", uploads.redaction_page, name="redaction_page"),
    path("requests/<int:pk>/documents/<int:doc_pk>/review/", uploads.redaction_review, name="redaction_review"),
    path("requests/<int:pk>/documents/<int:doc_pk>/released.pdf", uploads.redaction_released_pdf,
         name="redaction_released_pdf"),
    path("requests/<int:pk>/documents/<int:doc_pk>/<slug:which>/<int:page>.png", uploads.redaction_page_image,
         name="redaction_page_image"),
    path("requests/<int:pk>/documents/<int:doc_pk>/<slug:step>/", uploads.redaction_action,
         name="redaction_action"),
    path("requests/<int:pk>/redaction-log.pdf", uploads.redaction_log_pdf, name="redaction_log_pdf"),
    # delivery, postal proof, challenges, the case file
    path("requests/<int:pk>/delivery/", delivery.delivery_panel, name="delivery_panel"),
    path("requests/<int:pk>/delivery/new/", delivery.delivery_new, name="delivery_new"),
    path("requests/<int:pk>/delivery/close/", delivery.delivery_close, name="delivery_close"),
    path("requests/<int:pk>/delivery/<int:delivery_pk>/<slug:action>/", delivery.delivery_action,
         name="delivery_action"),
    path("requests/<int:pk>/challenges/new/", delivery.challenge_new, name="challenge_new"),
    path("requests/<int:pk>/challenges/<int:challenge_pk>/result/", delivery.challenge_result,
         name="challenge_result"),
    path("requests/<int:pk>/complaints/new/", delivery.complaint_new, name="complaint_new"),
    path("requests/<int:pk>/complaints/<int:complaint_pk>/result/", delivery.complaint_result,
         name="complaint_result"),
    path("requests/<int:pk>/casefile/", casefile.casefile_export, name="casefile_export"),
    path("requests/<int:pk>/casefile/<int:job_pk>/status/", casefile.casefile_status, name="casefile_status"),
    path("requests/<int:pk>/casefile/<int:job_pk>/<slug:part>/", casefile.casefile_download,
         name="casefile_download"),
    # annual report, oversight statistics
    path("reports/annual/", reports.annual_report, name="annual_report"),
    path("reports/statistics/", reports.oversight_stats, name="oversight_stats"),
    # supervision (督办) by the oversight office
    path("supervision/", reports.supervision_list, name="supervision_list"),
    path("supervision/new/", reports.supervision_new, name="supervision_new"),
    path("supervision/<int:pk>/", reports.supervision_detail, name="supervision_detail"),
]
