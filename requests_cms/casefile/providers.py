"""Documents from other apps. Frozen letters come from the letters app exactly as stored (PDF bytes + SHA-256).

Extend `PROVIDERS` to add a source of documents: each returns (section, Document) pairs for a request.
"""

import hashlib

from django.apps import apps

from .base import Document

LETTER_SECTION = {
    "acknowledgement": "registration", "correction_notice": "correction", "extension_notice": "extension",
    "third_party_consultation": "consultation", "agency_consultation": "consultation",
    "disclosure_over_objection": "consultation", "fee_notice": "fee", "reply": "reply",
}


def frozen_letters(req):
    """(section, Document) for every letter that was frozen (superseded versions included: they were sent)."""
    if not apps.is_installed("letters"):
        return []
    Letter = apps.get_model("letters", "Letter")
    letters = (Letter.objects.filter(request=req, state__in=["frozen", "superseded"], pdf__isnull=False)
               .order_by("frozen_at", "id"))
    result = []
    for letter in letters:
        data = bytes(letter.pdf)
        digest = hashlib.sha256(data).hexdigest()
        if letter.sha256 and letter.sha256 != digest:
            raise ValueError(f"文书“{letter.title}”（{letter.document_number}）的定稿PDF与存档摘要不符，拒绝生成案卷")
        title = f"{letter.title}（{letter.document_number or '无文号'}）"
        if letter.state == "superseded":
            title += "（已被新版本取代）"
        result.append((LETTER_SECTION.get(letter.kind, "other"),
                       Document(title=title, kind=f"letter_{letter.kind}", date=letter.letter_date, pdf=data,
                                original=data, content_type="application/pdf", sha256=digest)))
    return result


PROVIDERS = [frozen_letters]


def letter_documents(req):
    return [pair for provider in PROVIDERS for pair in provider(req)]
