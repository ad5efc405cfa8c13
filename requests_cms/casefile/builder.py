"""Build the case file: cover, contents with page numbers, every document merged in order; ZIP of the originals.

Page numbers are known before anything is merged: generated documents are laid out once to count their pages,
scans take one page each, PDFs count their own; then every page drawn here is numbered and the contents list where
each document starts.
"""

import io
import json
import math
import zipfile
from dataclasses import dataclass

from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from letters.layout import PageWriter

from .documents import collect
from .render import render_blocks, write_blocks, write_images

CONTENTS_ROWS = 32
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png", "application/json": ".json"}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed: the same originals give the same ZIP


@dataclass
class Entry:
    title: str
    start: int
    pages: int


@dataclass
class CaseFile:
    pdf: bytes
    zip: bytes
    manifest: dict
    contents: list
    page_count: int


def _noop(percent, step):
    return None


def _pdf_pages(doc):
    try:
        reader = PdfReader(io.BytesIO(doc.pdf))
        if reader.is_encrypted:
            raise ValueError("encrypted")
        return reader, len(reader.pages)
    except Exception:  # an unreadable upload: say so on a page of its own; the original is in the ZIP
        doc.blocks = [("p", f"该PDF文件无法合并显示，原件见原件压缩包（SHA-256：{doc.sha256}）。")]
        doc.pdf = None
        return None, None


def _count(docs, progress):
    """Page count of every document; generated ones are laid out once here."""
    counts, readers = [], {}
    for index, doc in enumerate(docs):
        pages = None
        if doc.pdf is not None:
            readers[index], pages = _pdf_pages(doc)
        if pages is None and doc.blocks is not None:
            pages = render_blocks(doc.title, doc.blocks)[1]
        elif pages is None:
            pages = len(doc.images)
        counts.append(pages)
        progress(5 + 25 * (index + 1) // len(docs), f"统计页数：{doc.title}")
    return counts, readers


def write_cover(pager, req, total, documents, today):
    pager.begin(1)
    pager.gap(90)
    pager.line("政府信息公开申请案卷", "big", centred=True)
    pager.gap(40)
    rows = [
        ("机关", req.agency.name), ("申请编号", req.number), ("申请人", req.applicant.name),
        ("收到申请日期", req.received_on), ("答复期限", req.due_date), ("答复日期（交邮/交付）", req.replied_on),
        ("申请人收到答复日期", req.applicant_received_on), ("答复类型", req.get_outcome_display() or "—"),
        ("办理状态", req.get_state_display()), ("办结日期", req.concluded_on),
        ("案卷", f"共{total}页，文件{documents}件"), ("导出日期", today),
    ]
    for label, value in rows:
        pager.line(f"{label}：{value if value not in (None, '') else '—'}", "h", indent=30)
    pager.end()


def write_contents(pager, entries):
    pager.begin(2)
    for index, entry in enumerate(entries):
        if index % CONTENTS_ROWS == 0:
            pager.end()
            pager.line("目　录", "title", centred=True)
            pager.gap()
        pager.entry(f"{index + 1}. {entry.title[:38]}", entry.start)
    pager.end()


def own_pages(req, docs, entries, total):
    """Every page drawn here (cover, contents, generated documents, scans) in one PDF, so fonts are embedded once.

    Returns (reader, {document index: (first, stop) page range in that PDF}).
    """
    pager = PageWriter(f"{req.agency.name} {req.number} 案卷", 1, total)
    write_cover(pager, req, total, len(docs), timezone.localdate())
    write_contents(pager, entries)
    ranges = {}
    for index, (doc, entry) in enumerate(zip(docs, entries, strict=True)):
        if doc.pdf is not None:
            continue
        pager.begin(entry.start)
        first = pager.pages
        if doc.blocks is not None:
            write_blocks(pager, doc.title, doc.blocks)
        else:
            write_images(pager, doc.title, doc.images)
        if pager.pages - first != entry.pages:
            raise RuntimeError(f"页数不一致：{doc.title}")
        ranges[index] = (first, pager.pages)
    return PdfReader(io.BytesIO(pager.finish()[0])), ranges


def build(req, progress=_noop):
    """The case file of `req`: CaseFile(pdf, zip, manifest, contents entries, page count)."""
    progress(2, "收集材料")
    docs = collect(req)
    counts, readers = _count(docs, progress)
    contents_pages = max(1, math.ceil(len(docs) / CONTENTS_ROWS))
    start, entries = 2 + contents_pages, []
    for doc, pages in zip(docs, counts, strict=True):
        entries.append(Entry(doc.title, start, pages))
        start += pages
    total = start - 1
    progress(35, "排版封面、目录、记录和扫描件")
    own, ranges = own_pages(req, docs, entries, total)
    writer = PdfWriter()
    writer.append(own, pages=(0, 1 + contents_pages))
    writer.add_outline_item(title="目录", page_number=1)
    for index, (doc, entry) in enumerate(zip(docs, entries, strict=True)):
        progress(60 + 30 * (index + 1) // len(docs), f"合并：{doc.title}")
        if index in ranges:
            writer.append(own, pages=ranges[index], import_outline=False)
        else:
            writer.append(readers[index], import_outline=False)
        writer.add_outline_item(title=doc.title, page_number=entry.start - 1)
    writer.add_metadata({"/Title": f"{req.agency.name} {req.number} 案卷", "/Producer": "requests_cms case file"})
    out = io.BytesIO()
    writer.write(out)
    progress(95, "打包原件")
    manifest, archive = originals(req, docs)
    return CaseFile(pdf=out.getvalue(), zip=archive, manifest=manifest, contents=entries, page_count=total)


def manifest_for(req, docs):
    files = []
    for doc in docs:
        if doc.original is None:
            continue
        name = f"{len(files) + 1:03d}_{doc.kind}{EXTENSIONS.get(doc.content_type, '.bin')}"
        files.append({"file": name, "kind": doc.kind, "date": doc.date.isoformat() if doc.date else None,
                      "sha256": doc.sha256})
    return {"agency": req.agency.name, "request": req.number, "files": files}


def originals(req, docs):
    """(manifest, ZIP bytes): the originals in case-file order, then manifest.json; fixed times, fixed order."""
    manifest = manifest_for(req, docs)
    data = [doc.original for doc in docs if doc.original is not None]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry, content in zip(manifest["files"], data, strict=True):
            archive.writestr(zipfile.ZipInfo(entry["file"], ZIP_TIME), content, compress_type=zipfile.ZIP_DEFLATED)
        text = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8")
        archive.writestr(zipfile.ZipInfo("manifest.json", ZIP_TIME), text, compress_type=zipfile.ZIP_DEFLATED)
    return manifest, buffer.getvalue()
