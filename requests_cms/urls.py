from django.contrib import admin
from django.urls import include, path

from requests_cms.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("requests_cms.views.urls")),
]
