"""Supervision notices (督办) and complaints (投诉) in the oversight statistics.

These tables are small (a few notices and complaints per agency and year, against thousands of requests), so they are
counted directly over their rows, not kept in tallies (models/tallies.py holds the counters of the big tables).
Both oversight_statistics (tallies) and oversight_statistics_direct (records) read the same functions, so the two
agree by construction; tests/requests_cms/test_supervision.py checks the counts against the records.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from requests_cms.models import Complaint, ComplaintChannel, ComplaintResult, SupervisionNotice

from .annual import year_bounds


@dataclass
class SupervisionCounts:
    issued: int = 0  # notices issued in the year
    answered: int = 0  # of them, answered
    open: int = 0  # notices still open now (whatever the year issued)
    overdue: int = 0  # open notices past their response due date now
    per_agency: list = field(default_factory=list)  # (agency name, issued, answered, open, overdue, mean days)


@dataclass
class ComplaintCounts:
    received: int = 0
    by_channel: dict = field(default_factory=dict)
    by_result: dict = field(default_factory=dict)


def supervision_counts(*, year, agency=None, today=None):
    today = today or timezone.localdate()
    jan1, dec31 = year_bounds(year)
    notices = SupervisionNotice.objects.all() if agency is None else SupervisionNotice.objects.filter(agency=agency)
    counts = SupervisionCounts()
    in_year = Q(issued_at__date__gte=jan1, issued_at__date__lte=dec31)
    rows = (notices.values("agency_id", "agency__name").order_by("agency_id").annotate(
        issued=Count("id", filter=in_year), answered=Count("id", filter=in_year & Q(answered_at__isnull=False)),
        open=Count("id", filter=Q(answered_at__isnull=True)),
        overdue=Count("id", filter=Q(answered_at__isnull=True, response_due__lt=today))))
    times = response_days(notices.filter(in_year, answered_at__isnull=False))
    for row in rows:
        counts.issued += row["issued"]
        counts.answered += row["answered"]
        counts.open += row["open"]
        counts.overdue += row["overdue"]
        counts.per_agency.append((row["agency__name"], row["issued"], row["answered"], row["open"], row["overdue"],
                                  times.get(row["agency_id"])))
    return counts


def response_days(notices):
    """agency id -> mean calendar days from issue to answer of these answered notices (one decimal)."""
    spans = {}
    for agency_id, issued, answered in notices.values_list("agency_id", "issued_at", "answered_at"):
        spans.setdefault(agency_id, []).append((answered - issued).total_seconds() / 86400)
    return {pk: round(sum(days) / len(days), 1) for pk, days in spans.items()}


def complaint_counts(*, year, agency=None):
    jan1, dec31 = year_bounds(year)
    complaints = Complaint.objects.filter(received_on__gte=jan1, received_on__lte=dec31)
    if agency is not None:
        complaints = complaints.filter(request__agency=agency)
    counts = ComplaintCounts()
    for channel, result, n in complaints.values_list("channel", "result").annotate(n=Count("id")).order_by():
        counts.received += n
        counts.by_channel[channel] = counts.by_channel.get(channel, 0) + n
        counts.by_result[result] = counts.by_result.get(result, 0) + n
    return counts


def tables(supervision, complaints):
    """(title, header, rows) of the two tables, for the statistics page and its xlsx."""
    return [
        ("督办", ["机关", "本年督办", "已反馈", "未反馈（当前）", "逾期未反馈（当前）", "平均反馈用时（日）"],
         [["合计", supervision.issued, supervision.answered, supervision.open, supervision.overdue, "—"]]
         + [[name, issued, answered, open_, overdue, "—" if days is None else days]
            for name, issued, answered, open_, overdue, days in supervision.per_agency]),
        ("投诉", ["项目", "件数"],
         [["本年收到投诉", complaints.received]]
         + [[f"受理渠道：{c.label}", complaints.by_channel.get(c.value, 0)] for c in ComplaintChannel]
         + [[f"处理结果：{r.label}", complaints.by_result.get(r.value, 0)] for r in ComplaintResult]),
    ]
