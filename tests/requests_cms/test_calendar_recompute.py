"""A change to the official calendar moves the cached due dates of open requests, and says so in their history."""

from datetime import date

from workday_calendars.models import CalendarDay, Region


def test_a_new_day_off_moves_the_due_date_of_open_requests_only(make_request, staff,
                                                                django_capture_on_commit_callbacks):
    from requests_cms.services import delivery

    open_req = make_request(received=date(2025, 9, 25))
    withdrawn = delivery.request_withdraw(request=make_request(received=date(2025, 9, 25)), by=staff["registrar"],
                                          reason="撤回", on=date(2025, 9, 26))
    assert open_req.due_date == date(2025, 10, 29)
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(region=Region.objects.get(code="national"), date=date(2025, 10, 20),
                                   kind=CalendarDay.Kind.DAY_OFF, name="测试假日")
    open_req.refresh_from_db()
    withdrawn.refresh_from_db()
    assert open_req.due_date == date(2025, 10, 30)
    assert withdrawn.due_date == date(2025, 10, 29)
    event = open_req.events.order_by("-seq").first()
    assert event.action == "calendar_recompute"
    assert (event.due_before, event.due_after) == (date(2025, 10, 29), date(2025, 10, 30))


def test_a_change_after_the_due_date_leaves_the_request_alone(make_request, django_capture_on_commit_callbacks):
    req = make_request(received=date(2025, 9, 25))
    version = req.version
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(region=Region.objects.get(code="national"), date=date(2025, 11, 20),
                                   kind=CalendarDay.Kind.DAY_OFF, name="测试假日")
    req.refresh_from_db()
    assert req.due_date == date(2025, 10, 29) and req.version == version
