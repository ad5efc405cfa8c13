"""Public routes, included under /public/ by requests_cms/urls.py. No login anywhere here."""

from django.urls import include, path

from . import api, views

urlpatterns = [
    path("", views.agency_list, name="public_agencies"),
    path("agencies/<slug:code>/", views.agency_guide, name="public_guide"),
    path("apply/", views.apply, name="public_apply"),
    path("lookup/", views.lookup, name="public_lookup"),
    path("lookup/letters/<int:letter_pk>/", views.letter_download, name="public_letter"),
    path("lookup/released/<int:document_pk>/", views.released_download, name="public_released"),
    path("lookup/released/log/", views.released_log, name="public_released_log"),
    # the JSON API for platforms (public/api.py) and its schema
    path("api/openapi.json", api.openapi, name="public_api_schema"),
    path("api/v1/submissions", api.submit, name="public_api_submit"),
    path("api/v1/lookup", api.lookup, name="public_api_lookup"),
    # the local image captcha (django-simple-captcha), asked for after repeated failures
    path("captcha/", include("captcha.urls")),
]
