"""Ledger import: good files, bad rows with line numbers, all-or-nothing, --skip-bad, BOM, xlsx, re-import."""

import json
from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from requests_cms.models import Applicant, Challenge, InformationRequest, RequestEvent
from requests_cms.services.audit import verify_request_chain

HEADER = ("number,agency,channel,received,applicant_name,applicant_kind,description,outcome,replied,delivered,"
          "challenge,challenge_result,challenge_received")
GOOD = [
    "JY-2024-001,高平市教育局,in_person,2024-11-05,张伟,natural_person,学校名单,disclosed,2025-01-10,2025-01-12,"
    "reconsideration,upheld,2025-02-20",
    "JY-2025-001,高平市教育局,post,2025-03-03,山西某建设有限公司,business,招标文件,,,,,,",
    "JY-2025-002,高平市教育局,online,2025-03-10,张伟,natural_person,收费标准,not_held,2025-03-31,,"
    "lawsuit_direct,,",
    "ZR-2025-001,高平市自然资源局,email,2025-02-03,李娜,natural_person,规划许可,withdrawn,2025-02-10,,,,",
    "ZR-2025-002,高平市自然资源局,fax,2025-04-01,某研究院,research,土地出让,correction_lapsed,2025-05-06,,,,",
]


def write_csv(path, lines, *, bom=False):
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8-sig" if bom else "utf-8")
    return path


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_ledger", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good_file(tmp_path, organisation):
    return write_csv(tmp_path / "ledger.csv", GOOD)


def test_a_good_file_is_imported_with_numbers_states_and_dates(good_file, education):
    out, _ = run(good_file)
    assert "已导入5件申请" in out
    req = InformationRequest.objects.get(agency=education, number="JY-2024-001")
    assert req.imported and req.state == "closed" and req.outcome == "disclosed"
    assert (req.received_on, req.submitted_on) == (date(2024, 11, 5), date(2024, 11, 5))
    assert (req.replied_on, req.concluded_on, req.applicant_received_on) == (
        date(2025, 1, 10), date(2025, 1, 10), date(2025, 1, 12))
    assert req.due_date is not None and req.year == 2024
    open_one = InformationRequest.objects.get(number="JY-2025-001")
    assert (open_one.state, open_one.outcome, open_one.concluded_on) == ("registered", "", None)
    assert (open_one.post_kind, open_one.confirmed_on) == ("ordinary", date(2025, 3, 3))
    withdrawn = InformationRequest.objects.get(number="ZR-2025-001")
    assert (withdrawn.state, withdrawn.concluded_on, withdrawn.replied_on) == ("withdrawn", date(2025, 2, 10), None)
    assert InformationRequest.objects.get(number="ZR-2025-002").state == "abandoned"


def test_it_writes_a_verifiable_first_event_per_request(good_file):
    run(good_file)
    for req in InformationRequest.objects.all():
        events = list(RequestEvent.objects.filter(request=req))
        assert [e.action for e in events] == ["imported"]
        assert "数据迁移" in events[0].note and events[0].to_state == req.state
        assert verify_request_chain(req) == []


def test_it_keeps_a_history_record_of_each_imported_row(good_file):
    run(good_file)
    req = InformationRequest.objects.get(number="JY-2024-001")
    records = list(req.history.all())
    assert len(records) == 1 and records[0].history_type == "+" and records[0].history_change_reason == "台账导入"
    assert records[0].state == "closed"
    assert Challenge.history.count() == 2


def test_it_reuses_an_applicant_of_the_same_agency_name_and_kind(good_file, education, applicant):
    run(good_file)
    assert applicant.name == "张伟"
    assert set(InformationRequest.objects.filter(applicant=applicant).values_list("number", flat=True)) == {
        "JY-2024-001", "JY-2025-002"}
    assert Applicant.objects.filter(agency=education, name="张伟").count() == 1


def test_it_records_challenges_with_their_answer_due(good_file):
    run(good_file)
    upheld = Challenge.objects.get(request__number="JY-2024-001")
    assert (upheld.kind, upheld.result, upheld.received_on, upheld.imported) == (
        "reconsideration", "upheld", date(2025, 2, 20), True)
    assert upheld.answer_due == date(2025, 3, 6)  # 10 workdays after 2025-02-20
    pending = Challenge.objects.get(request__number="JY-2025-002")
    assert (pending.result, pending.received_on) == ("pending", date(2025, 3, 31))  # the reply date stands in
    assert pending.answer_due == date(2025, 4, 15)  # 15 days -> 2025-04-15


def test_importing_the_same_file_twice_does_not_duplicate(good_file):
    run(good_file)
    out, _ = run(good_file)
    assert "已导入0件申请" in out and "已存在而跳过5行" in out
    assert "第2行：高平市教育局 JY-2024-001 已存在，跳过" in out
    assert InformationRequest.objects.count() == 5 and Challenge.objects.count() == 2


BAD = [
    "B-1,高平市不存在局,in_person,2025-01-05,王五,natural_person,文件,,,,,,",
    "B-2,高平市教育局,pigeon,2025-01-05,王五,natural_person,文件,,,,,,",
    "B-3,高平市教育局,in_person,2025/01/05,王五,natural_person,文件,,,,,,",
    "B-4,高平市教育局,in_person,2025-01-05,王五,alien,文件,,,,,,",
    "B-5,高平市教育局,in_person,2025-01-05,王五,natural_person,文件,maybe,2025-01-09,,,,",
    "B-6,高平市教育局,in_person,2025-01-05,王五,natural_person,文件,disclosed,,,,,",
    "B-7,高平市教育局,in_person,2025-01-05,王五,natural_person,文件,,2025-01-09,,,,",
    "B-8,高平市教育局,in_person,2025-01-05,王五,natural_person,文件,disclosed,2025-01-01,,,,",
    "B-9,高平市教育局,in_person,2025-01-05,王五,natural_person,文件,disclosed,2025-01-09,,appeal,,",
    "B-10,高平市教育局,in_person,2025-01-05,王五,natural_person,文件,disclosed,2025-01-09,,lawsuit_direct,won,",
    "B-11,高平市教育局,in_person,2025-01-05,王五,natural_person,文件,,,,reconsideration,,",
    "B-12,高平市教育局,in_person,2025-02-30,王五,natural_person,文件,,,,,,",
]
REASONS = {
    2: "机关全称不存在", 3: "申请渠道无效", 4: "收到日期格式应为 YYYY-MM-DD", 5: "申请人类型无效",
    6: "办理结果（答复类型）代码无效", 7: "须同时填写", 8: "须同时填写", 9: "办结日期早于收到日期",
    10: "复议诉讼类型无效", 11: "复议诉讼结果无效", 12: "没有办结日期可代替", 13: "收到日期格式应为 YYYY-MM-DD",
}


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(tmp_path, organisation):
    path = write_csv(tmp_path / "bad.csv", [GOOD[0], *BAD])
    err = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_ledger", str(path), stdout=StringIO(), stderr=err)
    assert error.value.returncode == 1
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == len(BAD)
    for i, (line_no, reason) in enumerate(sorted(REASONS.items())):
        assert lines[i].startswith(f"第{line_no + 1}行：") and reason in lines[i], lines[i]
    assert InformationRequest.objects.count() == 0


def test_skip_bad_imports_the_good_rows(tmp_path, organisation):
    path = write_csv(tmp_path / "mixed.csv", [GOOD[0], BAD[0], GOOD[1]])
    out, err = run(path, "--skip-bad")
    assert "第3行：机关全称不存在" in err
    assert "已导入2件申请" in out and "不合格而跳过1行" in out
    assert set(InformationRequest.objects.values_list("number", flat=True)) == {"JY-2024-001", "JY-2025-001"}


def test_a_duplicate_number_inside_the_file_is_a_bad_row(tmp_path, organisation):
    path = write_csv(tmp_path / "dup.csv", [GOOD[1], GOOD[1]])
    with pytest.raises(CommandError):
        run(path)
    assert InformationRequest.objects.count() == 0


def test_a_csv_with_a_bom_is_read(tmp_path, organisation):
    out, _ = run(write_csv(tmp_path / "bom.csv", GOOD, bom=True))
    assert "已导入5件申请" in out


def test_a_wrong_header_is_a_bad_argument(tmp_path, organisation):
    path = tmp_path / "wrong.csv"
    path.write_text("number,agency\nX,高平市教育局\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(path)
    assert error.value.returncode == 2 and "表头不符" in str(error.value)


def test_a_missing_file_is_a_bad_argument(tmp_path, organisation):
    with pytest.raises(CommandError) as error:
        run(tmp_path / "none.csv")
    assert error.value.returncode == 2


def test_old_rows_and_missing_texts_are_accepted(tmp_path, organisation):
    path = write_csv(tmp_path / "old.csv", [
        "OLD-1,高平市教育局,in_person,2016-05-03,,natural_person,,disclosed,2016-05-20,,reconsideration,upheld,",
    ])
    run(path)
    req = InformationRequest.objects.get(number="OLD-1")
    assert req.due_date is None and req.description == "（台账未记载）" and req.applicant.name == "（台账未记载）"
    assert Challenge.objects.get(request=req).answer_due == date(2016, 6, 3)  # 10 weekdays after 2016-05-20


def test_an_xlsx_ledger_is_read_with_date_cells(tmp_path, organisation):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.split(","))
    ws.append(["JY-X-1", "高平市教育局", "in_person", datetime(2025, 3, 3), "赵六", "natural_person", "名单",
               "disclosed", datetime(2025, 3, 20), None, None, None, None])
    ws.append(["JY-X-2", "高平市教育局", "online", "2025-04-01", "赵六", "natural_person", "名单", None, None, None,
               None, None, None])
    path = tmp_path / "ledger.xlsx"
    wb.save(path)
    out, _ = run(path)
    assert "已导入2件申请" in out
    assert InformationRequest.objects.get(number="JY-X-1").concluded_on == date(2025, 3, 20)


def test_the_annual_report_counts_the_imported_requests(good_file):
    run(good_file)
    out = StringIO()
    call_command("annual_report", "--year", "2025", "--json", stdout=out)
    data = json.loads(out.getvalue())
    rows = {row["label"]: row for row in data["applications"]}
    assert rows["一、本年新收政府信息公开申请数量"]["total"] == 4
    assert rows["二、上年结转政府信息公开申请数量"]["natural_person"] == 1
    assert rows["（一）予以公开"]["natural_person"] == 1
    assert rows["1.本机关不掌握相关政府信息"]["natural_person"] == 1
    assert rows["3.其他"]["natural_person"] == 1
    assert rows["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]["research"] == 1
    assert rows["四、结转下年度继续办理"]["business"] == 1
    assert data["check"]["holds"]
    assert data["challenges"]["reconsideration"]["upheld"] == 1
    assert data["challenges"]["lawsuit_direct"]["pending"] == 1
