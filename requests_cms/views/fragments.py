"""The row tables of the dashboard and the list are Jinja2 fragments (jinja2/requests_cms/) inside Django pages:
they render several times faster than Django templates, which cost more than the database on a page of 50 rows
(bench/pages.py). The rows arrive with their display values computed (selectors/rows.py)."""

from django.template.loader import get_template
from django.utils.safestring import mark_safe


def render_rows(name, **context):
    """A Jinja2 row fragment as safe HTML for a Django template (the fragment escapes what it prints)."""
    return mark_safe(get_template(f"requests_cms/{name}.html", using="jinja2").render(context))  # noqa: S308
