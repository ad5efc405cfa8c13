"""The simple-history rows an action writes, bound to the action's event so a deleted or edited row shows.

Every history table whose rows belong to a request (the request's own, its step records', its letters', its
deliveries' postal events) is listed by `request_history_models()` with the ORM path from a history row to its
request. While an action runs, the `post_create_historical_record` signal notes each such row (thread-local, per
request); `event_record` takes the notes of its request, reads those rows back from the database (one query per
history table touched) and signs their ids and digests into the event's anchors. The digest is computed from the
row as the database holds it (by the database on PostgreSQL), so the writer and the verifier
(services/audit_verify.py) hash the same values.
"""

import hashlib
import json
import threading
from functools import cache

from django.apps import apps
from django.db import connection
from django.db.models import CharField
from django.db.models.expressions import RawSQL
from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

_pending = threading.local()
PENDING_LIMIT = 1000  # requests with notes not yet taken by an event (drafts saved without an action): oldest dropped


@cache
def request_history_models():
    """{label of the source model: (history model, ORM path from a history row to its request id, value fields)}."""
    request_model = apps.get_model("requests_cms", "InformationRequest")
    found = {}
    for model in apps.get_models():
        manager_name = getattr(model._meta, "simple_history_manager_attribute", None)
        if not manager_name:
            continue
        fields = {f.name: f for f in model._meta.fields}
        if model is request_model:
            path = "id"
        elif "request" in fields and fields["request"].related_model is request_model:
            path = "request_id"
        elif "delivery" in fields and "request" in {f.name for f in fields["delivery"].related_model._meta.fields}:
            path = "delivery__request_id"
        else:
            continue
        history = getattr(model, manager_name).model
        value_fields = tuple(f.attname for f in history._meta.concrete_fields)
        found[model._meta.label] = (history, path, value_fields)
    return found


def row_digest(values):
    """SHA-256 over a history row's values (in its model's concrete-field order), as read from the database."""
    raw = json.dumps(list(values), ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def digest_in_database():
    """On PostgreSQL the history rows' digests are computed by the database (no row crosses the wire to be hashed):
    SHA-256 of the row's json_build_array text. Elsewhere (SQLite) in Python by `row_digest`. A database is only
    ever verified by the engine it was written with (backup and restore stay on one engine)."""
    return connection.vendor == "postgresql"


def digest_expression(history):
    """The SQL expression of a history row's digest (PostgreSQL), over every concrete column in field order."""
    columns = ", ".join(f"{connection.ops.quote_name(history._meta.db_table)}."
                        f"{connection.ops.quote_name(f.column)}" for f in history._meta.concrete_fields)
    return RawSQL(f"encode(sha256(convert_to(json_build_array({columns})::text, 'UTF8')), 'hex')", [],
                  output_field=CharField())


def digests_of(history, query):
    """[(history_id, digest)] of the rows of `query` (a queryset of the history model)."""
    if digest_in_database():
        return list(query.annotate(_digest=digest_expression(history)).values_list("pk", "_digest"))
    value_fields = tuple(f.attname for f in history._meta.concrete_fields)
    pk_index = value_fields.index(history._meta.pk.attname)
    return [(values[pk_index], row_digest(values)) for values in query.values_list(*value_fields)]


def _request_id_of(instance, label):
    _history, path, _fields = request_history_models()[label]
    if path == "id":
        return instance.pk
    if path == "request_id":
        return instance.request_id
    return instance.delivery.request_id


@receiver(post_create_historical_record)
def _note_history_row(sender, instance, history_instance, **kwargs):
    label = instance._meta.label
    if label not in request_history_models():
        return
    request_id = _request_id_of(instance, label)
    notes = getattr(_pending, "notes", None)
    if notes is None:
        notes = _pending.notes = {}
    notes.setdefault(request_id, []).append((label, history_instance.pk, instance.pk))
    while len(notes) > PENDING_LIMIT:
        notes.pop(next(iter(notes)))


def take_bindings(request_id):
    """The history rows written for this request since its last event, read back: ([[label, history_id, digest]],
    {label: ids of the rows they are the history of}).

    Rows noted but not in the database (their transaction rolled back) are left out.
    """
    notes = getattr(_pending, "notes", None) or {}
    noted = notes.pop(request_id, [])
    by_label, sources = {}, {}
    for label, history_id, source_id in noted:
        by_label.setdefault(label, []).append(history_id)
        sources.setdefault(label, set()).add(source_id)
    bound = []
    for label in sorted(by_label):
        history = request_history_models()[label][0]
        query = history.objects.filter(pk__in=by_label[label]).order_by("pk")
        bound += [[label, history_id, digest] for history_id, digest in digests_of(history, query)]
    return bound, sources


def forget_pending():
    """Drop every note of this thread (tests; a worker between jobs)."""
    _pending.notes = {}
