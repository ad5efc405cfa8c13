from django.core.management.base import BaseCommand, CommandError

from requests_cms.models import InformationRequest, RequestEvent
from requests_cms.services.audit import chain_breaks


class Command(BaseCommand):
    help = "Check the hash chain of every request's events; exit 1 and list each break."

    def add_arguments(self, parser):
        parser.add_argument("--request", help="only this request number")

    def handle(self, *args, **options):
        requests = InformationRequest.objects.order_by("pk")
        if options["request"]:
            requests = requests.filter(number=options["request"])
            if not requests.exists():
                raise CommandError(f"未找到申请 {options['request']}", returncode=2)
        checked, breaks = 0, []
        for req_id, number, version in requests.values_list("pk", "number", "version").iterator():
            events = list(RequestEvent.objects.filter(request_id=req_id).order_by("seq"))
            for event, problem in chain_breaks(events):
                breaks.append(f"{number} 第{event.seq}条（{event.action}）：{problem}")
            # Every action bumps the request's version and appends one event: a missing tail shows here.
            if (events[-1].seq if events else 0) != version:
                breaks.append(f"{number}：记录条数（{len(events)}）与申请版本号（{version}）不符，记录可能被删除")
            checked += 1
        for line in breaks:
            self.stdout.write(line)
        if breaks:
            raise CommandError(f"审计链校验失败：{len(breaks)} 处断裂（共检查 {checked} 件申请）", returncode=1)
        self.stdout.write(f"审计链完好：共检查 {checked} 件申请。")
