"""Annual report exports: JSON structure, xlsx labels, the command contract, and the pages with their access rules."""

import json
import subprocess
import sys
from datetime import date
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from requests_cms.reports import tallies

from .test_annual_report import add_request

PUBLISHED_ORDER = [
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果", "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开", "1.属于国家秘密",
    "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息",
    "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项", "（四）无法提供", "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确", "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请",
    "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他", "（七）总计",
    "四、结转下年度继续办理",
]
ROW_KEYS = ["label", "natural_person", "business", "research", "public_interest", "legal_services", "other", "total"]
MANAGE = Path(__file__).resolve().parents[2] / "manage.py"


@pytest.fixture
def some_requests(education, land):
    add_request(education, "natural_person", date(2024, 11, 5), outcome="disclosed", concluded=date(2025, 1, 10))
    add_request(education, "business", date(2025, 3, 1))
    add_request(land, "research", date(2025, 3, 1), outcome="needs_creation", concluded=date(2025, 3, 9))
    tallies.rebuild()  # written directly, not through the services


def run_json(*args):
    out = StringIO()
    call_command("annual_report", "--year", "2025", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_json_lists_the_rows_in_published_order_with_every_column(some_requests):
    data = run_json()
    assert [row["label"] for row in data["applications"]] == PUBLISHED_ORDER
    assert all(list(row) == ROW_KEYS for row in data["applications"])
    rows = {row["label"]: row for row in data["applications"]}
    assert rows["一、本年新收政府信息公开申请数量"]["business"] == 1
    assert rows["2.没有现成信息需要另行制作"]["research"] == 1
    assert data["check"]["holds"] is True


def test_the_json_gives_the_challenges_by_kind_and_result(some_requests):
    challenges = run_json()["challenges"]
    assert list(challenges) == ["reconsideration", "lawsuit_direct", "lawsuit_after_reconsideration"]
    for block in challenges.values():
        assert block == {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}


def test_the_command_reports_one_agency_by_full_name(some_requests):
    data = run_json("--agency", "高平市自然资源局")
    rows = {row["label"]: row for row in data["applications"]}
    assert rows["一、本年新收政府信息公开申请数量"]["total"] == 1
    assert data["agency"] == "高平市自然资源局"


def test_an_unknown_agency_is_a_bad_argument(organisation):
    with pytest.raises(CommandError) as error:
        call_command("annual_report", "--year", "2025", "--json", "--agency", "高平市不存在局")
    assert error.value.returncode == 2


def test_bad_arguments_give_one_line_on_stderr_and_status_2():
    result = subprocess.run([sys.executable, str(MANAGE), "annual_report", "--year", "2025"],
                            capture_output=True, text=True, env={"DEBUG": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--json" in result.stderr


def test_the_xlsx_has_the_exact_labels_and_counts(some_requests, tmp_path):
    target = tmp_path / "report.xlsx"
    call_command("annual_report", "--year", "2025", "--xlsx", str(target), stdout=StringIO())
    wb = load_workbook(target)
    table3, table4, section6 = wb.worksheets
    assert section6.title == "其他需要报告的事项"
    texts = {cell.value for row in table3.iter_rows() for cell in row if isinstance(cell.value, str)}
    for label in PUBLISHED_ORDER:
        assert label in texts
    for header in ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计", "法人或其他组织"):
        assert header in texts
    new_row = next(r for r in table3.iter_rows(values_only=True) if r[0] == "一、本年新收政府信息公开申请数量")
    assert list(new_row[3:10]) == [0, 1, 1, 0, 0, 0, 2]
    texts4 = {cell.value for row in table4.iter_rows() for cell in row if isinstance(cell.value, str)}
    assert {"行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果",
            "尚未审结", "总计"} <= texts4


def login(client, user):
    client.force_login(user)
    return client


def test_oversight_sees_the_city_and_any_agency(client, staff, some_requests, land):
    login(client, staff["oversight"])
    page = client.get(reverse("annual_report"), {"year": 2025})
    assert page.status_code == 200
    body = page.content.decode()
    assert "全市" in body and "一、本年新收政府信息公开申请数量" in body and "每一列均成立" in body
    data = client.get(reverse("annual_report"), {"year": 2025, "agency": land.pk, "format": "json"}).json()
    assert data["agency"] == "高平市自然资源局"


def test_agency_staff_see_only_their_own_agency(client, staff, some_requests, education, land):
    login(client, staff["handler"])
    data = client.get(reverse("annual_report"), {"year": 2025, "format": "json"}).json()
    assert data["agency"] == education.name
    assert client.get(reverse("annual_report"), {"year": 2025, "agency": land.pk}).status_code == 403


def test_the_page_offers_the_xlsx_download(client, staff, some_requests):
    login(client, staff["oversight"])
    response = client.get(reverse("annual_report"), {"year": 2025, "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(BytesIO(response.content))
    assert wb.worksheets[0]["A1"].value == "三、收到和处理政府信息公开申请情况"


def test_a_user_without_a_role_is_refused(client, organisation, django_user_model):
    user = django_user_model.objects.create_user(username="nobody", password="x-Passw0rd!")
    login(client, user)
    assert client.get(reverse("annual_report")).status_code == 403
