"""What goes into a case file, in the order of domain.md §9.

Each Document is either merged as a PDF (frozen letters, uploaded PDFs), drawn as scanned pages (uploaded images) or
generated from the records (registration entry, handling opinion, delivery record, timeline, deadlines, audit trail).
Originals (letters' stored PDFs, uploads, the audit trail as JSON) go into the ZIP with the manifest.
"""

from datetime import date

from django.utils import timezone

from letters.kinds import kind_spec
from requests_cms.models import AttachmentKind as K

from . import records
from .base import Document
from .providers import letter_documents, letter_group

# Section of each attachment kind; a delivery's letter label decides where its proofs go. A letter goes in the
# section of the stage that issues it (letters.kinds.Stage values are section names).
SECTIONS = (
    "application", "receipt", "registration", "correction", "extension", "reasons", "consultation",
    "internal_consultation", "search", "opinion",
    "reply", "fee", "delivery", "miscellaneous", "rules", "challenges", "timeline", "deadlines", "audit",
)
ATTACHMENT_SECTION = {
    K.APPLICATION: "application", K.ENVELOPE: "application", K.ONLINE_RECORD: "application",
    K.IDENTITY_PROOF: "application", K.RECEIPT_EVIDENCE: "receipt", K.CORRECTED_APPLICATION: "correction",
    K.CONSULTATION_REPLY: "consultation", K.SEARCH_RECORD: "search", K.SUPPLIED_INFORMATION: "reply",
    K.PAYMENT_PROOF: "fee", K.PROOF_OF_SERVICE: "delivery", K.COUNTER_RECEIPT: "delivery",
    K.TRACKING_PRINTOUT: "delivery", K.OTHER: "miscellaneous",
}
LABEL_SECTION = (("回执", "registration"), ("补正", "correction"), ("延期", "extension"), ("说明理由", "reasons"),
                 ("延迟", "reasons"), ("征求", "consultation"),
                 ("第三方", "consultation"), ("收费", "fee"))


def delivery_section(delivery):
    """The reply's deliveries go to the delivery section; a notice's to the section of the stage that issues it."""
    if delivery is None or delivery.for_reply:
        return "delivery"
    if delivery.letter_id:
        return str(kind_spec(delivery.letter.kind).stage)
    for word, section in LABEL_SECTION:
        if word in delivery.letter_label:
            return section
    return "delivery"


def attachment_documents(req):
    """(section, Document) for every upload, oldest first within its section."""
    result = []
    for attachment in req.attachments.select_related("delivery__letter").order_by("uploaded_at", "id"):
        with attachment.file.open("rb") as handle:
            data = handle.read()
        section = ATTACHMENT_SECTION.get(attachment.kind, "miscellaneous")
        if attachment.delivery_id and section == "delivery":
            section = delivery_section(attachment.delivery)
        title = attachment.get_kind_display() + (f"：{attachment.description}" if attachment.description else "")
        doc = Document(title=title, kind=attachment.kind, date=timezone.localtime(attachment.uploaded_at).date(),
                       original=data, content_type=attachment.content_type, sha256=attachment.sha256)
        if attachment.delivery_id and not attachment.delivery.for_reply:
            doc.group = letter_group(attachment.delivery.letter, 2)
        if attachment.content_type == "application/pdf":
            doc.pdf = data
        else:
            doc.images = [data]
        result.append((section, doc))
    return result


def collect(req):
    """Every document of the case file, in §9 order."""
    by_section = {section: [] for section in SECTIONS}
    add = by_section.__getitem__
    add("registration").append(records.registration_entry(req))
    for section, doc in letter_documents(req):
        add(section).append(doc)
    for section, doc in records.step_records(req):
        add(section).append(doc)
    for section, doc in records.notice_deliveries(req, delivery_section):
        add(section).append(doc)
    add("delivery").append(records.reply_delivery_record(req))
    for section, doc in attachment_documents(req):
        add(section).append(doc)
    add("rules").append(records.rules_relied_on(req))
    if req.challenges.exists():
        add("challenges").append(records.challenges(req))
    if req.complaints.exists():
        add("challenges").append(records.complaints(req))
    add("timeline").append(records.timeline(req))
    add("deadlines").append(records.deadline_explanation(req))
    add("audit").append(records.audit_trail(req))
    return [doc for section in SECTIONS for doc in _ordered(section, by_section[section])]


def _ordered(section, docs):
    # Generated records first in each section (they introduce it), then letters and scans by date; a notice is
    # followed by its delivery records and proofs (Document.group), before what came after it (§9: correction
    # notice + delivery proof + corrected application).
    if section in ("registration",):
        return docs
    return sorted(docs, key=_order_key)


def _order_key(doc):
    if doc.group:
        day, letter, order = doc.group
        return (True, day, 0, letter, order)
    return (doc.blocks is None, doc.date or date.min, 1, 0, 0)
