"""Export of the filtered list: xlsx and CSV (UTF-8 with BOM), Chinese columns, formula-safe."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from requests_cms.exports import COLUMNS

from . import pages_data as data


def export(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("request_export"), params)
    assert response.status_code == 200
    return response


def csv_rows(response):
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_has_the_chinese_columns_and_a_bom(client, staff, make_request):
    req = data.overdue(make_request)
    response = export(client, staff["handler"], format="csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"] and ".csv" in response["Content-Disposition"]
    header, row = csv_rows(response)
    assert header == COLUMNS
    assert row[0] == req.number and row[2] == "张伟" and row[3] == "自然人" and row[4] == "当面提交"
    assert row[6] == req.due_date.isoformat() and row[-1] == "是"


def test_the_export_follows_the_list_filters(client, staff, make_request):
    late = data.overdue(make_request)
    data.far(make_request)
    rows = csv_rows(export(client, staff["handler"], format="csv", overdue="on"))
    assert [r[0] for r in rows[1:]] == [late.number]


def test_xlsx_opens_with_the_same_rows(client, staff, make_request):
    req = data.far(make_request)
    response = export(client, staff["handler"], format="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert list(values[0]) == COLUMNS
    assert values[1][0] == req.number and values[1][5].date() == req.received_on and values[1][10] == "否"


def test_user_text_never_becomes_a_formula(client, staff, make_request, applicant):
    applicant.name = "=HYPERLINK(\"http://x\")"
    applicant.save()
    data.far(make_request)
    rows = csv_rows(export(client, staff["handler"], format="csv"))
    assert rows[1][2].startswith("'=")
    sheet = load_workbook(io.BytesIO(export(client, staff["handler"], format="xlsx").content)).active
    cell = sheet.cell(row=2, column=3)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_another_agencys_requests_are_not_exported(client, staff, make_request):
    data.far(make_request)
    rows = csv_rows(export(client, staff["other_handler"], format="csv"))
    assert rows == [COLUMNS]


def test_an_unknown_format_is_refused(client, staff):
    client.force_login(staff["handler"])
    assert client.get(reverse("request_export"), {"format": "pdf"}).status_code == 400
