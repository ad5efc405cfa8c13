"""Forms of assignment, internal consultation (会办), supervision (督办) and complaints (投诉)."""

from django import forms

from requests_cms.models import ComplaintChannel, ComplaintResult, DepartmentOpinion, SupervisionScope
from requests_cms.selectors import departments as read

from .fields import REQUIRED, VersionedForm, choice_field, date_field, line_field, text_field


class AssignForm(VersionedForm):
    handler = forms.TypedChoiceField(label="承办人", coerce=int, error_messages={
        "required": "请选择承办人", "invalid_choice": "只能分派给本机关在岗的承办人"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.handlers = {u.pk: u for u in read.handler_choices(self.request_obj.agency_id)}
        self.fields["handler"].choices = [("", "—— 请选择 ——")] + [
            (pk, u.display_name) for pk, u in self.handlers.items()]

    def clean(self):
        data = super().clean()
        data["handler_user"] = self.handlers.get(data.get("handler"))
        return data


class RoutingForm(VersionedForm):
    """转业务科室会办: the departments are offered from the request's agency; a forged pk of another agency's
    department is passed on to the service, which refuses it with its message."""

    departments = forms.TypedMultipleChoiceField(label="会办科室（可多选）", coerce=int,
                                                 widget=forms.CheckboxSelectMultiple,
                                                 error_messages={"required": "请选择至少一个业务科室",
                                                                 "invalid_choice": "所选业务科室无效"})
    note = text_field("会办事项（需要科室提供的信息、意见）", rows=3)
    internal_due = date_field("内部办理期限（默认按答复期限前的工作日数计算，不得晚于答复期限）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].choices = [(d.pk, d.name) for d in read.departments_to_route(self.request_obj)]
        self.fields["departments"].valid_value = lambda value: True  # the service judges the department

    def clean(self):
        data = super().clean()
        data["department_objects"] = read.departments_by_pk(data.get("departments") or [])
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class RoutingAnswerForm(VersionedForm):
    opinion = choice_field("科室意见", DepartmentOpinion.choices)
    reasons = text_field("理由（部分提供、不掌握、不宜公开时必填）", required=False, rows=4)
    articles = text_field("依据的条款（部分提供、不宜公开时必填）", required=False, rows=2)
    files = MultipleFileField(label="提供的材料（PDF、JPEG、PNG，可多选；提供、部分提供时必传）", required=False)


class RoutingReturnForm(VersionedForm):
    reason = text_field("退回理由（例如：不属于本科室职责）", rows=3)
    suggested_department = forms.TypedChoiceField(label="建议转办科室（选填）", coerce=int, required=False,
                                                  empty_value=None, error_messages={"invalid_choice": "所选科室无效"})

    def __init__(self, *args, routing=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(d.pk, d.name) for d in read.departments_to_route(self.request_obj)
                   if routing is None or d.pk != routing.department_id]
        self.fields["suggested_department"].choices = [("", "—— 不建议 ——")] + choices
        self.fields["suggested_department"].valid_value = lambda value: True

    def clean(self):
        data = super().clean()
        found = read.departments_by_pk([data.get("suggested_department")])
        data["suggested"] = found[0] if found else None
        return data


class SupervisionForm(forms.Form):
    """督办单: on one request (its number) or on an agency's overdue / near-due requests."""

    required_css_class = "required"
    agency = forms.TypedChoiceField(label="被督办机关", coerce=int, error_messages={
        "required": "请选择被督办机关", "invalid_choice": "请选择被督办机关"})
    scope = choice_field("督办范围", SupervisionScope.choices)
    number = line_field("申请编号（督办单件申请时填写）", required=False, max_length=40)
    reason = text_field("督办事由", rows=3)
    response_due = date_field("反馈期限")

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "—— 请选择 ——")] + [(a.pk, a.name) for a in agencies]

    def clean(self):
        data = super().clean()
        if data.get("scope") == SupervisionScope.REQUEST and not (data.get("number") or "").strip():
            self.add_error("number", "督办单件申请的，请填写申请编号")
        return data


class SupervisionAnswerForm(forms.Form):
    required_css_class = "required"
    answer = text_field("办理情况（已采取的措施、答复日期等）", rows=4)


class NotificationPreferencesForm(forms.Form):
    """Each user's channels and quiet hours (no SMS in them nor on non-workdays)."""

    required_css_class = "required"
    notify_email = forms.BooleanField(label="邮件通知", required=False)
    notify_sms = forms.BooleanField(label="短信通知", required=False)
    mobile = forms.RegexField(label="手机号码", regex=r"^1\d{10}$", required=False,
                              error_messages={"invalid": "请输入11位手机号码"})
    quiet_start = forms.TimeField(label="免打扰开始（短信）", widget=forms.TimeInput(attrs={"type": "time"}),
                                  error_messages={"required": REQUIRED, "invalid": "请输入有效时间"})
    quiet_end = forms.TimeField(label="免打扰结束（短信）", widget=forms.TimeInput(attrs={"type": "time"}),
                                error_messages={"required": REQUIRED, "invalid": "请输入有效时间"})

    def clean(self):
        data = super().clean()
        if data.get("notify_sms") and not data.get("mobile"):
            self.add_error("mobile", "选择短信通知须填写手机号码")
        return data


class ComplaintForm(VersionedForm):
    complainant = line_field("投诉人")
    channel = choice_field("受理渠道", ComplaintChannel.choices)
    received_on = date_field("收到投诉日期")
    subject = text_field("投诉事项", rows=3)

    def clean(self):
        self.not_future("received_on")
        return super().clean()


class ComplaintResultForm(VersionedForm):
    result = choice_field("处理结果", [c for c in ComplaintResult.choices if c[0] != ComplaintResult.PENDING])
    result_note = text_field("处理情况", rows=3)
    concluded_on = date_field("办结日期")

    def clean(self):
        self.not_future("concluded_on")
        return super().clean()


__all__ = ["REQUIRED", "AssignForm", "ComplaintForm", "ComplaintResultForm", "NotificationPreferencesForm",
           "RoutingAnswerForm", "RoutingForm", "RoutingReturnForm", "SupervisionAnswerForm", "SupervisionForm"]
