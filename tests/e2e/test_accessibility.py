"""axe-core (vendored, tests/e2e/vendor) on every key page: no serious or critical finding (WCAG 2 A/AA rules)."""

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from requests_cms.services import decision, handling

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"]}});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
}"""


def serious_findings(tab, name):
    """Inject axe through the DevTools protocol (not a <script>: the page's CSP stays as it is) and run it."""
    tab.page.evaluate(AXE)
    return tab.page.evaluate(RUN)


def _requests_in_three_states(make_request, staff):
    day = timezone.localdate() - timedelta(days=6)
    registered = make_request(received=day)
    pending = handling.request_accept(request=make_request(received=day), by=staff["registrar"])
    pending = decision.opinion_propose(request=pending, by=staff["handler"], outcome="partly_disclosed",
                                       articles="《中华人民共和国政府信息公开条例》第十五条、第三十七条",
                                       reasons="部分涉及个人隐私",
                                       form_of_provision="纸质文本，邮寄送达")
    pending = decision.request_decide(request=pending, by=staff["handler"])
    pending = decision.request_submit_for_approval(request=pending, by=staff["handler"])
    approved = handling.request_accept(request=make_request(received=day), by=staff["registrar"])
    approved = decision.opinion_propose(request=approved, by=staff["handler"], outcome="disclosed",
                                        articles="《中华人民共和国政府信息公开条例》第三十六条第（二）项",
                                        reasons="属于公开范围", form_of_provision="纸质文本，邮寄送达")
    approved = decision.request_decide(request=approved, by=staff["handler"])
    approved = decision.request_submit_for_approval(request=approved, by=staff["handler"])
    approved = decision.request_approve(request=approved, by=staff["approver"])
    today = timezone.localdate()
    for days_ago in (23, 45):  # due within 3 workdays, and overdue: the amber and red marks of dashboard and list
        handling.request_accept(request=make_request(received=today - timedelta(days=days_ago)), by=staff["registrar"])
    return registered, pending, approved


def test_key_pages_have_no_serious_or_critical_accessibility_findings(open_as, make_request, staff, settings,
                                                                     tmp_path):
    settings.MEDIA_ROOT = tmp_path
    registered, pending, approved = _requests_in_three_states(make_request, staff)
    findings = {}
    tab = open_as("approver2")  # approver and handler: every staff page below
    for path, name in [("/", "dashboard"), ("/requests/", "list"), ("/requests/new/", "register"),
                       (f"/requests/{registered.pk}/", "case-registered"),
                       (f"/requests/{pending.pk}/", "case-pending-approval"),
                       (f"/requests/{approved.pk}/", "case-approved"),
                       (f"/requests/{approved.pk}/delivery/", "delivery"), ("/reports/annual/", "annual-report")]:
        assert tab.goto(path, name).status == 200, path
        findings[name] = serious_findings(tab, name)
    tab.goto("/requests/new/", "register-errors")
    tab.follow("form#register-form button[type=submit]")
    tab.shot("register-with-errors")
    findings["register-with-errors"] = serious_findings(tab, "register-with-errors")
    oversight = open_as("oversight")
    assert oversight.goto("/reports/statistics/", "statistics").status == 200
    findings["statistics"] = serious_findings(oversight, "statistics")
    found = {name: items for name, items in findings.items() if items}
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)
