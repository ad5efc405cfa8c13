"""Each action of the delivery page: its form and the service call, returning the success message."""

from requests_cms.models import DeliveryMethod, PostalStatus
from requests_cms.services import delivery as service
from requests_cms.services import delivery_records as records
from requests_cms.workflow import State

from .delivery_forms import (
    CloseForm,
    DeliveryForm,
    PostalEventForm,
    ProofForm,
    ReceiptForm,
    RedeliverForm,
    TrackingPasteForm,
)


def _v(cd):
    return cd.get("version")


def _where(cd):
    return {key: cd.get(key) or "" for key in ("waybill_number", "recipient_name", "address", "electronic_address")}


def new_delivery(req, by, cd):
    where = _where(cd)
    if req.state == State.APPROVED and cd["letter_label"] == "答复书":
        service.request_deliver(request=req, by=by, method=cd["method"], handed_over_on=cd["handed_over_on"],
                                sent_at=cd.get("sent_at"), expected_version=_v(cd), **where)
        return f"已记录答复书送达（{DeliveryMethod(cd['method']).label}，{cd['handed_over_on']:%Y-%m-%d}）"
    records.delivery_record(request=req, by=by, method=cd["method"], handed_over_on=cd["handed_over_on"],
                            letter_label=cd["letter_label"], sent_at=cd.get("sent_at"), expected_version=_v(cd),
                            **where)
    return f"已记录{cd['letter_label']}的送达"


def postal_event(req, delivery, by, cd):
    service.delivery_add_postal_event(request=req, delivery=delivery, by=by, status=cd["status"],
                                      occurred_at=cd["occurred_at"], location=cd.get("location", ""),
                                      signer=cd.get("signer", ""), expected_version=_v(cd))
    return f"已记录邮件跟踪：{PostalStatus(cd['status']).label}"


def paste(req, delivery, by, cd):
    _, created, skipped = records.delivery_import_tracking(request=req, delivery=delivery, by=by, text=cd["text"],
                                                           expected_version=_v(cd))
    extra = f"；另有{len(skipped)}条中转记录未导入" if skipped else ""
    return f"已导入跟踪记录{len(created)}条{extra}" if created else f"没有新的跟踪记录（均已导入）{extra}"


def receipt(req, delivery, by, cd):
    service.delivery_record_receipt(request=req, delivery=delivery, by=by, received_on=cd["received_on"],
                                    expected_version=_v(cd))
    return f"已记录申请人收到日期：{cd['received_on']:%Y-%m-%d}"


def proof(req, delivery, by, cd):
    attachment = records.delivery_upload_proof(request=req, delivery=delivery, by=by, kind=cd["kind"],
                                               uploaded_file=cd["file"], description=cd.get("description", ""))
    return f"已上传：{attachment.get_kind_display()}"


def redeliver(req, delivery, by, cd):
    records.delivery_redeliver(request=req, returned=delivery, by=by, method=cd["method"],
                               handed_over_on=cd["handed_over_on"], sent_at=cd.get("sent_at"),
                               expected_version=_v(cd), **_where(cd))
    return "已记录重新送达"


def close(req, by, cd):
    service.request_file_proof(request=req, by=by, no_proof_reason=cd.get("no_proof_reason", ""),
                               witnesses=cd.get("witnesses", ""), expected_version=_v(cd))
    return "已归档：申请办结"


NEW = (DeliveryForm, new_delivery)
CLOSE = (CloseForm, close)
ACTIONS = {
    "event": (PostalEventForm, postal_event),
    "paste": (TrackingPasteForm, paste),
    "receipt": (ReceiptForm, receipt),
    "proof": (ProofForm, proof),
    "redeliver": (RedeliverForm, redeliver),
}
