"""From a figure of a report to exactly the requests it counts (the list's `report` and `stat` filters).

- Annual report, table 三: `report=YEAR:ROW:COLUMN` (e.g. `2026:三.1:natural_person`, `2026:new:total`); the
  conditions are the ones the count uses (annual.year_conditions), the outcome rows the rulebook's
  (labels.outcome_row).
- Oversight statistics: `stat=YEAR:MEASURE` with MEASURE one of received, concluded, replied, on_time,
  channel.<code>, outcome.<code> (statistics.measure_conditions), the agency through the list's agency filter.
So a figure and its list cannot drift apart. Counts of challenges (table 四, 复议诉讼) are counts of challenges, not
of requests, and are not linked.
"""

from urllib.parse import urlencode

from django.db.models import Q

from letters.outcomes import OUTCOME_CODES
from requests_cms.models import Channel, Outcome

from . import labels as L
from .annual import year_conditions

ROW_LABELS = {code: label for code, label, _level in L.table_3_rows()}
_GROUP_LEAVES = {code: [c for c, _ in subs] or [code] for code, _label, subs in L.GROUPS}


class CellError(ValueError):
    """Not a figure of table 三."""


def parse(value):
    """(year, row, column) from `YEAR:ROW:COLUMN`; CellError with a Chinese message when it names no figure."""
    try:
        year, row, column = value.split(":")
        year = int(year)
    except ValueError:
        raise CellError("年度报告单元格应为“年份:行:列”") from None
    if row not in ROW_LABELS or column not in L.COLUMNS or not 1900 < year < 3000:
        raise CellError("年度报告中没有这一单元格")
    return year, row, column


def cell_filter(value):
    """The condition on a request that selects the requests counted in the figure `value`."""
    year, row, column = parse(value)
    c = year_conditions(year)
    condition = c["involved"] & _row_condition(row, c) & _column_condition(column)
    return condition


def describe(value):
    year, row, column = parse(value)
    kind = L.TOTAL_LABEL if column == L.TOTAL else L.KIND_LABELS[column]
    return f"{year}年度报告 · {ROW_LABELS[row]} · {kind}"


def _row_condition(row, c):
    if row == "new":
        return c["new"]
    if row == "carried_in":
        return c["carried_in"]
    if row == "carried_out":
        return ~c["concluded"]
    if row in ("results", "七"):
        return c["concluded"]
    return c["concluded"] & _outcomes_in(_GROUP_LEAVES.get(row, [row]))


def _outcomes_in(leaves):
    codes = [code for code in OUTCOME_CODES if L.outcome_row(code) in leaves]
    condition = Q(outcome__in=codes)
    if L.UNKNOWN_OUTCOME_ROW in leaves:  # a concluded request without a known outcome counts there
        condition |= ~Q(outcome__in=OUTCOME_CODES)
    return condition


def _column_condition(column):
    if column == L.TOTAL:
        return Q()
    if column == "other":  # table_3 counts an applicant kind it does not list as 其他
        return ~Q(applicant__kind__in=[k for k in L.KINDS if k != "other"])
    return Q(applicant__kind=column)


STAT_MEASURES = {"received": "本年收到", "concluded": "本年办结", "replied": "本年答复", "on_time": "按期答复"}


def stat_query(year, measure, agency_id=None):
    """The list's query string for a figure of the oversight statistics."""
    params = {"stat": f"{year}:{measure}", "exact": "1"}
    if agency_id:
        params["agency"] = agency_id
    return urlencode(params)


def parse_stat(value):
    """(year, measure, key) from `YEAR:MEASURE`; CellError when it names no figure."""
    try:
        year, measure = value.split(":")
        year = int(year)
    except ValueError:
        raise CellError("统计数字应为“年份:指标”") from None
    name, _, key = measure.partition(".")
    known = (name in STAT_MEASURES and not key) or (name == "channel" and key in Channel.values) or (
        name == "outcome" and key in Outcome.values)
    if not known or not 1900 < year < 3000:
        raise CellError("考核统计中没有这一指标")
    return year, name, key


def stat_filter(value):
    from .statistics import measure_conditions  # statistics links its figures through this module

    year, name, key = parse_stat(value)
    m = measure_conditions(year)
    if name == "channel":
        return m["received"] & Q(channel=key)
    if name == "outcome":
        return m["concluded"] & Q(outcome=key)
    return m[name]


def describe_stat(value):
    year, name, key = parse_stat(value)
    if name == "channel":
        what = f"本年收到 · {Channel(key).label}"
    elif name == "outcome":
        what = f"本年办结 · {Outcome(key).label}"
    else:
        what = STAT_MEASURES[name]
    return f"{year}年考核统计 · {what}"
