"""letter_freeze: number, render once, store the bytes with their SHA-256; never re-rendered."""

import hashlib
from datetime import date

import pytest
from django.utils import timezone

from letters import services
from letters.kinds import LetterKind
from letters.models import DocumentNumberCounter, LetterState, LetterTemplate
from letters.services import LetterError, letter_new_version, letter_submit
from letters.templating import default_wording
from requests_cms.services.request_letters import letter_draft, letter_facts, letter_pdf

from .conftest import add_steps, freeze
from .pdf import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def reply(letter_request, handler):
    def make(code="jyj", outcome="disclosed"):
        return letter_draft(request=letter_request(code, outcome=outcome), kind=LetterKind.REPLY, by=handler)
    return make


def test_freezing_numbers_renders_and_stores_the_pdf_with_its_digest(reply, handler, approver):
    letter = freeze(letter=letter_submit(letter=reply(), by=handler), by=approver)
    year = timezone.localdate().year
    assert letter.state == LetterState.FROZEN
    assert letter.document_number == f"高教公开〔{year}〕1号"
    assert letter.sha256 == hashlib.sha256(bytes(letter.pdf)).hexdigest()
    assert letter.frozen_by == approver and letter.letter_date == timezone.localdate()
    content = text(bytes(letter.pdf))
    assert f"高教公开〔{year}〕1号" in content and "草稿" not in content
    assert timezone.localdate().strftime(f"{year}年%-m月%-d日") in content


def test_numbers_run_per_agency_kind_and_year_without_gaps(letter_request, reply, handler, approver):
    year = timezone.localdate().year
    numbers = [freeze(letter=reply(), by=approver).document_number for _ in range(3)]
    assert numbers == [f"高教公开〔{year}〕{n}号" for n in (1, 2, 3)]
    assert freeze(letter=reply("msz"), by=approver).document_number == f"米山公开〔{year}〕1号"
    request = letter_request("jyj")
    add_steps(request, handler)
    correction = letter_draft(request=request, kind=LetterKind.CORRECTION_NOTICE, by=handler)
    assert freeze(letter=correction, by=approver).document_number == f"高教公开补〔{year}〕1号"


def test_a_failed_freeze_leaves_no_gap_in_the_numbers(reply, approver, monkeypatch):
    letter = reply()

    def broken(content, **kwargs):
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(services, "render_content", broken)
    with pytest.raises(RuntimeError):
        freeze(letter=letter, by=approver)
    monkeypatch.undo()
    assert not DocumentNumberCounter.objects.filter(last_number__gt=0).exists()
    assert freeze(letter=letter, by=approver).document_number.endswith("〕1号")


def test_the_frozen_bytes_never_change_after_a_template_edit(reply, approver, organisation):
    letter = freeze(letter=reply(), by=approver)
    stored = bytes(letter.pdf)
    wording = default_wording(LetterKind.REPLY, "disclosed")
    LetterTemplate.objects.create(agency=organisation["jyj"], kind=LetterKind.REPLY, outcome="disclosed",
                                  title="全新的标题", body="新措辞。" + wording.body)
    agency = organisation["jyj"]
    agency.court = "另一法院"
    agency.save()
    letter.refresh_from_db()
    assert letter_pdf(letter) == stored
    assert hashlib.sha256(letter_pdf(letter)).hexdigest() == letter.sha256


def test_a_frozen_letter_cannot_be_frozen_again(reply, approver):
    letter = freeze(letter=reply(), by=approver)
    with pytest.raises(LetterError, match="已定稿"):
        freeze(letter=letter, by=approver)


def test_a_change_after_freezing_is_a_new_version_with_a_reason_and_the_old_one_is_kept(reply, handler, approver):
    old = freeze(letter=reply(), by=approver)
    with pytest.raises(LetterError, match="理由"):
        letter_new_version(letter=old, reason=" ", by=handler)
    new = letter_new_version(letter=old, reason="更正申请人地址", by=handler)
    old.refresh_from_db()
    assert (old.state, old.superseded_by, new.version, new.state) == (LetterState.SUPERSEDED, new, 2,
                                                                     LetterState.DRAFT)
    assert new.change_reason == "更正申请人地址" and new.text == old.text and not new.document_number
    assert letter_pdf(old) == bytes(old.pdf)
    frozen = freeze(letter=new, by=approver)
    assert frozen.document_number != old.document_number


def test_a_new_version_can_be_rewritten_from_a_new_decision(reply, handler, approver):
    from .conftest import decide

    old = freeze(letter=reply(outcome="disclosed"), by=approver)
    decide(old.request, "not_held", handler)
    new = letter_new_version(letter=old, reason="复议机关责令重新答复", by=handler, facts=letter_facts(old))
    assert new.outcome == "not_held" and "行政复议" in new.text


def test_the_seal_image_is_printed_only_on_the_frozen_letter(reply, approver, organisation, tmp_path, settings):
    from django.core.files.base import ContentFile
    from PIL import Image

    from letters.models import AgencyLetterhead

    settings.MEDIA_ROOT = tmp_path
    path = tmp_path / "seal.png"
    Image.new("RGBA", (120, 120), (220, 0, 0, 255)).save(path)
    letterhead = AgencyLetterhead(agency=organisation["jyj"], authority_mark="高平市教育局")
    letterhead.seal_image.save("seal.png", ContentFile(path.read_bytes()))
    letter = reply()
    from .pdf import reader

    assert sum(len(page.images) for page in reader(letter_pdf(letter)).pages) == 0
    frozen = freeze(letter=letter, by=approver)
    assert sum(len(page.images) for page in reader(bytes(frozen.pdf)).pages) == 1


def test_the_provisional_calendar_note_is_printed_when_a_date_rests_on_an_unpublished_year(
        letter_request, handler):
    request = letter_request("jyj")
    add_steps(request, handler)
    extension = request.extensions.get()
    extension.new_due = date(2031, 1, 20)
    extension.save()
    letter = letter_draft(request=request, kind=LetterKind.EXTENSION_NOTICE, by=handler)
    assert "暂定" in letter.notes
    assert "暂定日期" in text(letter_pdf(letter))
