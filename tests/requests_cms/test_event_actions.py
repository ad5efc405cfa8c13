"""Event actions are declared once (EventAction) with their Chinese labels; every page and the case file use them."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from requests_cms.casefile import records
from requests_cms.models import EventAction, InformationRequest, RequestEvent
from requests_cms.services import registration
from requests_cms.services.audit import event_record
from requests_cms.workflow import transition_names

from .views_support import days_ago, recent_request, walk

ROOT = Path(__file__).resolve().parents[2] / "requests_cms"
WRITERS = {"run_transition", "run_update", "event_record", "RequestEvent"}


def _written_actions():
    """(file:line, the `action=` expression) of every call that writes an event row, across requests_cms."""
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in WRITERS:
                for keyword in node.keywords:
                    if keyword.arg == "action":
                        yield f"{path.relative_to(ROOT)}:{node.lineno}", keyword.value


def _members(expression):
    """The EventAction members an `action=` expression can take; fails on anything but EventAction.X (or a
    conditional of them, or the runner's pass-through of its own `action` argument)."""
    if isinstance(expression, ast.IfExp):
        return _members(expression.body) | _members(expression.orelse)
    if isinstance(expression, ast.Name) and expression.id == "action":
        return set()  # services/runner.py hands on what its caller passed (checked at the caller)
    assert isinstance(expression, ast.Attribute) and getattr(expression.value, "id", "") == "EventAction", (
        ast.unparse(expression))
    return {EventAction[expression.attr]}


def test_every_transition_of_the_workflow_is_an_event_action():
    assert set(transition_names(InformationRequest)) <= set(EventAction.values)


def test_the_code_writes_event_rows_only_with_event_action_members():
    written = {}
    for where, expression in _written_actions():
        for member in _members(expression):
            written.setdefault(member, where)
    # register, imported, calendar_recompute and the recorded updates are written by name; transitions through
    # run_transition with their EventAction (the test above)
    assert {EventAction.REGISTER, EventAction.IMPORTED, EventAction.CALENDAR_RECOMPUTE, EventAction.UPLOAD,
            EventAction.RECORD_SEARCH, EventAction.RECORD_CHALLENGE} <= set(written)


def test_every_event_action_has_a_chinese_label():
    for action in EventAction:
        assert action.label and action.label != action.value and not action.label.isascii(), action


def test_the_event_row_accepts_only_declared_actions():
    assert dict(RequestEvent._meta.get_field("action").choices) == dict(EventAction.choices)


@pytest.fixture
def delivered_with_recompute(make_request, staff):
    req = walk(recent_request(make_request), staff, "delivered")
    req = registration.request_override_received_on(request=req, by=staff["registrar"], received_on=days_ago(10),
                                                    reason="核对收件登记簿")
    event_record(request=req, action=EventAction.CALENDAR_RECOMPUTE, by=None, from_state=req.state,
                 to_state=req.state, note="工作日历调整，重新计算答复期限", due_before=req.due_date,
                 due_after=req.due_date)
    return InformationRequest.objects.get(pk=req.pk)


def _text(document):
    return "\n".join(str(part) for block in document.blocks for part in block[1:])


def test_the_case_file_prints_labels_never_raw_action_codes(delivered_with_recompute):
    req = delivered_with_recompute
    written = set(req.events.values_list("action", flat=True))
    assert EventAction.CALENDAR_RECOMPUTE in written and len(written) >= 8
    for document in (records.timeline(req), records.audit_trail(req)):
        text = _text(document)
        for action in written:
            assert EventAction(action).label in text
            assert action not in text, (document.title, action)


def test_the_case_page_and_the_case_file_show_the_same_labels(client, staff, delivered_with_recompute):
    req = delivered_with_recompute
    client.force_login(staff["handler"])
    page = client.get(reverse("request_detail", kwargs={"pk": req.pk})).content.decode()
    timeline = _text(records.timeline(req))
    for action in set(req.events.values_list("action", flat=True)):
        label = EventAction(action).label
        assert label in page and label in timeline
