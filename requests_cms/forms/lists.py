"""The list's filters (django-filter) and the deadline calculator's form. Forms only validate."""

import re
from datetime import date

import django_filters as filters
from django import forms
from django.db.models import Q

from requests_cms import limits
from requests_cms.access import sees_all_agencies
from requests_cms.models import Agency, Channel, InformationRequest, Outcome, User
from requests_cms.reports import drill
from requests_cms.selectors import deadlines as rules
from requests_cms.selectors.search import search
from requests_cms.services.deadlines import DUE_SOON_WORKDAYS, MAX_EXTENSION_WORKDAYS, Calendars, Pause
from requests_cms.workflow import OPEN, WAITING_ON_APPLICANT, State

from .fields import DATE_WIDGET as DATE
from .widgets import PlainSelect

CHECK = forms.CheckboxInput


def _handlers_offered(staff, data):
    """The oversight office's handler choices: the chosen agency's staff, and the handler a link asks for. A city
    has hundreds of staff and a province thousands: one select of all of them helps nobody and cost the list page
    more than its rows (bench/pages.py)."""
    agency, handler = (str((data or {}).get(name) or "") for name in ("agency", "handler"))
    wanted = Q(pk__in=[])
    if agency.isdigit():
        wanted |= Q(agency_id=int(agency))
    if handler.isdigit():
        wanted |= Q(pk=int(handler))
    return staff.filter(wanted)


class RequestFilter(filters.FilterSet):
    q = filters.CharFilter(label="搜索", method="search",
                           widget=forms.TextInput(attrs={"placeholder": "申请编号、申请人或描述中的词语",
                                                         "type": "search"}))
    agency = filters.ModelChoiceFilter(label="机关", queryset=Agency.objects.order_by("id"), empty_label="全部机关",
                                       widget=PlainSelect)
    state = filters.ChoiceFilter(label="状态", choices=State.choices, empty_label="全部状态", widget=PlainSelect)
    handler = filters.ModelChoiceFilter(label="承办人", queryset=User.objects.none(), empty_label="全部承办人",
                                        widget=PlainSelect)
    channel = filters.ChoiceFilter(label="渠道", choices=Channel.choices, empty_label="全部渠道", widget=PlainSelect)
    outcome = filters.ChoiceFilter(label="答复类型", choices=Outcome.choices, empty_label="全部答复类型",
                                   widget=PlainSelect)
    received_from = filters.DateFilter(label="收到日期自", field_name="received_on", lookup_expr="gte", widget=DATE)
    received_to = filters.DateFilter(label="收到日期至", field_name="received_on", lookup_expr="lte", widget=DATE)
    replied_from = filters.DateFilter(label="答复日期自", field_name="replied_on", lookup_expr="gte", widget=DATE)
    replied_to = filters.DateFilter(label="答复日期至", field_name="replied_on", lookup_expr="lte", widget=DATE)
    overdue = filters.BooleanFilter(label="仅看超期", method="only_overdue", widget=CHECK)
    open = filters.BooleanFilter(label="仅看未办结", method="only_open", widget=CHECK)
    due_soon = filters.BooleanFilter(label=f"{DUE_SOON_WORKDAYS}个工作日内到期", method="only_due_soon", widget=CHECK)
    waiting = filters.BooleanFilter(label="等待申请人", method="only_waiting", widget=CHECK)
    # A figure of the annual report (reports/drill.py): the requests it counts. Set by the report's links.
    report = filters.CharFilter(label="年度报告", method="in_report_figure", widget=forms.HiddenInput)
    stat = filters.CharFilter(label="考核统计", method="in_statistics_figure", widget=forms.HiddenInput)

    class Meta:
        model = InformationRequest
        fields = []

    def __init__(self, data=None, *args, user=None, calendars=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.user = user
        self.calendars = calendars or Calendars()
        staff = User.objects.filter(is_active=True, agency__isnull=False).order_by("agency_id", "username")
        if sees_all_agencies(user):
            self.filters["handler"].queryset = _handlers_offered(staff.select_related("agency"), data)
            self.filters["handler"].extra["empty_label"] = "全部承办人" if (data or {}).get("agency") else \
                "全部承办人（先选择机关）"
        else:
            del self.filters["agency"]
            self.filters["handler"].queryset = staff.filter(agency_id=user.agency_id)

    def search(self, qs, name, value):
        return search(qs, value)

    def only_overdue(self, qs, name, value):
        return qs.filter(rules.overdue_q(self.calendars.today)) if value else qs

    def only_open(self, qs, name, value):
        return qs.filter(state__in=OPEN) if value else qs

    def only_due_soon(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(rules.due_soon_q(self.calendars, rules.agency_regions()))

    def only_waiting(self, qs, name, value):
        return qs.filter(state__in=WAITING_ON_APPLICANT) if value else qs

    def in_report_figure(self, qs, name, value):
        return _figure(qs, drill.cell_filter, value)

    def in_statistics_figure(self, qs, name, value):
        return _figure(qs, drill.stat_filter, value)

    def conditions(self):
        """The filters in use, as Chinese "label: value" text (printed above the list)."""
        form = self.form
        if not form.is_valid():
            return []
        parts = []
        for name, value in form.cleaned_data.items():
            if value in (None, "", False):
                continue
            field = form.fields[name]
            if name in FIGURES:
                parts.append(_figure_condition(FIGURES[name], value))
                continue
            shown = dict(getattr(field, "choices", [])).get(value, value) if hasattr(field, "choices") else value
            parts.append(field.label if value is True else f"{field.label}：{shown}")
        return parts


FIGURES = {"report": drill.describe, "stat": drill.describe_stat}  # filter -> how the list names its figure


def _figure(qs, condition, value):
    try:
        return qs.filter(condition(value))
    except drill.CellError:
        return qs.none()  # a mistyped figure lists nothing rather than everything


def _figure_condition(describe, value):
    try:
        return describe(value)
    except drill.CellError as exc:
        return str(exc)


_PAUSE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*(?::|：|至|~|\s)\s*(\d{4}-\d{2}-\d{2})\s*$")


class DeadlineCalculatorForm(forms.Form):
    received = forms.DateField(label="收到申请日期", widget=DATE)
    correction_received = forms.DateField(label="收到补正后申请日期（可选，期限重新起算）", required=False, widget=DATE)
    pauses = forms.CharField(
        label="暂停期间（可选，每行一段：开始日:结束日）", required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "2025-10-09:2025-10-30"}),
        help_text="开始日之后至结束日（含）的工作日不计入答复期限，例如征求意见、缴费期间。",
        max_length=limits.LIST_INPUT, error_messages={"max_length": limits.too_long(limits.LIST_INPUT)},
    )
    extension = forms.IntegerField(label="经批准延长的工作日数", min_value=0, max_value=MAX_EXTENSION_WORKDAYS,
                                   initial=0, required=False)
    reply_received = forms.DateField(label="申请人收到答复日期（可选，计算复议、诉讼期限）", required=False,
                                     widget=DATE)
    region = forms.ChoiceField(label="工作日历地区", initial="national")

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = list(regions) or [("national", "全国")]

    def clean_pauses(self):
        pauses = []
        for number, line in enumerate(self.cleaned_data.get("pauses", "").splitlines(), start=1):
            if line.strip():
                pauses.append(_parse_pause_line(number, line))
        return tuple(pauses)

    def clean_extension(self):
        return self.cleaned_data.get("extension") or 0

    def clean(self):
        data = super().clean()
        received = data.get("received")
        for key, label in (("correction_received", "收到补正后申请日期"), ("reply_received", "申请人收到答复日期")):
            if received and data.get(key) and data[key] < received:
                self.add_error(key, f"{label}不能早于收到申请日期")
        return data


def _parse_pause_line(number, line):
    match = _PAUSE.match(line)
    if not match:
        raise forms.ValidationError(f"第{number}行格式不正确，应为“开始日:结束日”，例如 2025-10-09:2025-10-30")
    try:
        start, end = (date.fromisoformat(part) for part in match.groups())
    except ValueError:
        raise forms.ValidationError(f"第{number}行的日期不存在：{line.strip()}") from None
    if end < start:
        raise forms.ValidationError(f"第{number}行的结束日早于开始日")
    return Pause(start, end)
