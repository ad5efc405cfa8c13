from django.urls import path

from . import casefile, challenges, delivery

urlpatterns = [
    path("requests/<int:pk>/delivery/", delivery.delivery_panel, name="delivery_panel"),
    path("requests/<int:pk>/delivery/new/", delivery.delivery_new, name="delivery_new"),
    path("requests/<int:pk>/delivery/close/", delivery.delivery_close, name="delivery_close"),
    path("requests/<int:pk>/delivery/<int:delivery_pk>/<slug:action>/", delivery.delivery_action,
         name="delivery_action"),
    path("requests/<int:pk>/challenges/new/", challenges.challenge_new, name="challenge_new"),
    path("requests/<int:pk>/challenges/<int:challenge_pk>/result/", challenges.challenge_result,
         name="challenge_result"),
    path("requests/<int:pk>/casefile/", casefile.casefile_export, name="casefile_export"),
    path("requests/<int:pk>/casefile/<int:job_pk>/status/", casefile.casefile_status, name="casefile_status"),
    path("requests/<int:pk>/casefile/<int:job_pk>/<slug:part>/", casefile.casefile_download,
         name="casefile_download"),
]
