from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The applicant's side (issue 16): public pages under /public/, the online form, the lookup with a query code.

    It may import requests_cms services and selectors; requests_cms never imports it (the root urls include it)."""

    name = "public"
    verbose_name = "公众服务（网上申请）"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
