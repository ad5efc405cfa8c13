"""Forms in the browser: a counter where a limit applies, nothing cut, the cursor on the first error."""

import os

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_register_form_counts_what_is_typed_keeps_it_whole_and_focuses_the_first_error(open_as, staff):
    tab = open_as("registrar")
    tab.goto("/requests/new/", "register")
    page = tab.page
    page.fill("#id_name", "张" * 120)
    counter = page.locator("#id_name + .counter")
    assert counter.inner_text() == "120/100字，超出20字"
    assert page.input_value("#id_name") == "张" * 120  # the browser cut nothing
    tab.follow("form#register-form button[type=submit]")
    tab.shot("register-refused")
    assert page.input_value("#id_name") == "张" * 120
    assert page.evaluate("document.activeElement.closest('.has-error') !== null")
    first_error = page.locator(".has-error").first.locator("input, select, textarea").first
    assert page.evaluate("el => el === document.activeElement", first_error.element_handle())
