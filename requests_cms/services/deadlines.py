"""Every deadline of the project in one place: the periods it sets, and the only door to the workday engine.

- The periods: what the law fixes is declared by workday_calendars (REPLY_WORKDAYS, MAX_EXTENSION, …) and re-exported
  here; what the project decides (due soon, the reopen range, the answer periods of a challenge, the correction
  period from settings) is declared here. Forms, services, selectors, reports and templates read them from here.
- The door: region code in, engine result out. No other module of requests_cms imports workday_calendars (the
  management commands use its command-line helpers, workday_calendars.cli).
- The request's deadlines, always recomputed from its step records (never stored as truth): `refresh()` sets the
  cached clock start and due date, `recompute_due_dates_in_range()` follows a calendar change.
"""

from dataclasses import dataclass, replace
from datetime import timedelta

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from requests_cms.models import ChallengeKind, EventAction, InformationRequest
from requests_cms.workflow import State
from workday_calendars import deadline_report, registry
from workday_calendars import deadlines as d
from workday_calendars.engine import OutOfRange, Pause
from workday_calendars.models import Region
from workday_calendars.registry import calendar_for_region

__all__ = ["OutOfRange", "Pause"]

# --- the periods -----------------------------------------------------------------------------------------------------
REPLY_WORKDAYS = d.REPLY_WORKDAYS  # REG 33
MAX_EXTENSION_WORKDAYS = d.MAX_EXTENSION  # REG 33: one extension of at most 20 workdays
CONSULTATION_WORKDAYS = d.CONSULTATION_WORKDAYS  # REG 32
CORRECTION_NOTICE_WORKDAYS = d.CORRECTION_NOTICE_WORKDAYS  # REG 30
DUE_SOON_WORKDAYS = 3  # dashboard, list filter, digest: due within this many workdays
REOPEN_WORKDAYS = (1, 60)  # a new reply ordered by a reconsideration body or court: the period it may set
REOPEN_DEFAULT_WORKDAYS = REPLY_WORKDAYS  # when the order names no period
RECONSIDERATION_ANSWER_WORKDAYS = 10  # RRL 48
SIMPLE_PROCEDURE_ANSWER_WORKDAYS = 5  # RRL 54
COURT_ANSWER_DAYS = 15  # ALL 67


def reasons_period_workdays():
    """The period the applicant is given to state reasons (REG 35; policy: REASONS_PERIOD_WORKDAYS)."""
    return settings.REASONS_PERIOD_WORKDAYS


def reasons_period_pauses_clock():
    """Whether waiting for the reasons pauses the reply clock (policy: REASONS_PERIOD_PAUSES_CLOCK)."""
    return settings.REASONS_PERIOD_PAUSES_CLOCK


def correction_period_workdays():
    """The period the applicant is given to correct an application (policy: CORRECTION_PERIOD_WORKDAYS)."""
    return settings.CORRECTION_PERIOD_WORKDAYS


def internal_due_lead_workdays():
    """How many workdays before the reply is due a department's 会办 answer is due by default (policy:
    INTERNAL_DUE_LEAD_WORKDAYS)."""
    return settings.INTERNAL_DUE_LEAD_WORKDAYS


# --- the door to the workday engine ----------------------------------------------------------------------------------
def invalidate_calendars():
    """Forget the calendars this process cached (another process changed them)."""
    registry.invalidate()


def calendar_for(region="national"):
    """The region's Calendar, for bulk arithmetic (reports); single dates go through the functions below."""
    return calendar_for_region(region or "national")


def calendar_regions():
    """(code, name) of every calendar region, for a selector."""
    return list(Region.objects.order_by("code").values_list("code", "name"))


def reply_due(*, received, correction_received=None, pauses=(), extension=0, region="national"):
    return d.reply_due(received, correction_received=correction_received, pauses=pauses, extension=extension,
                       calendar=calendar_for(region))


def reopened_due(*, reopened, workdays, pauses=(), region="national"):
    """A reply ordered anew runs `workdays` from the order's receipt; pauses after it still count."""
    calendar = calendar_for(region)
    result = d.reply_due(reopened, pauses=pauses, calendar=calendar)
    if workdays == REPLY_WORKDAYS:
        return result
    due = calendar.add_workdays(reopened, workdays + result.paused_workdays, tuple(pauses))
    return replace(result, due=due, period=workdays)


def add_workdays(day, n, *, region="national", pauses=()):
    return calendar_for(region).add_workdays(day, n, tuple(pauses))


def is_workday(day, *, region="national"):
    return calendar_for(region).is_workday(day)


def first_workday_on_or_after(day, *, region="national"):
    return calendar_for(region).first_workday_on_or_after(day)


def workdays_between(after, through, *, region="national"):
    return calendar_for(region).workdays_between(after, through)


def internal_due_default(statutory_due, *, today=None, region="national"):
    """The default internal due date of a 会办 routing: INTERNAL_DUE_LEAD_WORKDAYS workdays before the statutory due
    date, never before the next workday and never after the statutory due date (today when that is already past)."""
    today = today or timezone.localdate()
    if statutory_due is None or statutory_due <= today:
        return today
    left = workdays_between(today, statutory_due, region=region)
    return add_workdays(today, max(1, left - internal_due_lead_workdays()), region=region) if left > 1 else \
        statutory_due


def internal_due_refusal(internal_due, statutory_due, *, today=None):
    """Why `internal_due` cannot be a 会办 due date (None when it can): not before today, never after the statutory
    due date."""
    today = today or timezone.localdate()
    if internal_due is None:
        return "请填写内部办理期限"
    if internal_due < today:
        return "内部办理期限不能早于今天"
    if statutory_due is not None and internal_due > statutory_due:
        return (f"内部办理期限（{internal_due:%Y-%m-%d}）不能晚于法定答复期限（{statutory_due:%Y-%m-%d}），"
                "会办不停止计算答复期限")
    return None


def correction_notice_due(received, *, region="national"):
    return d.correction_notice_due(received, calendar=calendar_for(region))


def correction_period_ends(notice_sent, *, region="national"):
    return add_workdays(notice_sent, correction_period_workdays(), region=region)


def reasons_period_ends(asked_on, *, region="national"):
    return add_workdays(asked_on, reasons_period_workdays(), region=region)


def consultation_due(letter_received, *, region="national"):
    return d.consultation_due(letter_received, calendar=calendar_for(region))


def fee_payment_due(notice_received, *, region="national"):
    return d.fee_payment_due(notice_received, calendar=calendar_for(region))


def reconsideration_due(reply_received, *, region="national"):
    return d.reconsideration_due(reply_received, calendar=calendar_for(region))


def lawsuit_due(reply_received, *, region="national"):
    return d.lawsuit_due(reply_received, calendar=calendar_for(region))


def lawsuit_after_reconsideration_due(decision_received, *, region="national"):
    return d.lawsuit_after_reconsideration_due(decision_received, calendar=calendar_for(region))


def court_answer_due(received, *, days=COURT_ANSWER_DAYS, region="national"):
    """A calendar-day period with the holiday roll (the 15 days to answer a court)."""
    return calendar_for(region).first_workday_on_or_after(received + timedelta(days=days))


def unofficial_years(after, through, *, region="national"):
    """Years of the days after < d <= through whose official holiday notice is not published yet."""
    return calendar_for_region(region).unofficial_years(after, through)


def challenge_answer_due(*, kind, received_on, simple_procedure, region):
    """10 workdays (5 simple) to answer a reconsideration (RRL 48, 54); 15 days to answer a court (ALL 67)."""
    if kind == ChallengeKind.RECONSIDERATION:
        n = SIMPLE_PROCEDURE_ANSWER_WORKDAYS if simple_procedure else RECONSIDERATION_ANSWER_WORKDAYS
        return add_workdays(received_on, n, region=region)
    return court_answer_due(received_on, region=region)


def calculate(*, received, correction_received, pauses, extension, reply_received, region):
    """The deadline calculator's figures and explanation (the compute_deadline command's engine).

    Raises ValueError with the engine's Chinese message for dates the calendar cannot answer.
    """
    query = deadline_report.DeadlineQuery(received=received, correction_received=correction_received, pauses=pauses,
                                          extension=extension, reply_received=reply_received, region=region)
    try:
        return deadline_report.compute(query)
    except CommandError as exc:  # the engine's checks (e.g. a date outside the calendars): a message for the user
        raise ValueError(str(exc)) from exc


class Calendars:
    """One Calendar per region for the duration of a page, and the due-soon horizon of each."""

    def __init__(self, today=None):
        self.today = today or timezone.localdate()
        self._by_region = {}
        self._horizons = {}

    def get(self, region):
        if region not in self._by_region:
            self._by_region[region] = calendar_for(region)
        return self._by_region[region]

    def workdays_left(self, region, due):
        """Workdays from today (exclusive) to `due` (inclusive); negative when overdue; None when not computable."""
        if due is None:
            return None
        try:
            return self.get(region).workdays_between(self.today, due)
        except OutOfRange:
            return None

    def horizon(self, region, n=DUE_SOON_WORKDAYS):
        """The n-th workday after today: anything due on or before it is due soon."""
        key = (region, n)
        if key not in self._horizons:
            self._horizons[key] = self.get(region).add_workdays(self.today, n)
        return self._horizons[key]


# --- the request's deadlines -----------------------------------------------------------------------------------------
def inputs(req):
    """What the engine needs to compute the reply due date: receipt, corrected receipt, pauses, extension."""
    if req.pk is None:  # being registered: no step records yet
        correction, pauses, extension = None, [], 0
    else:
        correction = req.corrections.order_by("-id").first()
        pauses = [(p.start, p.end, p.get_reason_display()) for p in req.pauses.all()]
        extension = sum(e.workdays for e in req.extensions.all())
    return {
        "received": req.received_on,
        "correction_received": correction.corrected_received_on if correction else None,
        "pauses": pauses,
        "extension": extension,
        "region": req.agency.calendar_region,
    }


def reply_deadline(req):
    """The request's reply deadline (due date, explanation, provisional flag): the engine's REG 33 result, or the
    delayed reply period the agency set under REG 35 (`DelayedDeadline`) when there is one."""
    result = statutory_deadline(req)
    delayed = delayed_reply_due(req)
    return DelayedDeadline(result, delayed, _delay_provisional(req, result, delayed)) if delayed else result


@dataclass(frozen=True)
class DelayedDeadline:
    """A REG 33 deadline superseded by a delayed reply period (REG 35): its due date is the date the agency set, its
    explanation says so after the engine's; every other attribute is the engine's."""

    statutory: object
    due: object
    provisional_reasons: tuple = ()

    def __getattr__(self, name):
        return getattr(self.statutory, name)

    @property
    def provisional(self):
        return bool(self.provisional_reasons)

    @property
    def explanation(self):
        return [*self.statutory.explanation,
                f"条例第三十五条：申请人说明的理由合理，本机关确定延迟答复的期限为{self.due:%Y年%m月%d日}"
                f"（按条例第三十三条计算的答复期限为{self.statutory.due:%Y年%m月%d日}），在此之前不属于逾期。"]


def _delay_provisional(req, result, delayed):
    years = unofficial_years(result.clock_start or req.received_on, delayed, region=req.agency.calendar_region)
    return tuple(f"{year}年的节假日安排尚未公布" for year in years) if years else ()


def statutory_deadline(req):
    """The engine's full result (due date, explanation, provisional flag) for this request under REG 33."""
    if req.reopened_on:
        pauses = [(p.start, p.end) for p in req.pauses.all() if p.start >= req.reopened_on]
        return reopened_due(
            reopened=req.reopened_on, workdays=req.reopen_workdays or REOPEN_DEFAULT_WORKDAYS, pauses=pauses,
            region=req.agency.calendar_region,
        )
    return reply_due(**inputs(req))


def delayed_reply_due(req):
    """The delayed reply period the agency set after accepting the applicant's reasons (REG 35), or None. While it
    runs the request is delayed, not overdue: its due date is that date."""
    if req.pk is None or req.reopened_on:
        return None
    reasons = req.reasons_requests.filter(accepted=True, delayed_due__isnull=False).order_by("-id").first()
    return reasons.delayed_due if reasons else None


def refresh(req):
    """Recompute the cached clock start and due date on `req` (the caller saves)."""
    if req.state == State.CORRECTION_REQUESTED:
        req.clock_start, req.due_date, req.due_provisional, req.delayed_reply = None, None, False, False
        return None
    result = reply_deadline(req)
    req.clock_start = result.clock_start
    req.due_date = result.due
    req.due_provisional = result.provisional
    req.delayed_reply = isinstance(result, DelayedDeadline)
    return result


def clamp_internal_dues(req):
    """An internal (会办) due date is never after the statutory one: when the reply's due date moves earlier (a
    corrected receipt date, a calendar change), the open routings' internal due dates follow it. Returns how many
    moved. The caller holds the request's row lock."""
    from requests_cms.models import OPEN_ROUTING, InternalRouting

    if req.pk is None or req.due_date is None:
        return 0
    return InternalRouting.objects.filter(request_id=req.pk, status__in=OPEN_ROUTING,
                                          internal_due__gt=req.due_date).update(internal_due=req.due_date)


def recompute_due_dates_in_range(start, end):
    """Called by workday_calendars after a calendar change: refresh every open request the change can move."""
    updated = 0
    candidates = (
        InformationRequest.objects.open()
        .filter(received_on__lte=end)
        .select_related("agency")
        .prefetch_related("pauses", "extensions", "corrections", "reasons_requests")
    )
    for req in candidates.iterator(chunk_size=500):
        if req.due_date and req.due_date < start and req.received_on < start:
            continue
        old = (req.due_date, req.due_provisional)
        refresh(req)
        if (req.due_date, req.due_provisional) != old:
            _store_recomputed(req.pk, old[0])
            updated += 1
    return updated


def _store_recomputed(pk, due_before):
    from .audit import event_record

    with transaction.atomic():
        req = InformationRequest.objects.select_for_update().get(pk=pk)
        refresh(req)
        InformationRequest.objects.filter(pk=pk).update(
            due_date=req.due_date, due_provisional=req.due_provisional, clock_start=req.clock_start,
            version=F("version") + 1,
        )
        clamp_internal_dues(req)
        event_record(request=req, action=EventAction.CALENDAR_RECOMPUTE, by=None, from_state=req.state,
                     to_state=req.state, note="工作日历调整，重新计算答复期限", due_before=due_before,
                     due_after=req.due_date)
