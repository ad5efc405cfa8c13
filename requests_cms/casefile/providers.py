"""Documents from other apps. Frozen letters come from the letters app exactly as stored (PDF bytes + SHA-256),
each in the section of the stage that issues its kind (letters.kinds).

Extend `PROVIDERS` to add a source of documents: each returns (section, Document) pairs for a request.
"""

import hashlib

from django.apps import apps
from django.utils import timezone

from .base import Document


def frozen_letters(req):
    """(section, Document) for every letter that was frozen (superseded versions included: they were sent)."""
    if not apps.is_installed("letters"):
        return []
    from letters.kinds import kind_spec
    from letters.models import Letter, LetterState

    letters = (Letter.objects.filter(request=req, state__in=[LetterState.FROZEN, LetterState.SUPERSEDED],
                                     pdf__isnull=False)
               .order_by("frozen_at", "id"))
    result = []
    for letter in letters:
        data = bytes(letter.pdf)
        digest = hashlib.sha256(data).hexdigest()
        if letter.sha256 and letter.sha256 != digest:
            raise ValueError(f"文书“{letter.title}”（{letter.document_number}）的定稿PDF与存档摘要不符，拒绝生成案卷")
        title = f"{letter.title}（{letter.document_number or '无文号'}）"
        if letter.state == LetterState.SUPERSEDED:
            title += "（已被新版本取代）"
        result.append((str(kind_spec(letter.kind).stage),
                       Document(title=title, kind=f"letter_{letter.kind}", date=letter.letter_date, pdf=data,
                                original=data, content_type="application/pdf", sha256=digest,
                                group=letter_group(letter, 0))))
    return result


def letter_group(letter, order):
    """The case file keeps a letter, its delivery records and their proofs together (Document.group)."""
    if letter is None or letter.letter_date is None:
        return ()
    return (letter.letter_date, letter.pk, order)


def redaction_documents(req):
    """(section, Document) for the released copy of every responsive document that was released (superseded
    versions included), and the redaction log of those documents, in the reply's section. Never the original of a
    responsive document: that is one of the request's uploads, with its own digest."""
    from letters.kinds import Stage
    from requests_cms.models import ResponsiveDocument
    from requests_cms.services import responsive

    released = list(ResponsiveDocument.objects.filter(request=req).exclude(released_sha256="")
                    .order_by("created_at", "id"))
    if not released:
        return []
    result = []
    for document in released:
        data = responsive.released_bytes(document)
        title = f"区分处理后的公开件：《{document.title}》第{document.version}版"
        if not document.is_current:
            title += "（已被新版本取代）"
        result.append((str(Stage.REPLY), Document(
            title=title, kind="released_copy", date=timezone.localdate(document.released_at), pdf=data, original=data,
            content_type="application/pdf", sha256=document.released_sha256)))
    result.append((str(Stage.REPLY), Document(title=responsive.LOG_TITLE, kind="redaction_log",
                                              date=timezone.localdate(released[-1].released_at),
                                              blocks=responsive.log_blocks(released))))
    return result


PROVIDERS = [frozen_letters, redaction_documents]


def letter_documents(req):
    return [pair for provider in PROVIDERS for pair in provider(req)]
