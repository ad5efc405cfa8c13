"""Report tallies: the counts the annual report and the oversight statistics read, kept per agency and year.

Grain: agency × the calendar year of each date a figure is counted by (both reports are yearly: the annual report by
law, the oversight statistics by the oversight office's yearly review). A request counts in ApplicationTally by the
pair (year received, year concluded), which makes "carried in" and "carried out" of any year exact sums over a few
rows, whatever the dates (no request counted per year it stays open, no rollover on 1 January). A finer period (a
quarter) would be one more dimension column. Figures with another date of their own get their own table (the reply
date; a challenge's receipt). Each table has dimension columns (unique together) and measure columns (summed).

Maintained in the transaction of every event (requests_cms/reports/tallies.py, called by services/audit.py
event_record), rebuilt from the records by `manage.py recompute_tallies`. TallyState keeps what each request
contributes now, so that an event applies only the difference.
No NULL in a dimension (a unique constraint treats NULLs as distinct): 0, -1 and "" stand for "none".
"""

from django.db import models

OPEN = 0  # concluded_year of a request not concluded
UNKNOWN = -1  # workdays that cannot be counted (no official calendar), on_time when the due date is unknown


class Tally(models.Model):
    agency = models.ForeignKey("requests_cms.Agency", on_delete=models.CASCADE, related_name="+", db_index=False)
    n = models.BigIntegerField(default=0)

    DIMENSIONS: tuple = ()
    MEASURES: tuple = ("n",)

    class Meta:
        abstract = True


class ApplicationTally(Tally):
    """Requests by (year received, year concluded or 0, applicant kind, outcome when concluded)."""

    received_year = models.SmallIntegerField()
    concluded_year = models.SmallIntegerField()
    applicant_kind = models.CharField(max_length=40)
    outcome = models.CharField(max_length=40, blank=True)

    DIMENSIONS = ("received_year", "concluded_year", "applicant_kind", "outcome")

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["agency", "received_year", "concluded_year", "applicant_kind", "outcome"],
            name="applicationtally_key")]
        indexes = [models.Index(fields=["received_year", "concluded_year"], name="applicationtally_years")]


class ChannelTally(Tally):
    """Requests by year received and channel."""

    received_year = models.SmallIntegerField()
    channel = models.CharField(max_length=20)

    DIMENSIONS = ("received_year", "channel")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "received_year", "channel"],
                                               name="channeltally_key")]


class ReplyTally(Tally):
    """Replies by year replied, workdays taken (pauses left out; -1 unknown), on time (1, 0; -1 no due date) and
    delayed (1: due on a delayed reply period the agency set under REG 35, counted as their own group)."""

    replied_year = models.SmallIntegerField()
    workdays = models.IntegerField()
    on_time = models.SmallIntegerField()
    delayed = models.SmallIntegerField(default=0)

    DIMENSIONS = ("replied_year", "workdays", "on_time", "delayed")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "replied_year", "workdays", "on_time", "delayed"],
                                               name="replytally_delayed_key")]


class ChallengeTally(Tally):
    """Reconsiderations and lawsuits by year received, kind and recorded result."""

    received_year = models.SmallIntegerField()
    kind = models.CharField(max_length=40)
    result = models.CharField(max_length=20)

    DIMENSIONS = ("received_year", "kind", "result")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "received_year", "kind", "result"],
                                               name="challengetally_key")]


class FeeTally(Tally):
    """Information processing fees (annual report section 六, oversight statistics) by year: fee notices issued in the
    year (n, their total in fen) and fees collected in the year (paid notices by payment date, their total in fen).
    A notice counts in the year it was issued and, once paid, in the year it was paid."""

    year = models.SmallIntegerField()
    amount_fen = models.BigIntegerField(default=0)
    collected = models.BigIntegerField(default=0)
    collected_fen = models.BigIntegerField(default=0)

    DIMENSIONS = ("year",)
    MEASURES = ("n", "amount_fen", "collected", "collected_fen")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="feetally_key")]


TALLIES = (ApplicationTally, ChannelTally, ReplyTally, ChallengeTally, FeeTally)


class TallyState(models.Model):
    """What one request contributes to the tallies now: [[table, [agency, *dimensions], [*measures]], ...]."""

    request = models.OneToOneField("requests_cms.InformationRequest", on_delete=models.CASCADE, primary_key=True,
                                   related_name="+")
    entries = models.JSONField(default=list)
