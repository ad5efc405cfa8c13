"""Electronic delivery through the public page: a frozen letter is downloadable once staff recorded its electronic
delivery (Delivery.method = electronic, sent_at = the send time); the first download is the applicant's receipt.

The rule (docs/public.md): the send time (Delivery.sent_at) is the evidence of sending; the date of the first
download through the lookup page is the date the applicant received the letter (Delivery.received_on, via
services.delivery.delivery_record_receipt, which records a 记录申请人收到日期 event in the request's chain and, for
the reply, sets applicant_received_on — the date the remedy periods count from). Without a download the periods do
not start automatically; staff record the receipt from other evidence as for any delivery. The released copies of the
reply's responsive documents and the redaction log annex are downloadable with the reply (their downloads are
logged; the reply's first download is the receipt).
"""

from django.db import transaction
from django.utils import timezone

from letters.kinds import LetterKind
from requests_cms.models import Delivery, DeliveryMethod, ResponsiveDocument, ResponsiveState
from requests_cms.services.delivery import delivery_record_receipt

from .models import SubmissionEvent


def electronic_delivery(req, letter):
    return (Delivery.objects.filter(request=req, letter=letter, method=DeliveryMethod.ELECTRONIC,
                                    sent_at__isnull=False, returned_on__isnull=True).order_by("id").first())


def downloadable(req):
    """The pks of the letters of `req` the applicant may download."""
    return set(Delivery.objects.filter(request=req, method=DeliveryMethod.ELECTRONIC, sent_at__isnull=False,
                                       letter__isnull=False, letter__state="frozen")
               .values_list("letter_id", flat=True))


def released_documents(req):
    """The released copies (公开件, issue 17) that go with the reply, downloadable once the reply itself is: the frozen
    (approved) current versions only — never an original, never a copy still being marked."""
    reply = req.letters.filter(kind=LetterKind.REPLY, state="frozen").order_by("-version").first()
    if reply is None or reply.pk not in downloadable(req):
        return []
    return list(ResponsiveDocument.objects.filter(request=req, is_current=True, state=ResponsiveState.APPROVED)
                .order_by("created_at", "id"))


def record_released_download(sub, what, client_ip=None):
    SubmissionEvent.objects.create(submission=sub, action=SubmissionEvent.Action.DOWNLOAD,
                                   note=f"下载 {what}，IP {client_ip or '-'}")


def record_download(sub, letter, client_ip=None):
    """Log the download; the first one of a delivery is the applicant's receipt. Returns the Delivery."""
    req = sub.request
    with transaction.atomic():
        delivery = electronic_delivery(req, letter)
        if delivery is None:
            return None
        first = delivery.received_on is None
        if first:
            delivery_record_receipt(request=req, delivery=delivery, by=None,
                                    received_on=max(timezone.localdate(), delivery.handed_over_on))
        SubmissionEvent.objects.create(
            submission=sub, action=SubmissionEvent.Action.DOWNLOAD,
            note=f"{'首次' if first else '再次'}下载 {delivery.letter_label}（送达记录 {delivery.pk}），"
                 f"IP {client_ip or '-'}")
    return delivery
