"""The filtered list as a ledger (台账): xlsx (openpyxl, write-only) or CSV (UTF-8 with BOM, so Excel opens it)."""

import csv
import io
from datetime import date

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from requests_cms.selectors.deadlines import is_overdue

COLUMNS = ["申请编号", "机关", "申请人", "申请人类型", "渠道", "收到日期", "答复期限", "状态", "答复类型", "答复日期",
           "是否超期"]
WIDTHS = [22, 28, 20, 12, 10, 12, 14, 14, 28, 12, 8]
FORMATS = {"xlsx", "csv"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def row_values(r, today):
    """One ledger row; dates stay dates (the writers format them)."""
    due = r.due_date
    if due and r.due_provisional:
        due = f"{due.isoformat()}（暂定）"
    return [
        r.number, r.agency.name, r.applicant.name, r.applicant.get_kind_display(), r.get_channel_display(),
        r.received_on, due, r.get_state_display(), r.get_outcome_display() if r.outcome else "", r.replied_on,
        "是" if is_overdue(r, today) else "否",
    ]


def _rows(queryset, today):
    qs = queryset.select_related("agency", "applicant").order_by("agency_id", "received_on", "id")
    for r in qs.iterator(chunk_size=2000):
        yield row_values(r, today)


def csv_text(value):
    """Text for a CSV cell; user text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_lines(queryset, today):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff"
    for values in [COLUMNS, *_rows(queryset, today)]:
        writer.writerow([csv_text(v) for v in values])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def xlsx_bytes(queryset, today):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("申请台账")
    for i, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + i)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(COLUMNS)
    for values in _rows(queryset, today):
        sheet.append([_xlsx_cell(sheet, v) for v in values])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # never a formula: applicant names and descriptions are user text
    return cell


def response(fmt, queryset, *, today):
    name = f"政府信息公开申请台账-{today:%Y%m%d}.{fmt}"
    if fmt == "csv":
        resp = StreamingHttpResponse(csv_lines(queryset, today), content_type="text/csv; charset=utf-8")
    else:
        resp = HttpResponse(xlsx_bytes(queryset, today), content_type=XLSX_TYPE)
    resp["Content-Disposition"] = content_disposition_header(True, name)
    return resp
