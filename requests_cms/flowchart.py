"""The handling flowchart (办理流程图) drawn from the state machine itself, so that it cannot drift from it.

Every transition of the request's state machine (workflow.py) is one arrow, labelled with its step's name and,
where the law sets one, its time limit in workdays (read from services/deadlines.py). `manage.py build_flowchart`
renders the DOT source with Graphviz (Debian's `dot`) into static/flowchart/: the SVG the public page shows and a
printable PDF. The rendered files are committed, so nothing is drawn or fetched at run time;
tests/requests_cms/test_flowchart.py fails when the committed chart no longer matches the state machine.
"""

import hashlib
import subprocess
from pathlib import Path

from django.conf import settings

from requests_cms.models import EventAction, InformationRequest
from requests_cms.services import deadlines as D
from requests_cms.workflow import OPEN, State, transitions

OUT_DIR = Path(settings.BASE_DIR) / "static" / "flowchart"
FONT = "FandolHei"

# The time limit printed beside a step (workdays unless said otherwise).
STEP_LIMITS = {
    EventAction.ACCEPT: f"自收到申请之日起{D.REPLY_WORKDAYS}个工作日内答复",
    EventAction.REQUEST_CORRECTION: f"收到申请之日起{D.CORRECTION_NOTICE_WORKDAYS}个工作日内一次性告知；期间停止计算",
    EventAction.RECEIVE_CORRECTION: f"自收到补正之日起重新计算{D.REPLY_WORKDAYS}个工作日",
    EventAction.START_CONSULTATION: f"第三方自收到之日起{D.CONSULTATION_WORKDAYS}个工作日内答复；期间不计入",
    EventAction.ISSUE_FEE_NOTICE: "缴费期间不计入答复期限",
    EventAction.EXTEND: f"经负责人同意，延长最多{D.MAX_EXTENSION_WORKDAYS}个工作日（一次）",
    EventAction.ASK_REASONS: f"条例第三十五条：申请人{D.reasons_period_workdays()}个工作日内说明理由",
    EventAction.ACCEPT_REASONS: "理由合理的，可确定延迟答复的合理期限并告知",
    EventAction.REOPEN: f"按复议决定书或判决书确定的期限（{D.REOPEN_WORKDAYS[0]}至{D.REOPEN_WORKDAYS[1]}个工作日）",
}


def edges():
    """(source state, target state, action) of every transition; a step that keeps the state points at itself."""
    found = set()
    for t in transitions(InformationRequest):
        source = State(t.source)
        target = State(t.target) if t.target is not None else source
        found.add((source, target, EventAction(t.name)))
    return sorted(found, key=lambda e: (list(State).index(e[0]), list(State).index(e[1]), e[2].value))


def _quote(text):
    """A DOT string: quotes and backslashes escaped, line breaks as DOT's centred \\n."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot_source():
    lines = ["digraph workflow {", "  rankdir=TB; nodesep=0.5; ranksep=0.6;",
             f"  graph [fontname={_quote(FONT)}, label={_quote('政府信息公开申请办理流程图（期限按工作日计算）')}, "
             "labelloc=t, fontsize=20];",
             f"  node [fontname={_quote(FONT)}, shape=box, style=\"rounded,filled\", fillcolor=\"#f5f7fa\"];",
             f"  edge [fontname={_quote(FONT)}, fontsize=10];"]
    for state in State:
        fill = "" if state in OPEN else ', fillcolor="#e4e7eb"'
        lines.append(f"  {state.value} [label={_quote(state.label)}{fill}];")
    for source, target, action in edges():
        label = action.label + (f"\n{STEP_LIMITS[action]}" if action in STEP_LIMITS else "")
        style = ", style=dashed, color=\"#9aa5b1\"" if action == EventAction.WITHDRAW else ""
        lines.append(f"  {source.value} -> {target.value} [label={_quote(label)}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def digest(source):
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def build(out_dir=OUT_DIR):
    """Render the chart: workflow.dot, workflow.svg (stamped with the digest of its source) and workflow.pdf."""
    out_dir.mkdir(parents=True, exist_ok=True)
    source = dot_source()
    (out_dir / "workflow.dot").write_text(source, encoding="utf-8")
    env = _fontconfig_env(out_dir)
    for fmt in ("svg", "pdf"):
        rendered = subprocess.run(["dot", f"-T{fmt}"], input=source.encode("utf-8"), capture_output=True, env=env,
                                  check=True).stdout
        if fmt == "svg":
            rendered = rendered.replace(b"<svg ", f"<!-- source sha256 {digest(source)} -->\n<svg ".encode(), 1)
        (out_dir / f"workflow.{fmt}").write_bytes(rendered)
    return out_dir


def _fontconfig_env(out_dir):
    """Graphviz finds the shipped faces (letters/fonts) whatever the machine has installed."""
    import os
    import tempfile

    cache = Path(tempfile.gettempdir()) / "requests_cms-fontconfig"
    conf = cache / "fonts.conf"
    cache.mkdir(exist_ok=True)
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<dir>{Path(settings.BASE_DIR) / "letters" / "fonts"}</dir><cachedir>{cache}</cachedir></fontconfig>',
        encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}
