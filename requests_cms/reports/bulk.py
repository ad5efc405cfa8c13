"""Fast inserts for the ledger import: COPY on PostgreSQL, else one INSERT statement executed over plain tuples.

The ORM's bulk_create prepares every value through the compiler and, on SQLite, splits the rows into batches of
a few dozen (999 parameters); for 100,000 requests with their history rows that takes minutes. Here each field's
adapter is chosen once, rows are plain dicts {attname: value} completed with the fields' defaults, and the new
primary keys are read back by the caller through a natural key (agency and number, for instance).
"""

from django.db import connection
from django.db.models import DateField, DateTimeField, JSONField
from django.utils import timezone

CHUNK = 5000


def _insert_fields(model):
    pk = model._meta.pk
    skip_pk = pk.get_internal_type().endswith("AutoField")
    return [f for f in model._meta.concrete_fields if not (skip_pk and f is pk)]


def complete(model, rows, now=None):
    """The rows with every insertable field present: missing ones take the field's default (auto_now: now)."""
    now = now or timezone.now()
    fields = _insert_fields(model)
    defaults = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now
        elif f.has_default():
            defaults[f.attname] = f.get_default()
        elif f.null or f.is_relation:
            defaults[f.attname] = None
        else:
            defaults[f.attname] = f.get_default()  # "" for text fields
    return [{**defaults, **row} for row in rows]


def _adapter(field):
    ops = connection.ops
    if isinstance(field, DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, DateField):
        return ops.adapt_datefield_value
    if isinstance(field, JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def insert(model, rows):
    """INSERT the completed rows (see complete) into the model's table."""
    if not rows:
        return
    fields = _insert_fields(model)
    adapters = [(f.attname, _adapter(f)) for f in fields]
    quote = connection.ops.quote_name
    table, columns = quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)

    def values(row):
        return tuple(adapt(row[name]) if adapt else row[name] for name, adapt in adapters)

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: one stream instead of one statement per row
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(values(row))
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, [values(row) for row in rows[start:start + CHUNK]])


def insert_history(model, rows, *, reason, now=None):
    """The simple-history "+" records of rows just inserted (each row carries its new "id")."""
    history = model.history.model
    now = now or timezone.now()
    extra = {"history_date": now, "history_change_reason": reason, "history_type": "+", "history_user_id": None}
    insert(history, complete(history, [{**row, **extra} for row in rows], now))
