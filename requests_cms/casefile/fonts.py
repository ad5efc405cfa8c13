"""Embedded TrueType CJK faces for the case file (never the unembedded STSong-Light).

The letters app's font set (letters/fonts, with per-character fallback for rare characters) is used; when it is
not importable, a system TrueType face found by `system_font_path()` is used instead.
"""

from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

BODY = "fangsong"
HEADING = "heiti"
SYSTEM_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)


def system_font_path():
    for candidate in SYSTEM_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    raise FileNotFoundError("未找到可嵌入的中文TrueType字体（letters/fonts 或系统字体）")


class _SystemFace:
    def __init__(self, path):
        self.font = TTFont("CaseFileCJK", path, subfontIndex=0)
        pdfmetrics.registerFont(self.font)
        self.name = self.font.fontName

    def advance(self, char):
        face = self.font.face
        return face.charWidths.get(ord(char), face.defaultWidth) / 1000.0


class _SystemFonts:
    def __init__(self):
        self.face = _SystemFace(system_font_path())

    def primary(self, role):
        return self.face

    def face_for(self, char, role):
        return self.face


@lru_cache(maxsize=1)
def font_set():
    try:
        from letters.layout.fonts import default_font_set
    except ImportError:
        return _SystemFonts()
    return default_font_set()


def runs(text, role):
    """(face, text) pairs: consecutive characters drawn from the same face. A character no face has is '□'."""
    fonts = font_set()
    current, chars = None, []
    for char in text:
        try:
            face = fonts.face_for(char, role)
        except ValueError:  # MissingGlyphError: the case file still prints, marking the gap
            char, face = "□", fonts.face_for("□", role) if _has_box(fonts, role) else fonts.primary(role)
        if face is not current and chars:
            yield current, "".join(chars)
            chars = []
        current = face
        chars.append(char)
    if chars:
        yield current, "".join(chars)


def _has_box(fonts, role):
    try:
        fonts.face_for("□", role)
    except ValueError:
        return False
    return True


def width(text, role, size):
    return sum(face.advance(ch) for face, chunk in runs(text, role) for ch in chunk) * size
