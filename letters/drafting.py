"""Writing a letter's text: choose the wording (agency override, system default row, shipped file), fill it in."""

from dataclasses import dataclass

from .facts import addressee, placeholder_values
from .kinds import carries_remedy, kind_spec
from .layout import default_font_set
from .models import LetterTemplate
from .remedies import LetterDataError
from .templating import Wording, default_wording, fill_placeholders


@dataclass(frozen=True)
class Draft:
    title: str
    addressee: str
    text: str
    notes: tuple[str, ...]
    template_source: str
    remedy_statement: str


def wording_for(agency_id, kind, outcome=""):
    """The agency's own template, else the system default row, else the file shipped in the repository."""
    templates = LetterTemplate.objects.filter(kind=kind, outcome=outcome)
    template = templates.filter(agency_id=agency_id).first() or templates.filter(agency__isnull=True).first()
    if template:
        owner = "机关模板" if template.agency_id else "系统模板"
        return Wording(template.title, template.body, f"{owner}#{template.pk}")
    return default_wording(kind, outcome)


def draft_from_facts(facts, kind, wording):
    """The filled-in text of a letter; raises LetterDataError for missing facts, MissingGlyphError for glyphs."""
    spec = kind_spec(kind)
    outcome = facts.outcome if spec.per_outcome else ""
    values = placeholder_values(facts, kind, outcome, wording.title)
    draft = Draft(
        title=fill_placeholders(wording.title, values),
        addressee=addressee(facts, kind),
        text=fill_placeholders(wording.body, values),
        notes=facts.provisional_notes,
        template_source=wording.source,
        remedy_statement=values["remedy_statement"],
    )
    if not draft.addressee:
        raise LetterDataError(f"无法生成{spec.label}：缺少主送对象")
    check_glyphs(draft.title, draft.addressee, draft.text, *draft.notes)
    return draft


def check_glyphs(*texts):
    """Refuse early, naming the character, when no configured face can print it."""
    fonts = default_font_set()
    for text in texts:
        fonts.check(text)


def remedy_kept(kind, outcome, text, remedy):
    """An edited text must keep the computed remedy statement word for word."""
    return not carries_remedy(kind, outcome) or _squeezed(remedy) in _squeezed(text)


def _squeezed(text):
    return "".join(text.split())
