"""Staff routes of the online submissions, included under /online/ (login required)."""

from django.urls import path

from . import desk

urlpatterns = [
    path("", desk.queue, name="online_queue"),
    path("<int:pk>/confirm/", desk.confirm, name="online_confirm"),
    path("<int:pk>/reject/", desk.reject, name="online_reject"),
    path("<int:pk>/files/<int:file_pk>/", desk.submission_file, name="online_file"),
]
