"""The applicant hears of each letter sent to them: one outbox notice per recorded Delivery of a request that came
in online (correction needed, extension, fee, reply issued…). Connected in apps.py; requests_cms knows nothing of
it."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from requests_cms.models import Delivery, DeliveryMethod

EVENTS = ("correction", "extension", "reply")  # a letter kind containing one of these; else "letter"


@receiver(post_save, sender=Delivery, dispatch_uid="public-applicant-delivery-notice")
def tell_applicant_of_delivery(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    from . import services
    from .models import OnlineSubmission

    sub = OnlineSubmission.objects.filter(request_id=instance.request_id).select_related("agency", "request").first()
    if sub is None:
        return
    letter = instance.letter
    kind = (letter.kind if letter else "") or ("reply" if instance.for_reply else "")
    event = next((e for e in EVENTS if e in kind), "letter")
    label = instance.letter_label or (letter.get_kind_display() if letter else "文书")
    how = ("，请凭申请编号和查询码在“办理查询”页面下载" if instance.method == DeliveryMethod.ELECTRONIC
           else f"已以{instance.get_method_display()}方式送达")
    services.tell(sub, f"delivery:{instance.pk}", event, request_number=sub.request.number, letter=label, how=how)
