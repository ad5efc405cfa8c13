"""The render_letter command line: a stable contract."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from letters.kinds import LetterKind
from letters.outcomes import OUTCOME_CODES
from requests_cms.services.request_letters import letter_draft

from .conftest import freeze
from .pdf import fonts, text

ROOT = Path(__file__).resolve().parents[2]


def run(*args, tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}", "REQUESTS_CMS_TESTING": "1"}
    return subprocess.run([sys.executable, "manage.py", "render_letter", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [
    (),
    ("--request", "X-1", "--kind", "bogus", "--out", "x.pdf"),
    ("--sample", "all"),
    ("--no-such-option",),
    ("--list-kinds", "--sample", "all"),
])
def test_bad_arguments_give_one_line_on_stderr_and_exit_status_2(tmp_path, args):
    result = run(*args, tmp_path=tmp_path)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr and not result.stdout


def test_list_kinds_prints_every_kind_and_reply_outcome(tmp_path):
    result = run("--list-kinds", tmp_path=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert {line.split("\t")[0] for line in lines} >= set(LetterKind.values) | {f"reply:{o}" for o in OUTCOME_CODES}


@pytest.mark.django_db
def test_an_unknown_request_is_a_bad_argument(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("render_letter", "--request", "NOPE-1", "--kind", "reply", "--out", str(tmp_path / "a.pdf"))
    assert error.value.returncode == 2


@pytest.mark.django_db
def test_a_frozen_letter_is_printed_exactly_as_stored(letter_request, handler, approver, tmp_path):
    request = letter_request("jyj", outcome="withheld_by_law")
    letter = freeze(letter=letter_draft(request=request, kind=LetterKind.REPLY, by=handler), by=approver)
    out = tmp_path / "reply.pdf"
    call_command("render_letter", "--request", request.number, "--kind", "reply", "--out", str(out))
    assert out.read_bytes() == bytes(letter.pdf)


@pytest.mark.django_db
def test_a_request_without_a_letter_yet_is_previewed_as_a_draft(letter_request, tmp_path):
    request = letter_request("msz")
    out = tmp_path / "ack.pdf"
    call_command("render_letter", "--request", request.number, "--kind", "acknowledgement", "--out", str(out))
    content = text(out.read_bytes())
    assert "草稿" in content and "登记回执" in content and request.number in content


@pytest.mark.django_db
def test_sample_all_writes_every_kind_and_outcome_for_each_agency_level_with_an_index(tmp_path):
    out = tmp_path / "samples"
    call_command("render_letter", "--sample", "all", "--out", str(out))
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    agencies = {entry["agency"] for entry in index}
    assert agencies == {"高平市教育局", "高平市米山镇人民政府", "高平市人民政府", "国家税务总局高平市税务局"}
    for agency in agencies:
        entries = [entry for entry in index if entry["agency"] == agency]
        assert {entry["kind"] for entry in entries} == set(LetterKind.values)
        assert {entry["outcome"] for entry in entries if entry["kind"] == "reply"} == set(OUTCOME_CODES)
        assert all(entry["outcome"] is None for entry in entries if entry["kind"] != "reply")
    numbers = set()
    for entry in index:
        pdf = (out / entry["file"]).read_bytes()
        assert all(embedded and "Helvetica" not in name and "STSong" not in name for name, _, embedded in fonts(pdf))
        if entry["kind"] not in ("proof_of_service", "envelope"):
            number = next(line for line in text(pdf).split("号") if "〔" in line)
            assert number not in numbers
            numbers.add(number)


@pytest.mark.django_db
def test_the_proof_of_service_and_envelope_go_with_the_latest_letter(letter_request, handler, approver, tmp_path):
    request = letter_request("jyj", outcome="disclosed")
    letter = freeze(letter=letter_draft(request=request, kind=LetterKind.REPLY, by=handler), by=approver)
    for kind in ("proof_of_service", "envelope"):
        call_command("render_letter", "--request", request.number, "--kind", kind, "--out", str(tmp_path / kind))
    proof = text((tmp_path / "proof_of_service").read_bytes())
    assert letter.document_number in proof and "张伟" in proof and "邮寄送达" in proof
    envelope = text((tmp_path / "envelope").read_bytes())
    assert "048400" in envelope and "张伟" in envelope and "寄件人：高平市教育局" in envelope
