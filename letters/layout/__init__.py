"""The letter layout engine: plain dataclasses in, PDF bytes out (reportlab canvas, GB/T 9704 letter form)."""

from .document import LetterDocument, Paragraph, format_date, paragraphs_from_text
from .envelope import EnvelopeDocument, render_envelope
from .fonts import MissingGlyphError, default_font_set, font_set
from .letter import render_letter
from .pages import PageWriter
from .proof_of_service import ProofOfServiceDocument, render_proof_of_service

__all__ = [
    "EnvelopeDocument",
    "LetterDocument",
    "MissingGlyphError",
    "PageWriter",
    "Paragraph",
    "ProofOfServiceDocument",
    "default_font_set",
    "font_set",
    "format_date",
    "paragraphs_from_text",
    "render_envelope",
    "render_letter",
    "render_proof_of_service",
]
