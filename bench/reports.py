"""Benchmark: the annual report and the oversight statistics at a million requests, against hand-written SQL.

    .venv/bin/python bench/reports.py [--size 1000000] [--repeat 9] [--year 2025]

Data: bench/data.py. DEBUG off. The baseline is raw SQL written by hand over the records, independent of the
code under test (one pass over the requests with CASE expressions per cell class, not the ORM's GROUP BY with
FILTER): for the annual report the whole of tables 三 (by applicant kind and outcome) and 四; for the statistics its
counts (received by channel, concluded by outcome, replied, due known, on time, challenges) — it leaves out the
processing-time percentiles, which need the workday calendar (so it is cheaper than the real work).
Measured, alternating with the baseline, medians:
  function   annual_report() / oversight_statistics() from the tallies; and the direct count over the records
  page       the annual report and statistics pages (django.test.Client, oversight, the whole city)
  xlsx       the annual report's xlsx download
  command    `manage.py annual_report --json` in a fresh process (cold), against a fresh process running the SQL
  cold       the first page in a fresh process (new connection, empty caches), against the SQL in a fresh process
The figures are checked first: the tallies' report equals the direct count and the SQL's totals.
Goals (issue 14): statistics page ≤ 100 ms median at 1M; annual report page ≤ 100 ms.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402
import data  # noqa: E402

ANNUAL_SQL = """
WITH classified AS (
  SELECT CASE WHEN a.kind IN ('natural_person','business','research','public_interest','legal_services')
              THEN a.kind ELSE 'other' END AS kind,
         r.outcome,
         (r.received_on BETWEEN %(jan1)s AND %(dec31)s) AS is_new,
         (r.received_on < %(jan1)s) AS carried_in,
         (r.concluded_on BETWEEN %(jan1)s AND %(dec31)s) AS concluded
    FROM requests_cms_informationrequest r
    JOIN requests_cms_applicant a ON a.id = r.applicant_id
   WHERE r.received_on <= %(dec31)s AND (r.concluded_on IS NULL OR r.concluded_on >= %(jan1)s)
)
SELECT 'request' AS part, kind, CASE WHEN concluded THEN outcome ELSE '' END AS outcome,
       SUM(CASE WHEN is_new THEN 1 ELSE 0 END), SUM(CASE WHEN carried_in THEN 1 ELSE 0 END),
       SUM(CASE WHEN concluded THEN 1 ELSE 0 END), SUM(CASE WHEN concluded THEN 0 ELSE 1 END)
  FROM classified GROUP BY 2, 3
UNION ALL
SELECT 'challenge', c.kind, c.result, COUNT(*), 0, 0, 0
  FROM requests_cms_challenge c WHERE c.received_on BETWEEN %(jan1)s AND %(dec31)s GROUP BY 2, 3
"""
STATISTICS_SQL = """
SELECT 'channel', r.channel, COUNT(*) FROM requests_cms_informationrequest r
 WHERE r.received_on BETWEEN %(jan1)s AND %(dec31)s GROUP BY 2
UNION ALL
SELECT 'outcome', r.outcome, COUNT(*) FROM requests_cms_informationrequest r
 WHERE r.concluded_on BETWEEN %(jan1)s AND %(dec31)s GROUP BY 2
UNION ALL
SELECT 'replied', CASE WHEN r.due_date IS NULL THEN 'unknown' WHEN r.replied_on <= r.due_date THEN 'on_time'
                       ELSE 'late' END, COUNT(*)
  FROM requests_cms_informationrequest r WHERE r.replied_on BETWEEN %(jan1)s AND %(dec31)s GROUP BY 2
UNION ALL
SELECT 'challenge', c.result, COUNT(*) FROM requests_cms_challenge c
 WHERE c.received_on BETWEEN %(jan1)s AND %(dec31)s GROUP BY 2
"""
SQL_PROCESS = """
import sys, time, psycopg
started = time.perf_counter()
with psycopg.connect(sys.argv[1]) as conn:
    conn.execute(sys.argv[2], {"jan1": sys.argv[3], "dec31": sys.argv[4]}).fetchall()
print((time.perf_counter() - started) * 1000)
"""
COLD_PAGE = """
import sys, time
sys.path.insert(0, {bench!r})
import data
data.configure({url!r})
import django
django.setup()
from django.test import Client
from requests_cms.models import User
client = Client()
client.force_login(User.objects.get(username="oversight"))
from django.db import connection
connection.close()
started = time.perf_counter()
assert client.get({path!r}, secure=True).status_code == 200
print((time.perf_counter() - started) * 1000)
"""


def bounds(year):
    return {"jan1": date(year, 1, 1), "dec31": date(year, 12, 31)}


def sql(query, year):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(query, bounds(year))
        return cursor.fetchall()


def timed(function, *args):
    started = time.perf_counter()
    function(*args)
    return (time.perf_counter() - started) * 1000


def alternate(ours, theirs, repeat):
    ours(), theirs()  # warm-up: plans, caches
    a, b = [], []
    for _ in range(repeat):
        a.append(timed(ours))
        b.append(timed(theirs))
    return common.median(a), common.median(b)


def fresh_process(code, *args):
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=600,
                         cwd=common.ROOT, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def command_ms(year, url):
    env = {**os.environ, "DATABASE_URL": url}
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "annual_report", "--year", str(year), "--json"], cwd=common.ROOT,
                   env=env, capture_output=True, check=True, timeout=600)
    return (time.perf_counter() - started) * 1000


def check(year):
    """The report from the tallies equals the direct count and the totals of the hand-written SQL."""
    from requests_cms.reports.annual import annual_report, annual_report_direct
    from requests_cms.reports.statistics import oversight_statistics, oversight_statistics_direct

    report, direct = annual_report(year=year), annual_report_direct(year=year)
    assert (report.cells, report.challenges) == (direct.cells, direct.challenges), "tallies ≠ direct count"
    raw = sql(ANNUAL_SQL, year)
    totals = [sum(r[i] for r in raw if r[0] == "request") for i in (3, 4, 5, 6)]
    cells = report.cells
    ours = [cells["new"]["total"], cells["carried_in"]["total"], cells["七"]["total"], cells["carried_out"]["total"]]
    assert ours == totals, (ours, totals)
    assert sum(b["total"] for b in report.challenges.values()) == sum(r[3] for r in raw if r[0] == "challenge")
    assert oversight_statistics(year=year) == oversight_statistics_direct(year=year), "statistics ≠ direct"
    return ours


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args()
    url = data.setup(args.size)
    data.load(args.size)
    from django.test import Client
    from django.urls import reverse

    from requests_cms.models import InformationRequest, User
    from requests_cms.reports.annual import annual_report, annual_report_direct
    from requests_cms.reports.statistics import oversight_statistics, oversight_statistics_direct

    year, repeat = args.year, args.repeat
    totals = check(year)
    client = Client()
    client.force_login(User.objects.get(username="oversight"))
    annual_page = f"{reverse('annual_report')}?year={year}"
    stats_page = f"{reverse('oversight_stats')}?year={year}"

    def page(path):
        return lambda: client.get(path, secure=True)

    def annual_sql():
        return sql(ANNUAL_SQL, year)

    def stats_sql():
        return sql(STATISTICS_SQL, year)

    print(f"{InformationRequest.objects.count():,} requests; year {year}; new / carried in / concluded / carried out "
          f"= {totals}; load average {common.load_average()}; medians of {repeat}", flush=True)
    figures = []
    pairs = [
        ("annual_report() (tallies)", lambda: annual_report(year=year), "hand-written SQL", annual_sql, ""),
        ("annual_report_direct() (records)", lambda: annual_report_direct(year=year), "hand-written SQL",
         annual_sql, ""),
        ("annual report page", page(annual_page), "hand-written SQL", annual_sql, "≤ 100 ms"),
        ("annual report xlsx", page(f"{annual_page}&format=xlsx"), "hand-written SQL", annual_sql, ""),
        ("oversight_statistics() (tallies)", lambda: oversight_statistics(year=year), "hand-written SQL (counts)",
         stats_sql, ""),
        ("oversight_statistics_direct() (records)", lambda: oversight_statistics_direct(year=year),
         "hand-written SQL (counts)", stats_sql, ""),
        ("statistics page", page(stats_page), "hand-written SQL (counts)", stats_sql, "≤ 100 ms"),
        ("statistics xlsx", page(f"{stats_page}&format=xlsx"), "hand-written SQL (counts)", stats_sql, ""),
    ]
    for what, ours, baseline, theirs, goal in pairs:
        mine, base = alternate(ours, theirs, repeat)
        figures.append(common.figure(what, mine, "ms", baseline, base, goal))
        print(f"  {what:42} {mine:9.1f} ms   {baseline} {base:9.1f} ms", flush=True)
    jan1, dec31 = (d.isoformat() for d in bounds(year).values())
    cold_runs = max(3, repeat // 3)
    for what, path in (("annual report page, cold process", annual_page), ("statistics page, cold process",
                                                                          stats_page)):
        code = COLD_PAGE.format(bench=str(Path(__file__).resolve().parent), url=url, path=path)
        mine = common.median([fresh_process(code) for _ in range(cold_runs)])
        query = ANNUAL_SQL if "annual" in what else STATISTICS_SQL
        base = common.median([fresh_process(SQL_PROCESS, url, query, jan1, dec31) for _ in range(cold_runs)])
        figures.append(common.figure(what, mine, "ms", "SQL, fresh process and connection", base))
        print(f"  {what:42} {mine:9.1f} ms   SQL in a fresh process {base:9.1f} ms", flush=True)
    mine = common.median([command_ms(year, url) for _ in range(cold_runs)])
    startup = common.median([fresh_process("import time; t=time.perf_counter(); import django, os; "
                                           "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'requests_cms.settings');"
                                           " django.setup(); print((time.perf_counter()-t)*1000)")
                             for _ in range(cold_runs)])
    base = common.median([fresh_process(SQL_PROCESS, url, ANNUAL_SQL, jan1, dec31) for _ in range(cold_runs)])
    figures.append(common.figure("annual_report --json command (whole process)", mine, "ms",
                                 "SQL fresh process + Django start-up", base + startup))
    print(f"  {'annual_report --json command':42} {mine:9.1f} ms   SQL process {base:.1f} + django.setup "
          f"{startup:.1f} ms", flush=True)
    print()
    common.print_figures(figures)
    common.save("reports", figures, year=year, totals=json.dumps(totals))


if __name__ == "__main__":
    main()
