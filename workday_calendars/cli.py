"""Shared parts of the management commands: input parsing with exit status 2, one-line errors, JSON output."""

import json
import re
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from .engine import Calendar, OutOfRange, Pause
from .registry import UnknownRegion, calendar_for_region

BAD_INPUT = 2
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def bad_input(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_INPUT)


def parse_date(text: str, option: str) -> date:
    if not _DATE.fullmatch(text or ""):
        raise bad_input(f"{option} 的日期格式应为 YYYY-MM-DD：{text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise bad_input(f"{option} 的日期不存在：{text}") from None


def parse_pause(text: str) -> Pause:
    parts = (text or "").split(":")
    if len(parts) != 2:
        raise bad_input(f"--pause 的格式应为 START:END（YYYY-MM-DD:YYYY-MM-DD）：{text!r}")
    start, end = (parse_date(part, "--pause") for part in parts)
    if end < start:
        raise bad_input(f"--pause 的结束日早于开始日：{text}")
    return Pause(start, end)


def parse_int(text: str, option: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except (TypeError, ValueError):
        raise bad_input(f"{option} 应为整数：{text!r}") from None
    if not low <= value <= high:
        raise bad_input(f"{option} 应在{low}至{high}之间：{value}")
    return value


def load_calendar(region: str) -> Calendar:
    try:
        return calendar_for_region(region)
    except UnknownRegion:
        raise bad_input(f"未知的地区代码：{region}") from None
    except DatabaseError as exc:
        raise CommandError(f"无法读取日历数据（是否已运行 migrate？）：{exc}".replace("\n", " ")) from None


def check_in_range(calendar: Calendar, *days: date) -> None:
    for day in days:
        try:
            calendar.index(day)
        except OutOfRange as exc:
            raise bad_input(str(exc)) from None


def dump_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


class ContractCommand(BaseCommand):
    """A command whose command-line contract promises one line on stderr and exit status 2 for bad input."""

    requires_system_checks = []

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if parser.called_from_command_line:
            parser.error = self._parser_error
        return parser

    def _parser_error(self, message):
        sys.stderr.write(f"CommandError: {message}\n")
        sys.exit(BAD_INPUT)
