"""Oversight statistics (考核) for one agency or the whole city, for a year.

- requests received in the year, by channel;
- processing time of the requests replied in the year, in workdays from the clock start (receipt, or receipt of
  the corrected application) to the reply date, paused workdays left out: median and 90th percentile
  (nearest-rank). Computed in bulk: a few columns per request and per pause (values_list), then the engine's
  Calendar (workdays_between is O(1));
- on-time rate: replies in the year posted or handed over on or before the due date;
- outcomes of the requests concluded in the year; challenges received in the year and their results.

`oversight_statistics` reads the report tallies (models/tallies.py; processing times as a histogram of workdays per
agency), independent of the size of the history; `oversight_statistics_direct` counts over the records and is the
reference the tests compare it with.
"""

import math
import statistics as pystats
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum

from requests_cms.models import (
    Agency,
    ApplicationTally,
    Challenge,
    ChallengeTally,
    Channel,
    ChannelTally,
    ClockPause,
    FeeNotice,
    FeeTally,
    InformationRequest,
    Outcome,
    ReplyTally,
)
from requests_cms.models.tallies import UNKNOWN
from requests_cms.services.deadlines import OutOfRange, calendar_for

from . import drill, supervision
from . import labels as L
from .annual import challenge_counts, table_4, year_bounds, yuan
from .tallies import to_fen

COUNTS = ("received", "concluded", "replied", "due_known", "on_time", "delayed", "challenges", "corrected",
          "fees_collected_fen")


@dataclass
class AgencyLine:
    agency: str
    agency_id: int | None = None  # None for the total line
    received: int = 0
    concluded: int = 0
    replied: int = 0
    due_known: int = 0  # replies whose due date is known (the on-time rate's denominator)
    on_time: int = 0
    delayed: int = 0  # replies on a delayed reply period set under REG 35 (延迟答复): their own group, not late
    challenges: int = 0
    corrected: int = 0
    times: Counter = field(default_factory=Counter)  # workdays taken -> number of replies
    fees_collected_fen: int = 0  # information processing fees collected in the year (paid notices), in fen

    @property
    def fees_collected(self):
        return yuan(self.fees_collected_fen)

    @property
    def median(self):
        return histogram_median(self.times)

    @property
    def p90(self):
        return histogram_percentile(self.times, 90)

    @property
    def on_time_rate(self):
        return rate(self.on_time, self.due_known)


@dataclass
class Statistics:
    year: int
    agency: object = None
    channels: dict = field(default_factory=dict)
    outcomes: dict = field(default_factory=dict)
    challenges: dict = field(default_factory=dict)
    total: AgencyLine = None
    per_agency: list = field(default_factory=list)
    supervision: object = None  # reports.supervision.SupervisionCounts
    complaints: object = None  # reports.supervision.ComplaintCounts

    @property
    def scope_name(self):
        return self.agency.name if self.agency else "全市"

    def tables(self):
        """(title, header, rows) for the page and the xlsx export."""
        agencies = self._lines()
        return [
            ("概况", ["机关", "本年收到", "本年办结", "本年答复", "按期答复", "按期答复率", "其中延迟答复",
                      "办理用时中位数（工作日）", "办理用时90%分位（工作日）", "复议诉讼", "被纠正",
                      "收取信息处理费（元）"],
             [[a.agency, a.received, a.concluded, a.replied, a.on_time, percent(a.on_time_rate), a.delayed,
               show(a.median), show(a.p90), a.challenges, a.corrected, f"{a.fees_collected:.2f}"]
              for a in agencies]),
            ("申请渠道", ["申请渠道", "件数"], [[label, n] for label, n in self.channel_items()]),
            ("办理结果", ["答复类型", "件数"], [[label, n] for label, n in self.outcome_items()]),
            ("复议诉讼", ["类型", *[L.CHALLENGE_COLUMN_LABELS[c] for c in L.CHALLENGE_COLUMNS]],
             [[L.CHALLENGE_KIND_LABELS[k], *[self.challenges[k][c] for c in L.CHALLENGE_COLUMNS]]
              for k in L.CHALLENGE_KINDS]),
            # complaints and supervision next to reconsideration and litigation
            *(supervision.tables(self.supervision, self.complaints) if self.supervision is not None else []),
        ]

    def linked_tables(self):
        """tables() with every count of requests as (value, the list's query string of exactly those requests) and
        every other cell as (value, ""): the page links each such figure to its requests (reports/drill.py)."""
        scope = self.agency.pk if self.agency else None

        def link(value, measure, agency_id=None):
            return value, drill.stat_query(self.year, measure, agency_id or scope)

        def plain(values):
            return [(v, "") for v in values]

        (t1, h1, rows1), (t2, h2, _), (t3, h3, _), *others = self.tables()
        overview = [[(a.agency, ""), *[link(getattr(a, m), m, a.agency_id) for m in drill.STAT_MEASURES],
                     *plain(row[1 + len(drill.STAT_MEASURES):])] for a, row in zip(self._lines(), rows1, strict=True)]
        channels = [[(c.label, ""), link(self.channels.get(c.value, 0), f"channel.{c.value}")] for c in Channel]
        outcomes = [[(o.label, ""), link(self.outcomes[o.value], f"outcome.{o.value}")]
                    for o in Outcome if self.outcomes.get(o.value)]
        # The rest (challenges, supervision notices, complaints) count other things than requests: not linked.
        return [(t1, h1, overview), (t2, h2, channels), (t3, h3, outcomes),
                *[(title, header, [plain(r) for r in rows]) for title, header, rows in others]]

    def _lines(self):
        return [self.total, *self.per_agency] if self.agency is None else [self.total]

    def channel_items(self):
        return [(c.label, self.channels.get(c.value, 0)) for c in Channel]

    def outcome_items(self):
        return [(o.label, self.outcomes[o.value]) for o in Outcome if self.outcomes.get(o.value)]


def median(values):
    return pystats.median(values) if values else None


def percentile(values, p):
    """Nearest-rank percentile: the smallest value with at least p% of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def _ranks(histogram, *ranks):
    """The values at these 1-based ranks of the sorted values the histogram {value: count} stands for."""
    found, seen, wanted = {}, 0, sorted(set(ranks))
    for value in sorted(v for v, n in histogram.items() if n):
        seen += histogram[value]
        while wanted and wanted[0] <= seen:
            found[wanted.pop(0)] = value
    return [found[r] for r in ranks]


def histogram_median(histogram):
    """statistics.median of the values the histogram stands for (the mean of the two middle ones when even)."""
    count = sum(histogram.values())
    if not count:
        return None
    if count % 2:
        return _ranks(histogram, count // 2 + 1)[0]
    low, high = _ranks(histogram, count // 2, count // 2 + 1)
    return (low + high) / 2


def histogram_percentile(histogram, p):
    """`percentile` (nearest rank) of the values the histogram stands for."""
    count = sum(histogram.values())
    if not count:
        return None
    return _ranks(histogram, max(1, math.ceil(p / 100 * count)))[0]


def rate(part, whole):
    return part / whole if whole else None


def percent(value):
    return "—" if value is None else f"{value * 100:.1f}%"


def show(value):
    return "—" if value is None else (int(value) if float(value).is_integer() else round(value, 1))


def oversight_statistics(*, year, agency=None):
    """The year's statistics for `agency` or, with None, the city, from the tallies (a few queries over small
    tables)."""
    tallies = {m: m.objects.all() if agency is None else m.objects.filter(agency=agency)
               for m in (ApplicationTally, ChannelTally, ReplyTally, ChallengeTally)}
    applications, replies = tallies[ApplicationTally], tallies[ReplyTally].filter(replied_year=year)
    challenges = tallies[ChallengeTally].filter(received_year=year)
    stats = Statistics(year=year, agency=agency)
    stats.channels = _nonzero(tallies[ChannelTally].filter(received_year=year).values_list("channel")
                              .annotate(Sum("n")).order_by())
    stats.outcomes = _nonzero(applications.filter(concluded_year=year).values_list("outcome")
                              .annotate(Sum("n")).order_by())
    stats.challenges = table_4(challenges.values("kind", "result").annotate(n=Sum("n")).order_by())
    lines = defaultdict(lambda: AgencyLine(agency=""))
    for pk, n in applications.filter(received_year=year).values_list("agency_id").annotate(Sum("n")).order_by():
        lines[pk].received += n
    for pk, n in applications.filter(concluded_year=year).values_list("agency_id").annotate(Sum("n")).order_by():
        lines[pk].concluded += n
    for pk, days, on_time, delayed, n in (replies.values_list("agency_id", "workdays", "on_time", "delayed")
                                          .annotate(Sum("n")).order_by()):
        line = lines[pk]
        line.replied += n
        line.delayed += n if delayed else 0
        line.due_known += n if on_time != UNKNOWN else 0
        line.on_time += n if on_time == 1 else 0
        if days != UNKNOWN and n:
            line.times[days] += n
    for pk, result, n in challenges.values_list("agency_id", "result").annotate(Sum("n")).order_by():
        lines[pk].challenges += n
        lines[pk].corrected += n if result == "corrected" else 0
    fees = FeeTally.objects.filter(year=year) if agency is None else FeeTally.objects.filter(year=year, agency=agency)
    for pk, fen in fees.values_list("agency_id").annotate(Sum("collected_fen")).order_by():
        lines[pk].fees_collected_fen += fen or 0
    return _finish(stats, lines)


def _nonzero(pairs):
    return {key: n for key, n in pairs if n}


def oversight_statistics_direct(*, year, agency=None):
    """The same statistics counted over the records (every request, pause and challenge of the year)."""
    requests = InformationRequest.objects.all()
    challenges = Challenge.objects.all()
    if agency is not None:
        requests, challenges = requests.filter(agency=agency), challenges.filter(request__agency=agency)
    jan1, dec31 = year_bounds(year)
    m = measure_conditions(year)
    stats = Statistics(year=year, agency=agency)
    stats.channels = dict(requests.filter(m["received"]).values_list("channel").annotate(n=Count("id")).order_by())
    stats.outcomes = dict(requests.filter(m["concluded"]).values_list("outcome").annotate(n=Count("id")).order_by())
    stats.challenges = table_4(challenge_counts(challenges, year))
    lines = _agency_lines(requests, challenges, jan1, dec31)
    _processing_times(requests.filter(replied_on__gte=jan1, replied_on__lte=dec31), lines)
    notices = FeeNotice.objects.filter(paid_on__gte=jan1, paid_on__lte=dec31, request__in=requests)
    for pk, amount in notices.values_list("request__agency_id").annotate(Sum("amount")).order_by():
        lines[pk].fees_collected_fen += to_fen(amount or 0)
    return _finish(stats, lines)


def _finish(stats, lines):
    # Small tables counted directly (reports/supervision.py), the same in both paths.
    stats.supervision = supervision.supervision_counts(year=stats.year, agency=stats.agency)
    stats.complaints = supervision.complaint_counts(year=stats.year, agency=stats.agency)
    names = dict(Agency.objects.values_list("id", "name"))
    for pk, line in lines.items():
        line.agency, line.agency_id = names.get(pk, str(pk)), pk
    active = [line for line in lines.values()
              if line.received or line.concluded or line.challenges or line.replied or line.fees_collected_fen]
    stats.total = _sum_lines(stats.scope_name, active)
    stats.per_agency = sorted(active, key=lambda a: (-a.received, a.agency))
    return stats


def measure_conditions(year):
    """What each count of the statistics counts in `year`, as conditions on a request: read by the direct count and
    by the drill-through from a figure to its requests (reports/drill.py)."""
    jan1, dec31 = year_bounds(year)
    replied = Q(replied_on__gte=jan1, replied_on__lte=dec31)
    return {
        "received": Q(received_on__gte=jan1, received_on__lte=dec31),
        "concluded": Q(concluded_on__gte=jan1, concluded_on__lte=dec31),
        "replied": replied,
        "due_known": replied & Q(due_date__isnull=False),
        "on_time": replied & Q(replied_on__lte=F("due_date")),
        "delayed": replied & Q(delayed_reply=True),  # of which with a REG 35 delayed reply period
    }


def _agency_lines(requests, challenges, jan1, dec31):
    lines = defaultdict(lambda: AgencyLine(agency=""))
    m = measure_conditions(jan1.year)
    rows = requests.values("agency_id").annotate(**{name: Count("id", filter=q) for name, q in m.items()}).order_by()
    for row in rows:
        line = lines[row["agency_id"]]
        line.received, line.concluded = row["received"], row["concluded"]
        line.replied, line.due_known, line.on_time = row["replied"], row["due_known"], row["on_time"]
        line.delayed = row["delayed"]
    for row in (challenges.filter(received_on__gte=jan1, received_on__lte=dec31)
                .values("request__agency_id", "result").annotate(n=Count("id")).order_by()):
        line = lines[row["request__agency_id"]]
        line.challenges += row["n"]
        line.corrected += row["n"] if row["result"] == "corrected" else 0
    return lines


def _processing_times(replied, lines):
    """Workdays from clock start to reply, minus paused workdays, per replied request (bulk, O(1) per request)."""
    pauses = defaultdict(list)
    for request_id, start, end in ClockPause.objects.filter(request__in=replied.values("pk")).values_list(
            "request_id", "start", "end"):
        pauses[request_id].append((start, end))
    calendars = {}
    rows = replied.values_list("id", "agency_id", "agency__calendar_region", "clock_start", "received_on",
                               "replied_on").order_by()
    for pk, agency_id, region, clock_start, received_on, replied_on in rows.iterator(chunk_size=5000):
        if region not in calendars:
            calendars[region] = calendar_for(region)
        try:
            days = workdays_taken(calendars[region], clock_start or received_on, replied_on, pauses.get(pk, ()))
        except OutOfRange:
            continue
        lines[agency_id].times[days] += 1


def workdays_taken(calendar, start, replied, pauses=()):
    """Workdays d with start < d <= replied, not counting those inside the pause windows (s, e]."""
    total = max(0, calendar.workdays_between(start, replied))
    last_end = start
    for s, e in sorted(pauses):
        low, high = max(s, last_end), min(e, replied)
        if high > low:
            total -= calendar.workdays_between(low, high)
            last_end = high
    return max(0, total)


def _sum_lines(name, lines):
    total = AgencyLine(agency=name)
    for line in lines:
        for attr in COUNTS:
            setattr(total, attr, getattr(total, attr) + getattr(line, attr))
        total.times.update(line.times)
    return total
