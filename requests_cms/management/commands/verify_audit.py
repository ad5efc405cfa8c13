"""Verify every request's record against the signing keys and the newest valid checkpoint (docs/audit.md).

One ordered streaming pass (services/audit_verify.stream_records); `--workers N` splits it by request-id range
over N processes; `--since-checkpoint` checks only the requests whose chain grew since the newest checkpoint.
Every problem is printed as "<申请编号>：<问题>"; any problem exits 1.
"""

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.db.models import Max, Min

from requests_cms.models import InformationRequest, RequestEvent
from requests_cms.services.audit import verify_keys
from requests_cms.services.audit_checkpoint import load_checkpoint, newest_checkpoint
from requests_cms.services.audit_verify import record_problems, stream_records

BATCH = 1000


def verify_range(lo, hi, checkpoint_path, out=None):
    """Verify the requests with lo <= id < hi; returns (requests checked, problem lines)."""
    keys = verify_keys()
    checkpoint = load_checkpoint(checkpoint_path, keys) if checkpoint_path else None
    checked, lines = 0, []
    with one_snapshot():
        for record in stream_records(lo=lo, hi=hi, checkpoint=checkpoint):
            checked += 1
            for problem in record_problems(record, keys):
                line = f"{record.label}：{problem}"
                if out is not None:
                    out(line)
                else:
                    lines.append(line)
    return checked, lines


@contextmanager
def one_snapshot():
    """Every stream of the pass reads the same snapshot (PostgreSQL: one REPEATABLE READ, read-only transaction), so
    an action committed meanwhile is seen by all of them or by none — never as a version ahead of its event."""
    outermost = not connection.in_atomic_block  # inside a caller's transaction (tests), its snapshot rules
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _worker(args):
    connections.close_all()  # never share the parent's connection across a fork
    return verify_range(*args)


class Command(BaseCommand):
    help = "Verify every request's record (MAC chain, state, letters, uploads, history rows, checkpoint); exit 1."

    def add_arguments(self, parser):
        parser.add_argument("--request", help="only this request number")
        parser.add_argument("--workers", type=int, default=None,
                            help="processes, each a request-id range (default: the CPUs, at most 4; 1 on SQLite)")
        parser.add_argument("--since-checkpoint", action="store_true",
                            help="only requests whose chain changed since the newest valid checkpoint")

    def handle(self, *args, **options):
        keys = verify_keys()
        checkpoint, checkpoint_problems = newest_checkpoint(keys=keys)
        problems = 0
        for line in checkpoint_problems:
            self.stdout.write(f"检查点：{line}")
            problems += 1
        if checkpoint is None:
            self.stdout.write("提示：未找到有效的检查点（AUDIT_CHECKPOINT_DIR），删除末尾记录并回调版本号的改动无法发现；"
                              "请定时运行 audit_checkpoint。")
        else:
            self.stdout.write(f"对照检查点：{checkpoint.path.name}（{checkpoint.count} 件申请）")

        def out(line):
            nonlocal problems
            problems += 1
            self.stdout.write(line)

        if options["request"] or options["since_checkpoint"]:
            ids = self._selected_ids(options, checkpoint)
            checked = 0
            with one_snapshot():
                for start in range(0, len(ids), BATCH):
                    for record in stream_records(ids=ids[start:start + BATCH], checkpoint=checkpoint):
                        checked += 1
                        for problem in record_problems(record, keys):
                            out(f"{record.label}：{problem}")
        else:
            workers = options["workers"] or min(4, os.cpu_count() or 1)
            checked = self._full(workers, checkpoint, out)
        if problems:
            raise CommandError(f"审计记录校验失败：发现 {problems} 处问题（共检查 {checked} 件申请）", returncode=1)
        self.stdout.write(f"审计记录完好：共检查 {checked} 件申请。")

    def _selected_ids(self, options, checkpoint):
        if options["request"]:
            ids = list(InformationRequest.objects.filter(number=options["request"]).values_list("pk", flat=True))
            if not ids:
                raise CommandError(f"未找到申请 {options['request']}", returncode=2)
            return ids
        if checkpoint is None:
            raise CommandError("没有有效的检查点，无法增量校验；请先运行 audit_checkpoint 或做全量校验", returncode=2)
        changed = (RequestEvent.objects.filter(pk__gt=checkpoint.max_event_id)
                   .order_by("request_id").values_list("request_id", flat=True).distinct())
        ids = list(changed)
        self.stdout.write(f"增量校验：检查点之后有新记录的申请 {len(ids)} 件。")
        return ids

    def _full(self, workers, checkpoint, out):
        path = str(checkpoint.path) if checkpoint else None
        bounds = InformationRequest.objects.aggregate(lo=Min("pk"), hi=Max("pk"))
        if workers <= 1 or bounds["lo"] is None:
            return verify_range(None, None, path, out)[0]
        lo, hi = bounds["lo"], bounds["hi"] + 1
        step = max(1, -(-(hi - lo) // workers))
        ranges = [[start, start + step] for start in range(lo, hi, step)]
        ranges[0][0], ranges[-1][1] = None, None  # open ends: rows of requests outside the present id range
        # SQLite (one file, one writer), or inside a caller's transaction (whose rows other processes cannot see):
        # the ranges run here, one after the other.
        if connection.vendor == "sqlite" or connection.in_atomic_block:
            return sum(verify_range(a, b, path, out)[0] for a, b in ranges)
        connections.close_all()
        checked = 0
        with ProcessPoolExecutor(len(ranges), mp_context=multiprocessing.get_context("fork")) as pool:
            for count, lines in pool.map(_worker, [(a, b, path) for a, b in ranges]):
                checked += count
                for line in lines:
                    out(line)
        sys.stdout.flush()
        return checked
