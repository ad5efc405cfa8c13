"""The event chain holds up: every action is a row, rows cannot be edited, and tampering is caught."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from requests_cms.models import RequestEvent
from requests_cms.services import handling


@pytest.fixture
def accepted(make_request, staff):
    req = make_request(received=timezone.localdate() - timedelta(days=2))
    return handling.request_accept(request=req, by=staff["registrar"], note="材料齐全")


def test_each_action_appends_a_linked_event_with_the_actor_name(accepted):
    first, second = RequestEvent.objects.filter(request=accepted).order_by("seq")
    assert (first.action, second.action) == ("register", "accept")
    assert second.prev_hash == first.hash and second.hash == second.compute_hash()
    assert second.actor_name.startswith("刘芳") and second.from_state == "registered" and second.to_state == "accepted"
    assert second.due_before == second.due_after == accepted.due_date


def test_events_cannot_be_changed_or_deleted_through_the_orm(accepted):
    event = RequestEvent.objects.filter(request=accepted).first()
    event.note = "改动"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        RequestEvent.objects.filter(request=accepted).delete()


def test_verify_audit_passes_on_an_intact_chain(accepted, capsys):
    call_command("verify_audit")
    assert "完好" in capsys.readouterr().out


def test_verify_audit_catches_an_edit_made_directly_in_the_database(accepted, capsys):
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {RequestEvent._meta.db_table} SET note = %s WHERE request_id = %s AND seq = 2",
                       ["事后篡改", accepted.pk])
    with pytest.raises(CommandError) as err:
        call_command("verify_audit")
    assert err.value.returncode == 1
    assert "内容与哈希不符" in capsys.readouterr().out


def test_verify_audit_catches_a_deleted_last_event(accepted, capsys):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {RequestEvent._meta.db_table} WHERE request_id = %s AND seq = 2", [accepted.pk])
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert "可能被删除" in capsys.readouterr().out


def test_history_is_read_only_in_the_admin(accepted, staff, client):
    staff["administrator"].is_staff = staff["administrator"].is_superuser = True
    staff["administrator"].save()
    client.force_login(staff["administrator"])
    event = RequestEvent.objects.filter(request=accepted).first()
    response = client.post(f"/admin/requests_cms/requestevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    response = client.post(f"/admin/requests_cms/informationrequest/{accepted.pk}/change/", {"state": "closed"})
    assert response.status_code == 403
    accepted.refresh_from_db()
    assert accepted.state == "accepted"
