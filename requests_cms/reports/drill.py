"""From a figure of the annual report's table 三 to exactly the requests it counts (the list's `report` filter).

A figure is named `YEAR:ROW:COLUMN` (e.g. `2026:三.1:natural_person`, `2026:new:total`); the conditions are the
ones the count uses (annual.year_conditions), the outcome rows the rulebook's (labels.outcome_row), so a figure and
its list cannot drift apart.
"""

from django.db.models import Q

from letters.outcomes import OUTCOME_CODES

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
