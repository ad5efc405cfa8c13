"""Production settings: no start without a real SECRET_KEY, and check --deploy is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a production check must not inherit it.
    dropped = {"DEBUG", "SECRET_KEY", "REQUESTS_CMS_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE", "AUDIT_SIGNING_KEY"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**clean, **env}, timeout=120)


def test_the_server_refuses_to_start_without_a_real_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="cms.example.gov.cn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        SECRET_KEY="k" * 20 + "Zx9!q#Lm2@Vb7$Tr4%Yh6^Nc1&Pw8*Gd3(Ks5)Fj0_Ue",
                        ALLOWED_HOSTS="cms.example.gov.cn", AUDIT_SIGNING_KEY="a" * 16 + "Qw3!Er5@Ty7#Ui9$Op0%As2^")
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize("audit_key", [None, "short", "k" * 20 + "Zx9!q#Lm2@Vb7$Tr4%Yh6^Nc1&Pw8*Gd3(Ks5)Fj0_Ue"])
def test_the_server_refuses_to_start_without_its_own_audit_signing_key(audit_key):
    env = {"SECRET_KEY": "k" * 20 + "Zx9!q#Lm2@Vb7$Tr4%Yh6^Nc1&Pw8*Gd3(Ks5)Fj0_Ue",
           "ALLOWED_HOSTS": "cms.example.gov.cn"}
    if audit_key:
        env["AUDIT_SIGNING_KEY"] = audit_key  # too short, or the SECRET_KEY itself
    result = run_manage("check", **env)
    assert result.returncode != 0 and "AUDIT_SIGNING_KEY" in result.stderr


def test_postgresql_sessions_plan_for_data_in_memory(db):
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL planner setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert float(cursor.fetchone()[0]) == 1.1


PRODUCTION = {"SECRET_KEY": "k" * 20 + "Zx9!q#Lm2@Vb7$Tr4%Yh6^Nc1&Pw8*Gd3(Ks5)Fj0_Ue",
              "ALLOWED_HOSTS": "cms.example.gov.cn", "AUDIT_SIGNING_KEY": "a" * 16 + "Qw3!Er5@Ty7#Ui9$Op0%As2^"}


def test_check_deploy_is_clean_with_the_broker_proxies_and_object_store_of_a_cluster():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION,
                        CELERY_BROKER_URL="redis://127.0.0.1:6379/5", TRUSTED_PROXIES="127.0.0.1,::1",
                        STORAGE_BACKEND="s3", AWS_STORAGE_BUCKET_NAME="rcms-files",
                        AWS_S3_ENDPOINT_URL="https://s3.example.gov.cn")
    assert result.returncode == 0, result.stderr + result.stdout


def test_the_storage_switch_names_the_s3_backend_and_refuses_a_missing_bucket():
    code = "from django.conf import settings; print(settings.STORAGES['default'])"
    shown = run_manage("shell", "--no-imports", "-c", code, **PRODUCTION, STORAGE_BACKEND="s3",
                       AWS_STORAGE_BUCKET_NAME="rcms-files")
    assert "storages.backends.s3.S3Storage" in shown.stdout and "'bucket_name': 'rcms-files'" in shown.stdout
    missing = run_manage("check", **PRODUCTION, STORAGE_BACKEND="s3")
    assert missing.returncode != 0 and "AWS_STORAGE_BUCKET_NAME" in missing.stderr


def test_with_a_broker_tasks_leave_the_web_process_and_without_one_they_stay():
    code = "from requests_cms.celery import app; print(app.conf.task_always_eager, app.conf.broker_url)"
    queued = run_manage("shell", "--no-imports", "-c", code, **PRODUCTION, CELERY_BROKER_URL="redis://127.0.0.1:6379/5")
    assert queued.stdout.split() == ["False", "redis://127.0.0.1:6379/5"], queued.stderr
    embedded = run_manage("shell", "--no-imports", "-c", code, **PRODUCTION)
    assert embedded.stdout.split()[0] == "True", embedded.stderr
