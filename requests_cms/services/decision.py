"""Handling opinion, decision, search record, submission and approval."""

from django.utils import timezone

from letters.outcomes import basis_problems, find_rule, needs_form_of_provision
from requests_cms.models import Approval, Decision, EventAction, Outcome, SearchRecord

from . import reply_letter, responsive
from .errors import WorkflowError
from .runner import run_transition, run_update


def opinion_propose(*, request, by, outcome, articles, reasons, form_of_provision="", right_agency="",
                    expected_version=None):
    """The handler's proposed outcome with reasons and legal basis (replaces any earlier proposal)."""
    rule = find_rule(outcome)
    if rule is None or not rule.decidable:
        raise WorkflowError("请选择有效的答复类型")
    if problems := basis_problems(outcome, articles):
        raise WorkflowError("；".join(problems))
    if not (reasons or "").strip():
        raise WorkflowError("请填写理由")
    if needs_form_of_provision(outcome) and not (form_of_provision or "").strip():
        raise WorkflowError(f"答复“{rule.label}”须写明提供信息的形式和途径（获取方式）")

    def before(req):
        req.decisions.filter(is_current=True).update(is_current=False)
        Decision.objects.create(request=req, outcome=outcome, articles=articles, reasons=reasons,
                                form_of_provision=form_of_provision, right_agency=right_agency, proposed_by=by,
                                proposed_at=timezone.now())

    return run_transition(request=request, action=EventAction.PROPOSE_OPINION, by=by, before=before,
                          expected_version=expected_version, note=f"{Outcome(outcome).label}：{reasons}",
                          payload={"outcome": outcome})


def search_record(*, request, by, systems, keywords, searched_on, searched_by="", result="", expected_version=None):
    """The search behind a not_held reply: systems, keywords, date, who."""
    if not systems.strip() or not keywords.strip():
        raise WorkflowError("检索记录须写明检索范围和关键词")
    if searched_on > timezone.localdate():
        raise WorkflowError("检索日期不能晚于今天")

    def change(req):
        SearchRecord.objects.create(request=req, systems=systems, keywords=keywords, searched_on=searched_on,
                                    searched_by=searched_by or by.display_name, result=result)

    return run_update(request=request, action=EventAction.RECORD_SEARCH, by=by, change=change,
                      expected_version=expected_version, note=f"检索：{systems}；关键词：{keywords}")


def request_decide(*, request, by, expected_version=None):
    def after(req):
        decision = req.current_decision
        decision.decided_by = by
        decision.decided_at = timezone.now()
        decision.save()
        reply_letter.draft_reply(req, by)

    return run_transition(request=request, action=EventAction.DECIDE, by=by, after=after,
                          expected_version=expected_version)


def request_submit_for_approval(*, request, by, expected_version=None):
    def after(req):
        refusal = responsive.approval_refusal(req)
        if refusal:
            raise WorkflowError(refusal.replace("不能批准", "不能报批"))
        Approval.objects.create(request=req, decision=req.current_decision, submitted_by=by,
                                submitted_at=timezone.now())
        reply_letter.submit_reply(req, by)

    return run_transition(request=request, action=EventAction.SUBMIT_FOR_APPROVAL, by=by, after=after,
                          expected_version=expected_version)


def request_approve(*, request, by, comment="", expected_version=None):
    """Approve the decision and freeze the reply letter (文号, PDF, SHA-256) in the same transaction."""
    payload = {}

    def after(req):
        _close_approval(req, by, approved=True, comment=comment)
        responsive.freeze_on_approval(req)
        req.outcome = req.current_decision.outcome
        letter = reply_letter.freeze_reply(req, by)
        payload.update(letter=letter.pk, document_number=letter.document_number, sha256=letter.sha256)

    return run_transition(request=request, action=EventAction.APPROVE, by=by, after=after, note=comment,
                          payload=payload,
                          expected_version=expected_version)


def request_return_for_revision(*, request, by, comment, expected_version=None):
    if not (comment or "").strip():
        raise WorkflowError("退回修改须写明意见")
    def after(req):
        _close_approval(req, by, approved=False, comment=comment)
        reply_letter.return_reply(req, by)

    return run_transition(request=request, action=EventAction.RETURN_FOR_REVISION, by=by, note=comment, after=after,
                          expected_version=expected_version)


def _close_approval(req, by, *, approved, comment):
    approval = req.approvals.filter(decided_at__isnull=True).order_by("-submitted_at").first()
    approval.approver = by
    approval.decided_at = timezone.now()
    approval.approved = approved
    approval.comment = comment
    approval.save()
