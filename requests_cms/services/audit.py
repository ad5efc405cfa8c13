"""The event chain: one MAC-chained row per action, written inside the action's transaction (docs/audit.md)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from requests_cms.models import InformationRequest, RequestEvent
from requests_cms.reports import tallies

from .audit_history import take_bindings

GENESIS = "0" * 64
FROZEN_STATES = ("frozen", "superseded")  # letters.models.LetterState: the letters whose digests are signed


def signing_key():
    """(key id, key bytes) that sign new events and checkpoints."""
    return settings.AUDIT_SIGNING_KEY_ID, settings.AUDIT_SIGNING_KEY.encode("utf-8")


def verify_keys():
    """{key id: key bytes} accepted when verifying: the signing key and the retired ones of AUDIT_VERIFY_KEYS."""
    keys = {kid: key.encode("utf-8") for kid, key in settings.AUDIT_VERIFY_KEYS.items()}
    kid, key = signing_key()
    if kid in keys and keys[kid] != key:
        raise ImproperlyConfigured(f"AUDIT_VERIFY_KEYS gives key id {kid} another key than AUDIT_SIGNING_KEY")
    keys[kid] = key
    return keys


def sign(event):
    """Set the event's key id and MAC (its prev_hash and anchors already set)."""
    event.key_id, key = signing_key()
    event.hash = event.compute_mac(key)
    return event


def letter_anchor(letter):
    """[id, SHA-256 of the frozen PDF as stored, content digest] of a frozen letter."""
    return [letter.pk, letter.sha256, letter.content_digest()]


def event_record(*, request, action, by, from_state="", to_state="", note="", due_before=None, due_after=None,
                 payload=None):
    """Append an event to the request's chain. The caller holds the request row lock and has saved the request."""
    from letters.models import Letter

    last = RequestEvent.objects.filter(request=request).order_by("-seq").values("seq", "hash").first()
    state, version = InformationRequest.objects.filter(pk=request.pk).values_list("state", "version").get()
    payload = payload or {}
    history, sources = take_bindings(request.pk)
    # The letters this action froze (the approval's reply, a notice's issue) or names (a delivery of one): their
    # bytes' and content's digests.
    letter_ids = set(sources.get(Letter._meta.label, ()))
    if isinstance(payload.get("letter"), int):
        letter_ids.add(payload["letter"])
    letters = [letter_anchor(letter) for letter in Letter.objects.filter(
        pk__in=letter_ids, request_id=request.pk, state__in=FROZEN_STATES).order_by("pk")] if letter_ids else []
    event = RequestEvent(
        request=request,
        seq=(last["seq"] + 1) if last else 1,
        action=action,
        actor=by if getattr(by, "pk", None) else None,
        actor_name=_actor_name(by),
        at=timezone.now().replace(microsecond=0),
        from_state=from_state,
        to_state=to_state,
        note=note or "",
        due_before=due_before,
        due_after=due_after,
        payload=payload,
        prev_hash=last["hash"] if last else GENESIS,
        anchors={"state": state, "version": version, "letters": letters, "history": history},
    )
    sign(event)
    event.save()
    tallies.follow(request.pk)  # the report counters follow the records in the same transaction
    return event


def _actor_name(by):
    if by is None:
        return "系统"
    name = getattr(by, "display_name", None) or str(by)
    agency = getattr(by, "agency", None)
    return f"{name}（{agency.name}）" if agency else name


def verify_request_chain(request, *, files=True):
    """Every problem of one request's record (Chinese lines; empty when it verifies) — the check verify_audit makes,
    including the newest checkpoint (`files` off: uploads checked as rows, their bytes not read back)."""
    from .audit_verify import verify_request

    return verify_request(request.pk, files=files)
