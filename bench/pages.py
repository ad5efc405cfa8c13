"""Benchmark: the staff pages at up to a million requests in PostgreSQL, each against a plain Django list view.

    .venv/bin/python bench/pages.py [--size 1000000] [--repeat 15] [--http-requests 48] [--no-http]

Data: bench/data.py (requests copied from the demo's, with their events, letters, history, steps; loaded once per
size into requests_cms_bench_scale_<size>). DEBUG off, production middleware.

Baseline: a minimal *real* list view measured in the same run — the user's visible requests with
select_related("agency", "applicant") + Django's Paginator (which counts every match) + a Django template rendering
the 50 rows, the same middleware and login; its search is `description__contains`, its filters plain filter().
Each page is timed against the baseline doing the same thing (page 1, page 500, the Chinese search, the filters);
the dashboards, case pages and the deadline explanation against the baseline's page 1 for the same user.

1. In process (django.test.Client): page and baseline alternate, --repeat runs each, medians; queries per page.
2. Over HTTP: gunicorn with 3 sync workers on 127.0.0.1, a bounded Python load script (threads, --http-requests
   requests per page and concurrency, no keep-alive, a time limit), concurrency 1 and 8: median and p95.
Goals (issue 14): pages flat in the data; oversight search and dashboard ≤ 60 ms median at 1M.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import types
import urllib.parse
import urllib.request
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402
import data  # noqa: E402

BASELINE_TEMPLATE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>申请列表</title></head>
<body>
<h1>申请列表</h1><p>共 {{ page.paginator.count }} 件，第 {{ page.number }}/{{ page.paginator.num_pages }} 页</p>
<table><thead><tr><th>申请编号</th><th>机关</th><th>申请人</th><th>状态</th><th>收到日期</th><th>答复期限</th></tr></thead>
<tbody>{% for r in page %}<tr><td><a href="/requests/{{ r.pk }}/">{{ r.number }}</a></td><td>{{ r.agency.name }}</td>
<td>{{ r.applicant.name }}</td><td>{{ r.get_state_display }}</td><td>{{ r.received_on|date:"Y-m-d" }}</td>
<td>{{ r.due_date|date:"Y-m-d"|default:"—" }}</td></tr>{% endfor %}</tbody></table>
{% if page.has_next %}<a href="?page={{ page.next_page_number }}">下一页</a>{% endif %}</body></html>"""
URLCONF = "bench_pages_urls"


def baseline_urlconf():
    """The site's routes plus /bench-list/: the minimal real list view."""
    from django.contrib.auth.decorators import login_required
    from django.core.paginator import Paginator
    from django.http import HttpResponse
    from django.template import engines
    from django.urls import include, path

    from requests_cms.access import visible_requests

    template = engines["django"].from_string(BASELINE_TEMPLATE)

    @login_required
    def bench_list(request):
        qs = visible_requests(request.user).select_related("agency", "applicant").order_by("-received_on", "-id")
        if request.GET.get("q"):
            qs = qs.filter(description__contains=request.GET["q"])
        for name, lookup in (("state", "state"), ("channel", "channel"), ("outcome", "outcome"),
                             ("received_from", "received_on__gte")):
            if request.GET.get(name):
                qs = qs.filter(**{lookup: request.GET[name]})
        page = Paginator(qs, 50).get_page(request.GET.get("page"))
        return HttpResponse(template.render({"page": page}, request))

    module = types.ModuleType(URLCONF)
    module.urlpatterns = [path("bench-list/", bench_list, name="bench_list"), path("", include("requests_cms.urls"))]
    sys.modules[URLCONF] = module
    return URLCONF


def pages():
    """(label, user, url, baseline url)."""
    from django.urls import reverse
    from django.utils import timezone

    from requests_cms.models import InformationRequest
    from requests_cms.workflow import State

    # The newest copies (the table grows in arrival order) are the recent ones, whose letters keep their full PDFs.
    jyj = InformationRequest.objects.filter(agency__code="jyj", number__contains="-B")
    closed = (jyj.filter(state=State.CLOSED).exclude(attachments__description__startswith=common.CASEFILE_SCAN_MARK)
              .order_by("-id").first())  # not bench/casefile.py's request with its 270 scans
    open_one = jyj.filter(state=State.ACCEPTED).order_by("-id").first()
    since = (timezone.localdate() - timedelta(days=365)).isoformat()
    filters = f"state=closed&channel=post&received_from={since}&outcome=disclosed"
    lst, base = reverse("request_list"), "/bench-list/"
    return [
        ("list page 1 (handler)", "jyj-handler", lst, base),
        ("list page 500 (oversight)", "oversight", f"{lst}?page=500", f"{base}?page=500"),
        ("list search 学校 (oversight)", "oversight", f"{lst}?q=学校", f"{base}?q=学校"),
        ("list search 预算 (handler)", "jyj-handler", f"{lst}?q=预算", f"{base}?q=预算"),
        ("list filtered (handler)", "jyj-handler", f"{lst}?{filters}", f"{base}?{filters}"),
        ("dashboard (handler)", "jyj-handler", reverse("dashboard"), base),
        ("dashboard (approver)", "jyj-approver", reverse("dashboard"), base),
        ("dashboard (oversight)", "oversight", reverse("dashboard"), base),
        ("case page, closed (handler)", "jyj-handler", reverse("request_detail", kwargs={"pk": closed.pk}), base),
        ("case page, open (handler)", "jyj-handler", reverse("request_detail", kwargs={"pk": open_one.pk}), base),
        ("deadline explanation", "jyj-handler", reverse("deadline_explain", kwargs={"pk": open_one.pk}), base),
    ]


# --- in process ---------------------------------------------------------------------------------------------------
def get(client, url):
    started = time.perf_counter()
    response = client.get(url, secure=True)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def queries(client, url):
    from django.db import connection

    seen = []
    with connection.execute_wrapper(lambda execute, sql, *args: seen.append(sql) or execute(sql, *args)):
        client.get(url, secure=True)
    return len(seen)


def in_process(repeat):
    from django.test import Client

    from requests_cms.models import User

    clients, rows = {}, []
    for label, username, url, base in pages():
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        client = clients[username]
        for _ in range(2):
            get(client, url), get(client, base)
        ours, theirs = [], []
        for _ in range(repeat):
            ours.append(get(client, url))
            theirs.append(get(client, base))
        rows.append((label, common.median(ours), common.median(theirs), queries(client, url), queries(client, base),
                     base))
        print(f"  {label:32} {rows[-1][1]:8.1f} ms  baseline {rows[-1][2]:8.1f} ms  queries {rows[-1][3]} / "
              f"{rows[-1][4]}", flush=True)
    return rows, clients


# --- over HTTP ----------------------------------------------------------------------------------------------------
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent), "BENCH_PAGES_URLCONF": "1"}
    process = subprocess.Popen(
        [str(common.ROOT / ".venv" / "bin" / "gunicorn"), "pages_wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "3", "--timeout", "60", "--log-level", "warning"], cwd=common.ROOT, env=env,
        start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return process
        except OSError:
            time.sleep(0.5)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("gunicorn did not start")


def load(port, path, cookie, count, concurrency, limit_seconds=120):
    """`count` GETs of `path` from `concurrency` threads (bounded in number and time); latencies in ms."""
    import http.client

    path = urllib.parse.quote(path, safe="/?=&%")  # the Chinese search words, percent-encoded as a browser sends
    latencies, errors, lock = [], [], threading.Lock()
    remaining = [count]
    stop_at = time.time() + limit_seconds

    def worker():
        while time.time() < stop_at:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": f"sessionid={cookie}", "Host": "127.0.0.1",
                                                   "X-Forwarded-Proto": "https"})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError as exc:
                ok, response = False, exc
            finally:
                conn.close()
            with lock:
                (latencies if ok else errors).append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else float("nan")
    return common.median(latencies), p95, len(latencies) / wall, len(errors)


def over_http(clients, count):
    chosen = ("list page 1 (handler)", "list page 500 (oversight)", "list search 学校 (oversight)",
              "dashboard (oversight)", "case page, closed (handler)")
    port = free_port()
    gunicorn = start_gunicorn(port)
    rows = []
    try:
        for label, username, url, base in pages():
            if label not in chosen:
                continue
            cookie = clients[username].cookies["sessionid"].value
            for path in (url, base):  # warm every worker
                load(port, path, cookie, 6, 3)
            for concurrency in (1, 8):
                ours = load(port, url, cookie, count, concurrency)
                theirs = load(port, base, cookie, count, concurrency)
                rows.append((label, concurrency, ours, theirs))
                print(f"  {label:32} c={concurrency}: p50 {ours[0]:7.1f} p95 {ours[1]:7.1f} ms {ours[2]:5.1f}/s"
                      f" (errors {ours[3]}) | baseline p50 {theirs[0]:7.1f} p95 {theirs[1]:7.1f} ms", flush=True)
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--http-requests", type=int, default=48)
    parser.add_argument("--no-http", action="store_true")
    args = parser.parse_args()
    data.setup(args.size)
    data.load(args.size)
    from django.conf import settings

    settings.ROOT_URLCONF = baseline_urlconf()
    from requests_cms.models import InformationRequest

    total = InformationRequest.objects.count()
    print(f"{total:,} requests; load average {common.load_average()} on {os.cpu_count()} CPUs; medians of "
          f"{args.repeat} alternating runs (in process, django.test.Client, DEBUG off)")
    rows, clients = in_process(args.repeat)
    figures = [common.figure(label, ours, "ms", f"plain list view {base.split('/bench-list/')[-1] or 'p1'}",
                             theirs, "≤ 60 ms" if "oversight" in label and ("search" in label or "dashboard" in label)
                             else "") for label, ours, theirs, _q, _bq, base in rows]
    http_rows = []
    if not args.no_http:
        print(f"over HTTP: gunicorn, 3 sync workers; {args.http_requests} requests per page and concurrency")
        http_rows = over_http(clients, args.http_requests)
        for label, concurrency, ours, theirs in http_rows:
            figures.append(common.figure(f"HTTP c={concurrency} p50 {label}", ours[0], "ms", "plain list view p50",
                                         theirs[0]))
            figures.append(common.figure(f"HTTP c={concurrency} p95 {label}", ours[1], "ms", "plain list view p95",
                                         theirs[1]))
    print()
    common.print_figures(figures)
    common.save("pages", figures, requests=total, queries={label: q for label, _o, _t, q, _bq, _b in rows})


if __name__ == "__main__":
    main()
