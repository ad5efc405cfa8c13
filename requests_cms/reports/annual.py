"""The annual report tables 三 and 四, read from the report tallies (models/tallies.py: a few thousand rows per year
whatever the history), with the direct count over the records kept as the reference (`annual_report_direct`; the
tests prove both equal after random event sequences; bench/reports.py times both).

Counting rules (issue 7): a request is new in the year of its receipt date; carried in when received earlier and
still open on 1 January (concluded_on empty or on/after that day); counted in the outcome rows of the year it was
concluded (concluded_on: the reply date, or the date of withdrawal / lapse); carried out when open on 31 December.
Hence 一 + 二 = 三（七） + 四 for every column. Table 四 counts the challenges received in the year by recorded result.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from requests_cms.models import (
    Agency,
    ApplicationTally,
    Challenge,
    ChallengeTally,
    FeeNotice,
    FeeTally,
    InformationRequest,
)
from requests_cms.models.tallies import OPEN

from . import labels as L


@dataclass
class AnnualReport:
    year: int
    agency: object = None  # an Agency, or None for the whole city
    cells: dict = field(default_factory=dict)  # row code -> column -> count
    challenges: dict = field(default_factory=dict)  # challenge kind -> result or "total" -> count
    fees: "Fees" = None  # section 六: the scope's fees
    fees_per_agency: list = field(default_factory=list)  # (agency name, Fees) of each agency, city-wide reports

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

    def cell_rows(self):
        """(code, label, level, [(column, count)]) for the page, where each figure links to its requests."""
        return [(code, label, level, [(col, self.cells[code][col]) for col in L.COLUMNS])
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
            "section_6": self.section_6(),
        }

    def section_6(self):
        """六、其他需要报告的事项: the fees of the year (FEE), for the scope and, city-wide, per agency."""
        fees = self.fees or Fees()
        result = {"title": L.SECTION_6_TITLE, "fees": fees.as_json(), "statement": fees.statement()}
        if self.agency is None:
            result["per_agency"] = [{"agency": name, **f.as_json()} for name, f in self.fees_per_agency]
        return result


@dataclass(frozen=True)
class Fees:
    """A year's information processing fees: notices issued (number, total) and fees collected (number, total)."""

    notices: int = 0
    notices_amount: Decimal = Decimal("0.00")
    collected: int = 0
    collected_amount: Decimal = Decimal("0.00")

    @classmethod
    def from_fen(cls, n=0, amount_fen=0, collected=0, collected_fen=0):
        return cls(n, yuan(amount_fen), collected, yuan(collected_fen))

    def __add__(self, other):
        return Fees(self.notices + other.notices, self.notices_amount + other.notices_amount,
                    self.collected + other.collected, self.collected_amount + other.collected_amount)

    def as_json(self):
        return {"fee_notices": self.notices, "fee_notices_amount": f"{self.notices_amount:.2f}",
                "collected": self.collected, "collected_amount": f"{self.collected_amount:.2f}"}

    def statement(self):
        """The sentence the published report prints (agencies that charged nothing say so)."""
        if not self.notices and not self.collected:
            return "本年度未发出收费通知，未收取信息处理费。"
        return (f"本年度发出收费通知{self.notices}件，总金额{self.notices_amount:,.2f}元；"
                f"实际收取信息处理费{self.collected}件，总金额{self.collected_amount:,.2f}元。")


def yuan(fen):
    return (Decimal(int(fen or 0)) / 100).quantize(Decimal("0.01"))


def year_bounds(year):
    return date(year, 1, 1), date(year, 12, 31)


def annual_report(*, year, agency=None):
    """Tables 三 and 四 for `agency` (an Agency) or, with agency=None, for every agency of the city (tallies)."""
    applications = ApplicationTally.objects.all()
    challenges = ChallengeTally.objects.all()
    if agency is not None:
        applications, challenges = applications.filter(agency=agency), challenges.filter(agency=agency)
    report = AnnualReport(year=year, agency=agency)
    report.cells = table_3(tally_counts(applications, year))
    report.challenges = table_4(challenges.filter(received_year=year).values("kind", "result")
                                .annotate(n=Sum("n")).order_by())
    fees = FeeTally.objects.filter(year=year)
    if agency is not None:
        fees = fees.filter(agency=agency)
    per_agency = {pk: Fees.from_fen(*measures) for pk, *measures in
                  fees.values_list("agency_id").annotate(Sum("n"), Sum("amount_fen"), Sum("collected"),
                                                         Sum("collected_fen")).order_by()}
    _set_fees(report, per_agency)
    return report


def _set_fees(report, per_agency):
    """The scope's total and, city-wide, each agency that issued or collected anything (by name)."""
    report.fees = sum(per_agency.values(), Fees())
    if report.agency is None:
        names = dict(Agency.objects.filter(pk__in=per_agency).values_list("id", "name"))
        report.fees_per_agency = sorted(((names[pk], f) for pk, f in per_agency.items() if f.notices or f.collected),
                                        key=lambda item: (-item[1].collected_amount, item[0]))


def fee_counts(notices, year):
    """Fees of the year counted over the fee notices: {agency id: Fees} (issued in the year; paid in the year)."""
    jan1, dec31 = year_bounds(year)
    result = {}
    for pk, n, amount in (notices.filter(issued_on__gte=jan1, issued_on__lte=dec31)
                          .values_list("request__agency_id").annotate(Count("id"), Sum("amount")).order_by()):
        result[pk] = Fees(n, (amount or Decimal(0)).quantize(Decimal("0.01")))
    for pk, n, amount in (notices.filter(paid_on__gte=jan1, paid_on__lte=dec31)
                          .values_list("request__agency_id").annotate(Count("id"), Sum("amount")).order_by()):
        result[pk] = result.get(pk, Fees()) + Fees(0, Decimal("0.00"), n, (amount or Decimal(0)).quantize(
            Decimal("0.01")))
    return result


def annual_report_direct(*, year, agency=None):
    """The same tables counted over the records (two GROUP BY queries over every request the year involves)."""
    requests = InformationRequest.objects.all()
    challenges = Challenge.objects.all()
    if agency is not None:
        requests = requests.filter(agency=agency)
        challenges = challenges.filter(request__agency=agency)
    report = AnnualReport(year=year, agency=agency)
    report.cells = table_3(request_counts(requests, year))
    report.challenges = table_4(challenge_counts(challenges, year))
    notices = FeeNotice.objects.all() if agency is None else FeeNotice.objects.filter(request__agency=agency)
    _set_fees(report, fee_counts(notices, year))
    return report


def _total(condition=None):
    return Coalesce(Sum("n", filter=condition), 0)


def tally_counts(applications, year):
    """The rows of `request_counts`, from ApplicationTally: (received year, concluded year) replace the dates."""
    return (
        applications.filter(received_year__lte=year)
        .filter(Q(concluded_year=OPEN) | Q(concluded_year__gte=year))
        .values("outcome", kind=F("applicant_kind"))
        .annotate(new=_total(Q(received_year=year)), carried_in=_total(Q(received_year__lt=year)),
                  concluded=_total(Q(concluded_year=year)), involved=_total())
        .order_by()
    )


def year_conditions(year):
    """What table 三 counts in `year`, as conditions on a request: the one definition read by the direct count and by
    the drill-through from a figure to its requests (reports/drill.py). `involved` is every request the year's
    table can involve; the others are read within it."""
    jan1, dec31 = year_bounds(year)
    return {
        "involved": Q(received_on__lte=dec31) & (Q(concluded_on__isnull=True) | Q(concluded_on__gte=jan1)),
        "new": Q(received_on__gte=jan1),
        "carried_in": Q(received_on__lt=jan1),
        "concluded": Q(concluded_on__lte=dec31),
    }


def request_counts(requests, year):
    """One GROUP BY (applicant kind, outcome) over the requests the year's table can involve."""
    c = year_conditions(year)
    return (
        requests.filter(c["involved"])
        .values("outcome", kind=F("applicant__kind"))
        .annotate(
            new=Count("id", filter=c["new"]),
            carried_in=Count("id", filter=c["carried_in"]),
            concluded=Count("id", filter=c["concluded"]),
            involved=Count("id"),
        )
        .order_by()
    )


def challenge_counts(challenges, year):
    jan1, dec31 = year_bounds(year)
    return (challenges.filter(received_on__gte=jan1, received_on__lte=dec31)
            .values("kind", "result").annotate(n=Count("id")).order_by())


def table_3(rows):
    """Table 三's cells from rows {kind, outcome, new, carried_in, concluded, involved}."""
    cells = {code: dict.fromkeys(L.COLUMNS, 0) for code, _label, _level in L.table_3_rows()}
    group_of = {sub: code for code, _label, subs in L.GROUPS for sub, _ in subs}
    for row in rows:
        kind = row["kind"] if row["kind"] in L.KINDS else "other"
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


def table_4(rows):
    """Table 四 from rows {kind, result, n}: an unknown kind is left out, an unknown result counts as pending."""
    table = {kind: dict.fromkeys(L.CHALLENGE_COLUMNS, 0) for kind in L.CHALLENGE_KINDS}
    for row in rows:
        if row["kind"] not in table:
            continue
        result = row["result"] if row["result"] in L.RESULTS_ORDER else "pending"
        table[row["kind"]][result] += row["n"]
        table[row["kind"]][L.TOTAL] += row["n"]
    return table
