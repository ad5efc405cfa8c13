"""All site routes. Each area owns its own url module; the names below are the contract between them."""

from django.urls import include, path

urlpatterns = [
    # accounts, dashboard, list + export, deadline calculator, reminders (issue 5, part A)
    path("", include("requests_cms.views.urls_main")),
    # registration, case page, actions, uploads (issue 5, part B)
    path("", include("requests_cms.views.urls_case")),
    # delivery records, postal proof, challenges, case file export (issue 6)
    path("", include("requests_cms.views.urls_delivery")),
    # annual report, oversight statistics, ledger import (issue 7)
    path("", include("requests_cms.views.urls_reports")),
]
