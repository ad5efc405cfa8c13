"""The reply letter follows the decision: drafted on decide, submitted with it, frozen on approval.

Each step runs inside the workflow action's transaction, so a letter that cannot be drafted or rendered refuses the
action with the reason and leaves the decision and everything recorded so far as it was.
"""

import logging

from letters.facts import released_list
from letters.kinds import LetterKind
from letters.layout.fonts import MissingGlyphError
from letters.models import LetterState
from letters.remedies import LetterDataError
from letters.services import LetterError, letter_draft, letter_freeze, letter_new_version, letter_return, letter_submit
from letters.templating import TemplateError

from .errors import WorkflowError
from .letter_facts import facts_for

LETTER_ERRORS = (LetterError, LetterDataError, MissingGlyphError, TemplateError)
logger = logging.getLogger(__name__)


def _open_reply(req):
    return (req.letters.filter(kind=LetterKind.REPLY, state__in=[LetterState.DRAFT, LetterState.SUBMITTED])
            .order_by("-version").first())


def _facts(req):
    return facts_for(req, LetterKind.REPLY)


def _refuse(step, exc):
    raise WorkflowError(f"{step}失败：{exc}") from exc


def draft_reply(req, by):
    """A fresh draft from the decision; after a reopen the frozen reply gets a new version instead."""
    try:
        frozen = req.letters.filter(kind=LetterKind.REPLY, state=LetterState.FROZEN).order_by("-version").first()
        if frozen is not None and _open_reply(req) is None:
            return letter_new_version(letter=frozen, reason="重新作出答复决定", by=by, facts=_facts(req))
        return letter_draft(request=req, kind=LetterKind.REPLY, facts=_facts(req), by=by)
    except LETTER_ERRORS as exc:
        _refuse("生成答复书草稿", exc)


def submit_reply(req, by):
    letter = _open_reply(req) or draft_reply(req, by)
    try:
        if letter.state == LetterState.DRAFT:
            letter = letter_submit(letter=letter, by=by)
        return letter
    except LETTER_ERRORS as exc:
        _refuse("答复书报批", exc)


def freeze_reply(req, by):
    letter = _open_reply(req)
    if letter is None:
        raise WorkflowError("没有待定稿的答复书，请先生成草稿并报批")
    facts = _facts(req)
    listed = released_list(facts.released_documents)
    if listed and listed not in letter.text:  # the released copies changed after the reply was drafted
        raise WorkflowError("答复书未按已生成的公开件列明提供的文件（应为：" + "；".join(facts.released_documents)
                            + "），请退回修改后重新作出决定")
    try:
        return letter_freeze(letter=letter, facts=facts, by=by)
    except LETTER_ERRORS as exc:
        _refuse("答复书定稿（生成PDF）", exc)
    except Exception as exc:  # a renderer fault: logged in full, reported to the user, approval rolled back
        logger.exception("freezing the reply of request %s failed", req.pk)
        raise WorkflowError(
            f"答复书PDF生成失败（{exc}），未予批准，决定和答复书草稿保持不变，请联系系统管理员") from exc


def return_reply(req, by):
    letter = _open_reply(req)
    if letter is not None and letter.state == LetterState.SUBMITTED:
        try:
            letter_return(letter=letter, by=by)
        except LETTER_ERRORS as exc:
            _refuse("退回答复书", exc)
