"""Every free text has a length limit, stated in the form (maxlength, a hint) and enforced with a Chinese message."""

import importlib
import pkgutil

import pytest
from django import forms

import requests_cms
from requests_cms import limits
from requests_cms.forms.documents import LetterTextForm
from requests_cms.forms.registration import RegisterForm


def all_form_classes():
    for info in pkgutil.walk_packages(requests_cms.__path__, "requests_cms."):
        if ".migrations" in info.name or ".management" in info.name:
            continue
        importlib.import_module(info.name)
    seen, stack = set(), [forms.BaseForm]
    while stack:
        for sub in stack.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    return [cls for cls in seen if cls.__module__.startswith("requests_cms.")]


def test_every_textarea_of_every_form_has_a_limit():
    unlimited = [f"{cls.__module__}.{cls.__name__}.{name}" for cls in all_form_classes()
                 for name, field in getattr(cls, "base_fields", {}).items()
                 if isinstance(field.widget, forms.Textarea) and not getattr(field, "max_length", None)]
    assert all_form_classes() and unlimited == []


def test_the_letter_text_is_limited_and_the_page_says_so():
    form = LetterTextForm({"text": "字" * (limits.LETTER_TEXT + 1)})
    assert not form.is_valid()
    assert form.errors["text"] == [f"不能超过20,000个字（现有{limits.LETTER_TEXT + 1}个字）"]
    html = str(form["text"])
    assert f'maxlength="{limits.LETTER_TEXT}"' in html
    assert "最多20,000个字" in str(form["text"].help_text)
    assert LetterTextForm({"text": "字" * limits.LETTER_TEXT}).is_valid()


@pytest.mark.parametrize("name", ["description", "purpose"])
def test_registration_texts_carry_their_limit_into_the_page(name):
    assert f'maxlength="{limits.TEXT}"' in str(RegisterForm()[name])
