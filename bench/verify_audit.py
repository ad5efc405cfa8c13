"""verify_audit over N requests with realistic records, against the previous per-request loop in the same run.

    .venv/bin/python bench/verify_audit.py --size 100000 [--runs 3] [--workers 2]

The data: bench/data.py's copies of the demo requests (about 7 events each with letters, frozen PDFs and the
request's history rows, every chain MACed with the bench's fixed key), in the database the other benches use
(requests_cms_bench_scale_<N>: loading a million requests once is enough). Then, each run:

- baseline: the previous verify_audit (bench/verify_audit_baseline.py: one query per request);
- full: `verify_audit --workers 1` (one ordered streaming pass in one process; everything of issue 13 checked, the
  checkpoint included);
- workers: `verify_audit --workers W` (request-id ranges in W processes; the command's default on PostgreSQL is the
  number of CPUs, at most 4);
- checkpoint: `audit_checkpoint`;
- incremental: `verify_audit --since-checkpoint` after 200 requests got one more event past the checkpoint.

Each phase runs in a fresh process (Django set up before the clock starts); its peak memory is that process's
VmHWM (for --workers the parent of the pool; each worker runs the same code on a range).
Prints medians, the ratio against the baseline and peak memory; writes var/bench/verify_audit.json.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import figure, load_average, median, print_figures, save  # noqa: E402

GROWN = 200


def database_url(size):
    """The other benches' database (bench/data.py): its chains are MACed with the bench's fixed key, so one load of
    the data serves every bench. Each run's `grow` phase adds one calendar_recompute event to 200 of its requests
    (as the nightly job would); nothing the other benches measure depends on them."""
    import data

    return data.database_url(size)


def checkpoint_dir(size):
    return ROOT / "var" / f"bench-audit-checkpoints-{size}"


def phase(name, size, workers):
    """Run in the child: set up, then time one phase. Prints one JSON line."""
    import data

    url = database_url(size)
    os.environ["AUDIT_CHECKPOINT_DIR"] = str(checkpoint_dir(size))
    data.configure(url)
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = StringIO()
    started = time.perf_counter()
    result = {}
    if name == "baseline":
        from verify_audit_baseline import verify_all

        checked, breaks = verify_all()
        result = {"checked": checked, "problems": len(breaks)}
    elif name == "grow":
        result = {"grown": grow(GROWN)}
    elif name == "checkpoint":
        call_command("audit_checkpoint", stdout=out)
    else:
        args = {"full": ["--workers", "1"], "workers": ["--workers", str(workers)],
                "incremental": ["--since-checkpoint"]}[name]
        try:
            call_command("verify_audit", *args, stdout=out)
            result = {"status": 0}
        except CommandError as exc:
            result = {"status": exc.returncode}
    result["seconds"] = time.perf_counter() - started
    result["peak_mib"] = peak_mib()
    result["tail"] = out.getvalue().strip().splitlines()[-1:] if out.getvalue() else []
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)


def peak_mib():
    """This process's peak resident memory (VmHWM: reset by exec, unlike ru_maxrss, which a child inherits)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def grow(count):
    """One more event on `count` requests spread over the table (a calendar recompute, as the nightly job writes)."""
    from django.db.models import Max

    from requests_cms.models import EventAction, InformationRequest
    from requests_cms.services.runner import run_update

    top = InformationRequest.objects.aggregate(top=Max("pk"))["top"]
    ids = list(InformationRequest.objects.filter(pk__in=range(1, top + 1, max(1, top // count)))
               .values_list("pk", flat=True)[:count])
    for req in InformationRequest.objects.filter(pk__in=ids):
        run_update(request=req, action=EventAction.CALENDAR_RECOMPUTE, by=None, change=lambda r: None,
                   note="基准测试：检查点之后的新记录")
    return len(ids)


def run_phase(name, size, workers):
    """(result dict, peak resident MiB of the phase's process) of one phase in a fresh process."""
    command = [sys.executable, __file__, "--phase", name, "--size", str(size), "--workers", str(workers)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    output = child.stdout.read()
    child.wait()
    lines = [line for line in output.splitlines() if line.startswith("RESULT ")]
    if child.returncode or not lines:
        sys.exit(f"phase {name} failed ({child.returncode}):\n{output}")
    result = json.loads(lines[-1][7:])
    return result, result["peak_mib"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-baseline", action="store_true", help="(at 1M: the old loop takes ~12 min a run)")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        return phase(args.phase, args.size, args.workers)

    import data

    os.environ["AUDIT_CHECKPOINT_DIR"] = str(checkpoint_dir(args.size))
    url = database_url(args.size)
    data.setup(args.size, url)
    loaded = data.load(args.size)
    print(f"{url.rsplit('/', 1)[1]}: {args.size:,} requests" + (f", loaded in {loaded / 60:.1f} min" if loaded
                                                                  else " (already loaded)"), flush=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT (SELECT COUNT(*) FROM requests_cms_requestevent), "
                       "(SELECT COUNT(*) FROM letters_letter WHERE state IN ('frozen', 'superseded')), "
                       "(SELECT COUNT(*) FROM requests_cms_historicalinformationrequest)")
        events, letters, history = cursor.fetchone()
    connection.close()
    print(f"{events:,} events, {letters:,} frozen letters, {history:,} request-history rows; load {load_average()}",
          flush=True)

    times = {k: [] for k in ("baseline", "full", "workers", "checkpoint", "incremental")}
    peaks = {k: 0.0 for k in times}
    for run in range(args.runs):
        plan = ["checkpoint", "grow", "incremental", "full", "workers"]
        if not args.skip_baseline:
            plan.insert(3, "baseline")
        for name in plan:
            result, peak = run_phase(name, args.size, args.workers)
            print(f"run {run + 1} {name:12} {result['seconds']:8.2f} s  peak {peak:7.1f} MiB  {result}", flush=True)
            if name == "grow":
                continue
            if name in ("full", "workers", "incremental") and result.get("status"):
                sys.exit(f"verify_audit reported problems on the bench data: {result}")
            times[name].append(result["seconds"])
            peaks[name] = max(peaks[name], peak)

    base = median(times["baseline"]) if times["baseline"] else float("nan")
    figures = [
        figure(f"verify_audit --workers 1, {args.size:,} requests", median(times["full"]), "s",
               "previous per-request loop", base, "faster"),
        figure(f"verify_audit --workers {args.workers}", median(times["workers"]), "s",
               "previous per-request loop", base, "1M ≤ 300 s"),
        figure(f"verify_audit --since-checkpoint ({GROWN} grown)", median(times["incremental"]), "s",
               "full pass", median(times["full"]), "seconds"),
        figure("audit_checkpoint", median(times["checkpoint"]), "s", "full pass", median(times["full"]), ""),
    ]
    print()
    print_figures(figures)
    print()
    print("peak memory (VmHWM of the phase's process): " + ", ".join(
        f"{k} {v:.0f} MiB" for k, v in peaks.items() if v))
    if times["baseline"]:
        print(f"full pass {base / median(times['full']):.1f}× faster than the previous loop; "
              f"with {args.workers} workers {base / median(times['workers']):.1f}×")
    save("verify_audit", figures, size=args.size, events=events, frozen_letters=letters, history_rows=history,
         peak_mib=peaks, runs=args.runs, times=times)


if __name__ == "__main__":
    main()
