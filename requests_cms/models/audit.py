"""Hash-chained event rows: one per transition, written in the transition's transaction."""

import hashlib
import json

from django.conf import settings
from django.db import models


class RequestEventQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionError("审计记录不可删除")

    def update(self, **kwargs):
        raise PermissionError("审计记录不可修改")


class RequestEvent(models.Model):
    request = models.ForeignKey("requests_cms.InformationRequest", on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    action = models.CharField("操作", max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField("操作人", max_length=100)
    at = models.DateTimeField("时间")
    from_state = models.CharField("原状态", max_length=30, blank=True)
    to_state = models.CharField("新状态", max_length=30, blank=True)
    note = models.TextField("说明", blank=True)
    due_before = models.DateField("原期限", null=True, blank=True)
    due_after = models.DateField("新期限", null=True, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

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
        """The hashed content: everything but the stored hash itself."""
        return {
            "request": self.request_id,
            "seq": self.seq,
            "action": self.action,
            "actor": self.actor_id,
            "actor_name": self.actor_name,
            "at": self.at.isoformat(),
            "from": self.from_state,
            "to": self.to_state,
            "note": self.note,
            "due_before": self.due_before.isoformat() if self.due_before else None,
            "due_after": self.due_after.isoformat() if self.due_after else None,
            "payload": self.payload,
            "prev": self.prev_hash,
        }

    def compute_hash(self):
        raw = json.dumps(self.content(), ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()
