"""Generated documents with known strings, once in a text layer and once as a scanned image.

Every known string's position is recorded as a page-relative rectangle (fractions from the top-left), so tests can
check the proposals against where the text really is and check pixels of rendered pages.
"""

import io
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = Path(__file__).resolve().parents[2] / "letters" / "fonts" / "FandolFang-Regular.ttf"
PAGE = (595.0, 842.0)  # A4 in points

# 320102 19850612 345 + check character 4: the weighted sum of the first 17 digits is 250, 250 mod 11 = 8,
# (12 - 8) mod 11 = 4 (worked out by hand in test_resident_id.py).
RESIDENT_ID = "320102198506123454"
MOBILE = "13912345678"
NAME = "欧阳明远"
TITLE = "政府信息公开申请表"
OPINION = "办理意见：同意部分公开"

FONT_NAME = "FandolFang"
pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT)))


@dataclass
class Generated:
    pdf: bytes
    # name -> list of (left, top, right, bottom) page fractions, on page 1
    places: dict[str, list[tuple[float, float, float, float]]] = field(default_factory=dict)


# (text before, known string, size in points, baseline y from the bottom); x starts at 72 pt
LINES = [
    ("", TITLE, 22, 770),
    ("申请人：", NAME, 14, 700),
    ("身份证号：", RESIDENT_ID, 14, 670),
    ("联系电话：", MOBILE, 14, 640),
    ("", OPINION, 14, 540),
]
SPACED_NAME_LINE = ("经办人：", 14, 610)  # NAME drawn one character at a time, 6 pt apart (as table cells often are)


def _fraction(x0, top, x1, bottom, width=PAGE[0], height=PAGE[1]):
    return x0 / width, top / height, x1 / width, bottom / height


def text_layer_pdf(*, title: str = NAME, pages: int = 1) -> Generated:
    """The form as a text PDF (FandolFang embedded), metadata holding the applicant's name."""
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=PAGE)
    drawing.setTitle(title)
    drawing.setAuthor(NAME)
    drawing.setSubject(RESIDENT_ID)
    places: dict[str, list[tuple[float, float, float, float]]] = {}
    for _page in range(pages):
        places = _draw_form(drawing)
        drawing.showPage()
    drawing.save()
    return Generated(buffer.getvalue(), places)


def _draw_form(drawing: canvas.Canvas) -> dict[str, list[tuple[float, float, float, float]]]:
    """Draw the form's lines; where each known string is (the font's ascent 0.88 and descent 0.12 em)."""
    places = {}
    for before, known, size, baseline in LINES:
        drawing.setFont(FONT_NAME, size)
        drawing.drawString(72, baseline, before + known)
        x0 = 72 + pdfmetrics.stringWidth(before, FONT_NAME, size)
        x1 = x0 + pdfmetrics.stringWidth(known, FONT_NAME, size)
        places[known] = [_fraction(x0, PAGE[1] - baseline - 0.88 * size, x1, PAGE[1] - baseline + 0.12 * size)]
    before, size, baseline = SPACED_NAME_LINE
    drawing.setFont(FONT_NAME, size)
    drawing.drawString(72, baseline, before)
    x = start = 72 + pdfmetrics.stringWidth(before, FONT_NAME, size)
    for char in NAME:
        drawing.drawString(x, baseline, char)
        x += size + 6
    top, bottom = PAGE[1] - baseline - 0.88 * size, PAGE[1] - baseline + 0.12 * size
    places["spaced name"] = [_fraction(start, top, x - 6, bottom)]
    return places


def scanned_image(dpi: int = 200) -> tuple[Image.Image, dict[str, list[tuple[float, float, float, float]]]]:
    """The same form drawn into a grey A4 image with Pillow, as a scanner would deliver it."""
    width, height = round(PAGE[0] / 72 * dpi), round(PAGE[1] / 72 * dpi)
    image = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(image)
    places: dict[str, list[tuple[float, float, float, float]]] = {}
    for before, known, size, baseline in LINES:
        font = ImageFont.truetype(str(FONT), round(size / 72 * dpi))
        top = (PAGE[1] - baseline - 0.88 * size) / 72 * dpi
        x = 72 / 72 * dpi + draw.textlength(before, font=font)
        draw.text((72 / 72 * dpi, top), before + known, font=font, fill=20)
        left, upper, right, lower = draw.textbbox((x, top), known, font=font)
        places.setdefault(known, []).append((left / width, upper / height, right / width, lower / height))
    return image, places


def scanned_pdf(dpi: int = 200) -> Generated:
    """The scanned form as the only thing on a PDF page (no text layer), with metadata naming the applicant."""
    image, places = scanned_image(dpi)
    jpeg = io.BytesIO()
    image.save(jpeg, "JPEG", quality=90)
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=PAGE)
    drawing.setTitle(NAME)
    drawing.setAuthor(RESIDENT_ID)
    drawing.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, width=PAGE[0], height=PAGE[1])
    drawing.showPage()
    drawing.save()
    return Generated(buffer.getvalue(), places)


def booby_trapped(pdf: bytes) -> bytes:
    """The PDF with the known strings hidden where a drawn box cannot reach: an attachment, a note annotation,
    XMP metadata, a JavaScript open action and a form field."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.attachments["applicant.txt"] = pikepdf.AttachedFileSpec(
            document, f"{NAME} {RESIDENT_ID} {MOBILE}".encode())
        with document.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["dc:creator"] = [NAME]
            xmp["dc:description"] = RESIDENT_ID
        page = document.pages[0]
        note = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[400, 400, 420, 420],
                                  Contents=pikepdf.String(f"{NAME} {MOBILE}"))
        field_ = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx,
                                    T=pikepdf.String("phone"), V=pikepdf.String(MOBILE), Rect=[400, 300, 500, 320])
        page.obj.Annots = document.make_indirect(pikepdf.Array([document.make_indirect(note),
                                                                document.make_indirect(field_)]))
        document.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([page.obj.Annots[1]]))
        document.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript,
                                                      JS=pikepdf.String(f"app.alert('{RESIDENT_ID}')"))
        output = io.BytesIO()
        document.save(output)
        return output.getvalue()


def render_gray(pdf: bytes, page: int = 1, dpi: int = 200) -> Image.Image:
    """A page rendered by pdftoppm in grey, independently of the engine's own code."""
    done = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", "-singlefile", "-",
                           ], input=pdf, capture_output=True, check=True, timeout=60)
    return Image.open(io.BytesIO(done.stdout)).convert("L")


def pdftotext(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True,
                          timeout=60)
    return done.stdout.decode("utf-8")


def pdfinfo(pdf: bytes) -> str:
    done = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8", "replace")


def encodings(text: str) -> list[bytes]:
    """The byte forms a string takes in PDF files: UTF-8, UTF-16 (text strings, XMP), GB18030 (legacy producers)."""
    return [text.encode("utf-8"), text.encode("utf-16-be"), text.encode("utf-16-le"), text.encode("gb18030")]


def every_byte(pdf: bytes) -> bytes:
    """The file's bytes followed by every stream decoded (Flate and the like), to search content as stored."""
    parts = [pdf]
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for obj in document.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    parts.append(obj.read_bytes())
                except pikepdf.PdfError:
                    parts.append(obj.read_raw_bytes())
    return b"".join(parts)
