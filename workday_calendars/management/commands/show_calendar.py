"""show_calendar YEAR: a region's days off on weekdays and make-up workdays on weekends for one calendar year."""

from ... import calendar_report
from ...cli import ContractCommand, dump_json


class Command(ContractCommand):
    help = "显示某一年度的工作日历：周一至周五放假的日期、周末调休上班的日期及来源。"

    def add_arguments(self, parser):
        parser.add_argument("year", metavar="YEAR", help="年度，如 2026")
        parser.add_argument("--region", default="national", metavar="CODE", help="地区代码，默认 national")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **options):
        data = calendar_report.year_data(options["year"], options["region"])
        self.stdout.write(dump_json(data) if options["json"] else calendar_report.summary(data))
