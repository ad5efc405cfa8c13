"""MAC-chained event rows: one per action on a request, written in the action's transaction.

Each row's `hash` is an HMAC-SHA256 (key `key_id` of settings.AUDIT_SIGNING_KEY / AUDIT_VERIFY_KEYS, never in the
database) over its content, the previous row's MAC (`prev_hash`) and its `anchors`: the request's state and version
after the event, the digests of the letters the action froze and the simple-history rows written with it.
docs/audit.md describes what is signed and how it is checked (services/audit_verify.py).
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.db import models


class EventAction(models.TextChoices):
    """Every action an event row records, with the label the case page, the timeline and the case file print.

    The workflow's transitions are the members whose value is the transition's name (workflow.RequestWorkflow);
    the others record something without changing state.
    """

    REGISTER = "register", "登记"
    IMPORTED = "imported", "台账导入"
    # transitions
    ACCEPT = "accept", "受理"
    REQUEST_CORRECTION = "request_correction", "告知补正"
    RECEIVE_CORRECTION = "receive_correction", "收到补正"
    LAPSE_CORRECTION = "lapse_correction", "逾期未补正"
    START_CONSULTATION = "start_consultation", "征求意见"
    RECORD_CONSULTATION_REPLY = "record_consultation_reply", "记录征求意见答复"
    FINISH_CONSULTATION = "finish_consultation", "结束征求意见"
    ISSUE_FEE_NOTICE = "issue_fee_notice", "发出收费通知"
    RECORD_PAYMENT = "record_payment", "记录缴费"
    LAPSE_FEE = "lapse_fee", "逾期未缴费"
    EXTEND = "extend", "延期答复"
    ASK_REASONS = "ask_reasons", "要求说明理由"
    ACCEPT_REASONS = "accept_reasons", "理由合理，继续办理"
    REFUSE_REASONS = "refuse_reasons", "理由不合理，不予处理"
    PROPOSE_OPINION = "propose_opinion", "提出办理意见"
    DECIDE = "decide", "作出决定"
    SUBMIT_FOR_APPROVAL = "submit_for_approval", "报批"
    APPROVE = "approve", "批准"
    RETURN_FOR_REVISION = "return_for_revision", "退回修改"
    DELIVER = "deliver", "送达"
    FILE_PROOF = "file_proof", "送达回证归档"
    WITHDRAW = "withdraw", "申请人撤回申请"
    REOPEN = "reopen", "重新办理"
    # recorded updates (no change of state)
    OVERRIDE_RECEIVED_ON = "override_received_on", "调整收到日期"
    RECORD_SEARCH = "record_search", "记录检索"
    UPLOAD = "upload", "上传材料"
    ISSUE_NOTICE = "issue_notice", "签发告知书"
    RECORD_DELIVERY = "record_delivery", "记录送达"
    RECORD_POSTAL_EVENT = "record_postal_event", "记录邮件跟踪"
    RECORD_RECEIPT = "record_receipt", "记录申请人收到日期"
    RECORD_CHALLENGE = "record_challenge", "登记复议诉讼"
    RECORD_CHALLENGE_RESULT = "record_challenge_result", "记录复议诉讼结果"
    CALENDAR_RECOMPUTE = "calendar_recompute", "日历调整重算期限"
    # assignment, internal consultation (会办), supervision (督办), complaints (投诉): no change of state
    ASSIGN = "assign", "分派承办人"
    ROUTE_TO_DEPARTMENT = "route_to_department", "转业务科室会办"
    DEPARTMENT_SIGN = "department_sign", "业务科室签收"
    DEPARTMENT_ANSWER = "department_answer", "业务科室答复"
    DEPARTMENT_RETURN = "department_return", "业务科室退回"
    SUPERVISION_ISSUE = "supervision_issue", "督办"
    SUPERVISION_ANSWER = "supervision_answer", "反馈督办"
    RECORD_COMPLAINT = "record_complaint", "登记投诉"
    RECORD_COMPLAINT_RESULT = "record_complaint_result", "记录投诉处理结果"
    # responsive documents and their redaction (区分处理): no change of state
    REDACTION_MARK = "redaction_mark", "区分处理标注"
    REDACTION_RELEASE = "redaction_release", "生成公开件"
    REDACTION_REVISE = "redaction_revise", "修订已批准的区分处理"

    @classmethod
    def label_of(cls, value):
        """The label of a stored action; an unknown code (a row older than its action's removal) as itself."""
        return cls(value).label if value in cls.values else value


class RequestEventQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionError("审计记录不可删除")

    def update(self, **kwargs):
        raise PermissionError("审计记录不可修改")


class RequestEvent(models.Model):
    request = models.ForeignKey("requests_cms.InformationRequest", on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    action = models.CharField("操作", max_length=40, choices=EventAction.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField("操作人", max_length=100)
    at = models.DateTimeField("时间")
    from_state = models.CharField("原状态", max_length=30, blank=True)
    to_state = models.CharField("新状态", max_length=30, blank=True)
    note = models.TextField("说明", blank=True)
    due_before = models.DateField("原期限", null=True, blank=True)
    due_after = models.DateField("新期限", null=True, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)  # the previous event's MAC (GENESIS for the first)
    hash = models.CharField(max_length=64)  # this event's MAC (a plain SHA-256 on legacy rows: key_id "")
    key_id = models.CharField("签名密钥编号", max_length=32, blank=True, default="")
    # What ties other rows to the chain (services/audit.py anchors_for): {"state", "version", "letters", "history"}.
    anchors = models.JSONField(default=dict, blank=True)

    objects = RequestEventQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "办理记录"
        ordering = ["request_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["request", "seq"], name="unique_event_seq_per_request")]

    def save(self, *args, **kwargs):
        if self.pk:
            raise PermissionError("审计记录不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("审计记录不可删除")

    def content(self):
        """The signed content: everything but the stored MAC itself."""
        return event_content(
            request_id=self.request_id, seq=self.seq, action=self.action, actor_id=self.actor_id,
            actor_name=self.actor_name, at=self.at, from_state=self.from_state, to_state=self.to_state,
            note=self.note, due_before=self.due_before, due_after=self.due_after, payload=self.payload,
            prev_hash=self.prev_hash, key_id=self.key_id, anchors=self.anchors,
        )

    def compute_mac(self, key):
        return event_mac(key, self.content())

    def compute_hash(self):
        """The legacy plain SHA-256 (rows written before the keyed cut-over, key_id "")."""
        return legacy_hash(self.content())


def event_content(*, request_id, seq, action, actor_id, actor_name, at, from_state, to_state, note, due_before,
                  due_after, payload, prev_hash, key_id, anchors):
    """The dict an event's MAC covers (one definition for the writer, the model and the streaming verifier)."""
    content = {
        "request": request_id,
        "seq": seq,
        "action": action,
        "actor": actor_id,
        "actor_name": actor_name,
        "at": at.isoformat(),
        "from": from_state,
        "to": to_state,
        "note": note,
        "due_before": due_before.isoformat() if due_before else None,
        "due_after": due_after.isoformat() if due_after else None,
        "payload": payload,
        "prev": prev_hash,
    }
    if key_id:  # legacy rows were hashed without these two
        content["key_id"] = key_id
        content["anchors"] = anchors
    return content


# One encoder, built once: json.dumps with these options would build one per call (a tenth of the verify pass).
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _canonical(content):
    return _ENCODER.encode(content).encode("utf-8")


def event_mac(key, content):
    return hmac.digest(key, _canonical(content), "sha256").hex()


def legacy_hash(content):
    return hashlib.sha256(_canonical(content)).hexdigest()
