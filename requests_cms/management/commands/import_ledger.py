"""python manage.py import_ledger FILE [--skip-bad]

Imports a ledger (CSV UTF-8 with or without BOM, or xlsx) with the header
number,agency,channel,received,applicant_name,applicant_kind,description,outcome,replied,delivered,challenge,
challenge_result,challenge_received. Every bad row is reported on stderr with its line number; nothing is imported
unless all rows are good (exit status 1), or --skip-bad imports the good ones. An unusable file or bad arguments:
one line on stderr, exit status 2. Rows already imported (same agency and number) are skipped and reported.
"""

from django.core.management.base import CommandError

from requests_cms.reports.importer import LedgerError, import_ledger
from workday_calendars.cli import ContractCommand, bad_input

SHOW_SKIPPED = 20


class Command(ContractCommand):
    help = "导入政府信息公开申请台账（CSV 或 xlsx）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="台账文件（.csv 或 .xlsx）")
        parser.add_argument("--skip-bad", action="store_true", help="跳过不合格的行，只导入合格的行")

    def handle(self, *args, **options):
        try:
            result = import_ledger(options["file"], skip_bad=options["skip_bad"])
        except LedgerError as exc:
            raise bad_input(str(exc)) from None
        for line, reasons in result.bad:
            self.stderr.write(f"第{line}行：{'；'.join(reasons)}")
        if not result.written:
            raise CommandError(f"有{len(result.bad)}行不合格，未导入任何数据（可用 --skip-bad 只导入合格的行）",
                               returncode=1)
        verbose = options["verbosity"] > 1
        for line, number, agency in result.skipped[: None if verbose else SHOW_SKIPPED]:
            self.stdout.write(f"第{line}行：{agency} {number} 已存在，跳过")
        if len(result.skipped) > SHOW_SKIPPED and not verbose:
            self.stdout.write(f"……另有{len(result.skipped) - SHOW_SKIPPED}行已存在（-v 2 可全部列出）")
        self.stdout.write(
            f"已导入{result.created}件申请（其中已办结{result.concluded}件），复议诉讼{result.challenges}件，"
            f"新建申请人{result.applicants}个；已存在而跳过{len(result.skipped)}行；不合格而跳过{len(result.bad)}行")
