"""Use cases of letters: draft, edit, submit, return, freeze, new version, and the printable PDF.

Lifecycle: draft (editable text) → submitted (with the decision) → frozen on approval (document number assigned,
PDF rendered once and stored with its SHA-256, never re-rendered) → superseded by a new version with a reason.
"""

import hashlib

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .collect import consultation_for, facts_for, reply_outcome
from .drafting import check_glyphs, draft_from_facts, remedy_kept, wording_for
from .facts import placeholder_values
from .kinds import FORM_KINDS, WORDED_KINDS, LetterKind
from .models import AgencyLetterhead, Letter, LetterState
from .numbering import format_number, next_number
from .renderers import EnvelopeRenderer, LetterContent, ProofOfServiceRenderer, ServedLetter, render_content

OPEN_STATES = (LetterState.DRAFT, LetterState.SUBMITTED)


class LetterError(ValueError):
    """A letter action that is not allowed now, with a Chinese message for the user."""


def letter_draft(*, request, kind, by, consultation=None):
    """Write (or rewrite) the open draft of this kind from the request's current facts and the agency's wording."""
    if kind not in WORDED_KINDS:
        raise LetterError(f"{LetterKind(kind).label}无需起草，可直接打印")
    outcome = reply_outcome(request) if kind == LetterKind.REPLY else ""
    consultation = consultation or consultation_for(request, kind)
    draft = draft_from_facts(facts_for(request, kind, consultation=consultation),
                             kind, wording_for(request.agency_id, kind, outcome))
    with transaction.atomic():
        letters = Letter.objects.select_for_update().filter(request=request, kind=kind, consultation=consultation)
        letter = letters.filter(state__in=OPEN_STATES).first()
        if letter is None and letters.filter(state=LetterState.FROZEN).exists():
            raise LetterError("该文书已定稿，如需修改请生成新版本并说明理由")
        if letter is None:
            version = (letters.aggregate(Max("version"))["version__max"] or 0) + 1
            letter = Letter(request=request, agency_id=request.agency_id, kind=kind, consultation=consultation,
                            version=version, created_by=by)
        elif letter.state == LetterState.SUBMITTED:
            raise LetterError("文书已报批，退回修改后方可重新起草")
        _apply_draft(letter, draft, outcome)
        _save(letter, by)
    return letter


def _apply_draft(letter, draft, outcome):
    letter.outcome = outcome
    letter.title, letter.addressee, letter.text = draft.title, draft.addressee, draft.text
    letter.notes = "\n".join(draft.notes)
    letter.template_source = draft.template_source


def letter_update_text(*, letter, text, by):
    """The handler's edit of a draft; the remedy statement must survive it word for word."""
    with transaction.atomic():
        letter = _locked(letter, LetterState.DRAFT, "只有草稿可以修改")
        if not text.strip():
            raise LetterError("正文不能为空")
        check_glyphs(text)
        _check_remedy(letter, text)
        letter.text = text
        _save(letter, by)
    return letter


def letter_submit(*, letter, by):
    """Submitted with the decision for approval: no more edits until it is returned."""
    return _move(letter, by, LetterState.DRAFT, LetterState.SUBMITTED, "只有草稿可以报批")


def letter_return(*, letter, by):
    """Returned for revision: editable again."""
    return _move(letter, by, LetterState.SUBMITTED, LetterState.DRAFT, "只有已报批的文书可以退回")


def letter_freeze(*, letter, by):
    """On approval: assign the document number, render the PDF once and store it with its SHA-256."""
    with transaction.atomic():
        letter = _locked(letter, OPEN_STATES, "该文书已定稿")
        _check_remedy(letter, letter.text)
        agency = letter.agency
        letter.letter_date = timezone.localdate()
        number = next_number(agency=agency, kind=letter.kind, year=letter.letter_date.year)
        letter.document_number = format_number(agency.document_number_format, short_name=agency.short_name,
                                               kind=letter.kind, year=letter.letter_date.year, number=number)
        pdf = render_content(letter_content(letter, final=True))  # any failure rolls the number back: no gap
        letter.pdf, letter.sha256 = pdf, hashlib.sha256(pdf).hexdigest()
        letter.state, letter.frozen_at, letter.frozen_by = LetterState.FROZEN, timezone.now(), by
        _save(letter, by)
    return letter


def letter_new_version(*, letter, reason, by, regenerate=False):
    """A change after freezing: a new draft version with the reason; the frozen one is kept, marked superseded.

    regenerate=True writes the new version afresh from the request's current facts (e.g. a new decision after a
    reconsideration order); otherwise it starts from the frozen text.
    """
    if not (reason or "").strip():
        raise LetterError("生成新版本须说明修改理由")
    with transaction.atomic():
        old = _locked(letter, LetterState.FROZEN, "只有已定稿的文书可以生成新版本")
        new = Letter(request=old.request, agency_id=old.agency_id, kind=old.kind, outcome=old.outcome,
                     consultation=old.consultation, version=old.version + 1, title=old.title, addressee=old.addressee,
                     text=old.text, notes=old.notes, template_source=old.template_source, change_reason=reason.strip(),
                     created_by=by)
        if regenerate:
            outcome = reply_outcome(old.request) if old.kind == LetterKind.REPLY else ""
            draft = draft_from_facts(facts_for(old.request, old.kind, consultation=old.consultation), old.kind,
                                     wording_for(old.agency_id, old.kind, outcome))
            _apply_draft(new, draft, outcome)
        _save(new, by)
        old.state, old.superseded_by = LetterState.SUPERSEDED, new
        _save(old, by)
    return new


def letter_pdf(letter):
    """The frozen bytes exactly as stored; for an unfrozen letter a preview marked 草稿 without a number."""
    if letter.is_frozen:
        return bytes(letter.pdf)
    return render_content(letter_content(letter, final=False))


def letter_content(letter, *, final):
    letterhead = AgencyLetterhead.objects.filter(agency_id=letter.agency_id).first()
    seal = letterhead.seal_image.path if letterhead and letterhead.seal_image else None
    return LetterContent(
        kind=letter.kind, agency_name=letter.agency.name, title=letter.title, addressee=letter.addressee,
        text=letter.text, outcome=letter.outcome, document_number=letter.document_number if final else "",
        letter_date=letter.letter_date, notes=tuple(n for n in letter.notes.split("\n") if n), final=final,
        authority_mark=letterhead.authority_mark if letterhead else "", seal_image=seal,
    )


def _check_remedy(letter, text):
    if letter.kind not in (LetterKind.REPLY, LetterKind.DISCLOSURE_OVER_OBJECTION):
        return
    facts = facts_for(letter.request, letter.kind, consultation=letter.consultation)
    remedy = placeholder_values(facts, letter.kind, letter.outcome)["remedy_statement"]
    if not remedy_kept(letter.kind, letter.outcome, text, remedy):
        raise LetterError(f"正文须完整保留救济途径告知：{remedy}")


def _locked(letter, states, message):
    states = (states,) if isinstance(states, str) else states
    fresh = Letter.objects.select_for_update().select_related("agency").get(pk=letter.pk)
    if fresh.state not in states:
        raise LetterError(message)
    return fresh


def _move(letter, by, source, target, message):
    with transaction.atomic():
        letter = _locked(letter, source, message)
        letter.state = target
        _save(letter, by)
    return letter


def _save(letter, by):
    letter._history_user = by
    letter.save()


def form_pdf(*, request, kind, letter=None):
    """The proof-of-service form or the envelope for a request's letter (the latest one unless given)."""
    letter = letter or request.letters.exclude(state=LetterState.SUPERSEDED).order_by("-frozen_at", "-id").first()
    if kind == LetterKind.PROOF_OF_SERVICE and letter is None:
        raise LetterError(f"申请{request.number}尚无可送达的文书")
    to_party = letter is not None and letter.consultation_id is not None
    served = ServedLetter(
        title=letter.title if letter else "",
        document_number=letter.document_number if letter else "",
        addressee=letter.addressee if letter else request.applicant.name,
        address=letter.consultation.party_address if to_party else request.applicant.address,
        postcode="" if to_party else request.applicant.postcode,
        method=request.get_delivery_method_display(),
    )
    if kind == LetterKind.PROOF_OF_SERVICE:
        return ProofOfServiceRenderer(request.agency.name, served).render()
    if kind == LetterKind.ENVELOPE:
        return EnvelopeRenderer(request.agency, served).render()
    raise LetterError(f"{LetterKind(kind).label}不是固定格式的表单")


def request_letter_pdf(*, request, kind):
    """What a request's letter of this kind looks like now: the frozen bytes if frozen, else a draft preview
    (written from the current facts when no draft exists yet; nothing is saved)."""
    if kind in FORM_KINDS:
        return form_pdf(request=request, kind=kind)
    letter = request.letters.filter(kind=kind).exclude(state=LetterState.SUPERSEDED).order_by("-version").first()
    if letter is not None:
        return letter_pdf(letter)
    outcome = reply_outcome(request) if kind == LetterKind.REPLY else ""
    draft = draft_from_facts(facts_for(request, kind), kind, wording_for(request.agency_id, kind, outcome))
    return render_content(LetterContent(
        kind=kind, agency_name=request.agency.name, title=draft.title, addressee=draft.addressee, text=draft.text,
        outcome=outcome, notes=draft.notes, final=False,
    ))
