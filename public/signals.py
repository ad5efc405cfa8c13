"""The applicant hears of each letter sent to them: one outbox notice per recorded Delivery of a request that came
in online (correction needed, extension, fee, reply issued…). Connected in apps.py; requests_cms knows nothing of
it."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from requests_cms.models import Delivery, DeliveryMethod

WHAT = {
    "correction": "需要您补正申请内容",
    "extension": "答复期限已延长",
    "reply": "您的申请已作出答复",
}


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
    what = next((v for k, v in WHAT.items() if k in kind), "您的申请有新的文书")
    label = instance.letter_label or (letter.get_kind_display() if letter else "文书")
    how = ("请凭申请编号和查询码在“办理查询”页面下载" if instance.method == DeliveryMethod.ELECTRONIC
           else f"已以{instance.get_method_display()}方式送达")
    services.tell(sub, f"delivery:{instance.pk}", f"{what}（{sub.request.number}）",
                  f"{sub.agency.name}：{what}。{label}{how}。")
