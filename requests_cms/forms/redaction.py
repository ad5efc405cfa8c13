"""The redaction page's forms: a box (drawn with the mouse or the keyboard, or accepted from a proposal), the search
for proposals, and the reason for a new version of a frozen document."""

from django import forms

from letters.outcomes import REDACTION_REASONS

from .fields import REQUIRED, ChineseForm, VersionedForm, choice_field, line_field

REASON_CHOICES = [(r.code, f"{r.label}（{r.article.rsplit('》', 1)[1]}）") for r in REDACTION_REASONS]


def fraction_field(label):
    message = f"{label}应为0至1之间的小数（占页面的比例），请在页面上框选"
    return forms.FloatField(label=label, min_value=0, max_value=1, widget=forms.NumberInput(attrs={"step": "0.0001"}),
                            error_messages={"required": "请先在页面上框选遮盖区域", "invalid": message,
                                            "min_value": message, "max_value": message})


class BoxForm(VersionedForm):
    page = forms.IntegerField(label="页码", min_value=1, error_messages={"required": REQUIRED,
                                                                       "invalid": "页码应为整数",
                                                                       "min_value": "页码应从1开始"})
    left = fraction_field("左边距")
    top = fraction_field("上边距")
    width = fraction_field("宽度")
    height = fraction_field("高度")
    reason = choice_field("遮盖理由", REASON_CHOICES)
    every_page = forms.BooleanField(label="应用到每一页（如页眉、页脚中的同一位置）", required=False)
    origin = forms.ChoiceField(choices=[("hand", "hand"), ("proposal", "proposal")], required=False,
                               widget=forms.HiddenInput)


class ProposalForm(ChineseForm):
    terms = line_field("要查找的姓名或词语（选填，多个用空格或顿号分隔）", required=False, max_length=200)

    def term_list(self):
        text = (self.cleaned_data.get("terms") or "").replace("、", " ").replace("，", " ").replace(",", " ")
        return [t for t in text.split() if t]


class RemoveBoxForm(VersionedForm):
    box = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": "请选择要删除的遮盖区域"})


class StepForm(VersionedForm):
    """Release: nothing to fill in but the version seen."""


class NewVersionForm(VersionedForm):
    reason = line_field("修改原因", max_length=200)
