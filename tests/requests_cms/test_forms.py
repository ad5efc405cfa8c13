"""Forms: every form that changes a request carries the version the user saw, and refuses to go on without it."""

import pytest
from django.urls import reverse

from requests_cms.forms import actions, challenges, delivery
from requests_cms.forms.fields import MISSING_VERSION, VersionedForm

from .delivery_support import posted, reply_delivery
from .views_support import days_ago, recent_request, walk

VERSIONED = [actions.NoteForm, actions.ConfirmForm, actions.ExtensionForm, delivery.DeliveryForm,
             delivery.PostalEventForm, delivery.ReceiptForm, delivery.CloseForm, challenges.ChallengeForm,
             challenges.ChallengeResultForm]


@pytest.mark.parametrize("form_class", VERSIONED)
def test_a_form_without_the_version_is_refused_with_a_clear_message(form_class):
    assert issubclass(form_class, VersionedForm)
    form = form_class({})
    assert not form.is_valid()
    assert MISSING_VERSION in form.non_field_errors()


def test_the_delivery_page_refuses_a_delivery_posted_without_the_version(client, staff, make_request):
    req = posted(make_request, staff)
    d = reply_delivery(req)
    client.force_login(staff["registrar"])
    url = reverse("delivery_action", kwargs={"pk": req.pk, "delivery_pk": d.pk, "action": "receipt"})
    response = client.post(url, {f"receipt-{d.pk}-received_on": days_ago(0).isoformat()})
    assert response.status_code == 400 and MISSING_VERSION in response.content.decode()
    d.refresh_from_db()
    assert d.received_on is None


def test_a_stale_version_on_the_delivery_page_is_a_conflict_and_nothing_is_saved(client, staff, make_request):
    req = posted(make_request, staff)
    d = reply_delivery(req)
    client.force_login(staff["registrar"])
    url = reverse("delivery_action", kwargs={"pk": req.pk, "delivery_pk": d.pk, "action": "receipt"})
    response = client.post(url, {f"receipt-{d.pk}-received_on": days_ago(0).isoformat(),
                                 f"receipt-{d.pk}-expected_version": req.version - 1})
    assert response.status_code == 400 and "该申请在您打开本页后已有新的办理记录" in response.content.decode()
    d.refresh_from_db()
    assert d.received_on is None


def test_at_the_reply_step_the_delivered_letter_defaults_to_the_reply(staff, make_request):
    req = walk(recent_request(make_request), staff, "approved")
    form = delivery.DeliveryForm({"method": "direct", "handed_over_on": days_ago(0).isoformat(),
                                  "expected_version": req.version}, request_obj=req)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["letter_label"] == "答复书"
    before_the_reply = delivery.DeliveryForm({"method": "direct", "handed_over_on": days_ago(0).isoformat(),
                                              "expected_version": 1}, request_obj=recent_request(make_request))
    assert not before_the_reply.is_valid() and "请选择送达的文书" in before_the_reply.errors["letter"][0]
