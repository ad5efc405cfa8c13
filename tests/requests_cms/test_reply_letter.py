"""The reply letter follows the decision: drafted, submitted, frozen on approval; a failed render refuses the
approval and leaves the decision as it was."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from letters.models import LetterState
from requests_cms.services import decision, handling
from requests_cms.services.errors import WorkflowError


@pytest.fixture
def pending(make_request, staff):
    req = handling.request_accept(request=make_request(received=timezone.localdate() - timedelta(days=3)),
                                  by=staff["registrar"])
    req = decision.opinion_propose(request=req, by=staff["handler"], outcome="partly_disclosed",
                                   articles="《中华人民共和国政府信息公开条例》第十五条、第三十七条",
                                   reasons="部分内容涉及第三方商业秘密", form_of_provision="纸质复印件邮寄")
    req = decision.request_decide(request=req, by=staff["handler"])
    assert req.letters.get().state == LetterState.DRAFT
    return decision.request_submit_for_approval(request=req, by=staff["handler"])


def test_approval_freezes_the_reply_with_its_number_and_digest(pending, staff):
    assert pending.letters.get().state == LetterState.SUBMITTED
    req = decision.request_approve(request=pending, by=staff["approver"])
    letter = req.letters.get()
    assert letter.state == LetterState.FROZEN
    assert letter.document_number.startswith("高教公开") and "〔" in letter.document_number
    assert letter.sha256 == hashlib.sha256(bytes(letter.pdf)).hexdigest()
    event = req.events.order_by("-seq").first()
    assert event.payload["document_number"] == letter.document_number


def test_a_failed_render_refuses_the_approval_and_keeps_the_decision(pending, staff, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("字体文件损坏")

    monkeypatch.setattr("letters.services.render_content", broken)
    with pytest.raises(WorkflowError, match="PDF生成失败.*字体文件损坏"):
        decision.request_approve(request=pending, by=staff["approver"])
    pending.refresh_from_db()
    assert pending.state == "pending_approval"
    assert pending.current_decision.outcome == "partly_disclosed"
    assert pending.letters.get().state == LetterState.SUBMITTED
    assert pending.letters.get().document_number == ""


def test_a_return_for_revision_reopens_the_draft(pending, staff):
    req = decision.request_return_for_revision(request=pending, by=staff["approver"], comment="理由写得不充分")
    assert req.letters.get().state == LetterState.DRAFT
