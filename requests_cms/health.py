"""GET /healthz for load balancers and monitoring: the database, and the broker when one is configured.

No login, no data: only which dependency is up. 200 when all are, 503 otherwise; never cached.
"""

import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from requests_cms.celery import app

log = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _broker():
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def checks():
    results = {}
    for name, check, wanted in (("database", _database, True), ("broker", _broker, not app.conf.task_always_eager)):
        if not wanted:
            results[name] = "not configured"
            continue
        try:
            check()
        except Exception as exc:  # noqa: BLE001 - any failure means the dependency is down; logged with its cause
            log.warning("health check: %s is down: %s", name, exc)
            results[name] = "down"
        else:
            results[name] = "ok"
    return results


@never_cache
@require_GET
def healthz(request):
    results = checks()
    healthy = all(v != "down" for v in results.values())
    return JsonResponse({"status": "ok" if healthy else "down", **results}, status=200 if healthy else 503)
