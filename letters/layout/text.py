"""Plain-text handling: cleaning user text and the CJK line-breaking rules (禁则).

User text is never interpreted as markup: it is drawn character by character, so `<b>`, `&` and `<font>` print
literally.
"""

import unicodedata

# Characters that must not start a line (closing punctuation and the like).
NO_LINE_START = frozenset(
    "，。、；：？！）」』〕》〉】〗｝’”…‥·・々〻ー゛゜ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    "%％‰℃°′″,.;:?!)]}>、﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞」』｣～"
)
# Characters that must not end a line (opening punctuation).
NO_LINE_END = frozenset("（「『〔《〈【〖｛‘“([{<＜￥$＄£€#＃№")
# Full-width closing marks whose glyph fills half the em: a line may be compressed by that half to keep them on it.
SQUEEZABLE = frozenset("，。、；：）」』〕》〉】〗”’")
# Characters written in pairs that must never be split: —— and …….
PAIRED = frozenset("—…")
# Control and format characters (zero-width spaces, BOM, bidi marks) carry nothing printable. Unassigned and
# private-use characters are kept so that the font check refuses them by name instead of dropping them silently.
_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})


def is_variation_selector(char):
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def clean(text):
    """Normalise line ends and tabs; drop control, format and variation-selector characters."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", "  ")
    text = text.replace("\u00a0", " ").replace("\u3000\n", "\n")
    return "".join(ch for ch in text if ch == "\n" or not _unprintable(ch))


def _unprintable(char):
    return is_variation_selector(char) or unicodedata.category(char) in _DROP_CATEGORIES


def is_word_char(char):
    """Half-width characters that stay together as one word (numbers, Latin words, URLs, e-mail addresses)."""
    return "!" <= char <= "~"


def binds_to_previous(prev, char):
    """True when no line break is allowed between prev and char."""
    if char in NO_LINE_START or prev in NO_LINE_END:
        return True
    if char in PAIRED and prev == char:
        return True
    return is_word_char(prev) and is_word_char(char)
