"""Pluggable SMS backends for staff notifications (docs/notifications.md).

settings.SMS_BACKEND names a class with `send(phone, text, *, key, template_params)`; it raises on failure (the
outbox records the error and retries, reminders.MAX_ATTEMPTS times). `key` is the outbox row's idempotency key: a
gateway that supports it de-duplicates a message re-sent after a lost answer.

- FileBackend: one JSON line per message in SMS_FILE_PATH (development, tests).
- ConsoleBackend: the message on the log (development).
- HttpGatewayBackend: POST JSON to SMS_GATEWAY_URL with SMS_GATEWAY_KEY and SMS_TEMPLATE_ID, the usual shape of
  the template-based SMS services of Chinese providers; adapt `payload()` to a provider's field names.
"""

import json
import logging
import urllib.request
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsError(RuntimeError):
    pass


class FileBackend:
    def send(self, phone, text, *, key, template_params=None):
        path = Path(settings.SMS_FILE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"phone": phone, "text": text, "key": key, "params": template_params or {}},
                                 ensure_ascii=False) + "\n")


class ConsoleBackend:
    def send(self, phone, text, *, key, template_params=None):
        logger.info("SMS to %s (%s): %s", phone, key, text)


class HttpGatewayBackend:
    """A template SMS gateway over HTTPS: JSON body, the key as a bearer token, the idempotency key as a header."""

    def payload(self, phone, text, key, template_params):
        return {"phone": phone, "template_id": settings.SMS_TEMPLATE_ID, "params": template_params or {},
                "text": text, "request_id": key}

    def send(self, phone, text, *, key, template_params=None):
        if not settings.SMS_GATEWAY_URL:
            raise SmsError("SMS_GATEWAY_URL is not set")
        body = json.dumps(self.payload(phone, text, key, template_params), ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(settings.SMS_GATEWAY_URL, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", "Authorization": f"Bearer {settings.SMS_GATEWAY_KEY}",
            "Idempotency-Key": key})
        with urllib.request.urlopen(request, timeout=settings.SMS_GATEWAY_TIMEOUT) as response:  # noqa: S310
            answer = response.read()
            if not 200 <= response.status < 300:
                raise SmsError(f"gateway answered {response.status}: {answer[:200]!r}")
        return answer


def backend():
    return import_string(settings.SMS_BACKEND)()
