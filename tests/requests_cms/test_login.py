"""Sign-in with lockout, sign-out by POST, password change, expiring sessions."""

from django.conf import settings
from django.urls import reverse

PASSWORD = "x-Passw0rd!"


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.0.0.9")


def test_the_login_page_is_in_chinese_with_labelled_fields(client, db):
    html = client.get(reverse("login")).content.decode()
    assert 'lang="zh-CN"' in html and '<label for="id_username">用户名</label>' in html and "密码" in html


def test_signing_in_leads_to_the_dashboard(client, staff):
    response = login(client, "handler", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")


def test_a_wrong_password_says_so_in_chinese(client, staff):
    response = login(client, "handler", "wrong")
    assert response.status_code == 200 and "用户名或密码不正确" in response.content.decode()


def test_five_failures_lock_the_account_with_a_chinese_page(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "handler", "wrong").status_code == 200
    response = login(client, "handler", "wrong")
    assert response.status_code in (403, 429) and "账号已暂时锁定" in response.content.decode()
    response = login(client, "handler", PASSWORD)
    assert response.status_code in (403, 429) and "账号已暂时锁定" in response.content.decode()


def test_sign_out_needs_a_post(client, staff):
    client.force_login(staff["handler"])
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and client.get(reverse("dashboard")).status_code == 302


def test_the_password_can_be_changed(client, staff):
    client.force_login(staff["handler"])
    page = client.get(reverse("password_change")).content.decode()
    assert "修改密码" in page and 'for="id_old_password"' in page
    response = client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "Gaoping#2026x",
                                                        "new_password2": "Gaoping#2026x"})
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    staff["handler"].refresh_from_db()
    assert staff["handler"].check_password("Gaoping#2026x")


def test_a_wrong_old_password_keeps_the_form_with_a_chinese_error(client, staff):
    client.force_login(staff["handler"])
    response = client.post(reverse("password_change"), {"old_password": "nope", "new_password1": "Gaoping#2026x",
                                                        "new_password2": "Gaoping#2026x"})
    assert response.status_code == 200 and "旧密码" in response.content.decode()


def test_sessions_expire(client, staff):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_COOKIE_AGE <= 8 * 3600
    client.force_login(staff["handler"])
    assert client.session.get_expire_at_browser_close()
