import shutil

from django.core.management.base import BaseCommand, CommandError

from requests_cms import flowchart


class Command(BaseCommand):
    help = "Render the handling flowchart from the state machine into static/flowchart/ (needs Graphviz's dot)."

    def handle(self, *args, **options):
        if shutil.which("dot") is None:
            raise CommandError("未找到 Graphviz 的 dot 程序：apt-get install graphviz", returncode=2)
        out = flowchart.build()
        self.stdout.write(f"办理流程图已生成：{out}/workflow.svg、workflow.pdf")
