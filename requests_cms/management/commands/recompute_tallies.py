"""python manage.py recompute_tallies [--check]

Recount the report tallies (annual report, oversight statistics) from the records: every request, its pauses and
challenges. Events keep the tallies up to date by themselves; run this after writing records outside the services
(a restore, an edit in the admin of an applicant's kind or an agency's calendar region) or to check them.
--check compares without writing and exits 1 listing every counter that differs.
Events that arrive while it runs wait for it (a few minutes at a million requests; bench/README.md).
"""

import time

from django.core.management.base import BaseCommand

from requests_cms.reports import tallies


class Command(BaseCommand):
    help = "由案卷记录重新统计年度报告与考核统计的计数（--check 只比对不写入）"

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="只比对，不写入；不一致时以状态 1 退出")

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["check"]:
            differences = tallies.drift()
            for (table, key), (stored, fresh) in sorted(differences.items(), key=str):
                self.stdout.write(f"{table} {list(key)}: 现存 {stored}，应为 {fresh}")
            if differences:
                self.stderr.write(f"{len(differences)} 项计数与记录不符；运行 recompute_tallies 重新统计")
                raise SystemExit(1)
            self.stdout.write(f"计数与记录一致（{time.perf_counter() - started:.1f} 秒）")
            return
        count = tallies.rebuild()
        self.stdout.write(f"已重新统计 {count} 件申请（{time.perf_counter() - started:.1f} 秒）")
