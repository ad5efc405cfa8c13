"""Font faces for letters: registered with reportlab once per process, chosen per character.

Each role (body FangSong, 小标宋, 黑体, 楷体, page numerals) has a chain of faces: the face an agency configured in
settings.LETTER_FONTS (if any), the face shipped in letters/fonts/, then the Hanazono fallback faces. A character
is drawn from the first face in the chain that has it; a character no face has raises MissingGlyphError.
"""

import hashlib
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"

FANGSONG = "fangsong"
XIAOBIAOSONG = "xiaobiaosong"
HEITI = "heiti"
KAITI = "kaiti"
NUMERALS = "numerals"
ROLES = (FANGSONG, XIAOBIAOSONG, HEITI, KAITI, NUMERALS)

SHIPPED = {
    FANGSONG: "FandolFang-Regular.ttf",
    XIAOBIAOSONG: "FandolSong-Bold.ttf",
    HEITI: "FandolHei-Regular.ttf",
    KAITI: "FandolKai-Regular.ttf",
    NUMERALS: "FandolSong-Numerals.ttf",
}
FALLBACKS = ("HanaMinA-Fallback.ttf", "HanaMinB-Fallback.ttf")


def _utf16_hex(code):
    return chr(code).encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname, subset):
    """reportlab 5.1 writes <2020C> for characters beyond the BMP, which readers reject: text extraction and search
    then lose rare characters such as 𠈌. The PDF reference wants UTF-16BE, i.e. a surrogate pair <D840DE0C>."""
    cmap = _original_to_unicode_cmap(fontname, subset)
    wide = [(index, code) for index, code in enumerate(subset) if code > 0xFFFF]
    for index, code in wide:
        cmap = cmap.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{_utf16_hex(code)}>", 1)
    return cmap


_original_to_unicode_cmap = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


class MissingGlyphError(ValueError):
    """No configured face can draw this character; the letter must not be produced."""

    def __init__(self, char):
        self.char = char
        super().__init__(f"字形缺失：无法排印字符“{char}”(U+{ord(char):04X})")


class Face:
    """One TrueType file, registered with reportlab the first time it is used."""

    def __init__(self, path):
        self.path = Path(path)
        self._font = None

    @property
    def font(self):
        if self._font is None:
            with _LOCK:
                if self._font is None:
                    self._font = _register(self.path)
        return self._font

    @property
    def name(self):
        return self.font.fontName

    def has(self, char):
        return ord(char) in self.font.face.charToGlyph

    def advance(self, char):
        """Advance width of the character, in ems."""
        face = self.font.face
        return face.charWidths.get(ord(char), face.defaultWidth) / 1000.0


_LOCK = threading.RLock()
_FACES: dict[Path, Face] = {}
_FONT_SETS: dict[tuple, "FontSet"] = {}


def _register(path):
    if not path.is_file():
        raise FileNotFoundError(f"字体文件不存在：{path}")
    digest = hashlib.sha1(str(path).encode()).hexdigest()[:8]
    font = TTFont(f"{path.stem}-{digest}", str(path), shapable=False)
    pdfmetrics.registerFont(font)
    return font


def face_at(path):
    path = Path(path).resolve()
    with _LOCK:
        if path not in _FACES:
            _FACES[path] = Face(path)
        return _FACES[path]


class FontSet:
    """The chain of faces for every role, and a per-character choice cached for the process."""

    def __init__(self, configured=None):
        configured = configured or {}
        fallbacks = [face_at(FONT_DIR / name) for name in FALLBACKS]
        self.chains = {}
        for role in ROLES:
            chain = [face_at(configured[role])] if configured.get(role) else []
            chain.append(face_at(FONT_DIR / SHIPPED[role]))
            if role == NUMERALS:
                chain.append(face_at(configured.get(FANGSONG) or FONT_DIR / SHIPPED[FANGSONG]))
            self.chains[role] = tuple(chain + fallbacks)
        self._choice = {}

    def primary(self, role):
        return self.chains[role][0]

    def face_for(self, char, role):
        key = (char, role)
        face = self._choice.get(key)
        if face is None:
            face = self._choice[key] = self._search(char, role)
        return face

    def _search(self, char, role):
        for face in self.chains[role]:
            if face.has(char):
                return face
        raise MissingGlyphError(char)

    def check(self, text, role=FANGSONG):
        """Raise MissingGlyphError for the first character of text that no face can draw."""
        for char in text:
            if char != "\n":
                self.face_for(char, role)


def font_set(configured=None):
    """The process-wide FontSet for a configuration (a mapping role -> path; empty = shipped faces)."""
    key = tuple(sorted((k, str(v)) for k, v in (configured or {}).items() if v))
    with _LOCK:
        if key not in _FONT_SETS:
            _FONT_SETS[key] = FontSet(dict(key))
        return _FONT_SETS[key]


def configured_fonts():
    """settings.LETTER_FONTS when Django is configured, else no overrides."""
    try:
        from django.conf import settings

        return dict(getattr(settings, "LETTER_FONTS", {}) or {}) if settings.configured else {}
    except ImportError:
        return {}


def default_font_set():
    return font_set(configured_fonts())


def preload(configured=None):
    """Register every face of the process's font set now, so that the first letter does not pay for reading the
    font files (called where a web or task worker process starts: requests_cms/wsgi.py, requests_cms/celery.py)."""
    fonts = font_set(configured_fonts() if configured is None else configured)
    for chain in fonts.chains.values():
        for face in chain:
            face.font  # noqa: B018 - the property registers the face
    return fonts
