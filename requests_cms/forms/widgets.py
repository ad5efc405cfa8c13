"""Form widgets."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class PlainSelect(forms.Select):
    """A flat <select> written out in Python. Django renders every <option> through a template, and the list's
    filter form (agencies, states, outcomes, handlers: ~100 options) cost more than the 50 rows below it
    (bench/pages.py). Grouped choices fall back to Django's rendering."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = [choice for choice in self.choices]  # not list(): it asks a ModelChoiceIterator for a COUNT first
        if any(isinstance(label, (list, tuple)) for _, label in choices):
            return super().render(name, value, attrs, renderer)
        selected = set(self.format_value(value))
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((str(v), " selected" if str(v) in selected else "", label) for v, label in choices))
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)
