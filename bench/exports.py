"""Benchmark: exporting 250,000 rows of the list (xlsx and CSV) as a background job, and the web request that asks.

    .venv/bin/python bench/exports.py [--size 1000000] [--rows 250000] [--old-rows 20000]

Data: bench/data.py. The oversight office exports the list filtered to the newest --rows requests (a received-from
date chosen so that about that many match), as the page's form would ask.
Measured:
  worker     the job (requests_cms/exports.py export_build through jobs.run, in this process): seconds for the rows,
             against reading the same rows with one plain values_list query and writing nothing (the floor), and
             against the previous exporter (model instances + openpyxl write-only, as it was), timed on
             --old-rows rows and scaled to the same count; peak memory growth (ru_maxrss) for the job
  web        the POST that asks for an export, with a broker (the job queued, not run): median ms, against the
             list's page 1
Goals (issue 14): 250k rows in ≤ 15 s of worker time; a web worker never blocked for more than 1 s.
"""

import argparse
import io
import resource
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402
import data  # noqa: E402


def received_from_for(rows):
    from requests_cms.models import InformationRequest

    day = (InformationRequest.objects.order_by("-received_on", "-id").values_list("received_on", flat=True)
           [rows - 1])
    return day


def old_exporter(queryset, today):
    """The exporter as it was before issue 14: select_related instances, get_FOO_display, openpyxl write-only."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from requests_cms.selectors.deadlines import is_overdue

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("申请台账")
    qs = queryset.select_related("agency", "applicant").order_by("agency_id", "received_on", "id")
    for r in qs.iterator(chunk_size=2000):
        values = [r.number, r.agency.name, r.applicant.name, r.applicant.get_kind_display(), r.get_channel_display(),
                  r.received_on, r.due_date, r.get_state_display(), r.get_outcome_display() if r.outcome else "",
                  r.replied_on, "是" if is_overdue(r, today) else "否"]
        sheet.append([WriteOnlyCell(sheet, value=v) for v in values])
    out = io.BytesIO()
    workbook.save(out)
    return out.tell()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=250_000)
    parser.add_argument("--old-rows", type=int, default=20_000)
    args = parser.parse_args()
    data.setup(args.size)
    data.load(args.size)
    from django.core.files.storage import default_storage
    from django.test import Client
    from django.urls import reverse

    from requests_cms import exports, jobs
    from requests_cms.celery import app
    from requests_cms.models import ListExport, User

    oversight = User.objects.get(username="oversight")
    since = received_from_for(args.rows)
    params = urlencode({"received_from": since.isoformat()})
    queryset, today = exports.filtered_for(oversight, params)
    count = queryset.count()
    print(f"exporting {count:,} rows (received from {since}); load average {common.load_average()}", flush=True)
    figures = []

    ours = {}  # first, so that the peak memory it adds is not hidden by the previous exporter's
    for fmt in ("xlsx", "csv"):
        job = ListExport.objects.create(requested_by=oversight, format=fmt, params=params)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        status = jobs.run(ListExport, job.pk, f"bench-{job.pk}", exports.export_build, in_worker=False)
        seconds = time.perf_counter() - started
        job.refresh_from_db()
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
        assert status == "done" and job.row_count == count, (status, job.error, job.row_count)
        default_storage.delete(job.file_path)
        print(f"  {fmt}: {seconds:.1f} s for {job.row_count:,} rows, {job.file_size / 1e6:.1f} MB, peak memory "
              f"+{grown:.0f} MB", flush=True)
        ours[fmt] = seconds

    started = time.perf_counter()
    read = 0
    for _row in queryset.values_list("number", "agency__name", "applicant__name", "applicant__kind", "channel",
                                     "received_on", "due_date", "state", "outcome", "replied_on").order_by(
            "agency_id", "received_on", "id").iterator(chunk_size=2000):
        read += 1
    floor = time.perf_counter() - started
    old_qs = queryset.filter(received_on__gte=received_from_for(args.old_rows))
    old_count = old_qs.count()
    started = time.perf_counter()
    old_exporter(old_qs, today)
    old = (time.perf_counter() - started) * count / old_count
    print(f"  floor (one values_list query, nothing written): {floor:.1f} s for {read:,} rows; previous exporter "
          f"{old:.1f} s scaled from {old_count:,} rows", flush=True)

    for fmt, seconds in ours.items():
        figures.append(common.figure(f"export {fmt} {count // 1000}k rows (worker)", seconds, "s",
                                     "one values_list read, nothing written", floor, "≤ 15 s"))
        figures.append(common.figure(f"export {fmt} {count // 1000}k rows (worker)", seconds, "s",
                                     "previous exporter (scaled)", old))
    app.conf.task_always_eager = False  # as with a broker: the POST queues the job and returns
    app.conf.broker_url = "memory://localhost/"
    client = Client()
    client.force_login(oversight)
    posts, pages = [], []
    for _ in range(9):
        started = time.perf_counter()
        response = client.post(reverse("request_export"), {"format": "xlsx", "params": params}, secure=True)
        posts.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 302
        started = time.perf_counter()
        client.get(reverse("request_list"), secure=True)
        pages.append((time.perf_counter() - started) * 1000)
    figures.append(common.figure("POST asking for an export (web worker)", common.median(posts), "ms",
                                 "list page 1 (oversight)", common.median(pages), "≤ 1000 ms"))
    print(f"  POST asking for an export: {common.median(posts):.1f} ms (max {max(posts):.1f}); list page 1 "
          f"{common.median(pages):.1f} ms", flush=True)
    ListExport.objects.filter(requested_by=oversight).delete()
    print()
    common.print_figures(figures)
    common.save("exports", figures, rows=count)


if __name__ == "__main__":
    main()
