"""The renderers on top of the layout engine (letters.layout): one for every worded letter, one per fixed form."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .kinds import LetterKind
from .layout import (
    EnvelopeDocument,
    LetterDocument,
    ProofOfServiceDocument,
    paragraphs_from_text,
    render_envelope,
    render_letter,
    render_proof_of_service,
)

DRAFT_WATERMARK = "草稿"


@dataclass(frozen=True)
class LetterContent:
    """Everything printed on a worded letter: what a Letter row holds, or what a sample makes up."""

    agency_name: str
    title: str
    addressee: str
    text: str
    document_number: str = ""
    letter_date: datetime.date | None = None
    notes: tuple[str, ...] = ()
    final: bool = False  # frozen after approval: no watermark, the seal image if there is one
    authority_mark: str = ""
    seal_image: str | None = None


@dataclass(frozen=True)
class ServedLetter:
    """The letter a proof of service or an envelope goes with."""

    title: str
    document_number: str
    addressee: str
    address: str
    postcode: str
    method: str


def _document(content):
    return LetterDocument(
        title=content.title,
        signature=content.agency_name,
        date=content.letter_date or timezone.localdate(),
        body=paragraphs_from_text(content.text),
        authority_mark=content.authority_mark or content.agency_name,
        document_number=content.document_number,
        addressee=content.addressee,
        notes=content.notes,
        seal_image=content.seal_image if content.final else None,
        seal_approved=content.final,
        watermark="" if content.final else DRAFT_WATERMARK,
    )


def render_content(content, *, invariant=False):
    """A worded letter (every kind that is not a fixed form), in letter form with the red letterhead."""
    return render_letter(_document(content), invariant=invariant)


def _proof_of_service(agency, served, invariant):
    document = ProofOfServiceDocument(
        authority=agency.name, document_title=served.title, document_number=served.document_number,
        recipient=served.addressee, address=served.address, method=served.method,
    )
    return render_proof_of_service(document, invariant=invariant)


def _envelope(agency, served, invariant):
    document = EnvelopeDocument(
        recipient_postcode=served.postcode, recipient_address=served.address, recipient_name=served.addressee,
        sender_name=agency.name, sender_address=agency.address, sender_postcode=agency.postcode,
    )
    return render_envelope(document, invariant=invariant)


FORM_RENDERERS = {LetterKind.PROOF_OF_SERVICE: _proof_of_service, LetterKind.ENVELOPE: _envelope}


def render_form(kind, agency, served, *, invariant=False):
    """A fixed form (a kind whose spec says `form`) for the letter it goes with; `agency` is AgencyFacts."""
    return FORM_RENDERERS[kind](agency, served, invariant)
