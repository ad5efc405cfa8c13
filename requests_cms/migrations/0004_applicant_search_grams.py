"""The list search's bigram index on applicants: Applicant.search_grams (the grams of the name), filled for existing
rows, and on PostgreSQL a GIN index on its array form, as migration 0003 does for requests (see
requests_cms.search_grams)."""

from django.db import migrations, models

from requests_cms.search_grams import document

BATCH = 2000
INDEX = "requests_cms_applicant_grams_gin"


def backfill(apps, schema_editor):
    applicants = apps.get_model("requests_cms", "Applicant").objects.using(schema_editor.connection.alias)
    batch = []
    for row in applicants.only("id", "name").order_by("pk").iterator(chunk_size=BATCH):
        row.search_grams = document(row.name)
        batch.append(row)
        if len(batch) == BATCH:
            applicants.bulk_update(batch, ["search_grams"])
            batch = []
    applicants.bulk_update(batch, ["search_grams"])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("requests_cms", "Applicant")._meta.db_table)
    # The expression must stay identical to the one search_grams.GramsContain renders, or the planner ignores it.
    schema_editor.execute(f"CREATE INDEX {INDEX} ON {table} USING gin (string_to_array(search_grams, ' '))")
    schema_editor.execute(f"ANALYZE {table}")  # statistics of the indexed expression, for the planner's estimates


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


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
        migrations.RunPython(create_index, drop_index),
    ]
