"""Responsive documents and their redaction (区分处理, REG 37): marking, proposals, the released copy, the log.

Every step is an event of the request's chain, written by run_update under the request's lock. The redaction engine
(`redaction/`, Django-free) renders pages, proposes boxes from the text layer and makes the released copy in which
every box is burnt into a picture of the page. The original is read from storage here only, and only for staff of
the request's agency (access.ORIGINAL_READER); what leaves the agency is the released copy.
"""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from letters.outcomes import redaction_reason
from requests_cms.access import REDACTOR, original_refusal
from requests_cms.models import (
    AttachmentKind,
    EventAction,
    RedactionBox,
    ResponsiveDocument,
    ResponsiveState,
)

from .errors import WorkflowError
from .runner import run_update

CACHE_PREFIX = "redaction-cache"
VIEW_DPI = 110  # redaction.VIEW_DPI; the engine (pikepdf, poppler) is imported when first used, not at start-up


def _redaction():
    import redaction

    return redaction


def _refuse_unless(reason):
    if reason:
        raise WorkflowError(reason)


def original_bytes(document):
    with document.original.file.open("rb") as handle:
        return handle.read()


def _engine(call, *args, **kwargs):
    """Call the engine; its errors carry a Chinese message for the user."""
    try:
        return call(*args, **kwargs)
    except _redaction().RedactionError as exc:
        raise WorkflowError(exc.message) from exc


# --- responsive documents --------------------------------------------------------------------------------------------
def make_responsive(attachment, *, by, source):
    """Inside the caller's transaction: `attachment` (a 提供的信息 upload) becomes a responsive document."""
    with attachment.file.open("rb") as handle:
        info = _engine(_redaction().inspect, handle.read())
    return ResponsiveDocument.objects.create(
        request_id=attachment.request_id, original=attachment, source=source,
        title=(attachment.original_name.rsplit(".", 1)[0] or "提供的信息")[:200], page_count=info.page_count,
        created_by=by, created_at=timezone.now())


def is_responsive_kind(kind):
    return kind == AttachmentKind.SUPPLIED_INFORMATION


def documents_of(request):
    """The current version of every responsive document of the request."""
    return (ResponsiveDocument.objects.filter(request=request, is_current=True)
            .select_related("original", "created_by", "released_by").order_by("created_at", "id"))


def document_of(request, pk):
    """One responsive document (any version) of this request, or DoesNotExist."""
    return ResponsiveDocument.objects.select_related("original", "request").get(request=request, pk=pk)


def versions_of(document):
    """Every version of the document's original, oldest first."""
    return ResponsiveDocument.objects.filter(original=document.original).order_by("version")


# --- marking ---------------------------------------------------------------------------------------------------------
def _marking_step(*, document, by, action, note, payload, apply, expected_version=None):
    _refuse_unless(REDACTOR.reason(document.request, by))

    def change(req):
        fresh = ResponsiveDocument.objects.select_for_update().get(pk=document.pk, request=req)
        if fresh.is_frozen:
            raise WorkflowError(f"《{fresh.title}》第{fresh.version}版已随答复批准并冻结；如需修改遮盖，请先建立新版本")
        if not fresh.is_current:
            raise WorkflowError(f"《{fresh.title}》第{fresh.version}版已被新版本取代，不能再修改")
        result = apply(fresh)
        _unrelease(fresh)
        fresh.save()
        return fresh if result is None else result

    return run_update(request=document.request, action=action, by=by, change=change, note=note,
                      expected_version=expected_version, payload={"document": document.pk, **payload})


def _unrelease(fresh):
    """A changed redaction withdraws the released copy made from the earlier boxes (the file stays, by digest)."""
    fresh.state = ResponsiveState.MARKING
    fresh.released_file, fresh.released_sha256, fresh.released_pages = "", "", None
    fresh.released_by, fresh.released_at = None, None


def _reason_or_refuse(reason):
    try:
        return redaction_reason(reason)
    except LookupError as exc:
        raise WorkflowError("请为遮盖区域选择理由") from exc


def box_add(*, document, by, page, left, top, width, height, reason, every_page=False, origin="hand",
            expected_version=None):
    """Mark one area (fractions of the displayed page) with its reason; with every_page, the same area on every
    page. Returns the document."""
    label = _reason_or_refuse(reason).label
    try:
        first = _redaction().Box.from_corners(int(page), float(left), float(top), float(left) + float(width),
                                           float(top) + float(height), reason)
    except (TypeError, ValueError, _redaction().RedactionError) as exc:
        raise WorkflowError(getattr(exc, "message", None) or "遮盖区域无效，请重新框选") from exc
    if not 1 <= first.page <= document.page_count:
        raise WorkflowError(f"页码须在1至{document.page_count}之间")
    boxes = _redaction().on_every_page(first, document.page_count) if every_page else [first]
    origin = "every_page" if every_page else origin

    def apply(fresh):
        now = timezone.now()
        RedactionBox.objects.bulk_create(
            RedactionBox(document=fresh, page=b.page, left=b.left, top=b.top, width=b.width, height=b.height,
                         reason=reason, origin=origin, drawn_by=by, drawn_at=now) for b in boxes)

    where = "每一页" if every_page else f"第{first.page}页"
    return _marking_step(document=document, by=by, action=EventAction.REDACTION_MARK, apply=apply,
                         expected_version=expected_version, note=f"《{document.title}》{where}遮盖一处：{label}",
                         payload={"boxes": len(boxes), "reason": reason, "page": None if every_page else first.page})


def box_remove(*, document, by, box_pk, expected_version=None):
    def apply(fresh):
        deleted, _ = RedactionBox.objects.filter(document=fresh, pk=box_pk).delete()
        if not deleted:
            raise WorkflowError("该遮盖区域不存在或已删除")

    return _marking_step(document=document, by=by, action=EventAction.REDACTION_MARK, apply=apply,
                         expected_version=expected_version, note=f"《{document.title}》删除一处遮盖",
                         payload={"removed": int(box_pk)})


def proposals(*, document, by, terms=()):
    """The engine's proposals from the text layer (resident IDs, mobile numbers, the typed names): nothing is
    recorded until the user accepts one (box_add with origin='proposal')."""
    _refuse_unless(REDACTOR.reason(document.request, by))
    terms = [t.strip() for t in terms if t and t.strip()]
    return _engine(_redaction().propose, original_bytes(document), terms=terms)


# --- the released copy -----------------------------------------------------------------------------------------------
def release(*, document, by, expected_version=None):
    """Burn the boxes in (the engine's release) and freeze the copy with its digest. Returns the document."""
    _refuse_unless(REDACTOR.reason(document.request, by))
    boxes = [_redaction().Box(b.page, b.left, b.top, b.width, b.height, b.reason) for b in document.boxes.all()]
    made = _engine(_redaction().redact, original_bytes(document), boxes)
    stored = []

    def change(req):
        fresh = ResponsiveDocument.objects.select_for_update().get(pk=document.pk, request=req)
        if fresh.is_frozen or not fresh.is_current:
            raise WorkflowError(f"《{fresh.title}》第{fresh.version}版已冻结，不能重新生成公开件")
        if fresh.boxes.count() != len(boxes):
            raise WorkflowError("遮盖标注在生成期间已被修改，请重新生成公开件")
        fresh.released_sha256 = made.sha256
        fresh.released_file.save("released.pdf", ContentFile(made.pdf), save=False)
        stored.append(fresh.released_file.name)
        fresh.released_pages, fresh.released_by, fresh.released_at = made.page_count, by, timezone.now()
        fresh.state = ResponsiveState.RELEASED
        fresh.save()
        return fresh

    try:
        return run_update(request=document.request, action=EventAction.REDACTION_RELEASE, by=by, change=change,
                          expected_version=expected_version,
                          note=f"《{document.title}》生成公开件：共{made.page_count}页，遮盖{len(boxes)}处",
                          payload={"document": document.pk, "sha256": made.sha256, "pages": made.page_count,
                                   "boxes": len(boxes)})
    except Exception:
        for name in stored:
            if not ResponsiveDocument.objects.filter(released_file=name).exists():
                default_storage.delete(name)
        raise


def released_bytes(document):
    """The frozen released copy, checked against its digest."""
    with document.released_file.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != document.released_sha256:
        raise WorkflowError(f"《{document.title}》公开件与登记的SHA-256不一致，请联系系统管理员")
    return data


def released_page_total(request):
    """Pages of the released copies of the current responsive documents (the per-page fee counts these)."""
    return sum(d.released_pages or 0 for d in documents_of(request) if d.state != ResponsiveState.MARKING)


def released_titles(request):
    """For the reply (LetterFacts.released_documents): each current released copy as "《title》，共N页"."""
    return tuple(f"《{d.title}》，共{d.released_pages}页" for d in documents_of(request)
                 if d.state != ResponsiveState.MARKING)


# --- approval and new versions ---------------------------------------------------------------------------------------
def approval_refusal(req):
    """Why the reply cannot be approved yet as far as the responsive documents go (None when it can)."""
    pending = [d.title for d in documents_of(req) if d.state == ResponsiveState.MARKING]
    if pending:
        return "以下文件尚未生成公开件，不能批准：" + "、".join(f"《{t}》" for t in pending)
    return None


def freeze_on_approval(req):
    """In the approval's transaction: every current released copy is frozen with the reply."""
    _refuse_unless(approval_refusal(req))
    now = timezone.now()
    # no select_related here: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join
    for document in ResponsiveDocument.objects.select_for_update().filter(request=req, is_current=True,
                                                                          state=ResponsiveState.RELEASED):
        document.state, document.approved_at = ResponsiveState.APPROVED, now
        document.save(update_fields=["state", "approved_at"])


def new_version(*, document, by, reason, expected_version=None):
    """A frozen (approved) document gets a new version to change its redaction; its boxes are copied."""
    _refuse_unless(REDACTOR.reason(document.request, by))
    if not (reason or "").strip():
        raise WorkflowError("建立新版本须写明修改原因")

    def change(req):
        fresh = ResponsiveDocument.objects.select_for_update().get(pk=document.pk, request=req)
        if not fresh.is_frozen or not fresh.is_current:
            raise WorkflowError("只有已批准冻结的当前版本才需要建立新版本，其余版本可直接修改")
        fresh.is_current = False
        fresh.save(update_fields=["is_current"])
        copy = ResponsiveDocument.objects.create(
            request=req, original=fresh.original, source=fresh.source, title=fresh.title, version=fresh.version + 1,
            replaces=fresh, page_count=fresh.page_count, created_by=by, created_at=timezone.now())
        RedactionBox.objects.bulk_create(
            RedactionBox(document=copy, page=b.page, left=b.left, top=b.top, width=b.width, height=b.height,
                         reason=b.reason, origin=b.origin, drawn_by=b.drawn_by, drawn_at=b.drawn_at)
            for b in fresh.boxes.all())
        return copy

    return run_update(request=document.request, action=EventAction.REDACTION_REVISE, by=by, change=change,
                      expected_version=expected_version,
                      note=f"《{document.title}》建立第{document.version + 1}版：{reason}",
                      payload={"document": document.pk})


# --- the page images of the view -------------------------------------------------------------------------------------
def page_image(*, document, user, page, dpi=VIEW_DPI):
    """PNG of one page of the ORIGINAL (staff of the agency only), cached in default_storage by the original's
    digest; `page_image_of_release` for the released copy."""
    _refuse_unless(original_refusal(document.request, user))
    return _cached(f"{CACHE_PREFIX}/{document.original.sha256}/{int(page)}-{int(dpi)}.png",
                   lambda: _engine(_redaction().render_page, original_bytes(document), int(page), int(dpi)))


def page_image_of_release(*, document, user, page, dpi=VIEW_DPI):
    _refuse_unless(original_refusal(document.request, user))
    if not document.released_sha256:
        raise WorkflowError("尚未生成公开件")
    return _cached(f"{CACHE_PREFIX}/{document.released_sha256}/{int(page)}-{int(dpi)}.png",
                   lambda: _engine(_redaction().render_page, released_bytes(document), int(page), int(dpi)))


def _cached(name, make):
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    png = make()
    default_storage.save(name, ContentFile(png))
    return png


# --- the log ---------------------------------------------------------------------------------------------------------
def log_rows(document):
    """The redaction log: page, box, reason, article, who, when (what was withheld and why, never the content)."""
    rows = []
    for number, box in enumerate(document.boxes.select_related("drawn_by").order_by("page", "top", "left", "id"), 1):
        reason = redaction_reason(box.reason)
        rows.append({
            "number": number, "pk": box.pk, "page": box.page,
            "box": f"左{box.left:.0%} 上{box.top:.0%} 宽{box.width:.0%} 高{box.height:.0%}",
            "reason": reason.label, "article": reason.article, "who": box.drawn_by.display_name,
            "when": timezone.localtime(box.drawn_at).strftime("%Y-%m-%d %H:%M"),
        })
    return rows



def log_blocks(documents):
    """The blocks of the redaction log annex (casefile.render.render_blocks): per document, its released copy and
    every box with its reason and article — never what was under it."""
    blocks = [("p", "本记录载明对所提供文件作区分处理时遮盖的位置、理由和依据，不含被遮盖的内容。"), ("gap", "")]
    for document in documents:
        blocks.append(("h", f"《{document.title}》第{document.version}版：原件{document.page_count}页，"
                            f"公开件{document.released_pages or 0}页"))
        if document.released_sha256:
            blocks.append(("mono", f"公开件SHA-256：{document.released_sha256}"))
        rows = log_rows(document)
        if not rows:
            blocks.append(("p", "未作遮盖，全文公开。"))
        for row in rows:
            blocks.append(("p", f"{row['number']}. 第{row['page']}页（{row['box']}）：{row['reason']}，"
                                f"依据{row['article']}；标注人{row['who']}，{row['when']}"))
        blocks.append(("gap", ""))
    return blocks


LOG_TITLE = "区分处理记录"


def log_annex_pdf(request):
    """The redaction log of the current released documents, printed as an annex to the reply: (pdf, pages)."""
    from requests_cms.casefile.render import render_blocks

    released = [d for d in documents_of(request) if d.state != ResponsiveState.MARKING]
    return render_blocks(f"{LOG_TITLE}（答复书附件）", log_blocks(released))


def enclosures(request):
    """What goes with the reply to the applicant: every current released copy (title, version, pages, digest) and,
    when there is one, the redaction log annex. Never an original."""
    released = [d for d in documents_of(request) if d.state != ResponsiveState.MARKING]
    items = [{"title": f"《{d.title}》公开件（第{d.version}版，{d.released_pages}页）", "document": d.pk,
              "pages": d.released_pages, "sha256": d.released_sha256} for d in released]
    if released:
        items.append({"title": f"{LOG_TITLE}（{sum(d.boxes.count() for d in released)}处遮盖）", "document": None,
                      "pages": None, "sha256": ""})
    return items
