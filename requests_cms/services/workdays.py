"""The project's single door to the workday engine: region code in, engine results out."""

from dataclasses import replace
from datetime import timedelta

from workday_calendars import deadlines as d
from workday_calendars.registry import calendar_for_region


def reply_due(*, received, correction_received=None, pauses=(), extension=0, region="national"):
    return d.reply_due(received, correction_received=correction_received, pauses=pauses, extension=extension,
                       calendar=calendar_for_region(region))


def reopened_due(*, reopened, workdays, pauses=(), region="national"):
    """A reply ordered anew runs `workdays` from the order's receipt; pauses after it still count."""
    calendar = calendar_for_region(region)
    result = d.reply_due(reopened, pauses=pauses, calendar=calendar)
    if workdays == d.REPLY_WORKDAYS:
        return result
    due = calendar.add_workdays(reopened, workdays + result.paused_workdays, tuple(pauses))
    return replace(result, due=due, period=workdays)


def add_workdays(day, n, *, region="national", pauses=()):
    return calendar_for_region(region).add_workdays(day, n, tuple(pauses))


def workdays_between(after, through, *, region="national"):
    return calendar_for_region(region).workdays_between(after, through)


def correction_notice_due(received, *, region="national"):
    return d.correction_notice_due(received, calendar=calendar_for_region(region))


def consultation_due(letter_received, *, region="national"):
    return d.consultation_due(letter_received, calendar=calendar_for_region(region))


def fee_payment_due(notice_received, *, region="national"):
    return d.fee_payment_due(notice_received, calendar=calendar_for_region(region))


def reconsideration_due(reply_received, *, region="national"):
    return d.reconsideration_due(reply_received, calendar=calendar_for_region(region))


def lawsuit_due(reply_received, *, region="national"):
    return d.lawsuit_due(reply_received, calendar=calendar_for_region(region))


def lawsuit_after_reconsideration_due(decision_received, *, region="national"):
    return d.lawsuit_after_reconsideration_due(decision_received, calendar=calendar_for_region(region))


def court_answer_due(received, *, days, region="national"):
    """A calendar-day period with the holiday roll (used for the 15 days to answer a court)."""
    calendar = calendar_for_region(region)
    return calendar.first_workday_on_or_after(received + timedelta(days=days))


def unofficial_years(after, through, *, region="national"):
    """Years of the days after < d <= through whose official holiday notice is not published yet."""
    return calendar_for_region(region).unofficial_years(after, through)
