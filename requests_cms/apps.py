from django.apps import AppConfig


class RequestsCmsConfig(AppConfig):
    name = "requests_cms"
    verbose_name = "政府信息公开申请办理"
    default_auto_field = "django.db.models.BigAutoField"
