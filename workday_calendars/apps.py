from django.apps import AppConfig


class WorkdayCalendarsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workday_calendars"
    verbose_name = "工作日历"
