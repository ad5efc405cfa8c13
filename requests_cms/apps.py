from django.apps import AppConfig


class RequestsCmsConfig(AppConfig):
    name = "requests_cms"
    verbose_name = "政府信息公开申请办理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from requests_cms.services import audit_history  # noqa: F401  (connects the history-row receiver)
