from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from requests_cms.demo.organisation_loader import load_organisation
from requests_cms.demo.requests import load_requests
from requests_cms.demo.users import load_users


class Command(BaseCommand):
    help = "Load the demo organisation (高平市), demo users and about 40 demo requests. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--organisation-only", action="store_true", help="only agencies, no users or requests")

    def handle(self, *args, **options):
        count = load_organisation()
        self.stdout.write(f"机关：{count} 个")
        if options["organisation_only"]:
            return
        if not (settings.DEBUG or settings.TESTING):
            raise CommandError("生产环境（DEBUG 关闭）不创建演示账号和演示申请；只加载机关请用 --organisation-only",
                               returncode=2)
        users = load_users()
        created = load_requests()
        self.stdout.write(f"演示账号：{len(users)} 个；新建演示申请：{created} 件")
