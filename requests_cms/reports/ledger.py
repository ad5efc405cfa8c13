"""Reading and validating a ledger (台账) file: CSV (UTF-8, with or without BOM) or xlsx.

Every row is checked; each bad row is reported with its line number (the header is line 1) and the reasons in
Chinese. Nothing here writes to the database.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.utils import timezone

from requests_cms.models import ApplicantKind, ChallengeKind, ChallengeResult, Outcome

HEADER = ["number", "agency", "channel", "received", "applicant_name", "applicant_kind", "description", "outcome",
          "replied", "delivered", "challenge", "challenge_result", "challenge_received"]
CHANNELS = ["in_person", "post", "online", "fax", "email"]
# (column, allowed codes, Chinese name, may be empty), the codes listed once (enum .values builds a new list each time)
VOCABULARIES = [
    ("channel", CHANNELS, "申请渠道", False),
    ("applicant_kind", ApplicantKind.values, "申请人类型", False),
    ("outcome", Outcome.values, "办理结果（答复类型）代码", True),
    ("challenge", ChallengeKind.values, "复议诉讼类型", True),
    ("challenge_result", ChallengeResult.values, "复议诉讼结果", True),
]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NOT_RECORDED = "（台账未记载）"
_NAMES = {"received": "收到日期", "replied": "办结（答复）日期", "delivered": "送达日期",
          "challenge_received": "复议诉讼收到日期"}


class LedgerError(ValueError):
    """The file as a whole cannot be read (missing, wrong format, wrong header)."""


@dataclass
class LedgerRow:
    line: int
    number: str
    agency: object
    channel: str
    received: date
    applicant_name: str
    applicant_kind: str
    description: str
    outcome: str
    replied: date | None
    delivered: date | None
    challenge: str
    challenge_result: str
    challenge_received: date | None
    deadline: object = None  # the engine's reply Deadline (clock start, due date, provisional)
    answer_due: date | None = None  # the agency's answer deadline for the challenge


def read_ledger(path):
    """Yield (line number, {column: text}) for every non-empty data row."""
    path = Path(path)
    if not path.is_file():
        raise LedgerError(f"找不到文件：{path}")
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        rows = _xlsx_rows(path)
    else:
        rows = _csv_rows(path)
    header = None
    for line, values in rows:
        if header is None:
            header = _check_header(values)
            continue
        if any(v.strip() for v in values):
            values = values + [""] * (len(header) - len(values))
            yield line, {name: values[i].strip() for i, name in enumerate(header) if name in HEADER}
    if header is None:
        raise LedgerError("文件为空，缺少表头")


def _check_header(values):
    names = [v.strip().lstrip("\ufeff") for v in values]
    while names and not names[-1]:
        names.pop()
    if sorted(names) != sorted(HEADER):
        raise LedgerError(f"表头不符，应为：{','.join(HEADER)}")
    return names


def _csv_rows(path):
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LedgerError("文件不是 UTF-8 编码的 CSV（请另存为“CSV UTF-8”）") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    for values in reader:
        yield start, values
        start = reader.line_num + 1


def _xlsx_rows(path):
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise LedgerError(f"无法读取 xlsx 文件：{exc}") from None
    try:
        for line, values in enumerate(wb.worksheets[0].iter_rows(values_only=True), start=1):
            yield line, [_cell_text(v) for v in values]
    finally:
        wb.close()


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class Validator:
    """Checks rows one by one; remembers numbers already seen to catch duplicates inside the file."""

    def __init__(self, agencies, deadlines):
        self.agencies = agencies  # full name -> Agency
        self.deadlines = deadlines  # callable(row) -> (reply Deadline or None, challenge answer due)
        self.seen = {}  # (agency id, number) -> line
        self.today = timezone.localdate()

    def check(self, line, raw):
        """(LedgerRow, None) or (None, reasons)."""
        errors = []
        agency = self.agencies.get(raw["agency"])
        if not raw["agency"]:
            errors.append("机关全称为空")
        elif agency is None:
            errors.append(f"机关全称不存在：{raw['agency']}")
        number = raw["number"]
        if not number:
            errors.append("申请编号为空")
        elif len(number) > 40:
            errors.append("申请编号超过40个字符")
        elif agency is not None:
            first = self.seen.setdefault((agency.pk, number), line)
            if first != line:
                errors.append(f"申请编号与第{first}行重复：{number}")
        dates = {key: self._date(raw[key], key, errors) for key in _NAMES}
        self._vocabularies(raw, errors)
        self._text(raw, errors)
        self._logic(raw, dates, errors)
        if errors:
            return None, errors
        row = LedgerRow(
            line=line, number=number, agency=agency, channel=raw["channel"], received=dates["received"],
            applicant_name=raw["applicant_name"] or NOT_RECORDED, applicant_kind=raw["applicant_kind"],
            description=raw["description"] or NOT_RECORDED, outcome=raw["outcome"], replied=dates["replied"],
            delivered=dates["delivered"], challenge=raw["challenge"],
            challenge_result=raw["challenge_result"] or ("pending" if raw["challenge"] else ""),
            challenge_received=dates["challenge_received"] or (dates["replied"] if raw["challenge"] else None),
        )
        row.deadline, row.answer_due = self.deadlines(row)
        return row, None

    def _date(self, text, key, errors):
        if not text:
            if key == "received":
                errors.append("收到日期为空")
            return None
        try:
            if not _DATE.fullmatch(text):
                raise ValueError
            value = date.fromisoformat(text)
        except ValueError:
            errors.append(f"{_NAMES[key]}格式应为 YYYY-MM-DD：{text}")
            return None
        if value > self.today:
            errors.append(f"{_NAMES[key]}不能晚于今天：{text}")
        return value

    @staticmethod
    def _vocabularies(raw, errors):
        for key, allowed, name, may_be_empty in VOCABULARIES:
            value = raw[key]
            if not value and may_be_empty:
                continue
            if value not in allowed:
                errors.append(f"{name}无效：{value or '（空）'}，应为 {'、'.join(allowed)} 之一")

    @staticmethod
    def _text(raw, errors):
        if len(raw["applicant_name"]) > 100:
            errors.append("申请人姓名/名称超过100个字符")

    @staticmethod
    def _logic(raw, dates, errors):
        received, replied, delivered = dates["received"], dates["replied"], dates["delivered"]
        if bool(raw["outcome"]) != bool(raw["replied"]):
            errors.append("办理结果与办结日期须同时填写（已办结）或同时为空（办理中）")
        if received and replied and replied < received:
            errors.append("办结日期早于收到日期")
        if raw["delivered"] and not raw["replied"]:
            errors.append("填写了送达日期但没有办结日期")
        if delivered and replied and delivered < replied:
            errors.append("送达日期早于办结日期")
        if not raw["challenge"]:
            if raw["challenge_result"] or raw["challenge_received"]:
                errors.append("填写了复议诉讼结果或收到日期，但复议诉讼类型为空")
        elif not raw["challenge_received"] and not raw["replied"]:
            errors.append("复议诉讼收到日期为空且没有办结日期可代替")
        challenged = dates["challenge_received"]
        if challenged and received and challenged < received:
            errors.append("复议诉讼收到日期早于申请收到日期")
