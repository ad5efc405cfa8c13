"""Load the shipped official calendars (data/2019.json … data/2026.json) into the database."""

from django.db import migrations


def load(apps, schema_editor):
    from workday_calendars.datafiles import read_all
    from workday_calendars.loading import load_year

    models = {
        "region_model": apps.get_model("workday_calendars", "Region"),
        "notice_model": apps.get_model("workday_calendars", "OfficialNotice"),
        "day_model": apps.get_model("workday_calendars", "CalendarDay"),
    }
    for year_file in read_all():
        load_year(year_file, **models)


class Migration(migrations.Migration):
    dependencies = [("workday_calendars", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
