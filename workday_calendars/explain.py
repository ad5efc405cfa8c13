"""Chinese explanations of computed deadlines: how each date was reached, in words a clerk can check."""

from datetime import date

from .deadlines import DAYS, MONTHS, WORKDAYS, Deadline
from .zh import zh_date, zh_day, zh_span

TITLES = {
    "reply": "答复期限",
    "correction_notice": "补正告知期限",
    "consultation": "第三方（有关机关）答复期限",
    "fee_payment": "缴费期限",
    "reconsideration": "申请行政复议期限",
    "lawsuit": "提起行政诉讼期限",
    "lawsuit_after_reconsideration": "复议后提起行政诉讼期限",
}
EVENTS = {
    "reply": "收到申请之日",
    "correction_notice": "收到申请之日",
    "consultation": "收到征求意见函之日",
    "fee_payment": "收到收费通知之日",
    "reconsideration": "收到答复之日",
    "lawsuit": "收到答复之日",
    "lawsuit_after_reconsideration": "收到复议决定之日",
}


def explain(deadline: Deadline) -> list[str]:
    if deadline.unit == WORKDAYS:
        lines = _workday_lines(deadline)
    else:
        lines = _calendar_period_lines(deadline)
    lines.extend(f"{reason}。" for reason in deadline.provisional_reasons)
    suffix = "（暂定）" if deadline.provisional else ""
    lines.append(f"{TITLES[deadline.kind]}届满日为{zh_day(deadline.due)}{suffix}。")
    return lines


def _day_kind(deadline: Deadline, day: date) -> str:
    """'' for a workday, else what kind of day off it is."""
    calendar = deadline.calendar
    if calendar.is_workday(day):
        return "调休上班日" if day.weekday() >= 5 else ""
    name = calendar.name_of(day)
    return f"{name}假期" if name else "休息日"


# --- workday periods ------------------------------------------------------------------------------------------------
def _workday_lines(deadline: Deadline) -> list[str]:
    lines = [_clock_start_line(deadline), _period_line(deadline)]
    lines.extend(_pause_lines(deadline))
    lines.extend(_block_lines(deadline))
    make_ups = deadline.calendar.make_up_workdays_between(deadline.clock_start, deadline.due)
    if make_ups:
        lines.append(f"{'、'.join(zh_day(d) for d in make_ups)}为调休上班日，计为工作日。")
    return lines


def _described_day(deadline: Deadline, day: date) -> str:
    """2025年10月4日（星期六，国庆节、中秋节假期）; a plain workday is just zh_day."""
    kind = _day_kind(deadline, day)
    return f"{zh_day(day)[:-1]}，{kind}）" if kind else zh_day(day)


def _clock_start_line(deadline: Deadline) -> str:
    if deadline.clock_start != deadline.event:
        return (
            f"补正后的申请于{_described_day(deadline, deadline.clock_start)}收到，答复期限自该日重新计算："
            f"该日不计入，自次日起算（原申请收到之日为{zh_day(deadline.event)}）。"
        )
    return f"{EVENTS[deadline.kind]}{_described_day(deadline, deadline.event)}不计入，自次日起算。"


def _period_line(deadline: Deadline) -> str:
    total = deadline.period + deadline.extension + deadline.paused_workdays
    parts = [f"{TITLES[deadline.kind]}为{deadline.period}个工作日"]
    if deadline.extension:
        parts.append(f"经批准延长{deadline.extension}个工作日")
    if deadline.paused_workdays:
        parts.append(f"暂停期间扣除{deadline.paused_workdays}个工作日")
    if len(parts) == 1:
        return f"{parts[0]}，即起算后的第{total}个工作日。"
    return f"{'，'.join(parts)}，即起算后的第{total}个工作日。"


def _pause_lines(deadline: Deadline) -> list[str]:
    lines = []
    for pause in deadline.pauses:
        label = pause.label or "暂停计算"
        window = (f"{label}：{zh_date(pause.start)}至{zh_date(pause.end)}暂停计算"
                  f"（自{zh_date(pause.start)}次日起至{zh_date(pause.end)}止不计入期限）")
        if pause.workdays:
            lines.append(f"{window}，扣除其中{pause.workdays}个工作日。")
        else:
            lines.append(f"{window}，其中没有需要扣除的工作日（在起算日之前、期限届满之后，或均为休息日）。")
    if sum(p.workdays for p in deadline.pauses) != deadline.paused_workdays:
        lines.append(f"各暂停期间有重叠，重叠部分只扣除一次，合计扣除{deadline.paused_workdays}个工作日。")
    return lines


def _block_lines(deadline: Deadline) -> list[str]:
    lines = []
    for block in deadline.calendar.blocks_between(deadline.clock_start, deadline.due):
        basis = "" if block.official else "，按法定节假日推算"
        lines.append(f"跨越{block.name}假期（{zh_span(block.first, block.last)}，共{block.length}天{basis}），"
                     f"假期不计工作日，期限顺延。")
    return lines


# --- calendar-day and month periods ---------------------------------------------------------------------------------
def _calendar_period_lines(deadline: Deadline) -> list[str]:
    unit = "日" if deadline.unit == DAYS else "个月"
    lines = [f"{EVENTS[deadline.kind]}{zh_day(deadline.event)}不计入，自次日起算{deadline.period}{unit}。"]
    nominal = deadline.nominal_due
    if deadline.unit == MONTHS:
        lines.append(
            f"按月计算，到期月的对应日{zh_day(nominal)}为期间的最后一日（到期月没有对应日的，以该月末日为最后一日）。"
        )
    else:
        lines.append(f"第{deadline.period}日为{zh_day(nominal)}。")
    if deadline.due != nominal:
        lines.append(
            f"该日为{_day_kind(deadline, nominal)}；期间届满的最后一日是法定休假日的，"
            f"以休假日后的第一个工作日为期间届满日，顺延至{zh_day(deadline.due)}。"
        )
    return lines
