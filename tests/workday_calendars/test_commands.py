"""The command-line contract of compute_deadline and show_calendar (issue 2)."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def run_json(command, *args):
    return json.loads(run(command, *args, "--json"))


@pytest.mark.django_db
def test_compute_deadline_prints_the_promised_json_keys():
    data = run_json("compute_deadline", "--received", "2025-09-25")
    assert data["clock_start"] == "2025-09-25"
    assert data["correction_notice_due"] == "2025-10-11"
    assert data["reply_due"] == "2025-10-29"
    assert data["paused_workdays"] == 0
    assert data["extension"] == 0
    assert data["provisional"] is False
    assert data["explanation"][0] == "收到申请之日2025年9月25日（星期四）不计入，自次日起算。"
    assert "reconsideration_due" not in data


@pytest.mark.django_db
def test_compute_deadline_applies_correction_pauses_and_extension():
    data = run_json("compute_deadline", "--received", "2025-09-01", "--correction-received", "2025-09-25",
                    "--pause", "2025-10-09:2025-10-15", "--pause", "2025-10-20:2025-10-21", "--extension", "5")
    assert data["clock_start"] == "2025-09-25"
    assert data["paused_workdays"] == 6
    assert data["extension"] == 5
    assert data["reply_due"] == "2025-11-13"
    assert [p["workdays"] for p in data["pauses"]] == [5, 1]


@pytest.mark.django_db
def test_compute_deadline_adds_the_remedy_periods_with_reply_received():
    data = run_json("compute_deadline", "--received", "2026-02-10", "--reply-received", "2026-08-31")
    assert data["reconsideration_due"] == "2026-10-30"
    assert data["lawsuit_due"] == "2027-03-01"
    assert data["provisional"] is True
    assert any("2027年" in reason for reason in data["provisional_reasons"])


@pytest.mark.django_db
def test_compute_deadline_marks_a_reply_reaching_into_2027_as_provisional():
    data = run_json("compute_deadline", "--received", "2026-12-10")
    assert data["reply_due"] == "2027-01-08"
    assert data["provisional"] is True


@pytest.mark.django_db
def test_compute_deadline_without_json_prints_a_chinese_summary():
    text = run("compute_deadline", "--received", "2025-09-25")
    assert "答复期限：2025年10月29日（星期三）" in text
    assert "计算说明：" in text


@pytest.mark.django_db
@pytest.mark.parametrize("args", [
    ["--received", "2025-02-30"],
    ["--received", "2025/02/03"],
    ["--received", "2025-02-03", "--pause", "2025-03-05:2025-03-01"],
    ["--received", "2025-02-03", "--pause", "2025-03-05"],
    ["--received", "2025-02-03", "--extension", "21"],
    ["--received", "2025-02-03", "--extension", "-1"],
    ["--received", "2025-02-03", "--region", "atlantis"],
    ["--received", "2025-02-03", "--correction-received", "2025-02-01"],
    ["--received", "2035-12-20"],
])
def test_compute_deadline_refuses_bad_input_with_status_2(args):
    with pytest.raises(CommandError) as error:
        call_command("compute_deadline", *args, stdout=StringIO())
    assert error.value.returncode == 2
    assert "\n" not in str(error.value)


@pytest.mark.django_db
def test_show_calendar_lists_weekday_days_off_and_weekend_workdays():
    data = run_json("show_calendar", "2026")
    assert data["make_up_workdays"] == ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
                                        "2026-10-10"]
    assert "2026-02-16" in data["days_off"] and "2026-02-15" not in data["days_off"]
    assert "content_7047090" in data["source"]
    assert data["provisional"] is False


@pytest.mark.django_db
def test_show_calendar_of_an_unannounced_year_is_provisional():
    data = run_json("show_calendar", "2027")
    assert data["provisional"] is True
    assert data["make_up_workdays"] == []
    assert "2027-02-05" in data["days_off"]
    assert "尚未公布" in data["source"]


@pytest.mark.django_db
def test_show_calendar_lists_the_dates_of_that_calendar_year_only():
    assert "2018-12-31" not in run_json("show_calendar", "2019")["days_off"]
    assert "2018-12-31" in run_json("show_calendar", "2018")["days_off"]


@pytest.mark.django_db
@pytest.mark.parametrize("args", [["2040"], ["twenty"], ["2026", "--region", "atlantis"]])
def test_show_calendar_refuses_bad_input_with_status_2(args):
    with pytest.raises(CommandError) as error:
        call_command("show_calendar", *args, stdout=StringIO())
    assert error.value.returncode == 2


@pytest.mark.parametrize("args", [
    ["compute_deadline", "--received", "2025-02-30"],
    ["compute_deadline", "--received", "2025-02-03", "--extension", "30"],
    ["compute_deadline", "--received", "2025-02-03", "--pause", "2025-03-05:2025-03-01"],
    ["compute_deadline"],
    ["compute_deadline", "--received", "2025-02-03", "--no-such-option"],
])
def test_the_command_line_exits_with_status_2_and_one_line_without_traceback(args):
    env = {**os.environ, "REQUESTS_CMS_TESTING": "1", "DJANGO_SETTINGS_MODULE": "requests_cms.settings"}
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    ours = [line for line in done.stderr.splitlines() if not line.startswith("AXES:")]
    assert len(ours) == 1 and ours[0].startswith("CommandError: ")
    assert done.stdout == ""
