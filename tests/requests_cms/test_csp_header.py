"""The Content-Security-Policy is sent with every page; the browser journeys check that no page breaks it."""

from django.urls import reverse


def test_pages_carry_a_policy_without_inline_script(client, staff):
    client.force_login(staff["handler"])
    for url in (reverse("login"), reverse("dashboard"), reverse("request_list")):
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy


def test_a_json_answer_is_not_given_a_page_policy(client, staff):
    client.force_login(staff["handler"])
    response = client.get(reverse("healthz"))
    assert response["Content-Type"] == "application/json" and "Content-Security-Policy" not in response
