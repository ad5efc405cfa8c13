"""The annual report tables 三 and 四, counted by the database (two GROUP BY queries, no loop over requests).

Counting rules (issue 7): a request is new in the year of its receipt date; carried in when received earlier and
still open on 1 January (concluded_on empty or on/after that day); counted in the outcome rows of the year it was
concluded (concluded_on: the reply date, or the date of withdrawal / lapse); carried out when open on 31 December.
Hence 一 + 二 = 三（七） + 四 for every column. Table 四 counts the challenges received in the year by recorded result.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from requests_cms.models import Challenge, InformationRequest

from . import labels as L


@dataclass
class AnnualReport:
    year: int
    agency: object = None  # an Agency, or None for the whole city
    cells: dict = field(default_factory=dict)  # row code -> column -> count
    challenges: dict = field(default_factory=dict)  # challenge kind -> result or "total" -> count

    @property
    def scope_name(self):
        return self.agency.name if self.agency else "全市"

    def applications(self):
        """Rows of table 三 in published order, as the JSON gives them."""
        return [{"label": label, **{col: self.cells[code][col] for col in L.COLUMNS}}
                for code, label, _level in L.table_3_rows()]

    def rows(self):
        """(code, label, level, [counts in column order]) for templates and the xlsx writer."""
        return [(code, label, level, [self.cells[code][col] for col in L.COLUMNS])
                for code, label, level in L.table_3_rows()]

    def check(self):
        """The check 一 + 二 = 三（七） + 四 per column."""
        columns = {}
        for col in L.COLUMNS:
            left = self.cells["new"][col] + self.cells["carried_in"][col]
            right = self.cells["七"][col] + self.cells["carried_out"][col]
            columns[col] = {"left": left, "right": right, "holds": left == right}
        return {"rule": L.CHECK_LABEL, "holds": all(c["holds"] for c in columns.values()), "columns": columns}

    def as_json(self):
        return {
            "year": self.year,
            "agency": self.agency.name if self.agency else None,
            "scope": self.scope_name,
            "applications": self.applications(),
            "challenges": self.challenges,
            "check": self.check(),
        }


def year_bounds(year):
    return date(year, 1, 1), date(year, 12, 31)


def annual_report(*, year, agency=None):
    """Tables 三 and 四 for `agency` (an Agency) or, with agency=None, for every agency of the city."""
    requests = InformationRequest.objects.all()
    challenges = Challenge.objects.all()
    if agency is not None:
        requests = requests.filter(agency=agency)
        challenges = challenges.filter(request__agency=agency)
    report = AnnualReport(year=year, agency=agency)
    report.cells = _table_3(requests, year)
    report.challenges = _table_4(challenges, year)
    return report


def request_counts(requests, year):
    """One GROUP BY (applicant kind, outcome) over the requests the year's table can involve."""
    jan1, dec31 = year_bounds(year)
    return (
        requests.filter(received_on__lte=dec31)
        .filter(Q(concluded_on__isnull=True) | Q(concluded_on__gte=jan1))
        .values("applicant__kind", "outcome")
        .annotate(
            new=Count("id", filter=Q(received_on__gte=jan1)),
            carried_in=Count("id", filter=Q(received_on__lt=jan1)),
            concluded=Count("id", filter=Q(concluded_on__lte=dec31)),
            involved=Count("id"),
        )
        .order_by()
    )


def _table_3(requests, year):
    cells = {code: dict.fromkeys(L.COLUMNS, 0) for code, _label, _level in L.table_3_rows()}
    group_of = {sub: code for code, _label, subs in L.GROUPS for sub, _ in subs}
    for row in request_counts(requests, year):
        kind = row["applicant__kind"] if row["applicant__kind"] in L.KINDS else "other"
        additions = [("new", row["new"]), ("carried_in", row["carried_in"]),
                     ("carried_out", row["involved"] - row["concluded"])]
        if row["concluded"]:
            leaf = L.outcome_row(row["outcome"])
            additions += [(leaf, row["concluded"]), ("results", row["concluded"]), ("七", row["concluded"])]
            if leaf in group_of:
                additions.append((group_of[leaf], row["concluded"]))
        for code, n in additions:
            cells[code][kind] += n
            cells[code][L.TOTAL] += n
    return cells


def _table_4(challenges, year):
    jan1, dec31 = year_bounds(year)
    table = {kind: dict.fromkeys(L.CHALLENGE_COLUMNS, 0) for kind in L.CHALLENGE_KINDS}
    rows = (challenges.filter(received_on__gte=jan1, received_on__lte=dec31)
            .values("kind", "result").annotate(n=Count("id")).order_by())
    for row in rows:
        if row["kind"] not in table:
            continue
        result = row["result"] if row["result"] in L.RESULTS_ORDER else "pending"
        table[row["kind"]][result] += row["n"]
        table[row["kind"]][L.TOTAL] += row["n"]
    return table
