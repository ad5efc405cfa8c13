"""load_calendars: (re)load the shipped official calendars into the database. Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction

from ...datafiles import DATA_DIR, read_all
from ...loading import LoadReport, load_year
from ...models import CalendarDay, OfficialNotice, Region


class Command(BaseCommand):
    help = "从数据文件（workday_calendars/data/YYYY.json）载入或更新国务院放假安排；可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="只载入指定年度，可重复")
        parser.add_argument("--data-dir", default=str(DATA_DIR), help="数据文件目录")

    def handle(self, *args, **options):
        files = [f for f in read_all(options["data_dir"]) if not options["year"] or f.year in options["year"]]
        total = LoadReport()
        with transaction.atomic():
            for year_file in files:
                report = load_year(year_file, region_model=Region, notice_model=OfficialNotice, day_model=CalendarDay)
                total.add(report)
                self.stdout.write(f"{year_file.year}：新增{report.created}，更新{report.updated}，删除{report.deleted}")
        self.stdout.write(f"共载入{len(files)}个年度：新增{total.created}，更新{total.updated}，删除{total.deleted}")
