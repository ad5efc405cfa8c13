"""The benchmarks' data: up to millions of requests with the records real ones have, in PostgreSQL.

    .venv/bin/python bench/data.py --size 1000000        # load (or top up) requests_cms_bench_scale_1m

The demo requests (about 40 in every state, made through the services: events, letters with their PDFs, decisions,
approvals, deliveries with postal events, consultations and pauses, extensions, fees, corrections, challenges, the
request's history rows) are the templates. Each bench request is a copy of one template with its own id, number,
agency, applicant, handler and description, every date moved back by whole weeks (weekdays stay weekdays), its event
chain re-signed (HMAC with the bench's fixed AUDIT_SIGNING_KEY, anchors pointing at the copy's own letters and
request-history rows). Requests received in the last 45 days copy any template (open ones
stay open); older ones copy a finished one (closed, challenged, withdrawn, abandoned). Written with COPY, secondary
indexes dropped during the load and rebuilt after, then the report tallies are recounted by `recompute_tallies`
and the tables analysed.

Letter PDFs: a copy keeps the template's real PDF (about 70 KiB) when its agency is the education bureau (jyj, whose
pages the benches open) and it was received in the last 45 days; other copies keep the PDF's first KiB (a million
full PDFs would need ~100 GB). Step records' own history tables (simple-history of decisions, deliveries...) are not
copied: no page reads them; the request's history rows are.

Run time here (2 CPUs, shared): see bench/README.md.
"""

import argparse
import hashlib
import os
import random
import secrets
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WEEKS_BACK = 5 * 52  # history spread over about five years
RECENT_DAYS = 45
FULL_PDF_AGENCY = "jyj"
PDF_STUB_BYTES = 1024
APPLICANT_REQUESTS = 3  # about one applicant per three requests, as at a real desk
BATCH = 2000


def database_url(size):
    label = f"{size // 1_000_000}m" if size % 1_000_000 == 0 else f"{size // 1000}k"
    return os.environ.get("DATABASE_URL") or f"postgres://postgres@127.0.0.1:5432/requests_cms_bench_scale_{label}"


def configure(url):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(60))
    # The bench data's events are MACed with this key (a fixed one, so a loaded database verifies on every run).
    os.environ.setdefault("AUDIT_SIGNING_KEY", "bench-only-audit-signing-key-not-for-production-0001")
    os.environ.setdefault("AUDIT_SIGNING_KEY_ID", "bench")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("MEDIA_ROOT", str(ROOT / "var" / "bench-media"))
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "requests_cms.settings")


def ensure_database(url):
    import psycopg
    from psycopg import sql

    if not url.startswith("postgres"):
        sys.exit("the benchmarks need PostgreSQL (DATABASE_URL=postgres://…)")
    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def setup(size, url=None):
    """Environment, database, Django, migrations; returns the database URL."""
    url = url or database_url(size)
    configure(url)
    ensure_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


# --- templates ------------------------------------------------------------------------------------------------------
def _owned_models():
    """Models whose rows belong to one request (through a chain of foreign keys), the request first."""
    from django.apps import apps

    from requests_cms.models import InformationRequest

    skip = {"CaseFileExport", "TallyState"}
    owned = [InformationRequest]
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            if model in owned or model.__name__ in skip or model.__name__.startswith("Historical"):
                continue
            if any(f.is_relation and f.related_model in owned for f in model._meta.concrete_fields):
                owned.append(model)
                changed = True
    return owned


class Template:
    """One demo request and every row it owns: {model: [row dicts by attname]}, its history rows."""

    def __init__(self, row):
        self.request_id = row["id"]
        self.rows = defaultdict(list)
        self.history = []
        self.received = row["received_on"]
        self.finished = row["state"] in ("closed", "withdrawn", "abandoned")
        # Of the finished requests about nine in ten are closed with a reply, the rest withdrawn or abandoned.
        self.weight = 8 if row["state"] == "closed" else 1  # (the challenged one: set once its rows are read)


def templates():
    """The demo requests (numbers without "-B") as templates, every row they own read in one query per table."""
    from requests_cms.models import InformationRequest

    owned = _owned_models()
    by_id = {}
    for row in InformationRequest.objects.exclude(number__contains="-B").order_by("pk").values():
        by_id[row["id"]] = Template(row)
        by_id[row["id"]].rows[InformationRequest].append(row)
    owner = {InformationRequest: {pk: pk for pk in by_id}}  # model -> row pk -> template request id
    pending = list(owned[1:])
    while pending:
        for model in list(pending):
            links = [f for f in model._meta.concrete_fields if f.is_relation and f.related_model in owned
                     and f.related_model is not model]
            if any(f.related_model in pending for f in links):
                continue
            pending.remove(model)
            owner[model] = {}
            query = None
            for f in links:
                part = model.objects.filter(**{f"{f.attname}__in": list(owner[f.related_model])})
                query = part if query is None else query | part
            for row in query.order_by("pk").values():
                template = next(owner[f.related_model][row[f.attname]] for f in links
                                if row[f.attname] in owner[f.related_model])
                owner[model][row[model._meta.pk.attname]] = template
                by_id[template].rows[model].append(row)
    history = InformationRequest.history.model
    for row in history.objects.filter(id__in=list(by_id)).order_by("history_id").values():
        by_id[row["id"]].history.append(row)
    for template in by_id.values():
        if any(m.__name__ == "Challenge" for m in template.rows if template.rows[m]):
            template.weight = 1  # about one finished request in sixty is challenged
    return owned, list(by_id.values())


# --- copying --------------------------------------------------------------------------------------------------------
class Copier:
    """Builds the rows of one copy of a template; ids come from per-table counters started past the current max."""

    def __init__(self, owned, agencies, users, rng):
        from django.db import connection

        self.owned, self.rng = owned, rng
        self.unsigned = []  # copies whose events are signed once their history rows are written
        self.agencies = agencies
        self.users = users  # template user id -> {agency id: user id}
        self.next_id = {}
        with connection.cursor() as cursor:
            for model in [*owned, owned[0].history.model]:
                pk = model._meta.pk
                cursor.execute(f"SELECT COALESCE(MAX({pk.column}), 0) FROM {model._meta.db_table}")
                self.next_id[model] = cursor.fetchone()[0] + 1
        self.dates = {m: [f.attname for f in m._meta.concrete_fields if f.get_internal_type() == "DateField"]
                      for m in [*owned, owned[0].history.model]}
        self.times = {m: [f.attname for f in m._meta.concrete_fields if f.get_internal_type() == "DateTimeField"]
                      for m in [*owned, owned[0].history.model]}
        self.links = {m: [(f.attname, f.related_model) for f in m._meta.concrete_fields
                          if f.is_relation and f.related_model in owned] for m in owned}
        self.user_links = {m: [f.attname for f in m._meta.concrete_fields
                               if f.is_relation and f.related_model.__name__ == "User"]
                           for m in [*owned, owned[0].history.model]}

    def _id(self, model):
        value = self.next_id[model]
        self.next_id[model] += 1
        return value

    def copy(self, template, *, agency, applicant_id, number, year, sequence, description, weeks, full_pdf, out):
        from requests_cms.models import InformationRequest, RequestEvent
        from requests_cms.search_grams import document

        shift = timedelta(weeks=weeks)
        mine = {"events": [], "letters": {}, "history": {}}
        new_ids = {}
        for model in self.owned:
            pk = model._meta.pk.attname
            for row in template.rows.get(model, ()):
                new_ids[(model, row[pk])] = self._id(model)
        request_id = new_ids[(InformationRequest, template.rows[InformationRequest][0]["id"])]
        names = {"agency_id": agency.pk}
        for model in self.owned:
            rows = template.rows.get(model, ())
            pk = model._meta.pk.attname
            built = []
            for row in rows:
                new = dict(row)
                new[pk] = new_ids[(model, row[pk])]
                for attname, target in self.links[model]:
                    if new[attname] is not None:
                        new[attname] = new_ids.get((target, new[attname]), new[attname])
                self._move(model, new, shift, agency)
                if "agency_id" in new:
                    new["agency_id"] = agency.pk
                built.append(new)
            if model is InformationRequest:
                req = built[0]
                req.update(applicant_id=applicant_id, number=number, year=year, sequence=sequence,
                           description=description, search_grams=document(number, description), **names)
            elif model is RequestEvent:
                built.sort(key=lambda r: r["seq"])
                for event in built:
                    if event["actor_name"] and "（" in event["actor_name"]:
                        event["actor_name"] = event["actor_name"].split("（")[0] + f"（{agency.name}）"
                mine["events"] = built  # signed below, once the letters and history rows they anchor are built
            elif model.__name__ == "Challenge" and weeks > 26:  # an old challenge has its result by now
                for challenge in built:
                    if challenge["result"] == "pending":
                        challenge["result"] = self.rng.choice(("upheld", "upheld", "upheld", "corrected", "other"))
                        challenge["result_on"] = challenge["received_on"] + timedelta(days=60)
            elif model.__name__ == "Letter":
                for letter in built:
                    if letter.get("document_number"):
                        letter["document_number"] = f"{letter['document_number']}-{request_id}"
                    if letter.get("pdf"):
                        letter["pdf"] = bytes(letter["pdf"] if full_pdf else letter["pdf"][:PDF_STUB_BYTES])
                        letter["sha256"] = hashlib.sha256(letter["pdf"]).hexdigest()
                mine["letters"] = {letter["id"]: letter for letter in built}
            out[model].extend(built)
        history_model = InformationRequest.history.model
        req = out[InformationRequest][-1]
        for row in template.history:
            new = dict(row)
            new["history_id"] = self._id(history_model)
            self._move(history_model, new, shift, agency)
            new.update(id=request_id, applicant_id=applicant_id, number=number, year=year, sequence=sequence,
                       description=description, **names)
            if "search_grams" in new:
                new["search_grams"] = req["search_grams"]
            out[history_model].append(new)
            mine["history"][row["history_id"]] = new
        self.unsigned.append((mine, new_ids))

    def sign_pending(self):
        """Sign the events of the copies made since the last call. Their request-history rows are in the database
        by now (COPY, same transaction): their digests are read from it, computed as event_record computes them."""
        from requests_cms.models import InformationRequest
        from requests_cms.services.audit_history import digests_of

        history = InformationRequest.history.model
        ids = [row["history_id"] for mine, _ in self.unsigned for row in mine["history"].values()]
        digests = dict(digests_of(history, history.objects.filter(pk__in=ids))) if ids else {}
        for mine, new_ids in self.unsigned:
            self._sign(mine, new_ids, digests)
        self.unsigned = []

    def _sign(self, mine, new_ids, digests):
        """The copy's chain, MACed with the bench's AUDIT_SIGNING_KEY: each event's anchors point at the copy's own
        letters and request-history rows (step records' history tables are not copied, so not anchored)."""
        from letters.models import LETTER_CONTENT_FIELDS, Letter, letter_content_digest
        from requests_cms.models import InformationRequest, RequestEvent
        from requests_cms.services.audit import sign

        label = InformationRequest._meta.label
        previous = "0" * 64
        for event in mine["events"]:
            anchors = dict(event.get("anchors") or {})
            letters = []
            for template_id, _sha256, _digest in anchors.get("letters", []):
                letter = mine["letters"].get(new_ids.get((Letter, template_id)))
                if letter is not None:
                    letters.append([letter["id"], letter["sha256"],
                                    letter_content_digest([letter[f] for f in LETTER_CONTENT_FIELDS])])
            history = []
            for model_label, template_history_id, _digest in anchors.get("history", []):
                row = mine["history"].get(template_history_id) if model_label == label else None
                if row is not None:
                    history.append([label, row["history_id"], digests[row["history_id"]]])
            anchors.update(letters=letters, history=history)
            event.update(anchors=anchors, prev_hash=previous)
            instance = sign(RequestEvent(**event))
            event.update(key_id=instance.key_id, hash=instance.hash)
            previous = instance.hash

    def _move(self, model, row, shift, agency):
        for name in self.dates[model]:
            if row[name] is not None:
                row[name] -= shift
        for name in self.times[model]:
            if row[name] is not None:
                row[name] -= shift
        for name in self.user_links[model]:
            if row[name] is not None:
                row[name] = self.users.get(row[name], {}).get(agency.pk, row[name])


def copy_rows(model, rows):
    """COPY the rows (dicts by attname, every concrete field, primary key included) into the model's table."""
    from django.db import connection
    from psycopg.types.json import Jsonb

    if not rows:
        return
    fields = model._meta.concrete_fields
    json_fields = {f.attname for f in fields if f.get_internal_type() == "JSONField"}
    names = [f.attname for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor, cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([Jsonb(row[n]) if n in json_fields else row[n] for n in names])


# --- the load -------------------------------------------------------------------------------------------------------
def bench_users():
    """A registrar, handler and approver in every agency (the demo has them in two), by template user."""
    from requests_cms.demo.users import STAFF
    from requests_cms.models import Agency, User

    users = defaultdict(dict)
    template_users = {u.username.split("-", 1)[1]: u.pk for u in User.objects.filter(username__startswith="jyj-")}
    for agency in Agency.objects.all():
        for suffix, _label, roles in STAFF:
            user, made = User.objects.get_or_create(
                username=f"{agency.code}-{suffix}",
                defaults=dict(full_name=f"{agency.short_name}{suffix}", agency=agency, roles=[str(r) for r in roles],
                              email=f"{agency.code}-{suffix}@example.gov.cn"))
            if made:
                user.set_unusable_password()
                user.save()
            if suffix in template_users:
                users[template_users[suffix]][agency.pk] = user.pk
    return dict(users)


def _secondary_indexes(tables):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) AND i.schemaname = "
            "'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)", [list(tables)])
        return cursor.fetchall()


def load(size, seed=20261201):
    """Top the database up to `size` requests; returns the seconds it took (0 when nothing was needed)."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from requests_cms.demo.content import APPLICANTS, DESCRIPTIONS
    from requests_cms.demo.organisation_loader import load_organisation
    from requests_cms.demo.requests import load_requests
    from requests_cms.demo.users import load_users
    from requests_cms.models import Agency, Applicant, InformationRequest, RequestEvent
    from requests_cms.search_grams import document

    load_organisation()  # seed_demo refuses with DEBUG off; the loaders it calls are idempotent
    load_users()
    load_requests()
    have = InformationRequest.objects.count()
    if have >= size:
        return 0.0
    started = time.perf_counter()
    users = bench_users()
    owned, tmpl = templates()
    finished = [t for t in tmpl if t.finished]
    finished_weights = [t.weight for t in finished]
    history_model = InformationRequest.history.model
    tables = [m._meta.db_table for m in [*owned, history_model, Applicant]]
    rng = random.Random(seed + have)
    agencies = list(Agency.objects.order_by("id"))
    weights = [30 if a.code == "jyj" else 20 if a.code == "zrzyj" else 50 / max(1, len(agencies) - 2)
               for a in agencies]
    count = size - have
    picks = rng.choices(agencies, weights=weights, k=count)
    today = date.today()
    # Received days spread over five years (in arrival order, as the table grows in production).
    offsets = sorted((rng.randint(0, WEEKS_BACK * 7) for _ in range(count)), reverse=True)
    indexes = _secondary_indexes(tables)
    with transaction.atomic():
        with connection.cursor() as cursor:
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        per_agency = defaultdict(int)
        for agency in picks:
            per_agency[agency.pk] += 1
        applicant_ids = {}
        for agency in agencies:
            n = max(20, per_agency[agency.pk] // APPLICANT_REQUESTS)
            made = Applicant.objects.bulk_create([
                Applicant(agency=agency, **{**APPLICANTS[i % len(APPLICANTS)],
                                            "name": f"{APPLICANTS[i % len(APPLICANTS)]['name']}{i}"},
                          search_grams=document(f"{APPLICANTS[i % len(APPLICANTS)]['name']}{i}"))
                for i in range(n)], batch_size=5000)
            applicant_ids[agency.pk] = [a.pk for a in made]
        copier = Copier(owned, agencies, users, rng)
        sequences = defaultdict(int)
        out = defaultdict(list)
        for i, (agency, days_ago) in enumerate(zip(picks, offsets, strict=True)):
            recent = days_ago <= RECENT_DAYS
            template = rng.choice(tmpl) if recent else rng.choices(finished, weights=finished_weights)[0]
            age = (today - template.received).days
            weeks = rng.choice((0, 0, 1)) if recent else max(0, (days_ago - age) // 7)
            received = template.received - timedelta(weeks=weeks)
            sequences[(agency.pk, received.year)] += 1
            sequence = sequences[(agency.pk, received.year)]
            copier.copy(template, agency=agency, applicant_id=rng.choice(applicant_ids[agency.pk]),
                        number=f"{agency.code.upper()}-B{received.year}-{sequence:06d}", year=received.year,
                        sequence=sequence, description=f"{rng.choice(DESCRIPTIONS)}（{rng.randint(1, 99999)}）",
                        weeks=weeks, full_pdf=recent and agency.code == FULL_PDF_AGENCY, out=out)
            if (i + 1) % BATCH == 0 or i + 1 == count:
                events = out.pop(RequestEvent, [])
                for model in [*owned, history_model]:
                    copy_rows(model, out.pop(model, []))
                copier.sign_pending()  # the events anchor the history rows just written (their digests)
                copy_rows(RequestEvent, events)
                if (i + 1) % (BATCH * 25) == 0:
                    print(f"  {i + 1:,} / {count:,} requests copied, {time.perf_counter() - started:.0f} s", flush=True)
        print(f"copied {count:,} requests in {time.perf_counter() - started:.0f} s; rebuilding indexes", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check the foreign keys now: indexes cannot wait
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
            for model in [*owned, history_model, Applicant]:
                pk = model._meta.pk.column
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{model._meta.db_table}', '{pk}'), "
                               f"(SELECT MAX({pk}) FROM {model._meta.db_table}))")
    print(f"indexes rebuilt at {time.perf_counter() - started:.0f} s; recounting the report tallies", flush=True)
    tally_started = time.perf_counter()
    call_command("recompute_tallies", verbosity=0)
    print(f"recompute_tallies: {time.perf_counter() - tally_started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load: visibility map and statistics
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="requests in the database (default 1000000)")
    args = parser.parse_args()
    url = setup(args.size)
    seconds = load(args.size)
    from requests_cms.models import InformationRequest

    print(f"{url.rsplit('/', 1)[1]}: {InformationRequest.objects.count():,} requests"
          + (f", loaded in {seconds / 60:.1f} min" if seconds else " (nothing to load)"))


if __name__ == "__main__":
    main()
