"""What a row of the dashboard, the list and the digest shows of a request, read as plain values.

A row is a small slotted object built from one ``values_list`` query by primary key: no model instances (their
construction, the state machine's bookkeeping and ``get_FOO_display`` cost more than the rest of a page with 50 rows;
measured with bench/pages.py). The labels of states, channels and outcomes come from dictionaries built once.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf

from requests_cms.models import ApplicantKind, Channel, InformationRequest, Outcome
from requests_cms.workflow import State

STATE_LABELS = dict(State.choices)
CHANNEL_LABELS = dict(Channel.choices)
OUTCOME_LABELS = dict(Outcome.choices)
APPLICANT_KIND_LABELS = dict(ApplicantKind.choices)

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
    # Filled in by the page (selectors.annotate_rows, views.rows.decorate).
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
