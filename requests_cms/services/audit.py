"""The event chain: one hash-chained row per action, written inside the action's transaction."""

from django.utils import timezone

from requests_cms.models import RequestEvent
from requests_cms.reports import tallies

GENESIS = "0" * 64


def event_record(*, request, action, by, from_state="", to_state="", note="", due_before=None, due_after=None,
                 payload=None):
    """Append an event to the request's chain. The caller holds the request row lock."""
    last = RequestEvent.objects.filter(request=request).order_by("-seq").values("seq", "hash").first()
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
        payload=payload or {},
        prev_hash=last["hash"] if last else GENESIS,
    )
    event.hash = event.compute_hash()
    event.save()
    tallies.follow(request.pk)  # the report counters follow the records in the same transaction
    return event


def _actor_name(by):
    if by is None:
        return "系统"
    name = getattr(by, "display_name", None) or str(by)
    agency = getattr(by, "agency", None)
    return f"{name}（{agency.name}）" if agency else name


def chain_breaks(events):
    """Yield (event, problem) for every event whose hash or link does not hold. Events in seq order."""
    previous_hash = GENESIS
    expected_seq = 1
    for event in events:
        if event.seq != expected_seq:
            yield event, f"序号不连续：应为 {expected_seq}，实为 {event.seq}"
        if event.prev_hash != previous_hash:
            yield event, "与上一条记录的哈希链接断开"
        if event.compute_hash() != event.hash:
            yield event, "内容与哈希不符（记录被改动）"
        previous_hash = event.hash
        expected_seq = event.seq + 1


def verify_request_chain(request):
    return list(chain_breaks(RequestEvent.objects.filter(request=request).order_by("seq")))
