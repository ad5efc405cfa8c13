"""One settings module, driven by the environment.

DATABASE_URL   default sqlite:///db.sqlite3 (PostgreSQL in production: postgres://user@host/db)
SECRET_KEY     required unless DEBUG is on; the server refuses to start with a placeholder
DEBUG          "1"/"true" to enable; off by default
ALLOWED_HOSTS  comma-separated; defaults to localhost when DEBUG is on
Every other variable is listed, with its default and meaning, in docs/deployment.md.
"""

import os
import sys
from pathlib import Path

import dj_database_url
import django
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
# Under pytest the insecure development key is acceptable; nowhere else without DEBUG.
TESTING = env_bool("REQUESTS_CMS_TESTING", False) or "pytest" in sys.modules

_INSECURE_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY == _INSECURE_KEY or SECRET_KEY.startswith("django-insecure"):
    if DEBUG or TESTING:
        SECRET_KEY = SECRET_KEY or _INSECURE_KEY
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a real secret (at least 50 random characters) when DEBUG is off."
        )

# The key that signs the audit record (HMAC-SHA256, docs/audit.md). Never SECRET_KEY and never in the database: a
# database administrator who has the source but not this key cannot rewrite the record unnoticed.
# AUDIT_SIGNING_KEY_ID names it on every event it signs; AUDIT_VERIFY_KEYS ("id:key,id:key") are retired keys still
# accepted for verification after a rotation.
_DEV_AUDIT_KEY = "insecure-development-audit-key-do-not-use-in-production"
AUDIT_SIGNING_KEY = os.environ.get("AUDIT_SIGNING_KEY", "")
AUDIT_SIGNING_KEY_ID = os.environ.get("AUDIT_SIGNING_KEY_ID", "dev" if not AUDIT_SIGNING_KEY else "k1").strip()
if not AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY == _DEV_AUDIT_KEY:
    if DEBUG or TESTING:
        AUDIT_SIGNING_KEY = _DEV_AUDIT_KEY
    else:
        raise ImproperlyConfigured("AUDIT_SIGNING_KEY must be set (at least 32 random characters, not SECRET_KEY) "
                                   "when DEBUG is off.")
elif len(AUDIT_SIGNING_KEY) < 32 or AUDIT_SIGNING_KEY == SECRET_KEY:
    raise ImproperlyConfigured("AUDIT_SIGNING_KEY must be at least 32 characters and differ from SECRET_KEY.")
AUDIT_VERIFY_KEYS = {}
for _item in os.environ.get("AUDIT_VERIFY_KEYS", "").split(","):
    if _item.strip():
        _kid, _sep, _key = _item.strip().partition(":")
        if not _sep or not _kid or not _key:
            raise ImproperlyConfigured("AUDIT_VERIFY_KEYS is a comma-separated list of id:key")
        AUDIT_VERIFY_KEYS[_kid] = _key
# Where `manage.py audit_checkpoint` writes the signed chain heads: outside the database, ideally WORM storage or a
# mount of another host. verify_audit and the case file read the newest valid checkpoint from here.
AUDIT_CHECKPOINT_DIR = Path(os.environ.get("AUDIT_CHECKPOINT_DIR", BASE_DIR / "var" / "audit-checkpoints"))

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if not ALLOWED_HOSTS and (DEBUG or TESTING):
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "django_fsm",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_filters",
    "csp",
    "workday_calendars",
    "letters",
    "requests_cms",
    "captcha",  # django-simple-captcha: the public side's local image captcha after repeated failures
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "requests_cms.middleware.RefuseControlCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "requests_cms.middleware.PageCSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "requests_cms.urls"
WSGI_APPLICATION = "requests_cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "requests_cms.context_processors.menu",
            ],
        },
    },
    # Jinja2 renders what is repeated many times on a page, several times faster than Django templates (measured
    # with bench/pages.py): the row tables of the dashboard and the list (jinja2/, rendered by views/rows.py), and
    # form widgets: 'django.forms' is not an installed app, so the engine above does not find Django's widget
    # templates and the form renderer falls through to their Jinja2 versions. Admin widgets still come from above.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2", Path(django.__file__).resolve().parent / "forms" / "jinja2"],
        "APP_DIRS": False,
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
# PostgreSQL plans for spinning disks by default (random_page_cost 4): with a city's requests in memory or on SSD it
# then reads a whole year of every agency through the received_on index to count one agency's filtered list.
# 1.1 is the usual value for SSD; set PG_RANDOM_PAGE_COST="" when a pooler refuses startup options (then set it on
# the database: ALTER DATABASE ... SET random_page_cost = 1.1).
PG_RANDOM_PAGE_COST = os.environ.get("PG_RANDOM_PAGE_COST", "1.1")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and PG_RANDOM_PAGE_COST:
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c random_page_cost={float(PG_RANDOM_PAGE_COST)}"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "requests_cms.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # The display name, username and agency name; and the current or one of the last five passwords.
    {"NAME": "requests_cms.passwords.PersonalInfoValidator"},
    {"NAME": "requests_cms.passwords.RecentPasswordValidator", "OPTIONS": {"history": 5}},
]

if TESTING:  # hashing is not under test; the default costs ~0.3 s per user
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
# Files go through Django's storage API (uploads, case-file exports), so several app servers can share one store.
# STORAGE_BACKEND=filesystem (default): MEDIA_ROOT, which every app server and worker must share (NFS or one host).
# STORAGE_BACKEND=s3: an S3-compatible object store through django-storages; needs requirements-s3.txt (boto3)
# and the AWS_* variables below. Frozen letters are not files: they live in the database (Letter.pdf).
STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "filesystem").strip().lower()
if STORAGE_BACKEND == "s3":
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "access_key": os.environ.get("AWS_S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("AWS_S3_SECRET_ACCESS_KEY") or None,
        "location": os.environ.get("AWS_LOCATION", ""),
        "default_acl": None, "querystring_auth": True, "file_overwrite": False,
        "object_parameters": {"ContentDisposition": "attachment"},
    }}
    if not _default_storage["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs AWS_STORAGE_BUCKET_NAME")
elif STORAGE_BACKEND == "filesystem":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(f"STORAGE_BACKEND must be filesystem or s3, not {STORAGE_BACKEND!r}")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded scans and frozen letters live outside the web root and are only served by
# views that check permissions first; MEDIA_URL is deliberately not routed.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
# Pixels per uploaded image, checked from the header before decoding: an A4 page scanned at 600 dpi is 34.8 million.
UPLOAD_MAX_PIXELS = int(os.environ.get("UPLOAD_MAX_PIXELS", str(36_000_000)))
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Sessions expire: 8 working hours, and on browser close.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Reverse proxies whose X-Forwarded-For we believe (comma-separated addresses or networks, e.g. the nginx host
# "127.0.0.1,::1"); the client address is then the last one in the header that is not one of them (client_ip.py).
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]

# django-axes: lock a username from one real client address after 5 failures, for an hour. Counting by username
# AND address means that failures from an outsider's address never lock the account for its owner elsewhere;
# the address is the real client's behind our proxies (AXES_CLIENT_IP_CALLABLE), never the proxy's own.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "requests_cms.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from this site only; no inline script or
# style, no plugins, no framing. Uploaded images shown in the browser get a stricter sandbox policy of their own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gkb@gaoping.gov.cn")
# With EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend: the relay (a local MTA by default).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30
# The address staff open the system at, named in the reminder e-mails (e.g. https://cms.example.gov.cn/).
SITE_URL = os.environ.get("SITE_URL", "")

if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP

# --- Background work: Celery with Redis (docs/deployment.md) ---
# No broker configured (the embedded default, `make run`, the tests): every task runs in the calling process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://localhost/"
# Jobs keep their state on their own rows (models/jobs.py); a result backend is only for operators who want one.
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "Asia/Shanghai"
# A task is acknowledged after it ran, re-queued when its worker process dies, and each worker takes one at a time.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The longest job may run JOBS_TIME_LIMIT seconds; Redis re-delivers an unacknowledged message only after the
# visibility timeout, which must be longer (else a second worker starts a job that is still running).
JOBS_TIME_LIMIT = int(os.environ.get("JOBS_TIME_LIMIT", "1800"))
JOBS_SOFT_TIME_LIMIT = max(JOBS_TIME_LIMIT - 60, 30)
CELERY_TASK_TIME_LIMIT = JOBS_TIME_LIMIT
CELERY_TASK_SOFT_TIME_LIMIT = JOBS_SOFT_TIME_LIMIT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", str(JOBS_TIME_LIMIT + 1800))),
}
if CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= JOBS_TIME_LIMIT and not TESTING:
    raise ImproperlyConfigured("CELERY_VISIBILITY_TIMEOUT must be longer than JOBS_TIME_LIMIT")
# A job row's heartbeat: a worker beats every JOBS_HEARTBEAT_SECONDS; a running job silent for JOBS_STALE_SECONDS
# is re-queued (or failed after JOBS_MAX_ATTEMPTS executions) by the reaper run every JOBS_REAP_SECONDS by beat.
JOBS_HEARTBEAT_SECONDS = float(os.environ.get("JOBS_HEARTBEAT_SECONDS", "20"))
JOBS_STALE_SECONDS = float(os.environ.get("JOBS_STALE_SECONDS", "120"))
JOBS_REAP_SECONDS = float(os.environ.get("JOBS_REAP_SECONDS", "60"))
JOBS_MAX_ATTEMPTS = int(os.environ.get("JOBS_MAX_ATTEMPTS", "3"))
# A queued job whose message is older than this is sent again (a broker restarted without its data).
JOBS_REDISPATCH_SECONDS = float(os.environ.get("JOBS_REDISPATCH_SECONDS", "900"))
# Staff SMS (requests_cms/sms.py, docs/notifications.md): the backend class, its file (FileBackend) or gateway
# (HttpGatewayBackend: URL, key, template id).
SMS_BACKEND = os.environ.get("SMS_BACKEND", "requests_cms.sms.FileBackend")
SMS_FILE_PATH = os.environ.get("SMS_FILE_PATH", str(BASE_DIR / "var" / "sms.jsonl"))
SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
SMS_GATEWAY_KEY = os.environ.get("SMS_GATEWAY_KEY", "")
SMS_TEMPLATE_ID = os.environ.get("SMS_TEMPLATE_ID", "")
SMS_GATEWAY_TIMEOUT = float(os.environ.get("SMS_GATEWAY_TIMEOUT", "10"))

CELERY_BEAT_SCHEDULE = {
    "jobs-reap": {"task": "requests_cms.jobs_reap", "schedule": JOBS_REAP_SECONDS},
    "reminders-digest": {"task": "requests_cms.reminders_digest", "schedule": crontab(
        hour=int(os.environ.get("REMIND_HOUR", "7")), minute=int(os.environ.get("REMIND_MINUTE", "30")))},
    "outbox-send": {"task": "requests_cms.outbox_send", "schedule": 300.0},
    "public-outbox-send": {"task": "public.outbox_send", "schedule": 60.0},  # applicants (public/tasks.py)
    "list-exports-expire": {"task": "requests_cms.list_exports_expire", "schedule": 3600.0},
}
# List exports (台账导出): a file is kept this many hours, then deleted by the hourly beat task; written first to a
# temporary file in LIST_EXPORT_TEMP_DIR (empty: the system's temporary directory) then saved to the storage.
LIST_EXPORT_KEEP_HOURS = float(os.environ.get("LIST_EXPORT_KEEP_HOURS", "24"))
LIST_EXPORT_TEMP_DIR = os.environ.get("LIST_EXPORT_TEMP_DIR", "")
CELERY_BEAT_SCHEDULE_FILENAME = os.environ.get("CELERY_BEAT_SCHEDULE_FILENAME",
                                               str(BASE_DIR / "var" / "celerybeat-schedule"))

# --- Project policy (domain.md: every *configurable* point is a setting) ---
# Whether the fee period pauses the reply clock (FEE; default: excluded from the period).
FEE_PERIOD_PAUSES_CLOCK = env_bool("FEE_PERIOD_PAUSES_CLOCK", True)
# Annual-report row for not_this_agency (domain.md §5, configurable mapping).
NOT_THIS_AGENCY_REPORT_ROW = os.environ.get("NOT_THIS_AGENCY_REPORT_ROW", "四.1")
# Called with (start, end) after an official or regional calendar changes.
# Queued as a Celery task (in-process without a broker).
WORKDAY_CALENDARS_RECOMPUTE = "requests_cms.tasks.calendar_recompute_later"
# How long a process trusts its cached calendars before asking the database whether another process changed them.
# Tests roll calendar rows back between cases, so they look every time.
WORKDAY_CALENDARS_STAMP_SECONDS = 0 if TESTING else float(os.environ.get("WORKDAY_CALENDARS_STAMP_SECONDS", "5"))

# Letters: agencies that own licensed official faces point these at their files.
LETTER_FONTS = {
    "fangsong": os.environ.get("LETTER_FONT_FANGSONG", ""),
    "xiaobiaosong": os.environ.get("LETTER_FONT_XIAOBIAOSONG", ""),
    "heiti": os.environ.get("LETTER_FONT_HEITI", ""),
    "kaiti": os.environ.get("LETTER_FONT_KAITI", ""),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
# Default period given to the applicant to correct an application (REG 30 leaves it to the agency).
CORRECTION_PERIOD_WORKDAYS = int(os.environ.get("CORRECTION_PERIOD_WORKDAYS", "15"))
# Internal consultation (会办): the departments' internal due date defaults to this many workdays before the reply is
# due (services.deadlines.internal_due_default); it is never after the statutory due date.
INTERNAL_DUE_LEAD_WORKDAYS = int(os.environ.get("INTERNAL_DUE_LEAD_WORKDAYS", "5"))
# REG 35: the period the applicant is given to state the reasons for an unreasonable volume or frequency of requests
# (the law leaves it to the agency), and whether the reply clock is paused while the agency waits for them.
REASONS_PERIOD_WORKDAYS = int(os.environ.get("REASONS_PERIOD_WORKDAYS", "15"))
REASONS_PERIOD_PAUSES_CLOCK = os.environ.get("REASONS_PERIOD_PAUSES_CLOCK", "1") == "1"
# History is evidence: the admin shows it but never reverts to it.
SIMPLE_HISTORY_REVERT_DISABLED = True
AXES_VERBOSE = False
