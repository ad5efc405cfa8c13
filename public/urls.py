"""Public routes, included under /public/ by requests_cms/urls.py. No login anywhere here."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.agency_list, name="public_agencies"),
    path("agencies/<slug:code>/", views.agency_guide, name="public_guide"),
    path("apply/", views.apply, name="public_apply"),
    path("lookup/", views.lookup, name="public_lookup"),
    path("lookup/letters/<int:letter_pk>/", views.letter_download, name="public_letter"),
    # the local image captcha (django-simple-captcha), asked for after repeated failures
    path("captcha/", include("captcha.urls")),
]
