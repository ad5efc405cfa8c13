"""What the delivery page shows: deliveries with their tracking, proofs and forms; timeliness; remedy periods."""

from django.utils import timezone

from requests_cms.access import is_read_only
from requests_cms.selectors_delivery import remedy_periods, timeliness
from requests_cms.workflow import State, blocking_reasons

from .delivery_forms import (
    CloseForm,
    DeliveryForm,
    PostalEventForm,
    ProofForm,
    ReceiptForm,
    RedeliverForm,
    TrackingPasteForm,
)

DELIVERY_FORMS = {"event": PostalEventForm, "paste": TrackingPasteForm, "receipt": ReceiptForm, "proof": ProofForm,
                  "redeliver": RedeliverForm}


def _forms_for(delivery, version, bound):
    forms = {}
    for key, form_class in DELIVERY_FORMS.items():
        prefix = f"{key}-{delivery.pk}"
        forms[key] = bound.get((key, delivery.pk)) or form_class(prefix=prefix, initial={"version": version})
    return forms


def applicant_delivery_initial(req):
    """Where the reply goes unless the clerk says otherwise: the applicant's name, postcode + address, e-mail."""
    applicant = req.applicant
    return {"method": req.delivery_method, "recipient_name": applicant.name,
            "address": " ".join(part for part in (applicant.postcode, applicant.address) if part),
            "electronic_address": applicant.email}


def delivery_context(req, user, bound=None):
    """Template context; `bound` maps (form key, delivery pk or None) to a form that failed, to show it again."""
    bound = bound or {}
    deliveries = req.deliveries.select_related("replaces", "no_proof_recorded_by").order_by("handed_over_on", "id")
    deliveries = list(deliveries.prefetch_related("postal_events", "attachments", "redeliveries"))
    for delivery in deliveries:
        delivery.forms = _forms_for(delivery, req.version, bound)
    is_reply_step = req.state == State.APPROVED
    new_form = bound.get(("new", None)) or DeliveryForm(prefix="new", initial={
        **applicant_delivery_initial(req), "version": req.version, "letter_label": "答复书" if is_reply_step else "",
        "handed_over_on": timezone.localdate()})
    label, css = timeliness(req)
    return {
        "req": req, "deliveries": deliveries, "new_form": new_form, "is_reply_step": is_reply_step,
        "close_form": bound.get(("close", None)) or CloseForm(prefix="close", initial={"version": req.version}),
        "can_close": req.state == State.DELIVERED,
        "close_blocked": blocking_reasons(req, "file_proof", user) if req.state == State.DELIVERED else [],
        "timeliness": label, "timeliness_css": css, "remedies": remedy_periods(req),
        "challenges": req.challenges.order_by("received_on", "id"), "read_only": is_read_only(user),
        "has_proof": req.has_proof_of_service(),
    }
