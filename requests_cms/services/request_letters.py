"""A request's letters from its facts: draft one, edit its text, print it or the form that goes with it.

letters renders, numbers and freezes from the facts it is given; this module gives them (letter_facts.py) and picks
the request's letter. Every function raises a `ValueError` subclass with a Chinese message when refused.
"""

from letters import services as letter_services
from letters.kinds import FORM_KINDS, LetterKind, kind_spec
from letters.models import LetterState
from letters.renderers import render_form
from letters.services import LetterError

from .letter_facts import agency_facts, consultation_for, facts_for, served_letter


def letter_draft(*, request, kind, by, consultation=None):
    """Write (or rewrite) the open draft of this kind from the request's current facts and the agency's wording."""
    if kind not in LetterKind.values:
        raise LetterError("没有这种文书")
    consultation = consultation or consultation_for(request, kind)
    return letter_services.letter_draft(request=request, kind=kind, by=by, consultation=consultation,
                                        facts=facts_for(request, kind, consultation=consultation))


def letter_update_text(*, letter, text, by):
    """The handler's edit of a draft; the remedy statement must survive it word for word."""
    return letter_services.letter_update_text(letter=letter, text=text, by=by, facts=letter_facts(letter))


def letter_facts(letter):
    """The current facts of a saved letter's request, for the letter's kind and consultation."""
    return facts_for(letter.request, letter.kind, consultation=letter.consultation)


def letter_pdf(letter):
    """The frozen bytes exactly as stored, or a preview marked 草稿."""
    return letter_services.letter_pdf(letter, agency=agency_facts(letter.agency))


def request_letter_pdf(*, request, kind):
    """What a request's letter of this kind looks like now: the frozen bytes if frozen, else a draft preview
    (written from the current facts when no draft exists yet; nothing is saved)."""
    if kind in FORM_KINDS:
        return form_pdf(request=request, kind=kind)
    letter = request.letters.filter(kind=kind).exclude(state=LetterState.SUPERSEDED).order_by("-version").first()
    if letter is not None:
        return letter_pdf(letter)
    return letter_services.preview_pdf(facts=facts_for(request, kind), kind=kind)


def form_pdf(*, request, kind, letter=None):
    """The proof-of-service form or the envelope for a request's letter (the latest one unless given)."""
    if not kind_spec(kind).form:
        raise LetterError(f"{kind_spec(kind).label}不是固定格式的表单")
    letter = letter or request.letters.exclude(state=LetterState.SUPERSEDED).order_by("-frozen_at", "-id").first()
    if kind == LetterKind.PROOF_OF_SERVICE and letter is None:
        raise LetterError(f"申请{request.number}尚无可送达的文书")
    return render_form(kind, agency_facts(request.agency), served_letter(request, letter))

