"""python manage.py annual_report --year YYYY [--agency FULL_NAME] (--json | --xlsx FILE)

Tables 三 and 四 of the annual report for one agency (by full name) or, without --agency, the whole city.
Bad arguments: one line on stderr and exit status 2.
"""

from pathlib import Path

from requests_cms.models import Agency
from requests_cms.reports.annual import annual_report
from requests_cms.reports.xlsx import annual_report_xlsx
from workday_calendars.cli import ContractCommand, bad_input, dump_json, parse_int


class Command(ContractCommand):
    help = "年度报告表三、表四（按申请人类型统计），输出 JSON 或 xlsx"

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="报告年度 YYYY")
        parser.add_argument("--agency", help="机关全称；不填则为全市")
        out = parser.add_mutually_exclusive_group(required=True)
        out.add_argument("--json", action="store_true", help="以 JSON 输出到标准输出")
        out.add_argument("--xlsx", metavar="FILE", help="写入 xlsx 文件")

    def handle(self, *args, **options):
        year = parse_int(options["year"], "--year", 2000, 2100)
        agency = None
        if options.get("agency"):
            agency = Agency.objects.filter(name=options["agency"].strip()).first()
            if agency is None:
                raise bad_input(f"--agency 找不到机关全称：{options['agency']}")
        target = None
        if options.get("xlsx"):
            target = Path(options["xlsx"])
            if not target.parent.exists() or target.is_dir():
                raise bad_input(f"--xlsx 无法写入：{target}")
        report = annual_report(year=year, agency=agency)
        if target is None:
            self.stdout.write(dump_json(report.as_json()))
            return
        target.write_bytes(annual_report_xlsx(report))
        check = "成立" if report.check()["holds"] else "不成立"
        self.stdout.write(f"已写入 {target}（{report.scope_name}{year}年度，勾稽关系{check}）")
