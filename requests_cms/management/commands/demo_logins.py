from django.core.management.base import BaseCommand

from requests_cms.demo.users import DEMO_PASSWORD
from requests_cms.models import User


class Command(BaseCommand):
    help = "Print the demo logins (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000",
                            help="the address the server listens on (make run passes the one it starts runserver on)")

    def handle(self, *args, **options):
        self.stdout.write(f"\n演示账号（密码均为 {DEMO_PASSWORD}）— http://{options['addr']}/")
        for user in User.objects.select_related("agency").filter(email__endswith="@example.gov.cn").order_by("pk"):
            roles = "、".join(user.role_labels)
            self.stdout.write(f"  {user.username:<18} {user.display_name:<6} {user.agency}  {roles}")
        self.stdout.write("")
