"""A request as a row of the dashboard, the list and the digest, read as plain values, and the row's links.

A row is a small slotted object built from one ``values_list`` query by primary key: no model instances (their
construction, the state machine's bookkeeping and ``get_FOO_display`` cost more than the rest of a page with 50 rows;
measured with bench/pages.py). The labels of states, channels and outcomes come from dictionaries built once.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import NoReverseMatch, reverse

from requests_cms.access import visible_requests
from requests_cms.models import ApplicantKind, Channel, InformationRequest, Outcome
from requests_cms.workflow import State

from .deadlines import annotate_rows, left_label

STATE_LABELS = dict(State.choices)
CHANNEL_LABELS = dict(Channel.choices)
OUTCOME_LABELS = dict(Outcome.choices)
APPLICANT_KIND_LABELS = dict(ApplicantKind.choices)
LIST_RELATED = ("agency", "applicant", "handler")
# The columns the list filters and counts on (the page's rows are read by read_rows).
ROW_FIELDS = (
    "id", "number", "state", "received_on", "due_date", "due_provisional", "replied_on", "outcome", "channel",
    "version", "agency_id", "applicant_id", "handler_id",
)

# Column of the query -> attribute of the row, in order.
_COLUMNS = {
    "id": "id", "number": "number", "state": "state", "received_on": "received_on", "due_date": "due_date",
    "due_provisional": "due_provisional", "replied_on": "replied_on", "outcome": "outcome", "channel": "channel",
    "agency_id": "agency_id", "row_agency_name": "agency_name", "row_agency_region": "agency_region",
    "row_applicant_name": "applicant_name", "row_applicant_kind": "applicant_kind", "row_handler_name": "handler_name",
}
_NAMES = {
    "row_agency_name": F("agency__name"),
    "row_agency_region": F("agency__calendar_region"),
    "row_applicant_name": F("applicant__name"),
    "row_applicant_kind": F("applicant__kind"),
    "row_handler_name": Coalesce(NullIf(F("handler__full_name"), Value("")), F("handler__username")),
}


@dataclass(slots=True)
class RequestRow:
    id: int
    number: str
    state: str
    received_on: date | None
    due_date: date | None
    due_provisional: bool
    replied_on: date | None
    outcome: str
    channel: str
    agency_id: int
    agency_name: str
    agency_region: str
    applicant_name: str
    applicant_kind: str
    handler_name: str | None
    # Filled in by the page (deadlines.annotate_rows, decorate).
    workdays_left: int | None = None
    overdue: bool = False
    paused: bool = False
    applicant_due: date | None = None
    applicant_due_left: int | None = None
    detail_url: str = ""
    explain_url: str = ""
    left_class: str = ""
    left_text: str = ""

    @property
    def pk(self):
        return self.id

    @property
    def clock_stopped(self):
        """Waiting for the corrected application: no due date until it arrives."""
        return self.state == State.CORRECTION_REQUESTED

    @property
    def state_label(self):
        return STATE_LABELS.get(self.state, self.state)

    @property
    def channel_label(self):
        return CHANNEL_LABELS.get(self.channel, self.channel)

    @property
    def outcome_label(self):
        return OUTCOME_LABELS.get(self.outcome, self.outcome)


def read_rows(ids):
    """The rows of these requests, in the order of ``ids`` (ids not found are left out). One query."""
    ids = list(ids)
    if not ids:
        return []
    values = (InformationRequest.objects.filter(pk__in=ids).annotate(**_NAMES)
              .values_list(*_COLUMNS).order_by())
    by_id = {v[0]: RequestRow(*v) for v in values}
    return [by_id[pk] for pk in ids if pk in by_id]


def list_queryset(user):
    """The list's requests before filters: what the user may see, the bare columns it filters and counts on.

    Filter and count on the bare table; the page's rows are read with their names afterwards (a COUNT over the
    joins that fetch agency, applicant and handler names costs more than the whole page).
    """
    return visible_requests(user).only(*ROW_FIELDS)


def list_rows(ids, calendars):
    """The list page's rows for these ids: read, marked overdue / paused with workdays left, linked."""
    return decorate(annotate_rows(read_rows(ids), calendars))


_PK = 987654321


def _url_pattern(name):
    try:
        return reverse(name, kwargs={"pk": _PK})
    except NoReverseMatch:  # a site without the case pages: link the number only when it exists
        return ""


def decorate(rows, *, request_of=None, left_attr="workdays_left"):
    """Attach detail_url, explain_url, left_class and left_text to each row (rows of requests, or of step records
    whose request is `request_of(row)`)."""
    detail, explain = _url_pattern("request_detail"), _url_pattern("deadline_explain")
    for row in rows:
        req = request_of(row) if request_of else row
        pk = str(req.pk)
        req.detail_url = detail.replace(str(_PK), pk) if detail else ""
        req.explain_url = explain.replace(str(_PK), pk)
        row.left_class, row.left_text = left_label(getattr(row, left_attr, None))
    return rows
