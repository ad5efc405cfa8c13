"""Passwords: not the display name, username or agency name, and not the current or a recent one."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from requests_cms.models import PasswordHistory

PASSWORD = "x-Passw0rd!"


def refusals(password, user):
    with pytest.raises(ValidationError) as excinfo:
        validate_password(password, user)
    return excinfo.value.messages


@pytest.fixture
def handler(staff):
    return staff["handler"]  # 陈磊 of 高平市教育局


def test_the_display_name_repeated_is_refused(handler):
    assert "密码不能包含您的姓名" in refusals("陈磊陈磊陈磊陈磊", handler)
    assert "密码不能包含您的姓名" in refusals("陈 磊@2026-Gp!", handler)


def test_the_username_is_refused_whatever_its_case(handler):
    assert "密码不能包含您的用户名" in refusals("HANDLER#2026-x", handler)


def test_the_agency_name_and_short_name_are_refused(handler):
    agency = handler.agency
    assert "密码不能包含您的所属机关名称" in refusals(f"{agency.name}#2026!", handler)
    assert "密码不能包含您的所属机关简称" in refusals(f"Zq7!{agency.short_name}#x9", handler)


def test_an_unrelated_strong_password_passes(handler):
    assert validate_password("Tz8!river-lamp-57", handler) is None  # raises ValidationError when refused


def test_the_current_password_cannot_be_set_again(handler):
    assert "新密码不能与当前密码或最近5次使用过的密码相同" in refusals(PASSWORD, handler)


def test_the_history_keeps_the_last_five_and_refuses_them(handler):
    used = [f"Tz8!river-lamp-{n}" for n in range(7)]
    for password in used:
        validate_password(password, handler)
        handler.set_password(password)
        handler.save()
    assert PasswordHistory.objects.filter(user=handler).count() == 5
    for recent in used[-5:]:
        assert any("最近5次" in m for m in refusals(recent, handler))
    validate_password(used[0], handler)  # six changes ago: allowed again
    assert all(h.startswith(("md5$", "pbkdf2")) for h in PasswordHistory.objects.values_list("password", flat=True))


def test_changing_back_to_the_old_password_on_the_page_is_refused(client, handler):
    client.force_login(handler)
    first = client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "Tz8!river-lamp-57",
                                                     "new_password2": "Tz8!river-lamp-57"})
    assert first.status_code == 302
    back = client.post(reverse("password_change"), {"old_password": "Tz8!river-lamp-57", "new_password1": PASSWORD,
                                                    "new_password2": PASSWORD})
    assert back.status_code == 200 and "最近5次使用过的密码" in back.content.decode()
    handler.refresh_from_db()
    assert handler.check_password("Tz8!river-lamp-57")
