"""The cut-over from plain SHA-256 to keyed MACs, run once after the migration that adds key_id and anchors.

Legacy events (key_id "") are first checked as before (plain SHA-256 chain, seq, version); a request whose legacy
chain does not hold is refused and listed, nothing changes for it. The others are re-signed in place, in seq order:
each event gets the current key id, anchors (state and version after it, taken from the event; an approval's letter
digests from the letter as it is now, checked against the digest the approval's payload recorded), and a MAC over
its content and the new previous MAC. History rows written before the cut-over are not bound (there is no record of
which action wrote them). docs/audit.md: what the cut-over can and cannot vouch for.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from letters.models import Letter
from requests_cms.models import InformationRequest, RequestEvent
from requests_cms.services.audit import GENESIS, letter_anchor, sign


class Command(BaseCommand):
    help = "Re-sign legacy (unkeyed) events with AUDIT_SIGNING_KEY after checking their SHA-256 chain."

    def handle(self, *args, **options):
        request_ids = (RequestEvent.objects.filter(key_id="").order_by("request_id")
                       .values_list("request_id", flat=True).distinct())
        signed, refused = 0, []
        for request_id in list(request_ids):
            with transaction.atomic():
                req = InformationRequest.objects.select_for_update().get(pk=request_id)
                problem = self._sign(req)
            if problem:
                refused.append(f"{req.number}：{problem}")
            else:
                signed += 1
        for line in refused:
            self.stdout.write(line)
        if refused:
            raise CommandError(f"{len(refused)} 件申请的旧记录校验不通过，未重新签名（已签名 {signed} 件）",
                               returncode=1)
        self.stdout.write(f"已重新签名 {signed} 件申请的旧记录。")

    def _sign(self, req):
        events = list(RequestEvent.objects.filter(request=req).order_by("seq"))
        previous = GENESIS
        for expected, event in enumerate(events, start=1):
            if event.key_id:
                return "旧记录之后已有签名记录，须逐条人工核对"
            if event.seq != expected or event.prev_hash != previous or event.compute_hash() != event.hash:
                return f"第{event.seq}条旧记录的哈希链不成立（记录被改动）"
            previous = event.hash
        if not events or events[-1].seq != req.version or events[-1].to_state != req.state:
            return "旧记录与申请的状态或版本号不符"
        previous = GENESIS
        for event in events:
            letters = []
            if event.payload.get("letter"):
                letter = Letter.objects.filter(pk=event.payload["letter"], request=req).first()
                if letter is None or letter.sha256 != event.payload.get("sha256"):
                    return f"第{event.seq}条批准记录所载的定稿文书摘要与文书不符"
                letters = [letter_anchor(letter)]
            event.prev_hash = previous
            event.anchors = {"state": event.to_state, "version": event.seq, "letters": letters, "history": [],
                             "legacy": True}
            sign(event)
            # The model refuses updates by design; the cut-over is the one writer allowed to re-sign in place.
            RequestEvent._base_manager.filter(pk=event.pk).update(
                prev_hash=event.prev_hash, hash=event.hash, key_id=event.key_id, anchors=event.anchors)
            previous = event.hash
        return None
