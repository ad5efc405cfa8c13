"""remind: enqueue and send the daily digest of due and overdue requests (safe to run on several hosts)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from requests_cms import reminders


class Command(BaseCommand):
    help = "向每位承办人和负责人发送当日办理提醒（3个工作日内到期及已超期的申请）；可在多台服务器上同时运行。"

    def add_arguments(self, parser):
        parser.add_argument("--date", metavar="YYYY-MM-DD", help="提醒日期，默认今天")
        parser.add_argument("--host", help="本机标识（记录在发件箱中），默认主机名:进程号")
        parser.add_argument("--enqueue-only", action="store_true", help="只生成提醒，不发送")

    def handle(self, *args, **options):
        day = self._day(options.get("date"))
        total, created = reminders.enqueue(day)
        self.stdout.write(f"{day.isoformat()} 提醒共{total}封（本次新生成{created}封）")
        if options["enqueue_only"]:
            return
        sent = reminders.send_pending(host=options.get("host"))
        self.stdout.write(f"本机发送{sent}封")

    def _day(self, text):
        if not text:
            return timezone.localdate()
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"--date 的日期格式应为 YYYY-MM-DD：{text!r}") from None
