"""Reads of supervision (督办) and complaints: the notices a user may see, the dashboards' open and overdue notices,
each agency's response times."""

from django.http import Http404
from django.utils import timezone

from requests_cms.access import is_agency_staff, sees_all_agencies, visible_requests
from requests_cms.models import Agency, Complaint, InformationRequest, SupervisionNotice
from requests_cms.reports.supervision import supervision_counts


def visible_notices(user):
    """Oversight: every notice; agency staff: their agency's; anyone else: none."""
    qs = SupervisionNotice.objects.select_related("agency", "issued_by", "answered_by")
    if sees_all_agencies(user):
        return qs
    if is_agency_staff(user):
        return qs.filter(agency_id=user.agency_id)
    return qs.none()


def notice_for(user, pk):
    notice = visible_notices(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if notice is None:
        raise Http404("未找到该督办单")
    return notice


def notice_requests(notice, user):
    return list(visible_requests(user, notice.requests.select_related("applicant")).order_by("due_date", "id"))


def notice_board(user, today=None):
    """{"open": open notices, overdue first, each with .overdue; "overdue": how many} for a dashboard (None for a
    user who sees no notice)."""
    if not (sees_all_agencies(user) or is_agency_staff(user)):
        return None
    today = today or timezone.localdate()
    rows = list(visible_notices(user).filter(answered_at__isnull=True).order_by("response_due", "id")[:50])
    for n in rows:
        n.overdue = n.is_overdue(today)
    return {"open": rows, "overdue": sum(n.overdue for n in rows)}


def supervision_page(user, year=None):
    """The supervision list: notices (newest first) and, for the oversight office, each agency's counts and mean
    response time this year."""
    today = timezone.localdate()
    notices = list(visible_notices(user).order_by("-issued_at", "-id")[:200])
    for n in notices:
        n.overdue = n.is_overdue(today)
    counts = supervision_counts(year=year or today.year) if sees_all_agencies(user) else None
    return {"notices": notices, "counts": counts, "today": today}


def agencies_to_supervise():
    return list(Agency.objects.order_by("id"))


def agency_of(pk):
    return Agency.objects.filter(pk=pk).first()


def request_by_number(agency, number):
    return InformationRequest.objects.filter(agency=agency, number=(number or "").strip()).first()


def complaint_of(req, pk):
    complaint = Complaint.objects.filter(request=req, pk=pk).first() if str(pk).isdigit() else None
    if complaint is None:
        raise Http404("未找到该投诉")
    return complaint
