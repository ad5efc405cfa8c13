"""The list search's bigram index: InformationRequest.search_grams, filled for existing rows, and on PostgreSQL a GIN
index on its array form (see requests_cms.search_grams)."""

from django.db import migrations, models

from ._search_grams import backfill as backfill_of
from ._search_grams import gin_index

# "state" is read too: the historical model keeps django-fsm's ConcurrentTransitionMixin, which reads the state of
# every instance it builds (a deferred state would cost one query per row).
backfill = backfill_of("InformationRequest", ("id", "number", "description", "state"), ("number", "description"))


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
        gin_index("InformationRequest", "requests_cms_request_grams_gin"),
    ]
