"""Row tables: per-row display values computed once in Python (links, workdays-left label), and the Jinja2
fragments (jinja2/requests_cms/) that render them."""

from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

_PK = 987654321


def _url_pattern(name):
    try:
        return reverse(name, kwargs={"pk": _PK})
    except NoReverseMatch:  # the case page belongs to another module; link the number only when it exists
        return ""


def left_label(left):
    """(css class, Chinese text) for a number of workdays left; None means not computable."""
    if left is None:
        return "muted", "—"
    if left < 0:
        return "overdue", f"超期{-left}个工作日"
    if left == 0:
        return "overdue", "今天到期"
    return ("due-soon" if left <= 3 else "ok"), f"剩{left}个工作日"


def decorate(rows, *, request_of=None, left_attr="workdays_left"):
    """Attach detail_url, explain_url, left_class and left_text to each row (rows of requests, or of step records
    whose request is `request_of(row)`)."""
    detail, explain = _url_pattern("request_detail"), _url_pattern("deadline_explain")
    for row in rows:
        req = request_of(row) if request_of else row
        pk = str(req.pk)
        req.detail_url = detail.replace(str(_PK), pk) if detail else ""
        req.explain_url = explain.replace(str(_PK), pk)
        row.left_class, row.left_text = left_label(getattr(row, left_attr, None))
    return rows


def render_rows(name, **context):
    """A Jinja2 row fragment as safe HTML for a Django template (the fragment escapes what it prints)."""
    return mark_safe(get_template(f"requests_cms/{name}.html", using="jinja2").render(context))  # noqa: S308
