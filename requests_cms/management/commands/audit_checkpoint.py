"""Write a signed checkpoint of every chain head to AUDIT_CHECKPOINT_DIR (cron / systemd timer; docs/audit.md).

Safe on several hosts at once: each run writes its own file (UTC time + host + pid in the name) through a
temporary file renamed into place, and nothing in the database changes. Streamed: memory does not grow with the
number of requests.
"""

from django.core.management.base import BaseCommand

from requests_cms.services.audit_checkpoint import load_checkpoint, write_checkpoint


class Command(BaseCommand):
    help = "Write a signed checkpoint (request id → event count, last MAC; digest over all) outside the database."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="directory (default settings.AUDIT_CHECKPOINT_DIR)")

    def handle(self, *args, **options):
        path = write_checkpoint(options["dir"])
        checkpoint = load_checkpoint(path)  # read back: what was written verifies
        self.stdout.write(f"检查点已写入：{path}（{checkpoint.count} 件申请）")
