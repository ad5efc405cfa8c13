"""Uploading a scanned document to a request, and editing a letter's text."""

from django import forms

from requests_cms import limits
from requests_cms.models import AttachmentKind

from .fields import ChineseForm, choice_field, line_field, text_field


class UploadForm(ChineseForm):
    kind = choice_field("材料类型", AttachmentKind.choices)
    file = forms.FileField(label="文件（PDF、JPEG、PNG）", error_messages={"required": "请选择要上传的文件",
                                                                     "empty": "文件为空"},
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
    description = line_field("说明（选填）", required=False, max_length=200)


class LetterTextForm(ChineseForm):
    text = text_field("正文", rows=18, strip=False, max_length=limits.LETTER_TEXT)
