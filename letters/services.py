"""Use cases of letters: draft, edit, submit, return, freeze, new version, and the printable PDF.

Lifecycle: draft (editable text) → submitted (with the decision) → frozen on approval (document number assigned,
PDF rendered once and stored with its SHA-256, never re-rendered) → superseded by a new version with a reason.

Every use case is given the facts it needs (`LetterFacts`, `AgencyFacts`; requests_cms/services/letter_facts.py
builds them from a request): nothing here reads a request. The request and the consultation a letter is about are
passed only to be stored as the letter's foreign keys.
"""

import hashlib

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .drafting import check_glyphs, draft_from_facts, remedy_kept, wording_for
from .facts import placeholder_values
from .kinds import WORDED_KINDS, LetterKind, carries_remedy, kind_spec
from .models import AgencyLetterhead, Letter, LetterState
from .numbering import format_number, next_number
from .renderers import LetterContent, render_content

OPEN_STATES = (LetterState.DRAFT, LetterState.SUBMITTED)


class LetterError(ValueError):
    """A letter action that is not allowed now, with a Chinese message for the user."""


def letter_draft(*, request, kind, facts, by, consultation=None):
    """Write (or rewrite) the open draft of this kind about `request` from `facts` and the agency's wording."""
    if kind not in WORDED_KINDS:
        raise LetterError(f"{LetterKind(kind).label}无需起草，可直接打印")
    draft, outcome = _draft(facts, kind)
    with transaction.atomic():
        letters = Letter.objects.select_for_update().filter(request=request, kind=kind, consultation=consultation)
        letter = letters.filter(state__in=OPEN_STATES).first()
        if letter is None and letters.filter(state=LetterState.FROZEN).exists():
            raise LetterError("该文书已定稿，如需修改请生成新版本并说明理由")
        if letter is None:
            version = (letters.aggregate(Max("version"))["version__max"] or 0) + 1
            letter = Letter(request=request, agency_id=facts.agency.id, kind=kind, consultation=consultation,
                            version=version, created_by=by)
        elif letter.state == LetterState.SUBMITTED:
            raise LetterError("文书已报批，退回修改后方可重新起草")
        _apply_draft(letter, draft, outcome)
        _save(letter, by)
    return letter


def _draft(facts, kind):
    outcome = facts.outcome if kind_spec(kind).per_outcome else ""
    return draft_from_facts(facts, kind, wording_for(facts.agency.id, kind, outcome)), outcome


def _apply_draft(letter, draft, outcome):
    letter.outcome = outcome
    letter.title, letter.addressee, letter.text = draft.title, draft.addressee, draft.text
    letter.notes = "\n".join(draft.notes)
    letter.template_source = draft.template_source


def letter_update_text(*, letter, text, by, facts):
    """The handler's edit of a draft; the remedy statement (computed from `facts`) must survive it word for word."""
    with transaction.atomic():
        letter = _locked(letter, LetterState.DRAFT, "只有草稿可以修改")
        if not text.strip():
            raise LetterError("正文不能为空")
        check_glyphs(text)
        _check_remedy(letter, text, facts)
        letter.text = text
        _save(letter, by)
    return letter


def letter_submit(*, letter, by):
    """Submitted with the decision for approval: no more edits until it is returned."""
    return _move(letter, by, LetterState.DRAFT, LetterState.SUBMITTED, "只有草稿可以报批")


def letter_return(*, letter, by):
    """Returned for revision: editable again."""
    return _move(letter, by, LetterState.SUBMITTED, LetterState.DRAFT, "只有已报批的文书可以退回")


def letter_freeze(*, letter, by, facts):
    """On approval: assign the document number, render the PDF once and store it with its SHA-256."""
    with transaction.atomic():
        letter = _locked(letter, OPEN_STATES, "该文书已定稿")
        _check_remedy(letter, letter.text, facts)
        agency = facts.agency
        letter.letter_date = timezone.localdate()
        number = next_number(agency_id=letter.agency_id, kind=letter.kind, year=letter.letter_date.year)
        letter.document_number = format_number(agency.document_number_format, short_name=agency.short_name,
                                               kind=letter.kind, year=letter.letter_date.year, number=number)
        pdf = render_content(letter_content(letter, agency, final=True))  # any failure rolls the number back: no gap
        letter.pdf, letter.sha256 = pdf, hashlib.sha256(pdf).hexdigest()
        letter.state, letter.frozen_at, letter.frozen_by = LetterState.FROZEN, timezone.now(), by
        _save(letter, by)
    return letter


def letter_new_version(*, letter, reason, by, facts=None):
    """A change after freezing: a new draft version with the reason; the frozen one is kept, marked superseded.

    Given `facts`, the new version is written afresh from them (e.g. a new decision after a reconsideration order);
    otherwise it starts from the frozen text.
    """
    if not (reason or "").strip():
        raise LetterError("生成新版本须说明修改理由")
    with transaction.atomic():
        old = _locked(letter, LetterState.FROZEN, "只有已定稿的文书可以生成新版本")
        new = Letter(request_id=old.request_id, agency_id=old.agency_id, kind=old.kind, outcome=old.outcome,
                     consultation_id=old.consultation_id, version=old.version + 1, title=old.title,
                     addressee=old.addressee, text=old.text, notes=old.notes, template_source=old.template_source,
                     change_reason=reason.strip(), created_by=by)
        if facts is not None:
            _apply_draft(new, *_draft(facts, old.kind))
        _save(new, by)
        old.state, old.superseded_by = LetterState.SUPERSEDED, new
        _save(old, by)
    return new


def letter_pdf(letter, *, agency):
    """The frozen bytes exactly as stored; for an unfrozen letter a preview marked 草稿 without a number, signed
    by `agency` (AgencyFacts of the issuing agency)."""
    if letter.is_frozen:
        return bytes(letter.pdf)
    return render_content(letter_content(letter, agency, final=False))


def letter_content(letter, agency, *, final):
    letterhead = AgencyLetterhead.objects.filter(agency_id=letter.agency_id).first()
    seal = letterhead.seal_image.path if letterhead and letterhead.seal_image else None
    return LetterContent(
        agency_name=agency.name, title=letter.title, addressee=letter.addressee, text=letter.text,
        document_number=letter.document_number if final else "", letter_date=letter.letter_date,
        notes=tuple(n for n in letter.notes.split("\n") if n), final=final,
        authority_mark=letterhead.authority_mark if letterhead else "", seal_image=seal,
    )


def preview_pdf(*, facts, kind):
    """What a letter of this kind written from `facts` looks like now, marked 草稿; nothing is saved."""
    draft, _ = _draft(facts, kind)
    return render_content(LetterContent(
        agency_name=facts.agency.name, title=draft.title, addressee=draft.addressee, text=draft.text,
        notes=draft.notes, final=False,
    ))


def _check_remedy(letter, text, facts):
    if not carries_remedy(letter.kind, letter.outcome):
        return
    remedy = placeholder_values(facts, letter.kind, letter.outcome, letter.title)["remedy_statement"]
    if not remedy_kept(letter.kind, letter.outcome, text, remedy):
        raise LetterError(f"正文须完整保留救济途径告知：{remedy}")


def _locked(letter, states, message):
    states = (states,) if isinstance(states, str) else states
    fresh = Letter.objects.select_for_update().get(pk=letter.pk)
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
