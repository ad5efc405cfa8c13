"""Field helpers with the project's Chinese messages, and the bases of every form."""

import datetime

from django import forms
from django.utils import timezone

from requests_cms import limits

REQUIRED = "此项为必填项"
BLANK = [("", "—— 请选择 ——")]
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MISSING_VERSION = "表单缺少所依据的申请版本，未予保存。请刷新页面后重新提交。"


class LimitedCharField(forms.CharField):
    """A CharField whose limit the browser shows with a counter (static/js/app.js) instead of `maxlength`, which cuts
    pasted text silently; the server refuses what is too long with a message saying the limit."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if "maxlength" in attrs:
            attrs["data-maxlength"] = attrs.pop("maxlength")
        return attrs


def date_field(label, required=True, help_text=""):
    return forms.DateField(label=label, required=required, help_text=help_text,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           error_messages={"required": REQUIRED, "invalid": "请输入有效日期（年-月-日）"})


def datetime_field(label, required=True):
    return forms.DateTimeField(label=label, required=required,
                               widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                               error_messages={"required": REQUIRED, "invalid": "请输入有效的日期时间"})


def text_field(label, required=True, rows=3, max_length=limits.TEXT, strip=True, help_text=""):
    """A textarea with a length limit (requests_cms.limits), stated under the field and in the message."""
    hint = " ".join(part for part in (help_text, limits.hint(max_length)) if part)
    return LimitedCharField(label=label, required=required, max_length=max_length, strip=strip, help_text=hint,
                            widget=forms.Textarea(attrs={"rows": rows}),
                            error_messages={"required": REQUIRED, "max_length": limits.too_long(max_length)})


def line_field(label, required=True, max_length=100, help_text=""):
    return LimitedCharField(label=label, required=required, max_length=max_length, help_text=help_text,
                            error_messages={"required": REQUIRED, "max_length": f"不能超过{max_length}个字"})


def choice_field(label, choices, required=True):
    return forms.ChoiceField(label=label, required=required, choices=BLANK + list(choices),
                             error_messages={"required": "请选择" + label, "invalid_choice": "选项无效"})


def workdays_field(label, low, high, initial, message=None):
    message = message or f"应为{low}至{high}个工作日"
    return forms.IntegerField(label=label, min_value=low, max_value=high, initial=initial,
                              error_messages={"required": REQUIRED, "min_value": message, "max_value": message,
                                              "invalid": "请输入整数"})


class ChineseForm(forms.Form):
    required_css_class = "required"

    def __init__(self, *args, request_obj=None, **kwargs):
        self.request_obj = request_obj
        super().__init__(*args, **kwargs)

    def missing(self, name, message):
        """Say that `name` is missing, unless it is not missing but wrong: a field already holding an error (too
        long, in the future, not a date) gets no second message contradicting what the user sees."""
        value = self.cleaned_data.get(name)
        if name not in self.errors and (value is None or not str(value).strip()):
            self.add_error(name, message)

    def mark_required(self, *names):
        """Fields required only in some cases (checked in clean()) still carry the required mark."""
        for name in names:
            self.fields[name].marked_required = True
            self.fields[name].widget.attrs["aria-required"] = "true"

    def not_future(self, name):
        """A past event cannot be dated in the future: the field's error, the typed value kept."""
        value = self.cleaned_data.get(name)
        if isinstance(value, datetime.datetime):
            if timezone.is_naive(value):
                value = timezone.make_aware(value)
            if value > timezone.now():
                self.add_error(name, "时间不能晚于现在")
        elif value and value > timezone.localdate():
            self.add_error(name, "日期不能晚于今天")


class VersionedForm(ChineseForm):
    """A form that changes a request: it carries the version the user saw (optimistic locking).

    The version is required. A form posted without it is refused with a clear message (a non-field error, since the
    field is hidden) instead of saving without the concurrency check.
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def clean(self):
        data = super().clean()
        if data.get("expected_version") is None:
            self.errors.pop("expected_version", None)
            self.add_error(None, MISSING_VERSION)
        return data


def optional_line(label, max_length=200, help_text=""):
    """An optional line (most lines of the delivery and challenge pages)."""
    return line_field(label, required=False, max_length=max_length, help_text=help_text)
