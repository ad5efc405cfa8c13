"""xlsx exports laid out like the published tables (openpyxl), and the oversight statistics workbook."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from . import labels as L

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_BOLD = Font(bold=True)


def _cell(ws, row, col, value, *, bold=False, align=_CENTER):
    cell = ws.cell(row=row, column=col, value=value)
    cell.border, cell.alignment = _BORDER, align
    if bold:
        cell.font = _BOLD
    return cell


def _merge(ws, r1, c1, r2, c2, value, **kw):
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            _cell(ws, r, c, None)
    _cell(ws, r1, c1, value, **kw)
    if (r1, c1) != (r2, c2):
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def _title(ws, text, width, scope):
    _merge(ws, 1, 1, 1, width, text, bold=True)
    ws.cell(row=2, column=1, value=scope)
    return 3


def write_table_3(ws, report):
    ws.title = "收到和处理申请情况"
    top = _title(ws, L.TABLE_3_TITLE, 10, f"{report.scope_name}　{report.year}年度")
    _merge(ws, top, 1, top + 2, 3, L.CHECK_NOTE)
    _merge(ws, top, 4, top, 10, L.APPLICANT_HEADER, bold=True)
    _merge(ws, top + 1, 4, top + 2, 4, L.KIND_LABELS["natural_person"])
    _merge(ws, top + 1, 5, top + 1, 9, L.ORGANISATION_HEADER)
    for i, kind in enumerate(L.KINDS[1:]):
        _cell(ws, top + 2, 5 + i, L.KIND_LABELS[kind])
    _merge(ws, top + 1, 10, top + 2, 10, L.TOTAL_LABEL)
    row = top + 3
    rows = [r for r in report.rows() if r[0] != "results"]
    results_first = row + 2
    for code, label, level, counts in rows:
        if level == 1 and _has_subs(code):  # the group label spans its numbered rows, as in the published table
            _merge(ws, row, 2, row + len(_subs(code)) - 1, 2, label, align=_LEFT)
            continue
        if code in {"new", "carried_in", "carried_out"}:
            _merge(ws, row, 1, row, 3, label, align=_LEFT)
        elif level == 1:
            _merge(ws, row, 2, row, 3, label, align=_LEFT)
        else:
            _cell(ws, row, 3, label, align=_LEFT)
        for i, n in enumerate(counts):
            _cell(ws, row, 4 + i, n)
        row += 1
    _merge(ws, results_first, 1, row - 2, 1, L.RESULTS[1])
    check = report.check()
    _cell(ws, row + 1, 1, f"核对：{L.CHECK_LABEL}", align=_LEFT)
    for i, col in enumerate(L.COLUMNS):
        _cell(ws, row + 1, 4 + i, "成立" if check["columns"][col]["holds"] else "不成立")
    for col, width in zip("ABCDEFGHIJ", (16, 18, 44, 9, 9, 9, 11, 11, 9, 9), strict=True):
        ws.column_dimensions[col].width = width


def _subs(code):
    return next(subs for c, _label, subs in L.GROUPS if c == code)


def _has_subs(code):
    return any(c == code and subs for c, _label, subs in L.GROUPS)


def write_table_4(ws, report):
    ws.title = "行政复议行政诉讼情况"
    top = _title(ws, L.TABLE_4_TITLE, 15, f"{report.scope_name}　{report.year}年度")
    _merge(ws, top, 1, top + 1, 5, L.RECONSIDERATION_HEADER, bold=True)
    _merge(ws, top, 6, top, 15, L.LAWSUIT_HEADER, bold=True)
    _merge(ws, top + 1, 6, top + 1, 10, L.CHALLENGE_KIND_LABELS["lawsuit_direct"])
    _merge(ws, top + 1, 11, top + 1, 15, L.CHALLENGE_KIND_LABELS["lawsuit_after_reconsideration"])
    col = 1
    for kind in L.CHALLENGE_KINDS:
        for result in L.CHALLENGE_COLUMNS:
            _cell(ws, top + 2, col, L.CHALLENGE_COLUMN_LABELS[result])
            _cell(ws, top + 3, col, report.challenges[kind][result])
            ws.column_dimensions[get_column_letter(col)].width = 10
            col += 1


def write_section_6(ws, report):
    """六、其他需要报告的事项: the fees of the year (numbers as numbers, amounts in yuan with two decimals)."""
    ws.title = "其他需要报告的事项"
    top = _title(ws, L.SECTION_6_TITLE, len(L.FEE_HEADER), f"{report.scope_name}　{report.year}年度　信息处理费")
    for i, text in enumerate(L.FEE_HEADER, start=1):
        _cell(ws, top, i, text, bold=True)
        ws.column_dimensions[get_column_letter(i)].width = 26 if i == 1 else 18
    lines = [*report.fees_per_agency, (f"{report.scope_name}合计", report.fees)] if report.agency is None else [
        (report.scope_name, report.fees)]
    for r, (name, fees) in enumerate(lines, start=top + 1):
        values = [name, fees.notices, float(fees.notices_amount), fees.collected, float(fees.collected_amount)]
        for i, value in enumerate(values, start=1):
            cell = _cell(ws, r, i, value, align=_LEFT if i == 1 else _CENTER, bold=name.endswith("合计"))
            if i in (3, 5):
                cell.number_format = "0.00"
    ws.cell(row=top + len(lines) + 1, column=1, value=report.fees.statement())


def annual_report_xlsx(report):
    """The workbook as bytes: one sheet per table, then section 六 (fees)."""
    wb = Workbook()
    write_table_3(wb.active, report)
    write_table_4(wb.create_sheet(), report)
    write_section_6(wb.create_sheet(), report)
    return _bytes(wb)


def statistics_xlsx(stats):
    """The oversight statistics: one sheet per table of the statistics page."""
    wb = Workbook()
    first = True
    for title, header, rows in stats.tables():
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title[:31]
        _merge(ws, 1, 1, 1, len(header), f"{stats.scope_name}　{stats.year}年度　{title}", bold=True)
        for i, text in enumerate(header, start=1):
            _cell(ws, 2, i, text, bold=True)
            ws.column_dimensions[get_column_letter(i)].width = 22 if i == 1 else 14
        for r, values in enumerate(rows, start=3):
            for i, value in enumerate(values, start=1):
                _cell(ws, r, i, value, align=_LEFT if i == 1 else _CENTER)
    return _bytes(wb)


def _bytes(wb):
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
