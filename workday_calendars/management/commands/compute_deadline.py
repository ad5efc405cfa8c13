"""compute_deadline: the reply deadline and related periods of one request, as JSON or a Chinese summary."""

from ... import deadline_report as _compute
from ...cli import ContractCommand, dump_json


class Command(ContractCommand):
    help = "计算依申请公开的答复期限、补正告知期限及救济期限（工作日按所选地区日历计算）。"

    def add_arguments(self, parser):
        parser.add_argument("--received", required=True, metavar="YYYY-MM-DD", help="收到申请之日")
        parser.add_argument("--correction-received", metavar="YYYY-MM-DD", help="收到补正后申请之日（重新起算）")
        parser.add_argument("--pause", action="append", default=[], metavar="START:END",
                            help="暂停计算的期间，START < d ≤ END 的工作日不计入；可重复")
        parser.add_argument("--extension", default="0", metavar="N", help="经批准延长的工作日数（0-20）")
        parser.add_argument("--reply-received", metavar="YYYY-MM-DD", help="申请人收到答复之日（计算复议、诉讼期限）")
        parser.add_argument("--region", default="national", metavar="CODE", help="地区代码，默认 national")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **options):
        request = _compute.parse_options(options)
        result = _compute.compute(request)
        self.stdout.write(dump_json(result) if options["json"] else _compute.summary(result))
