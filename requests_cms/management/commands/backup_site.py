from django.core.management.base import BaseCommand, CommandError

from requests_cms.backup import BackupError, backup_site


class Command(BaseCommand):
    help = "Back up the database and every stored file into an empty DIR, with a manifest of SHA-256 digests."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, **options):
        try:
            manifest = backup_site(options["directory"])
        except BackupError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        size = sum(f["size"] for f in manifest["files"])
        count = len(manifest["files"])
        self.stdout.write(f"备份完成：{options['directory']}（数据库 {manifest['engine']}，共 {count} 个文件，"
                          f"{size} 字节；清单 manifest.json）")
