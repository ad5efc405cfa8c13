"""How the fonts shipped in this folder were made (run by hand, never at runtime).

    .venv/bin/python letters/fonts/build_fonts.py [--fandol DIR] [--hanazono DIR]

Sources (Debian 12 packages):
- texlive-lang-chinese 2022.20230122-1: Fandol v0.3 (.otf, CFF outlines), GPL-3.0 with the GPL font exception.
  Upstream: https://ctan.org/pkg/fandol
- fonts-hanazono 20170904-2.1: HanaMinA.ttf / HanaMinB.ttf, Hanazono Font License or OFL-1.1 (we use them under the
  Hanazono Font License). Upstream: http://fonts.jp/hanazono/

What it does:
1. Fandol Fang / Song Bold / Hei / Kai: CFF outlines converted to TrueType quadratic outlines (glyf) with fontTools'
   cu2qu, because reportlab embeds only glyf fonts. Glyph names are dropped (post format 3) to save space.
2. FandolSong-Regular, reduced to ASCII and a few dashes: the 4号 Song numerals of the page numbers.
3. HanaMinA, reduced to the code points that not all four Fandol faces have (rare characters such as 鍾).
4. HanaMinB, reduced to the CJK Extension B-F and compatibility-supplement code points HanaMinA does not already have
   (rare characters such as 𠈌).
Both Hanazono files lose their GSUB/vertical tables (not used by reportlab).
"""

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

HERE = Path(__file__).resolve().parent
FANDOL_DIR = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")
HANAZONO_DIR = Path("/usr/share/fonts/truetype/hanazono")
FANDOL_FACES = ("FandolFang-Regular", "FandolSong-Bold", "FandolHei-Regular", "FandolKai-Regular")
MAX_ERR = 1.0  # font units (1/1000 em): invisible at letter sizes
EXTENSION_RANGES = ((0x20000, 0x2FA1F),)  # Extension B-F and the compatibility supplement
NUMERAL_CHARS = "".join(chr(c) for c in range(0x20, 0x7F)) + "—–-"


def quadratic_glyphs(font):
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in font.getGlyphOrder():
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    return glyphs


def otf_to_ttf(source, target):
    font = TTFont(source)
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = quadratic_glyphs(font)
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    _reset_maxp(font)
    post = font["post"]
    post.formatType = 3.0
    post.extraNames, post.mapping = [], {}
    font.sfntVersion = "\000\001\000\000"
    font.save(target)


def _reset_maxp(font):
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.numGlyphs = len(font.getGlyphOrder())
    font["maxp"] = maxp


def subset_font(source, target, codepoints):
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG", "prop", "FFTM"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    font.save(target)


def cmap_of(path):
    return set(TTFont(path, lazy=True).getBestCmap())


def build(fandol_dir, hanazono_dir):
    for face in FANDOL_FACES:
        otf_to_ttf(fandol_dir / f"{face}.otf", HERE / f"{face}.ttf")
    subset_font(fandol_dir / "FandolSong-Regular.otf", HERE / "FandolSong-Numerals.otf", map(ord, NUMERAL_CHARS))
    otf_to_ttf(HERE / "FandolSong-Numerals.otf", HERE / "FandolSong-Numerals.ttf")
    (HERE / "FandolSong-Numerals.otf").unlink()
    covered = set.intersection(*(cmap_of(HERE / f"{face}.ttf") for face in FANDOL_FACES))
    hana_a = cmap_of(hanazono_dir / "HanaMinA.ttf") - covered
    subset_font(hanazono_dir / "HanaMinA.ttf", HERE / "HanaMinA-Fallback.ttf", hana_a)
    hana_b = {cp for cp in cmap_of(hanazono_dir / "HanaMinB.ttf") - hana_a
              if any(lo <= cp <= hi for lo, hi in EXTENSION_RANGES)}
    subset_font(hanazono_dir / "HanaMinB.ttf", HERE / "HanaMinB-Fallback.ttf", hana_b)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fandol", type=Path, default=FANDOL_DIR)
    parser.add_argument("--hanazono", type=Path, default=HANAZONO_DIR)
    args = parser.parse_args()
    build(args.fandol, args.hanazono)


if __name__ == "__main__":
    main()
