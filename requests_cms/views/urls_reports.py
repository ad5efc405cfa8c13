from django.urls import path

from . import reports

urlpatterns = [
    path("reports/annual/", reports.annual_report, name="annual_report"),
    path("reports/statistics/", reports.oversight_stats, name="oversight_stats"),
]
