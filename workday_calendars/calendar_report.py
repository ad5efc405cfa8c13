"""show_calendar's work: one calendar year of a region as JSON-ready data or a Chinese summary."""

from .cli import bad_input, load_calendar, parse_int
from .engine import FIRST_DAY, LAST_DAY, Calendar
from .zh import zh_day, zh_span


def year_data(year_text: str, region: str) -> dict:
    year = parse_int(year_text, "YEAR", FIRST_DAY.year, LAST_DAY.year)
    calendar = load_calendar(region)
    if not calendar.first_day.year <= year <= calendar.last_day.year:
        raise bad_input(f"YEAR 应在{calendar.first_day.year}至{calendar.last_day.year}之间：{year}")
    return _data(calendar, year)


def _data(calendar: Calendar, year: int) -> dict:
    provisional = not calendar.is_year_official(year)
    return {
        "year": year,
        "region": calendar.region,
        "days_off": [d.isoformat() for d in calendar.days_off_in_year(year)],
        "make_up_workdays": [d.isoformat() for d in calendar.make_up_workdays_in_year(year)],
        "holidays": [
            {"name": b.name, "first": b.first.isoformat(), "last": b.last.isoformat(), "official": b.official}
            for b in calendar.holidays_in_year(year)
        ],
        "source": _source(calendar, year, provisional),
        "provisional": provisional,
    }


def _source(calendar: Calendar, year: int, provisional: bool) -> str:
    sources = "；".join(calendar.sources.get(year, ()))
    if not provisional:
        return sources
    fallback = f"{year}年国务院节假日安排尚未公布，按法定节假日推算（未计调休），结果为暂定"
    return f"{fallback}；{sources}" if sources else fallback


def summary(data: dict) -> str:
    from datetime import date

    lines = [f"{data['year']}年工作日历（{data['region']}）", f"来源：{data['source']}"]
    if data["provisional"]:
        lines.append("注意：本年度日历为暂定")
    lines.append("节假日：")
    lines += [
        f"  {h['name']}：{zh_span(date.fromisoformat(h['first']), date.fromisoformat(h['last']))}"
        + ("" if h["official"] else "（按法定节假日推算）")
        for h in data["holidays"]
    ]
    lines.append("周一至周五放假：" + ("、".join(zh_day(date.fromisoformat(d)) for d in data["days_off"]) or "无"))
    make_ups = "、".join(zh_day(date.fromisoformat(d)) for d in data["make_up_workdays"])
    lines.append("周末调休上班：" + (make_ups or "无"))
    return "\n".join(lines)
