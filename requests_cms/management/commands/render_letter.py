"""Print a request's letter, or specimens of every kind and outcome. A stable command-line contract:

    manage.py render_letter --request NUMBER --kind KIND --out FILE.pdf
    manage.py render_letter --sample all --out DIR [--agency NAME ...]
    manage.py render_letter --list-kinds

--request prints the frozen letter exactly as stored, or a preview marked 草稿 when it is not frozen yet.
--sample writes one PDF per kind and per reply outcome for a made-up request to each sample agency, plus
DIR/index.json listing {"kind", "outcome", "agency", "file"}; it works on an empty migrated database.
Bad arguments: one line on stderr and exit status 2.
"""

import json
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from letters.kinds import LetterKind, kind_spec
from letters.layout import MissingGlyphError
from letters.outcomes import OUTCOME_RULES
from letters.remedies import LetterDataError
from letters.samples import render_specimen, specimens
from letters.services import LetterError
from requests_cms.models import Agency, InformationRequest
from requests_cms.services.letter_facts import agency_facts, sample_dates
from requests_cms.services.request_letters import request_letter_pdf

BAD_ARGUMENTS = 2
SAMPLE_AGENCIES = ("高平市教育局", "高平市米山镇人民政府", "高平市人民政府", "国家税务总局高平市税务局")


def bad(message):
    return CommandError(message, returncode=BAD_ARGUMENTS)


class Command(BaseCommand):
    help = "打印申请的文书，或生成各类文书样本（--sample all）"

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def one_line_error(message):
            if parser.called_from_command_line:
                parser.exit(BAD_ARGUMENTS, f"render_letter: 参数错误：{message}\n")
            raise bad(message)

        parser.error = one_line_error
        return parser

    def add_arguments(self, parser):
        parser.add_argument("--request", metavar="NUMBER", help="申请编号")
        parser.add_argument("--kind", metavar="KIND", help="文书种类（见 --list-kinds）")
        parser.add_argument("--out", metavar="PATH", help="输出文件（--request）或目录（--sample）")
        parser.add_argument("--sample", metavar="all", help="all，或一种文书种类")
        parser.add_argument("--agency", action="append", metavar="NAME",
                            help="样本机关全称，可重复；申请编号重复时用于指定机关")
        parser.add_argument("--list-kinds", action="store_true", help="列出文书种类")

    def handle(self, *args, **options):
        modes = [name for name in ("list_kinds", "sample", "request") if options[name]]
        if len(modes) != 1:
            raise bad("请且仅请指定 --request、--sample 或 --list-kinds 之一")
        try:
            return getattr(self, f"handle_{modes[0]}")(options)
        except (LetterDataError, LetterError, MissingGlyphError) as error:
            raise CommandError(str(error)) from error

    def handle_list_kinds(self, options):
        for kind in LetterKind:
            self.stdout.write(f"{kind.value}\t{kind.label}")
        for kind in LetterKind:
            if kind_spec(kind).per_outcome:
                for rule in OUTCOME_RULES:
                    self.stdout.write(f"{kind.value}:{rule.code}\t{kind.label}（{rule.label}）")

    def handle_request(self, options):
        kind, out = _kind(options["kind"]), _required(options, "out")
        out = Path(out)
        if not out.parent.is_dir():
            raise bad(f"输出目录不存在：{out.parent}")
        request = _find_request(options["request"], options["agency"])
        out.write_bytes(request_letter_pdf(request=request, kind=kind))
        self.stdout.write(str(out))

    def handle_sample(self, options):
        wanted = options["sample"]
        if wanted != "all":
            _kind(wanted)
        out = Path(_required(options, "out"))
        if out.exists() and not out.is_dir():
            raise bad(f"--out 须为目录：{out}")
        out.mkdir(parents=True, exist_ok=True)
        index = []
        for agency, code in sample_agencies(options["agency"] or SAMPLE_AGENCIES):
            index += _write_specimens(out, agency, code, wanted)
        (out / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        self.stdout.write(f"{len(index)} 份样本已写入 {out}")


def _write_specimens(out, agency, code, wanted):
    """Every specimen for one agency, dated by the specimen timeline counted on the agency's calendar."""
    entries, numbers = [], {}
    dates = sample_dates(agency.calendar_region)
    for kind, outcome in specimens():
        if wanted != "all" and kind != wanted:
            continue
        numbers[kind] = numbers.get(kind, 0) + 1
        name = f"{code}-{kind}{'-' + outcome if outcome else ''}.pdf"
        (out / name).write_bytes(render_specimen(agency, kind, outcome, number=numbers[kind], dates=dates))
        entries.append({"kind": kind, "outcome": outcome or None, "agency": agency.name, "file": name})
    return entries


def _required(options, name):
    if not options[name]:
        raise bad(f"缺少 --{name}")
    return options[name]


def _kind(kind):
    if not kind:
        raise bad("缺少 --kind")
    if kind not in LetterKind.values:
        raise bad(f"未知的文书种类“{kind}”，可选：{', '.join(LetterKind.values)}")
    return kind


def _find_request(number, agency_names):
    requests = InformationRequest.objects.filter(number=number).select_related("agency", "applicant")
    if agency_names:
        requests = requests.filter(agency__name__in=agency_names)
    found = list(requests[:2])
    if not found:
        raise bad(f"找不到申请编号为“{number}”的申请")
    if len(found) > 1:
        raise bad(f"申请编号“{number}”对应多个机关的申请，请用 --agency 指定机关")
    return found[0]


def sample_agencies(names):
    """(AgencyFacts, code) per name: database rows first (their id selects their own wording), else the demo
    organisation loaded inside a transaction that is rolled back (so an empty database is left empty)."""
    rows = {agency.name: agency for agency in Agency.objects.filter(name__in=names)}
    missing = [name for name in names if name not in rows]
    demo = _demo_agencies(missing) if missing else {}
    unknown = [name for name in missing if name not in demo]
    if unknown:
        raise bad(f"找不到机关：{'、'.join(unknown)}")
    result = []
    for name in names:
        if name in rows:
            result.append((agency_facts(rows[name]), rows[name].code))
        else:
            result.append(demo[name])
    return result


def _demo_agencies(names):
    from requests_cms.demo.organisation_loader import load_organisation

    with transaction.atomic():
        load_organisation()
        found = {a.name: (replace(agency_facts(a), id=None), a.code) for a in Agency.objects.filter(name__in=names)}
        transaction.set_rollback(True)
    return found
