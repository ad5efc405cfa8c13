"""python manage.py export_case_file NUMBER --out DIR [--agency FULL_NAME]

Writes NUMBER-案卷.pdf and NUMBER-案卷-原件.zip (originals + manifest.json) into DIR. Bad input: one line on
stderr, exit status 2.
"""

from django.core.management.base import CommandError

from requests_cms.casefile.jobs import write_case_file
from requests_cms.models import Agency, InformationRequest
from workday_calendars.cli import ContractCommand, bad_input


class Command(ContractCommand):
    help = "导出申请的案卷：一个带目录和页码的PDF，以及原件压缩包（含 manifest.json）"

    def add_arguments(self, parser):
        parser.add_argument("number", help="申请编号")
        parser.add_argument("--out", required=True, help="输出目录")
        parser.add_argument("--agency", default="", help="机关全称（编号在多个机关重复时必填）")

    def handle(self, *args, number, out, agency, **options):
        req = self._find(number.strip(), agency.strip())
        try:
            case_file, pdf, archive = write_case_file(req, out)
        except OSError as exc:
            raise bad_input(f"无法写入输出目录 {out}：{exc.strerror}") from None
        except ValueError as exc:
            raise CommandError(str(exc).replace("\n", " ")) from None
        self.stdout.write(f"{pdf}（{case_file.page_count}页）\n{archive}（原件{len(case_file.manifest['files'])}件）")

    def _find(self, number, agency_name):
        matches = InformationRequest.objects.select_related("agency", "applicant").filter(number=number)
        if agency_name:
            if not Agency.objects.filter(name=agency_name).exists():
                raise bad_input(f"未找到机关：{agency_name}")
            matches = matches.filter(agency__name=agency_name)
        found = list(matches[:2])
        if not found:
            raise bad_input(f"未找到申请：{number}" + (f"（{agency_name}）" if agency_name else ""))
        if len(found) > 1:
            raise bad_input(f"申请编号 {number} 在多个机关存在，请用 --agency 指定机关全称")
        return found[0]
