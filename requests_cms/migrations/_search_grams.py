"""What migrations 0003 and 0004 do for each model with search grams: fill them for existing rows and, on
PostgreSQL, create the GIN index that search_grams.GramsContain uses. (The leading underscore keeps Django's
migration loader from taking this module for a migration.)"""

from django.db import migrations

from requests_cms.search_grams import document

BATCH = 2000


def backfill(model_name, columns, sources):
    """A RunPython function setting search_grams from the `sources` fields of every row (`columns` are read)."""

    def run(apps, schema_editor):
        rows = apps.get_model("requests_cms", model_name).objects.using(schema_editor.connection.alias)
        batch = []
        for row in rows.only(*columns).order_by("pk").iterator(chunk_size=BATCH):
            row.search_grams = document(*(getattr(row, name) for name in sources))
            batch.append(row)
            if len(batch) == BATCH:
                rows.bulk_update(batch, ["search_grams"])
                batch = []
        rows.bulk_update(batch, ["search_grams"])

    return run


def gin_index(model_name, index):
    """A RunPython operation creating (and on reverse dropping) the bigram GIN index, on PostgreSQL only."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = schema_editor.quote_name(apps.get_model("requests_cms", model_name)._meta.db_table)
        # The expression must stay identical to the one search_grams.GramsContain renders, or the planner ignores it.
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (string_to_array(search_grams, ' '))")
        schema_editor.execute(f"ANALYZE {table}")  # statistics of the indexed expression, for the planner

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {index}")

    return migrations.RunPython(create, drop)
