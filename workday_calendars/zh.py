"""Chinese formatting of dates for user-facing text."""

from datetime import date

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def zh_date(day: date) -> str:
    """2025年9月25日"""
    return f"{day.year}年{day.month}月{day.day}日"


def zh_day(day: date) -> str:
    """2025年9月25日（星期四）"""
    return f"{zh_date(day)}（{WEEKDAYS[day.weekday()]}）"


def zh_span(first: date, last: date) -> str:
    """2025年10月1日至10月8日; a single day is written once."""
    if first == last:
        return zh_date(first)
    if first.year == last.year:
        return f"{zh_date(first)}至{last.month}月{last.day}日"
    return f"{zh_date(first)}至{zh_date(last)}"
