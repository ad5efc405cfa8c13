"""The list search's bigram index: InformationRequest.search_grams, filled for existing rows, and on PostgreSQL a GIN
index on its array form (see requests_cms.search_grams)."""

from django.db import migrations, models

from requests_cms.search_grams import document

BATCH = 2000
INDEX = "requests_cms_request_grams_gin"


def backfill(apps, schema_editor):
    requests = apps.get_model("requests_cms", "InformationRequest").objects.using(schema_editor.connection.alias)
    # "state" too: the historical model keeps django-fsm's ConcurrentTransitionMixin, which reads the state of every
    # instance it builds (a deferred state would cost one query per row).
    rows = requests.only("id", "number", "description", "state").order_by("pk")
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        row.search_grams = document(row.number, row.description)
        batch.append(row)
        if len(batch) == BATCH:
            requests.bulk_update(batch, ["search_grams"])
            batch = []
    requests.bulk_update(batch, ["search_grams"])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("requests_cms", "InformationRequest")._meta.db_table)
    # The expression must stay identical to the one search_grams.GramsContain renders, or the planner ignores it.
    schema_editor.execute(f"CREATE INDEX {INDEX} ON {table} USING gin (string_to_array(search_grams, ' '))")
    schema_editor.execute(f"ANALYZE {table}")  # statistics of the indexed expression, for the planner's estimates


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("requests_cms", "0002_delivery_refusal_witnesses_and_casefile_export"),
    ]

    operations = [
        migrations.AddField(
            model_name="informationrequest",
            name="search_grams",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="检索词元"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
