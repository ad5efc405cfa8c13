"""The information request (政府信息公开申请) and its receipt-date rule (REG 31)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from requests_cms.search_grams import document
from requests_cms.workflow import OPEN, RequestWorkflow, State

from .choices import Channel, DeliveryMethod, Outcome, PostKind, RequestedForm
from .organisation import Agency, Applicant


class InformationRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=State.open_states())


class InformationRequest(RequestWorkflow):
    # No index of its own: the composite indexes below all start with the agency.
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="requests",
                               db_index=False)
    number = models.CharField("申请编号", max_length=40)
    year = models.PositiveSmallIntegerField("年度")
    sequence = models.PositiveIntegerField("年度序号", default=0)
    applicant = models.ForeignKey(Applicant, verbose_name="申请人", on_delete=models.PROTECT, related_name="requests")
    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices)
    post_kind = models.CharField("邮件类型", max_length=20, choices=PostKind.choices, blank=True)
    # Raw dates as recorded; the receipt date is derived from them (REG 31).
    submitted_on = models.DateField("申请人提交日期", null=True, blank=True)
    arrived_on = models.DateField("到达日期", null=True, blank=True)
    signed_on = models.DateField("签收日期", null=True, blank=True)
    confirmed_on = models.DateField("双方确认日期", null=True, blank=True)
    received_on = models.DateField("收到申请日期", db_index=True)
    received_override_reason = models.CharField("收到日期人工调整理由", max_length=200, blank=True)
    description = models.TextField("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    # The list search's bigrams of number and description (requests_cms.search_grams), set by save(); code that
    # inserts rows without save() (bulk_create, COPY) must set it with search_grams.document().
    search_grams = models.TextField("检索词元", blank=True, default="", editable=False)
    purpose = models.TextField("申请用途", blank=True)
    requested_form = models.CharField(
        "获取信息的方式（载体）", max_length=20, choices=RequestedForm.choices, default=RequestedForm.PAPER,
    )
    delivery_method = models.CharField(
        "获取信息的途径", max_length=20, choices=DeliveryMethod.choices, default=DeliveryMethod.POST,
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="承办人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="handled_requests",
    )
    # Clock and deadline caches, recomputed from the step records by services.deadlines.
    clock_start = models.DateField("起算日", null=True, blank=True)
    due_date = models.DateField("答复期限", null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField("期限为暂定（日历未公布）", default=False)
    # REG 35: the due date is a delayed reply period the agency set (延迟答复): delayed, not overdue, before it.
    delayed_reply = models.BooleanField("延迟答复（条例第三十五条）", default=False)
    outcome = models.CharField("答复类型", max_length=40, choices=Outcome.choices, blank=True, db_index=True)
    replied_on = models.DateField("答复日期（交邮/送达之日）", null=True, blank=True, db_index=True)
    applicant_received_on = models.DateField("申请人收到答复日期", null=True, blank=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    # A reopened request (ordered by a reconsideration body or court) runs on the period the order sets.
    reopened_on = models.DateField("重新办理起算日", null=True, blank=True)
    reopen_workdays = models.PositiveSmallIntegerField("重新答复期限（工作日）", null=True, blank=True)
    imported = models.BooleanField("由台账导入", default=False)
    version = models.PositiveIntegerField("版本", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="registered_requests",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_grams"])  # derived from number and description

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开申请"
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="unique_request_number_per_agency"),
        ]
        indexes = [
            models.Index(fields=["agency", "state", "due_date"]),
            models.Index(fields=["state", "due_date"]),
            # The list of one agency in its order (newest first) and its received-date filters: the page walks this
            # index and stops after 50 rows; a count reads only the agency's rows in the date range.
            models.Index(fields=["agency", "received_on", "id"], name="request_agency_received_idx"),
            # The whole city's list in its order (the oversight office's deep pages walk it index-only).
            models.Index(fields=["received_on", "id"], name="request_received_id_idx"),
            # The oversight dashboard's open requests per agency: an index-only scan of the open states.
            models.Index(fields=["state", "agency"], name="request_state_agency_idx"),
            # The dashboard's reads of the open requests (selectors/dashboard.py OPEN_COLUMNS): every column they
            # filter, order and count on, so each is an index-only scan of the open requests alone, however many
            # closed ones the table holds.
            models.Index(fields=["state", "agency"], name="request_open_snapshot_idx", condition=Q(state__in=OPEN),
                         include=["id", "handler", "due_date", "received_on", "replied_on", "delayed_reply"]),
            # The dashboard's sections by deadline (overdue, due soon): the open requests in due-date order, so the
            # first rows of a section are the first entries of a range, not a sort of every overdue request.
            models.Index(fields=["due_date", "received_on", "id"], name="request_open_due_idx",
                         condition=Q(state__in=OPEN), include=["state", "agency", "handler", "delayed_reply"]),
        ]
        ordering = ["-received_on", "-id"]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        self.search_grams = document(self.number, self.description)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"number", "description"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_grams"}
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.state in State.open_states()

    @property
    def current_decision(self):
        return self.decisions.filter(is_current=True).order_by("-proposed_at", "-id").first()

    def reply_deliveries(self):
        """Deliveries of the reply (not of notices); after a reopening only those of the new reply."""
        deliveries = self.deliveries.filter(for_reply=True)
        if self.reopened_on:
            deliveries = deliveries.filter(handed_over_on__gte=self.reopened_on)
        return deliveries

    @property
    def current_description(self):
        """The request's wording now: the corrected application's, once one came in (REG 30), else the original.
        Every page, summary and letter reads this; the original stays in `description`."""
        corrected = [c for c in self.corrections.all() if c.corrected_description.strip()]
        return max(corrected, key=lambda c: c.pk).corrected_description if corrected else self.description

    def has_proof_of_service(self):
        """Signed proof, a 妥投 tracking record, an electronic sending record, or a recorded reason for none."""
        from .choices import AttachmentKind, DeliveryMethod, PostalStatus

        deliveries = self.reply_deliveries()
        proofs = self.attachments.filter(kind=AttachmentKind.PROOF_OF_SERVICE)
        if proofs.filter(delivery__in=deliveries).exists():
            return True
        unlinked = proofs.filter(delivery__isnull=True)
        if self.reopened_on:
            unlinked = unlinked.filter(uploaded_at__date__gte=self.reopened_on)
        if unlinked.exists():
            return True
        deliveries = deliveries.filter(returned_on__isnull=True)
        if deliveries.exclude(no_proof_reason="").exists():
            return True
        if deliveries.filter(method=DeliveryMethod.ELECTRONIC, sent_at__isnull=False).exists():
            return True
        return deliveries.filter(postal_events__status=PostalStatus.DELIVERED).exists()


def derive_received_on(*, channel, post_kind="", submitted_on=None, arrived_on=None, signed_on=None,
                       confirmed_on=None):
    """The receipt date by channel (REG 31). Returns (date or None, Chinese rule text)."""
    if channel == Channel.IN_PERSON:
        return submitted_on, "当面提交的，以提交之日为收到申请之日"
    if channel == Channel.POST and post_kind == PostKind.SIGNED:
        return signed_on, "以邮政特快专递、挂号信等需要签收的邮件提交的，以签收之日为收到申请之日"
    if channel == Channel.POST:
        return confirmed_on, "以平常信函等无需签收的邮件提交的，以与申请人确认之日为收到申请之日"
    return confirmed_on, "通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日"
