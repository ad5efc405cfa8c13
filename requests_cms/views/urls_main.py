"""Accounts, dashboard, list + export, deadline calculator (issue 5, part A)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import calculator, dashboard, lists

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("", dashboard.dashboard, name="dashboard"),
    path("requests/", lists.request_list, name="request_list"),
    path("requests/export/", lists.request_export, name="request_export"),
    path("requests/<int:pk>/deadline/", dashboard.deadline_explain, name="deadline_explain"),
    path("tools/deadline/", calculator.deadline_calculator, name="deadline_calculator"),
]
