"""Benchmark: the city's annual report (tables 三 and 四) over 1,000,000 requests in PostgreSQL, against one
hand-written GROUP BY query over the same rows computing the same counts, in the same run.

    .venv/bin/python bench/reports.py [--rows 1000000] [--repeat 7] [--year 2025] [--fresh]

DATABASE_URL (PostgreSQL) or postgres://postgres@127.0.0.1:5432/requests_cms_bench_reports, created if missing,
migrated, loaded with the demo organisation; the requests (and a few challenges) are written with COPY once and
reused by later runs (--fresh rewrites them). The two contenders alternate; medians of --repeat runs.
Goal (issue 7): report time at most 1.5 x the hand-written query.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/requests_cms_bench_reports"
GOAL = 1.5
TODAY = date(2026, 11, 27)

HAND_WRITTEN = """
SELECT 'request', a.kind, r.outcome,
       COUNT(*) FILTER (WHERE r.received_on >= %(jan1)s),
       COUNT(*) FILTER (WHERE r.received_on < %(jan1)s),
       COUNT(*) FILTER (WHERE r.concluded_on <= %(dec31)s),
       COUNT(*)
  FROM requests_cms_informationrequest r JOIN requests_cms_applicant a ON a.id = r.applicant_id
 WHERE r.received_on <= %(dec31)s AND (r.concluded_on IS NULL OR r.concluded_on >= %(jan1)s)
 GROUP BY a.kind, r.outcome
UNION ALL
SELECT 'challenge', c.kind, c.result, COUNT(*), 0, 0, 0
  FROM requests_cms_challenge c
 WHERE c.received_on >= %(jan1)s AND c.received_on <= %(dec31)s
 GROUP BY c.kind, c.result
"""


def ensure_database(url):
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def setup_django(url):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "requests_cms.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from requests_cms.demo.organisation_loader import load_organisation

    load_organisation()


def populate(rows, fresh):
    from django.db import connection

    from requests_cms.models import Agency, Applicant, InformationRequest, Outcome
    from requests_cms.search_grams import document

    marker = "bench-"
    existing = InformationRequest.objects.filter(number__startswith=marker).count()
    if existing == rows and not fresh:
        print(f"reusing {existing:,} bench requests")
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM requests_cms_challenge WHERE request_id IN (SELECT id FROM "
                       "requests_cms_informationrequest WHERE number LIKE 'bench-%')")
        cursor.execute("DELETE FROM requests_cms_informationrequest WHERE number LIKE 'bench-%'")
        cursor.execute("DELETE FROM requests_cms_applicant WHERE name LIKE 'bench-%'")
    agencies = list(Agency.objects.values_list("id", flat=True))
    kinds = ["natural_person"] * 70 + ["business"] * 15 + ["research", "public_interest", "legal_services"] * 3 + \
        ["other"] * 6
    rng = random.Random(20251231)
    Applicant.objects.bulk_create([Applicant(agency_id=rng.choice(agencies), kind=rng.choice(kinds),
                                             name=f"bench-{i}", search_grams=document(f"bench-{i}"))
                                   for i in range(20_000)], batch_size=5000)
    applicants = list(Applicant.objects.filter(name__startswith=marker).values_list("id", "agency_id"))
    outcomes = [o.value for o in Outcome]
    first, span = date(2019, 1, 1), (TODAY - date(2019, 1, 1)).days
    columns = ("state, agency_id, number, year, sequence, applicant_id, channel, post_kind, received_on, "
               "submitted_on, received_override_reason, description, purpose, requested_form, delivery_method, "
               "due_provisional, outcome, replied_on, concluded_on, imported, version, created_at, updated_at, "
               "search_grams")
    now = f"{TODAY.isoformat()} 00:00:00+00"
    with connection.cursor() as cursor, cursor.copy(
            f"COPY requests_cms_informationrequest ({columns}) FROM STDIN") as copy:
        for i in range(rows):
            applicant_id, agency_id = applicants[i % len(applicants)]
            received = first + timedelta(days=rng.randrange(span))
            concluded = received + timedelta(days=rng.randrange(1, 70))
            done = concluded <= TODAY and rng.random() > 0.05
            outcome = rng.choice(outcomes) if done else ""
            copy.write_row(("closed" if done else "accepted", agency_id, f"bench-{i}", received.year, i,
                            applicant_id, "in_person", "", received, received, "", "bench", "", "paper", "post",
                            False, outcome, concluded if done else None, concluded if done else None, True, 1,
                            now, now, document(f"bench-{i}", "bench")))
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO requests_cms_challenge (request_id, kind, body, case_number, received_on, "
            "simple_procedure, answer_due, result, orders_new_reply, imported) "
            "SELECT id, (ARRAY['reconsideration','lawsuit_direct','lawsuit_after_reconsideration'])[1 + mod(id, 3)], "
            "'bench', '', concluded_on + 30, false, concluded_on + 45, "
            "(ARRAY['upheld','corrected','other','pending'])[1 + mod(id, 4)], false, true "
            "FROM requests_cms_informationrequest WHERE number LIKE 'bench-%' AND concluded_on IS NOT NULL "
            "AND mod(id, 50) = 0")
        cursor.execute("ANALYZE requests_cms_informationrequest")
        cursor.execute("ANALYZE requests_cms_applicant")
        cursor.execute("ANALYZE requests_cms_challenge")
    print(f"wrote {rows:,} requests with COPY in {time.perf_counter() - started:.1f} s")


def hand_written(year):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(HAND_WRITTEN, {"jan1": date(year, 1, 1), "dec31": date(year, 12, 31)})
        return cursor.fetchall()


def agree(report, raw):
    """The report's totals equal those of the hand-written query's rows."""
    new = sum(r[3] for r in raw if r[0] == "request")
    carried_in = sum(r[4] for r in raw if r[0] == "request")
    concluded = sum(r[5] for r in raw if r[0] == "request")
    carried_out = sum(r[6] - r[5] for r in raw if r[0] == "request")
    challenges = sum(r[3] for r in raw if r[0] == "challenge")
    cells = report.cells
    ours = (cells["new"]["total"], cells["carried_in"]["total"], cells["七"]["total"], cells["carried_out"]["total"],
            sum(block["total"] for block in report.challenges.values()))
    return ours == (new, carried_in, concluded, carried_out, challenges), ours


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not url.startswith("postgres"):
        print("this benchmark needs PostgreSQL (DATABASE_URL=postgres://...)", file=sys.stderr)
        return 2
    ensure_database(url)
    setup_django(url)
    populate(args.rows, args.fresh)
    from requests_cms.reports.annual import annual_report

    report, raw = annual_report(year=args.year), hand_written(args.year)  # warm-up (caches, plans)
    same, totals = agree(report, raw)
    if not same:
        print(f"MISMATCH: report {totals} vs hand-written query", file=sys.stderr)
        return 1
    ours, theirs = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        annual_report(year=args.year)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        hand_written(args.year)
        theirs.append(time.perf_counter() - start)
    ours_ms, theirs_ms = statistics.median(ours) * 1e3, statistics.median(theirs) * 1e3
    ratio = ours_ms / theirs_ms
    from requests_cms.models import InformationRequest

    print(f"requests in database: {InformationRequest.objects.count():,}; year {args.year}; "
          f"totals new/carried in/concluded/carried out/challenges = {totals}; median of {args.repeat} runs")
    print(f"annual_report (city):      {ours_ms:9.1f} ms")
    print(f"hand-written GROUP BY SQL: {theirs_ms:9.1f} ms")
    print(f"ratio report / SQL:        {ratio:9.2f}x   (goal <= {GOAL}x) {'OK' if ratio <= GOAL else 'MISSED'}")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
