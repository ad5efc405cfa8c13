"""One small renderer per letter kind, all sharing the layout engine in letters.layout."""

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

    kind: str
    agency_name: str
    title: str
    addressee: str
    text: str
    outcome: str = ""
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


class WordedLetterRenderer:
    kind = None
    plain = False  # letter form (信函格式) with the red letterhead unless set

    def __init__(self, content):
        self.content = content

    def document(self):
        content = self.content
        return LetterDocument(
            title=content.title,
            signature=content.agency_name,
            date=content.letter_date or timezone.localdate(),
            body=paragraphs_from_text(content.text),
            authority_mark=content.authority_mark or content.agency_name,
            document_number=content.document_number,
            addressee=content.addressee,
            attachments=self.attachments(),
            notes=content.notes,
            seal_image=content.seal_image if content.final else None,
            seal_approved=content.final,
            letter_form=not self.plain,
            watermark="" if content.final else DRAFT_WATERMARK,
        )

    def attachments(self):
        return ()

    def render(self, *, invariant=False):
        return render_letter(self.document(), invariant=invariant)


class AcknowledgementRenderer(WordedLetterRenderer):
    kind = LetterKind.ACKNOWLEDGEMENT


class CorrectionNoticeRenderer(WordedLetterRenderer):
    kind = LetterKind.CORRECTION_NOTICE


class ExtensionNoticeRenderer(WordedLetterRenderer):
    kind = LetterKind.EXTENSION_NOTICE


class ThirdPartyConsultationRenderer(WordedLetterRenderer):
    kind = LetterKind.THIRD_PARTY_CONSULTATION


class AgencyConsultationRenderer(WordedLetterRenderer):
    kind = LetterKind.AGENCY_CONSULTATION


class DisclosureOverObjectionRenderer(WordedLetterRenderer):
    kind = LetterKind.DISCLOSURE_OVER_OBJECTION


class FeeNoticeRenderer(WordedLetterRenderer):
    kind = LetterKind.FEE_NOTICE


class ReplyRenderer(WordedLetterRenderer):
    kind = LetterKind.REPLY


class ProofOfServiceRenderer:
    kind = LetterKind.PROOF_OF_SERVICE

    def __init__(self, agency_name, served):
        self.agency_name = agency_name
        self.served = served

    def render(self, *, invariant=False):
        served = self.served
        document = ProofOfServiceDocument(
            authority=self.agency_name, document_title=served.title, document_number=served.document_number,
            recipient=served.addressee, address=served.address, method=served.method,
        )
        return render_proof_of_service(document, invariant=invariant)


class EnvelopeRenderer:
    kind = LetterKind.ENVELOPE

    def __init__(self, agency, served):
        self.agency = agency
        self.served = served

    def render(self, *, invariant=False):
        document = EnvelopeDocument(
            recipient_postcode=self.served.postcode, recipient_address=self.served.address,
            recipient_name=self.served.addressee, sender_name=self.agency.name,
            sender_address=self.agency.address, sender_postcode=self.agency.postcode,
        )
        return render_envelope(document, invariant=invariant)


WORDED_RENDERERS = {cls.kind: cls for cls in WordedLetterRenderer.__subclasses__()}


def render_content(content, *, invariant=False):
    return WORDED_RENDERERS[content.kind](content).render(invariant=invariant)
