"""Breaking a long title into a trapezoid or a diamond (GB/T 9704 §7.3.3), never splitting words.

Chinese has no spaces, so "words" are approximated by the places where official titles conventionally
break: after 关于 and 的, around 、 and 和/与/及, before 政府信息公开 and the closing noun of the title
(告知书, 答复书…). Only when no split at such places fits does a title break elsewhere (still obeying the
punctuation rules). An explicit newline in the title always wins.
"""

from itertools import accumulate, combinations

from .text import binds_to_previous

BREAK_AFTER = ("关于", "的", "、", "，", "和", "与", "及", "对", "就", "方案", "申请", "事项")
BREAK_BEFORE = (
    "的", "政府信息公开", "告知书", "答复书", "通知书", "决定书", "意见书", "征求意见", "回执", "送达回证", "（",
)
MAX_LINES = 4
MAX_COMBINATIONS = 50_000


def candidate_breaks(text):
    """(preferred, allowed): positions i where a line may end before text[i]."""
    allowed = [i for i in range(1, len(text)) if not binds_to_previous(text[i - 1], text[i])]
    preferred = [i for i in allowed if text[:i].endswith(BREAK_AFTER) or text[i:].startswith(BREAK_BEFORE)]
    return preferred, allowed


def title_lines(text, width_of, max_width):
    """Split a title into lines no wider than max_width; width_of(str) measures a string."""
    if "\n" in text:
        return [part.strip() for part in text.split("\n") if part.strip()]
    if width_of(text) <= max_width:
        return [text]
    prefix = [0.0, *accumulate(width_of(char) for char in text)]
    minimum = int(prefix[-1] // max_width) + 1
    for positions in candidate_breaks(text):
        for count in range(minimum, MAX_LINES + 1):
            cut = _best_cut(positions, count - 1, prefix, max_width)
            if cut is not None:
                return _parts(text, cut)
    return _greedy(text, prefix, max_width)


def _best_cut(positions, breaks, prefix, max_width):
    best = None
    for number, cut in enumerate(combinations(positions, breaks)):
        if number > MAX_COMBINATIONS:
            break
        bounds = (0, *cut, len(prefix) - 1)
        widths = [prefix[b] - prefix[a] for a, b in zip(bounds, bounds[1:], strict=False)]
        if max(widths) > max_width:
            continue
        score = (_shape_penalty(widths), max(widths) - min(widths), widths[0] > widths[-1])
        if best is None or score < best[0]:
            best = (score, cut)
    return best and best[1]


def _shape_penalty(widths):
    """0 for a trapezoid (line lengths rising or falling) or a diamond (rising then falling); 1 otherwise."""
    steps = [lower - upper for upper, lower in zip(widths, widths[1:], strict=False)]
    peak = widths.index(max(widths))
    rising_then_falling = all(step >= -0.5 for step in steps[:peak]) and all(step <= 0.5 for step in steps[peak:])
    falling = all(step <= 0.5 for step in steps)
    return 0 if rising_then_falling or falling else 1


def _parts(text, cut):
    bounds = (0, *cut, len(text))
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _greedy(text, prefix, max_width):
    lines, start = [], 0
    while start < len(text):
        end = start + 1
        while end < len(text) and prefix[end + 1] - prefix[start] <= max_width:
            end += 1
        lines.append(text[start:end])
        start = end
    return lines
