"""The previous verify_audit (before issue 14), kept as the benchmark's baseline: one query per request.

This is the old command's loop unchanged but for the one line that checks a row: the rows are MACed now, so it
recomputes the HMAC where it recomputed the plain SHA-256 (the same work per row; otherwise every row would be
reported broken and the loop would time the printing). It checks less than the new pass (no letters, uploads,
history rows or checkpoint), which only flatters the baseline.
"""

from requests_cms.models import InformationRequest, RequestEvent
from requests_cms.services.audit import GENESIS, verify_keys


def chain_breaks(events, keys):
    """Yield (event, problem) for every event whose hash or link does not hold. Events in seq order."""
    previous_hash = GENESIS
    expected_seq = 1
    for event in events:
        if event.seq != expected_seq:
            yield event, f"序号不连续：应为 {expected_seq}，实为 {event.seq}"
        if event.prev_hash != previous_hash:
            yield event, "与上一条记录的哈希链接断开"
        if event.key_id not in keys or event.compute_mac(keys[event.key_id]) != event.hash:
            yield event, "内容与哈希不符（记录被改动）"
        previous_hash = event.hash
        expected_seq = event.seq + 1


def verify_all():
    """The old command's handle(): returns (requests checked, break lines)."""
    keys = verify_keys()
    requests = InformationRequest.objects.order_by("pk")
    checked, breaks = 0, []
    for req_id, number, version in requests.values_list("pk", "number", "version").iterator():
        events = list(RequestEvent.objects.filter(request_id=req_id).order_by("seq"))
        for event, problem in chain_breaks(events, keys):
            breaks.append(f"{number} 第{event.seq}条（{event.action}）：{problem}")
        # Every action bumps the request's version and appends one event: a missing tail shows here.
        if (events[-1].seq if events else 0) != version:
            breaks.append(f"{number}：记录条数（{len(events)}）与申请版本号（{version}）不符，记录可能被删除")
        checked += 1
    return checked, breaks
