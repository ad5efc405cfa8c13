"""The handling flowchart is the state machine: every transition is an arrow, and nothing else is."""

import re
from pathlib import Path

from pypdf import PdfReader

from requests_cms import flowchart
from requests_cms.models import EventAction, InformationRequest
from requests_cms.workflow import State

OUT = Path(__file__).resolve().parents[2] / "static" / "flowchart"
ARROW = re.compile(r'^  (\w+) -> (\w+) \[label="((?:[^"\\]|\\.)*)"', re.M)
NODE = re.compile(r'^  (\w+) \[label="([^"]*)"', re.M)


def machine():
    """(source, target, step label) of every transition, read from django-fsm directly (not from the chart)."""
    found = set()
    for t in InformationRequest._meta.get_field("state").get_all_transitions(InformationRequest):
        found.add((t.source, t.target or t.source, EventAction(t.name).label))
    return found


def test_every_transition_is_an_arrow_and_nothing_else_is():
    source = (OUT / "workflow.dot").read_text(encoding="utf-8")
    arrows = {(s, t, label.split("\\n")[0]) for s, t, label in ARROW.findall(source)}
    assert arrows == machine()
    assert {value for value, _label in NODE.findall(source)} == set(State.values)


def test_the_committed_chart_is_the_one_the_state_machine_draws():
    source = flowchart.dot_source()
    assert (OUT / "workflow.dot").read_text(encoding="utf-8") == source, "run: manage.py build_flowchart"
    svg = (OUT / "workflow.svg").read_text(encoding="utf-8")
    assert f"source sha256 {flowchart.digest(source)}" in svg, "run: manage.py build_flowchart"
    for state in State:
        assert state.label in svg


def test_steps_with_a_legal_time_limit_print_it():
    source = flowchart.dot_source()
    assert "收到申请之日起7个工作日内一次性告知" in source and "延长最多20个工作日" in source
    assert "第三方自收到之日起15个工作日内答复" in source


def test_the_printable_chart_is_a_one_page_pdf_with_the_chinese_text_embedded():
    reader = PdfReader(OUT / "workflow.pdf")
    assert len(reader.pages) == 1
    assert "办理流程图" in reader.pages[0].extract_text()
