"""After a calendar changes, recompute the cached due dates that depend on the changed dates.

The project names its recompute function in ``settings.WORKDAY_CALENDARS_RECOMPUTE`` (a dotted path to a callable
taking ``(start: date, end: date)`` and returning the number of requests updated, or None when it queued the work
for a worker). Model saves call ``schedule``;
the ranges scheduled in one transaction are merged and handed over once, after commit.
"""

import logging
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def recompute_after_change(start: date, end: date) -> int | None:
    """Call the project's recompute function for dates start..end; returns how many requests it updated.

    A missing setting or an unimportable target is logged as a warning and counts as 0; errors raised by the
    target itself propagate.
    """
    path = getattr(settings, "WORKDAY_CALENDARS_RECOMPUTE", "")
    if not path:
        logger.warning("WORKDAY_CALENDARS_RECOMPUTE is not set: due dates for %s..%s were not recomputed", start, end)
        return 0
    try:
        target = import_string(path)
    except ImportError:
        logger.warning("WORKDAY_CALENDARS_RECOMPUTE=%r cannot be imported: due dates for %s..%s were not recomputed",
                       path, start, end, exc_info=True)
        return 0
    updated = target(start, end)
    if updated is None:  # the target handed the work to a task queue
        logger.info("calendar change %s..%s: recompute queued", start, end)
    else:
        logger.info("calendar change %s..%s: %s requests recomputed", start, end, updated)
    return updated


class _Batch:
    """The ranges of one transaction, recomputed as one span when it commits."""

    def __init__(self, start: date, end: date):
        self.start, self.end = start, end

    def add(self, start: date, end: date) -> None:
        self.start, self.end = min(self.start, start), max(self.end, end)

    def __call__(self) -> None:
        recompute_after_change(self.start, self.end)


def schedule(start: date, end: date) -> None:
    """Recompute start..end once the current transaction commits (at once outside a transaction).

    Joins the batch already waiting for this transaction's commit, if any. Django drops waiting callbacks when their
    transaction (or savepoint) rolls back, so a rolled-back change is never recomputed.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _Batch):
                callback.add(start, end)
                return
    transaction.on_commit(_Batch(start, end), robust=True)
