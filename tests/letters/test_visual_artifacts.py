"""Sample pages rendered to PNG in var/test-artifacts/letters/ for people to look at (pdftoppm, poppler-utils)."""

import shutil
import subprocess
from pathlib import Path

import pytest

from letters.kinds import LetterKind
from letters.layout import paragraphs_from_text, render_letter
from letters.samples import render_specimen
from requests_cms.services.letter_facts import agency_facts

from .factories import letter_document

ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts" / "letters"
SPECIMENS = [
    ("jyj", LetterKind.REPLY, "disclosed"),
    ("jyj", LetterKind.REPLY, "withheld_process_info"),
    ("swju", LetterKind.REPLY, "partly_disclosed"),
    ("gpszf", LetterKind.REPLY, "not_held"),
    ("msz", LetterKind.CORRECTION_NOTICE, ""),
    ("jyj", LetterKind.THIRD_PARTY_CONSULTATION, ""),
    ("jyj", LetterKind.PROOF_OF_SERVICE, ""),
    ("jyj", LetterKind.ENVELOPE, ""),
]


def to_png(pdf, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(path), str(ARTIFACTS / name)], check=True, timeout=60)
    return sorted(ARTIFACTS.glob(f"{name}*.png"))


@pytest.fixture(autouse=True)
def needs_pdftoppm():
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")


@pytest.mark.django_db
def test_specimen_pages_are_rendered_for_review(organisation):
    for code, kind, outcome in SPECIMENS:
        pdf = render_specimen(agency_facts(organisation[code]), kind, outcome)
        assert to_png(pdf, f"{code}-{kind}{'-' + outcome if outcome else ''}")


def test_a_long_letter_is_rendered_for_review():
    body = "一、申请内容\n" + ("您申请公开“高平市城区学校布局调整方案及其附件、会议纪要、请示、批复”。" * 12 + "\n") * 3
    body += "二、处理意见\n（一）公开部分。以纸质形式提供。\n（二）不予公开部分。涉及个人隐私。\n特此告知。"
    document = letter_document(body=paragraphs_from_text(body), attachments=("申请表", "会议纪要"),
                               addressee="鍾𠈌", notes=("本告知书所载期限为暂定日期",))
    pngs = to_png(render_letter(document), "long-letter")
    assert len(pngs) >= 2
