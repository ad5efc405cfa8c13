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
    dropped = {"DEBUG", "SECRET_KEY", "REQUESTS_CMS_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"}
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
                        ALLOWED_HOSTS="cms.example.gov.cn")
    assert result.returncode == 0, result.stderr + result.stdout


def test_postgresql_sessions_plan_for_data_in_memory(db):
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL planner setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert float(cursor.fetchone()[0]) == 1.1
