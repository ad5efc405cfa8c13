"""Statutory holidays for years without a State Council notice.

The ``holidays`` package knows the statutory days of 全国年节及纪念日放假办法 (13 days from 2025, with New Year's Eve
and 2 May) and the days given in lieu when one falls on a weekend (补假). It also knows some past notices' swapped
days off ("Day off (substituted from …)"); those belong to a notice's make-up arrangement, which we do not have for
such a year, so they are left out: a year without a notice gets statutory days off and no make-up workdays.
"""

from datetime import date
from functools import lru_cache

_SUBSTITUTED_PREFIX = "Day off"
_LIEU_SUFFIX = "（补假）"
_ALIASES = {"农历除夕": "春节"}


@lru_cache(maxsize=64)
def statutory_days_off(year: int) -> dict[date, str]:
    """Statutory days off of ``year`` with their Chinese holiday names."""
    import holidays  # imported lazily: only calendars reaching unannounced years need it

    english = holidays.China(years=year, language="en_US")
    chinese = holidays.China(years=year, language="zh_CN")
    return {
        day: _clean_name(chinese[day])
        for day, name in sorted(english.items())
        if not name.startswith(_SUBSTITUTED_PREFIX)
    }


def _clean_name(name: str) -> str:
    parts = []
    for raw in name.replace("；", ";").split(";"):
        part = raw.strip().removesuffix(_LIEU_SUFFIX)
        part = _ALIASES.get(part, part)
        if part and part not in parts:
            parts.append(part)
    return "、".join(parts)
