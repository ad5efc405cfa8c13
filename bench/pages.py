"""Benchmark: median server time of the staff pages with 100,000 requests in PostgreSQL, against a minimal view.

Run: .venv/bin/python bench/pages.py [--size N] [--repeat R] [--only TEXT]
DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/requests_cms_bench; the database is created when missing,
migrated, seeded with the demo organisation and users, then filled with bulk_create (not the services: fast) up to
--size requests, inserted in the order they arrived over three years (as a production table grows), with about one
applicant per three requests. Each page is fetched with django.test.Client (DEBUG off, same middleware as
production) after a warm-up; the minimal view is a login-required HttpResponse behind the same stack, measured in
the same run.
Goal (issue 5): each page at most 50 ms median.
"""

import argparse
import functools
import os
import random
import secrets
import statistics
import sys
import time
import types
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/requests_cms_bench"
GOAL_MS = 50.0


def configure_environment():
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(60))
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "requests_cms.settings")


def create_database_if_missing(url):
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    if "postgresql" not in cfg["ENGINE"]:
        sys.exit("bench/pages.py needs PostgreSQL (DATABASE_URL=postgres://…)")
    conninfo = dict(host=cfg["HOST"] or None, port=cfg["PORT"] or None, user=cfg["USER"] or None,
                    password=cfg["PASSWORD"] or None, dbname="postgres")
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v}, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
            print(f"created database {cfg['NAME']}")


def minimal_urlconf():
    """The site's routes plus /bench-minimal/: the same middleware and login, no work."""
    from django.contrib.auth.decorators import login_required
    from django.http import HttpResponse
    from django.urls import include, path

    @login_required
    def minimal(request):
        return HttpResponse("ok")

    module = types.ModuleType("bench_pages_urls")
    module.urlpatterns = [path("bench-minimal/", minimal, name="bench_minimal"), path("", include("requests_cms.urls"))]
    sys.modules[module.__name__] = module
    return module.__name__


# --- data ---------------------------------------------------------------------------------------------------------
def prepare(size):
    from django.core.management import call_command

    from requests_cms.demo.organisation_loader import load_organisation
    from requests_cms.demo.requests import load_requests
    from requests_cms.demo.users import load_users
    from requests_cms.models import InformationRequest

    call_command("migrate", verbosity=0)
    load_organisation()  # seed_demo refuses with DEBUG off; the loaders it calls are idempotent
    load_users()
    load_requests()
    have = InformationRequest.objects.count()
    if have < size:
        started = time.perf_counter()
        fill(size - have)
        print(f"bulk-created {size - have} requests in {time.perf_counter() - started:.1f} s")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load: visibility map and statistics


def fill(count, seed=20260101):
    from django.db import transaction
    from django.utils import timezone

    from requests_cms.demo.content import APPLICANTS, DESCRIPTIONS
    from requests_cms.models import Agency, Applicant, User
    from requests_cms.search_grams import document
    from workday_calendars.registry import calendar_for_region

    rng = random.Random(seed)
    agencies = list(Agency.objects.order_by("id"))
    weights = [30 if a.code == "jyj" else 20 if a.code == "zrzyj" else 50 / max(1, len(agencies) - 2)
               for a in agencies]
    handlers = {}
    for user in User.objects.filter(agency__isnull=False):
        if user.has_role("handler"):
            handlers.setdefault(user.agency_id, []).append(user)
    picks = rng.choices(agencies, weights=weights, k=count)
    per_agency = {a.pk: 0 for a in agencies}
    for agency in picks:
        per_agency[agency.pk] += 1
    with transaction.atomic():  # about one applicant per APPLICANT_REQUESTS requests, as at a real desk
        applicants = {a.pk: Applicant.objects.bulk_create([
            Applicant(agency=a, **{**APPLICANTS[i % len(APPLICANTS)], "name": _name(APPLICANTS, i)},
                      search_grams=document(_name(APPLICANTS, i)))
            for i in range(max(40, per_agency[a.pk] // APPLICANT_REQUESTS))], batch_size=5000) for a in agencies}
    batch, made = [], 0
    # Rows are inserted in the order requests arrive, as in production: the open (recent) ones sit together at the
    # end of the table instead of one per page across it.
    days_ago = sorted((rng.randint(0, 3 * 365) for _ in picks), reverse=True)
    sequences = {}
    calendar, today = calendar_for_region("national"), timezone.localdate()
    for agency, days in zip(picks, days_ago, strict=True):
        batch.append(_request(rng, agency, applicants[agency.pk], handlers.get(agency.pk, [None]), DESCRIPTIONS,
                              sequences, calendar, today, days))
        if len(batch) == 5000:
            made += _flush(batch)
            batch = []
    made += _flush(batch)
    _steps(rng)
    return made


def _name(applicants, i):
    return f"{applicants[i % len(applicants)]['name']}{i}"


APPLICANT_REQUESTS = 3
RECENT_DAYS = 45  # requests received in the last 45 days may still be open; older ones are concluded
CHANNELS = ["in_person", "post", "online", "email", "fax"]


@functools.cache
def _mixes():
    """(states of recent requests with weights, of older ones, the replied states); read after django.setup()."""
    from requests_cms.workflow import State as S

    recent = [(S.ACCEPTED, 30), (S.REGISTERED, 5), (S.CORRECTION_REQUESTED, 5), (S.CONSULTING, 5),
              (S.FEE_PENDING, 3), (S.OPINION_PROPOSED, 10), (S.DECIDED, 5), (S.PENDING_APPROVAL, 8), (S.APPROVED, 5),
              (S.DELIVERED, 12), (S.CLOSED, 12)]
    old = [(S.CLOSED, 90), (S.DELIVERED, 3), (S.WITHDRAWN, 3), (S.ABANDONED, 4)]
    return recent, old, (S.CLOSED, S.DELIVERED)


@functools.cache
def _outcomes():
    """The outcomes concluded bench requests get, drawn uniformly."""
    from requests_cms.models import Outcome

    return (Outcome.DISCLOSED, Outcome.PARTLY_DISCLOSED, Outcome.ALREADY_PUBLIC, Outcome.NOT_HELD,
            Outcome.WITHHELD_PROCESS_INFO, Outcome.NEEDS_CREATION)


def _pick(rng, mix):
    return rng.choices([s for s, _ in mix], weights=[w for _, w in mix])[0]


def _request(rng, agency, applicants, handlers, descriptions, sequences, calendar, today, days_ago):
    from requests_cms.models import InformationRequest
    from requests_cms.search_grams import document
    from requests_cms.workflow import State

    recent, old, replied_states = _mixes()
    state = _pick(rng, recent if days_ago <= RECENT_DAYS else old)
    received = today - timedelta(days=days_ago)
    due = calendar.add_workdays(received, 20)
    replied = min(today, received + timedelta(days=rng.randint(5, 32))) if state in replied_states else None
    key = (agency.pk, received.year)
    sequences[key] = sequences.get(key, 0) + 1
    number = f"{agency.code.upper()}-B{received.year}-{sequences[key]:06d}"
    description = f"{rng.choice(descriptions)}（{rng.randint(1, 99999)}）"
    return InformationRequest(  # bulk_create skips save(): the search grams are set here
        agency=agency, number=number, year=received.year,
        sequence=sequences[key], applicant=rng.choice(applicants), channel=rng.choice(CHANNELS),
        submitted_on=received, received_on=received, description=description,
        search_grams=document(number, description),
        handler=rng.choice(handlers), state=state, clock_start=received,
        due_date=None if state == State.CORRECTION_REQUESTED else due,
        outcome=rng.choice(_outcomes()) if state in replied_states else "",
        replied_on=replied,
        concluded_on=replied if state in (State.CLOSED, State.WITHDRAWN, State.ABANDONED) else None,
    )


def _flush(batch):
    from requests_cms.models import InformationRequest

    InformationRequest.objects.bulk_create(batch, batch_size=5000)
    return len(batch)


def _steps(rng):
    """Open consultations and pending challenges so that every dashboard section has rows to find."""
    from django.utils import timezone

    from requests_cms.models import Challenge, Consultation, InformationRequest
    from requests_cms.workflow import State

    today = timezone.localdate()
    consulting = InformationRequest.objects.filter(state=State.CONSULTING, number__contains="-B").only("id")
    Consultation.objects.bulk_create([
        Consultation(request=r, party_kind="third_party", party_name="某公司", sent_on=today - timedelta(days=15),
                     window_ends_on=today + timedelta(days=rng.randint(-3, 10))) for r in consulting])
    closed = InformationRequest.objects.filter(state=State.CLOSED, number__contains="-B").only("id")[:300]
    Challenge.objects.bulk_create([
        Challenge(request=r, kind="reconsideration", body="高平市人民政府", received_on=today - timedelta(days=3),
                  answer_due=today + timedelta(days=rng.randint(-2, 14))) for r in closed])


# --- measuring ----------------------------------------------------------------------------------------------------
def pages():
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from requests_cms.models import InformationRequest
    from requests_cms.workflow import State

    sample = InformationRequest.objects.filter(agency__code="jyj", state=State.ACCEPTED).order_by("-id").first()
    since = (timezone.localdate() - timedelta(days=365)).isoformat()
    result = [
        ("minimal view", "jyj-handler", "/bench-minimal/"),
        ("dashboard (handler)", "jyj-handler", reverse("dashboard")),
        ("dashboard (approver)", "jyj-approver", reverse("dashboard")),
        ("dashboard (oversight)", "oversight", reverse("dashboard")),
        ("list", "jyj-handler", reverse("request_list")),
        ("list filtered", "jyj-handler",
         f"{reverse('request_list')}?state=closed&channel=post&received_from={since}&outcome=disclosed"),
        ("list searched", "jyj-handler", f"{reverse('request_list')}?q=预算"),
        ("list searched+filtered", "jyj-handler", f"{reverse('request_list')}?q=学校 招生&received_from={since}"),
        ("list page 40 (oversight)", "oversight", f"{reverse('request_list')}?page=40"),
        ("list overdue (oversight)", "oversight", f"{reverse('request_list')}?overdue=on&open=on"),
        ("deadline explanation", "jyj-handler", reverse("deadline_explain", kwargs={"pk": sample.pk})),
    ]
    try:
        result.append(("case page", "jyj-handler", reverse("request_detail", kwargs={"pk": sample.pk})))
    except NoReverseMatch:
        print("note: route request_detail does not exist yet; the case page is skipped")
    return result


def measure(client, url, repeat):
    from django.db import connection

    for _ in range(3):
        response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code)
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        client.get(url, secure=True)
    times, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url, secure=True)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1], statistics.median(cpu), len(queries)


def run(repeat, only=None):
    from django.test import Client

    from requests_cms.models import User

    clients = {}
    rows = []
    for label, username, url in pages():
        if only and only not in label and label != "minimal view":
            continue
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        rows.append((label, *measure(clients[username], url, repeat)))
    return rows


def report(rows, total):
    baseline = rows[0][1]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{total} requests in the database; median of the runs, server time via django.test.Client")
    print(f"load average {load} on {os.cpu_count()} CPUs (other work on the machine inflates every figure)")
    print("cpu ms = CPU time of the Django process (Python only; the database's time is in wall time)")
    print(f"{'page':28} {'median ms':>10} {'p90 ms':>8} {'cpu ms':>8} {'queries':>8} {'× minimal':>10}"
          f"  goal ≤ {GOAL_MS:.0f} ms")
    failed = []
    for label, median, p90, cpu, queries in rows:
        ok = median <= GOAL_MS
        failed += [] if ok else [label]
        print(f"{label:28} {median:10.1f} {p90:8.1f} {cpu:8.1f} {queries:8d} {median / baseline:10.1f}"
              f"  {'ok' if ok else 'SLOW'}")
    print("all pages within the goal" if not failed else f"over the goal: {', '.join(failed)}")
    return not failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="requests in the database (default 100000)")
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per page (default 30)")
    parser.add_argument("--only", help="measure only pages whose label contains this text")
    args = parser.parse_args()
    configure_environment()
    create_database_if_missing(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = minimal_urlconf()
    prepare(args.size)
    from requests_cms.models import InformationRequest

    ok = report(run(args.repeat, args.only), InformationRequest.objects.count())
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
