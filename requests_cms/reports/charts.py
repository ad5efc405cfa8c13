"""Server-side SVG charts (inline in the page: no outside host, no script)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

ROW = 24
LABEL_WIDTH = 220
BAR_WIDTH = 360
COLOURS = ["#9b1c1c", "#1d4ed8", "#2f855a", "#b7791f", "#6b46c1", "#2c7a7b"]


def bar_chart(items, *, title, unit="件"):
    """A horizontal bar chart of (label, number) pairs; numbers may be None (shown as —)."""
    items = list(items)
    top = max([v for _label, v in items if v] or [1])
    height = ROW * len(items) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 90
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for i, (label, value) in enumerate(items):
        y = 5 + i * ROW
        length = 0 if not value else max(1, round(BAR_WIDTH * value / top))
        colour = COLOURS[i % len(COLOURS)]
        text = "—" if value is None else f"{value:g}{unit}" if isinstance(value, int | float) else escape(value)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 16}" text-anchor="end" font-size="12">{escape(_short(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length}" height="{ROW - 8}" fill="{colour}"></rect>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 16}" font-size="12">{text}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every label and value above is escaped


def _short(label, limit=18):
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"
