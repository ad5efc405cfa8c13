"""The list search's bigram index on applicants: Applicant.search_grams (the grams of the name), filled for existing
rows, and on PostgreSQL a GIN index on its array form, as migration 0003 does for requests (see
requests_cms.search_grams)."""

from django.db import migrations, models

from ._search_grams import backfill as backfill_of
from ._search_grams import gin_index

backfill = backfill_of("Applicant", ("id", "name"), ("name",))


class Migration(migrations.Migration):

    dependencies = [
        ("requests_cms", "0003_request_search_grams"),
    ]

    operations = [
        migrations.AddField(
            model_name="applicant",
            name="search_grams",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="检索词元"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        gin_index("Applicant", "requests_cms_applicant_grams_gin"),
    ]
