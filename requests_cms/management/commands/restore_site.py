from django.core.management.base import BaseCommand, CommandError

from requests_cms.backup import BackupError, restore_site


class Command(BaseCommand):
    help = "Restore a backup_site DIR into the configured (empty) database and (empty) file storage."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, **options):
        try:
            manifest, files = restore_site(options["directory"])
        except BackupError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        when = manifest["created_at"]
        self.stdout.write(f"恢复完成：数据库（{manifest['engine']}，备份于 {when}）和 {files} 个文件。"
                          "请运行 manage.py verify_audit 核对审计记录。")
