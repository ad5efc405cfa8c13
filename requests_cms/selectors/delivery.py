"""What the delivery page shows, the reply's timeliness and the applicant's remedy periods.

A reply is on time when posted or handed over on or before the due date (DLV): deadlines.is_late says so.
"""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.utils import timezone

from letters.kinds import LetterKind
from letters.models import LetterState
from letters.outcomes import reconsideration_first
from requests_cms.access import is_read_only
from requests_cms.models import EventAction
from requests_cms.services import deadlines as engine
from requests_cms.workflow import State, blocking_reasons

from .deadlines import is_late


@dataclass(frozen=True)
class RemedyPeriods:
    received_on: object
    reconsideration: object  # the engine's Deadline
    lawsuit: object | None  # None when reconsideration must come first
    reconsideration_first: bool


def remedy_periods(req):
    """The applicant's periods from the actual receipt of the reply (None until the receipt is recorded)."""
    if not req.applicant_received_on:
        return None
    region = req.agency.calendar_region
    first = reconsideration_first(req.outcome)
    return RemedyPeriods(
        received_on=req.applicant_received_on,
        reconsideration=engine.reconsideration_due(req.applicant_received_on, region=region),
        lawsuit=None if first else engine.lawsuit_due(req.applicant_received_on, region=region),
        reconsideration_first=first,
    )


def timeliness(req):
    """(label, css class) for the delivery page."""
    if req.replied_on is None:
        return ("已超过答复期限，尚未答复", "late") if is_late(req) else ("尚未答复", "")
    if is_late(req):
        return f"逾期答复（{req.replied_on:%Y-%m-%d}交邮/交付，期限{req.due_date:%Y-%m-%d}）", "late"
    return "按期答复", "ok"


def applicant_delivery_initial(req):
    """Where the reply goes unless the clerk says otherwise: the applicant's name, postcode + address, e-mail."""
    applicant = req.applicant
    return {"method": req.delivery_method, "recipient_name": applicant.name,
            "address": " ".join(part for part in (applicant.postcode, applicant.address) if part),
            "electronic_address": applicant.email}


def new_delivery_initial(req, letter_pk=None):
    """The new-delivery form's start: the applicant's address, today, and the letter: the one asked for (the case
    page's "记录送达" of a notice), else the frozen reply at the reply step."""
    letter = None
    if str(letter_pk or "").isdigit():
        letter = req.letters.filter(pk=letter_pk, state=LetterState.FROZEN).first()
    if letter is None and req.state == State.APPROVED:
        letter = req.letters.filter(kind=LetterKind.REPLY, state=LetterState.FROZEN).order_by("-version").first()
    initial = {**applicant_delivery_initial(req), "expected_version": req.version,
               "letter": str(letter.pk) if letter else "", "handed_over_on": timezone.localdate()}
    if letter is not None and letter.consultation_id:
        initial.update(recipient_name=letter.consultation.party_name, address=letter.consultation.party_address)
    return initial


def delivery_page(req, user):
    """The delivery page's records: deliveries with their tracking, proofs and re-deliveries; whether it can close."""
    deliveries = req.deliveries.select_related("replaces", "no_proof_recorded_by").order_by("handed_over_on", "id")
    can_close = req.state == State.DELIVERED
    label, css = timeliness(req)
    return {
        "req": req, "deliveries": list(deliveries.prefetch_related("postal_events", "attachments", "redeliveries")),
        "is_reply_step": req.state == State.APPROVED, "can_close": can_close,
        "close_blocked": blocking_reasons(req, EventAction.FILE_PROOF, user) if can_close else [],
        "timeliness": label, "timeliness_css": css, "remedies": remedy_periods(req),
        "challenges": req.challenges.order_by("received_on", "id"), "read_only": is_read_only(user),
        "complaints": req.complaints.order_by("received_on", "id"),
        "has_proof": req.has_proof_of_service(),
    }


def delivery_of(req, pk):
    """One delivery of this request (404 for another request's)."""
    return get_object_or_404(req.deliveries.all(), pk=pk)
