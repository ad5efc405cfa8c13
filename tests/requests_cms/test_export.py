"""Export of the filtered list as a background job: xlsx and CSV (UTF-8 with BOM), Chinese columns, formula-safe,
streamed in bounded chunks, downloadable only by whoever asked, expired after LIST_EXPORT_KEEP_HOURS."""

import csv
import io
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from requests_cms import exports
from requests_cms.exports import COLUMNS
from requests_cms.models import JobStatus, ListExport
from requests_cms.tasks import list_exports_expire

from . import pages_data as data


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def start(client, user, django_capture_on_commit_callbacks, fmt="csv", **params):
    """Ask for the export from the list page's form; the job runs as its commit dispatches it (no broker)."""
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("request_export"), {"format": fmt, "params": urlencode(params)})
    assert response.status_code == 302
    return ListExport.objects.get(pk=int(response["Location"].rsplit("job=", 1)[1]))


def download(client, job):
    response = client.get(reverse("list_export_download", kwargs={"job_pk": job.pk}))
    assert response.status_code == 200, response.status_code
    return response


def content(response):
    return b"".join(response.streaming_content)


def csv_rows(raw):
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.fixture
def run(client, django_capture_on_commit_callbacks):
    def go(user, fmt="csv", **params):
        job = start(client, user, django_capture_on_commit_callbacks, fmt, **params)
        job.refresh_from_db()
        assert job.status == JobStatus.DONE, job.error
        return job, content(download(client, job))
    return go


def test_csv_has_the_chinese_columns_and_a_bom(client, staff, make_request, run):
    req = data.overdue(make_request)
    job, raw = run(staff["handler"], "csv")
    response = download(client, job)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"] and ".csv" in response["Content-Disposition"]
    header, row = csv_rows(raw)
    assert header == COLUMNS
    assert row[0] == req.number and row[2] == "张伟" and row[3] == "自然人" and row[4] == "当面提交"
    assert row[6] == req.due_date.isoformat() and row[-1] == "是"
    assert job.row_count == job.total_rows == 1 and job.progress == 100


def test_the_export_follows_the_list_filters(staff, make_request, run):
    late = data.overdue(make_request)
    data.far(make_request)
    _job, raw = run(staff["handler"], "csv", overdue="on")
    assert [r[0] for r in csv_rows(raw)[1:]] == [late.number]


def test_xlsx_opens_with_the_same_rows_as_the_list(client, staff, make_request, run):
    made = [data.far(make_request) for _ in range(3)]
    _job, raw = run(staff["handler"], "xlsx")
    sheet = load_workbook(io.BytesIO(raw)).active
    values = list(sheet.values)
    assert list(values[0]) == COLUMNS
    assert sorted(v[0] for v in values[1:]) == sorted(r.number for r in made)
    assert values[1][5].date() == made[0].received_on and values[1][10] == "否"
    client.force_login(staff["handler"])
    listed = client.get(reverse("request_list")).context["rows"]
    assert sorted(r.number for r in listed) == sorted(v[0] for v in values[1:])


def test_user_text_never_becomes_a_formula(staff, make_request, applicant, run):
    applicant.name = "=HYPERLINK(\"http://x\")"
    applicant.save()
    data.far(make_request)
    assert csv_rows(run(staff["handler"], "csv")[1])[1][2].startswith("'=")
    cell = load_workbook(io.BytesIO(run(staff["handler"], "xlsx")[1])).active.cell(row=2, column=3)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_another_agencys_requests_are_never_exported(staff, make_request, run):
    data.far(make_request)
    assert csv_rows(run(staff["other_handler"], "csv")[1]) == [COLUMNS]
    _job, raw = run(staff["other_handler"], "csv", agency=make_request().agency_id)  # even when asked by name
    assert csv_rows(raw) == [COLUMNS]


def test_only_whoever_asked_may_follow_or_download_the_export(client, staff, make_request, run):
    data.far(make_request)
    job, _raw = run(staff["handler"], "csv")
    for other in (staff["approver"], staff["other_handler"], staff["oversight"]):
        client.force_login(other)
        assert client.get(reverse("list_export_download", kwargs={"job_pk": job.pk})).status_code == 404
        assert client.get(reverse("list_export_status", kwargs={"job_pk": job.pk})).status_code == 404
    client.logout()
    assert client.get(reverse("list_export_download", kwargs={"job_pk": job.pk})).status_code == 302


def test_the_page_shows_progress_and_the_link_when_ready(client, staff, make_request, run):
    data.far(make_request)
    job, _raw = run(staff["handler"], "csv")
    body = client.get(reverse("request_export"), {"job": job.pk}).content.decode()
    assert 'id="job-progress"' in body and "js/export.js" in body and "<script>" not in body
    assert reverse("list_export_download", kwargs={"job_pk": job.pk}) in body
    assert '<span id="job-label">已完成</span><span id="job-sep"></span><span id="job-step"></span>' in body  # once
    status = client.get(reverse("list_export_status", kwargs={"job_pk": job.pk})).json()
    assert status["status"] == "done" and status["progress"] == 100 and status["rows"] == 1


def test_an_unknown_format_is_refused(client, staff):
    client.force_login(staff["handler"])
    assert client.post(reverse("request_export"), {"format": "pdf"}).status_code == 400
    assert not ListExport.objects.exists()


def test_old_files_are_deleted_and_their_link_goes(client, staff, make_request, run, settings):
    data.far(make_request)
    job, _raw = run(staff["handler"], "csv")
    assert default_storage.exists(job.file_path)
    assert list_exports_expire() == 0  # still young
    ListExport.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert list_exports_expire() == 1
    assert not default_storage.exists(job.file_path)
    assert client.get(reverse("list_export_download", kwargs={"job_pk": job.pk})).status_code == 404
    assert "已过期清除" in client.get(reverse("request_export")).content.decode()
    assert "list-exports-expire" in settings.CELERY_BEAT_SCHEDULE


def test_rows_are_read_in_bounded_chunks_and_written_as_they_come(staff, make_request, monkeypatch,
                                                                  django_assert_max_num_queries):
    """Memory is bounded by rows, not timed: each query returns at most CHUNK rows, the writer holds one row."""
    made = [data.far(make_request) for _ in range(7)]
    queryset, today = exports.filtered_for(staff["handler"], "")
    with django_assert_max_num_queries(4):  # ceil(7 / 3) keyset pages: no query per row
        chunks = list(exports.chunks(queryset, size=3))
    assert [len(c) for c in chunks] == [3, 3, 1]
    assert sorted(r[3] for c in chunks for r in c) == sorted(r.number for r in made)

    for fmt in exports.FORMATS:
        assert written_one_by_one(fmt, chunks, today, monkeypatch) == 7


def written_one_by_one(fmt, chunks, today, monkeypatch):
    """Write the chunks' rows; every time the writer asks for a row it has written all it was given."""
    seen = {}

    class Watched(exports.WRITERS[fmt]):
        def __init__(self, binary):
            super().__init__(binary)
            seen["writer"] = self

    monkeypatch.setitem(exports.WRITERS, fmt, Watched)

    def rows():
        produced = 0
        for chunk in chunks:
            for row in chunk:
                assert seen["writer"].rows_written == produced  # it holds no row while asking for the next
                produced += 1
                yield exports.row_values(row, today)

    return exports.write(fmt, io.BytesIO(), rows())
