"""compute_deadline's work: parse the options, compute the deadlines, render JSON-ready data or a Chinese summary."""

from dataclasses import dataclass
from datetime import date

from . import deadlines
from .cli import bad_input, check_in_range, load_calendar, parse_date, parse_int, parse_pause
from .engine import OutOfRange, Pause
from .explain import TITLES
from .zh import zh_day


@dataclass(frozen=True)
class DeadlineQuery:
    received: date
    correction_received: date | None
    pauses: tuple[Pause, ...]
    extension: int
    reply_received: date | None
    region: str


def _optional_date(options: dict, key: str, option: str) -> date | None:
    value = options.get(key)
    return parse_date(value, option) if value is not None else None


def parse_options(options: dict) -> DeadlineQuery:
    """Validate the command's options; bad input raises CommandError with exit status 2."""
    query = DeadlineQuery(
        received=parse_date(options["received"], "--received"),
        correction_received=_optional_date(options, "correction_received", "--correction-received"),
        pauses=tuple(parse_pause(text) for text in options.get("pause") or ()),
        extension=parse_int(options.get("extension", "0"), "--extension", 0, deadlines.MAX_EXTENSION),
        reply_received=_optional_date(options, "reply_received", "--reply-received"),
        region=options.get("region") or "national",
    )
    if query.correction_received and query.correction_received < query.received:
        raise bad_input("--correction-received 不能早于 --received")
    if query.reply_received and query.reply_received < query.received:
        raise bad_input("--reply-received 不能早于 --received")
    return query


def compute(query: DeadlineQuery) -> dict:
    calendar = load_calendar(query.region)
    check_in_range(calendar, query.received, *(d for d in (query.correction_received, query.reply_received) if d))
    try:
        results = _deadlines(query, calendar)
    except (OutOfRange, ValueError) as exc:
        raise bad_input(str(exc)) from None
    return _as_data(query, results)


def _deadlines(query: DeadlineQuery, calendar) -> dict:
    results = {
        "reply_due": deadlines.reply_due(
            query.received, correction_received=query.correction_received, pauses=query.pauses,
            extension=query.extension, calendar=calendar,
        ),
        "correction_notice_due": deadlines.correction_notice_due(query.received, calendar=calendar),
    }
    if query.reply_received:
        results["reconsideration_due"] = deadlines.reconsideration_due(query.reply_received, calendar=calendar)
        results["lawsuit_due"] = deadlines.lawsuit_due(query.reply_received, calendar=calendar)
    return results


def _as_data(query: DeadlineQuery, results: dict) -> dict:
    reply = results["reply_due"]
    reasons = list(dict.fromkeys(r for result in results.values() for r in result.provisional_reasons))
    data = {
        "region": query.region,
        "received": query.received.isoformat(),
        "correction_received": query.correction_received.isoformat() if query.correction_received else None,
        "clock_start": reply.clock_start.isoformat(),
        "correction_notice_due": results["correction_notice_due"].due.isoformat(),
        "reply_due": reply.due.isoformat(),
        "paused_workdays": reply.paused_workdays,
        "pauses": reply.as_dict()["pauses"],
        "extension": reply.extension,
        "provisional": bool(reasons),
        "provisional_reasons": reasons,
        "explanation": _explanation(results),
    }
    if query.reply_received:
        data["reply_received"] = query.reply_received.isoformat()
        data["reconsideration_due"] = results["reconsideration_due"].due.isoformat()
        data["lawsuit_due"] = results["lawsuit_due"].due.isoformat()
    data["details"] = {key: result.as_dict() for key, result in results.items()}
    return data


def _explanation(results: dict) -> list[str]:
    lines = list(results["reply_due"].explanation)
    for key, result in results.items():
        if key != "reply_due":
            lines.extend(f"【{TITLES[result.kind]}】{line}" for line in result.explanation)
    return lines


def summary(data: dict) -> str:
    """A readable Chinese summary of ``compute``'s data."""
    day = lambda key: zh_day(date.fromisoformat(data[key]))  # noqa: E731
    lines = [
        f"地区：{data['region']}",
        f"收到申请：{day('received')}",
    ]
    if data["correction_received"]:
        lines.append(f"收到补正后申请：{day('correction_received')}（答复期限重新起算）")
    lines += [
        f"起算日：{day('clock_start')}（当日不计入）",
        f"补正告知期限：{day('correction_notice_due')}",
        f"答复期限：{day('reply_due')}",
        f"  20个工作日，延长{data['extension']}个工作日，暂停扣除{data['paused_workdays']}个工作日",
    ]
    if "reply_received" in data:
        lines += [
            f"收到答复：{day('reply_received')}",
            f"申请行政复议期限：{day('reconsideration_due')}",
            f"提起行政诉讼期限：{day('lawsuit_due')}",
        ]
    lines.append("结果：暂定" if data["provisional"] else "结果：依据已公布的放假安排计算")
    lines += [f"  {reason}" for reason in data["provisional_reasons"]]
    lines.append("计算说明：")
    lines += [f"  {i}. {line}" for i, line in enumerate(data["explanation"], start=1)]
    return "\n".join(lines)
