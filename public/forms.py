"""The online application form (政府信息公开申请表, national form): a natural person or an organisation."""

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.conf import settings

from requests_cms import identity, limits
from requests_cms.models import Agency, ApplicantKind, DeliveryMethod, IdentityDocument, RequestedForm
from requests_cms.uploads import UploadRejected, check_upload

PERSON_IDS = [c for c in IdentityDocument.choices if c[0] not in (IdentityDocument.CREDIT_CODE,)]
ORGANISATION_KINDS = [c for c in ApplicantKind.choices if c[0] != ApplicantKind.NATURAL_PERSON]
UPLOAD_MAX = getattr(settings, "PUBLIC_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
HONEYPOT = "website"


def _text(label, limit=limits.TEXT, required=True, **kw):
    return forms.CharField(label=label, max_length=limit, required=required, widget=forms.Textarea(
        attrs={"rows": 4, "maxlength": limit}), error_messages={"max_length": limits.too_long(limit),
                                                               "required": f"请填写{label}"}, **kw)


def _line(label, max_length, required=True, **kw):
    return forms.CharField(label=label, max_length=max_length, required=required,
                           error_messages={"required": f"请填写{label}",
                                           "max_length": limits.too_long(max_length)}, **kw)


class OnlineApplicationForm(forms.Form):
    agency = forms.ModelChoiceField(label="申请机关", queryset=Agency.objects.order_by("id"),
                                    error_messages={"required": "请选择申请机关", "invalid_choice": "所选机关不存在"})
    kind = forms.ChoiceField(label="申请人类型", choices=ApplicantKind.choices,
                             error_messages={"required": "请选择申请人类型", "invalid_choice": "申请人类型无效"})
    name = _line("姓名/名称", 100)
    id_type = forms.ChoiceField(label="证件类型", choices=IdentityDocument.choices,
                                error_messages={"required": "请选择证件类型", "invalid_choice": "证件类型无效"})
    id_number = _line("证件号码", 40)
    legal_representative = _line("法定代表人（法人或其他组织填写）", 50, required=False)
    contact_person = _line("联系人（法人或其他组织填写）", 50, required=False)
    phone = _line("手机号码", 20)
    email = forms.EmailField(label="电子邮箱", required=False, max_length=254,
                             error_messages={"invalid": "电子邮箱格式不正确"})
    address = _line("通信地址", 200, required=False)
    postcode = forms.RegexField(label="邮政编码", regex=r"^\d{6}$", required=False,
                                error_messages={"invalid": "邮政编码应为6位数字"})
    description = _text("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    purpose = _text("申请用途（选填）", required=False)
    requested_form = forms.ChoiceField(label="获取信息的方式", choices=RequestedForm.choices,
                                       initial=RequestedForm.ELECTRONIC)
    delivery_method = forms.ChoiceField(
        label="获取信息的途径", initial=DeliveryMethod.ELECTRONIC,
        choices=[(DeliveryMethod.ELECTRONIC, "电子送达（本网站下载，并以邮件/短信通知）"),
                 (DeliveryMethod.POST, "邮寄"), (DeliveryMethod.DIRECT, "当面领取")])
    id_proof = forms.FileField(label="身份证明（PDF、JPEG或PNG）", error_messages={"required": "请上传身份证明"})
    attachment = forms.FileField(label="其他附件（选填）", required=False)
    # The honeypot: hidden from people by CSS, filled by bots. A filled one is refused without saying why.
    website = forms.CharField(label="网址（请勿填写）", required=False, max_length=200)

    def clean_phone(self):
        value = "".join(c for c in self.cleaned_data["phone"] if c.isdigit())
        if error := identity.mobile_error(value):
            raise forms.ValidationError(error)
        return value

    def clean_id_number(self):
        return self.cleaned_data["id_number"].strip().upper()

    def _file(self, name):
        uploaded = self.cleaned_data.get(name)
        if not uploaded:
            return None
        try:
            content_type, digest, size = check_upload(uploaded, max_bytes=UPLOAD_MAX)
        except UploadRejected as exc:
            raise forms.ValidationError(str(exc)) from exc
        uploaded.checked = (content_type, digest, size)
        return uploaded

    def clean_id_proof(self):
        return self._file("id_proof")

    def clean_attachment(self):
        return self._file("attachment")

    def clean(self):
        data = super().clean()
        kind, id_type, number = data.get("kind"), data.get("id_type"), data.get("id_number")
        person = kind == ApplicantKind.NATURAL_PERSON
        if kind and id_type:
            if person and id_type == IdentityDocument.CREDIT_CODE:
                self.add_error("id_type", "自然人请选择身份证件（如居民身份证）")
            elif not person and id_type != IdentityDocument.CREDIT_CODE:
                self.add_error("id_type", "法人或其他组织请填写统一社会信用代码")
        if number and id_type == IdentityDocument.RESIDENT_ID and (err := identity.resident_id_error(number)):
            self.add_error("id_number", err)
        if number and id_type == IdentityDocument.CREDIT_CODE and (err := identity.credit_code_error(number)):
            self.add_error("id_number", err)
        if kind and not person and not (data.get("contact_person") or "").strip():
            self.add_error("contact_person", "法人或其他组织请填写联系人")
        if data.get("delivery_method") == DeliveryMethod.POST and not (data.get("address") or "").strip():
            self.add_error("address", "选择邮寄的，请填写通信地址")
        return data

    @property
    def is_bot(self):
        return bool((self.data.get(HONEYPOT) or "").strip())


class LookupForm(forms.Form):
    number = _line("申请编号", 40)
    secret = forms.CharField(label="查询码（或证件号码后6位）", max_length=40,
                             error_messages={"required": "请填写查询码或证件号码后6位",
                                             "max_length": limits.too_long(40)})


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label="未予登记原因", choices=[("spam", "垃圾信息"), ("duplicate", "重复提交")],
                               error_messages={"required": "请选择原因", "invalid_choice": "原因无效"})
    note = _text("说明")


class CaptchaWidget(CaptchaTextInput):
    # The package's template includes Django's widget templates, which this project renders with Jinja2 only.
    template_name = "public/captcha_widget.html"


def with_captcha(form_class):
    """The same form with the image captcha (asked for after repeated failures from the address)."""
    return type(f"{form_class.__name__}WithCaptcha", (form_class,), {
        "captcha": CaptchaField(label="验证码（请输入图中字符）", widget=CaptchaWidget, error_messages={
            "invalid": "验证码不正确，请重新输入", "required": "请输入验证码"})})
