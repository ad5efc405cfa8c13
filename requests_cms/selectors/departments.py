"""Reads of assignment and internal consultation (会办): the forms' choices, a request's routing sheet, a
department's queue, and the handling opinion the departments' answers suggest."""

from django.http import Http404

from requests_cms.access import is_department_officer, visible_requests
from requests_cms.models import (
    AttachmentKind,
    Department,
    DepartmentOpinion,
    InternalRouting,
    Outcome,
    Role,
    RoutingStatus,
    User,
)
from requests_cms.services.deadlines import DUE_SOON_WORKDAYS, Calendars


def handler_choices(agency_id):
    """The active handlers of an agency (the assignment form's choices)."""
    return [u for u in User.objects.filter(agency_id=agency_id, is_active=True).order_by("id")
            if u.has_role(Role.HANDLER)]


def departments_to_route(request):
    """The active departments of the request's agency (the routing form's choices)."""
    return list(Department.objects.filter(agency_id=request.agency_id, active=True).order_by("id"))


def departments_by_pk(pks):
    """The departments posted by a form, whatever their agency: the service refuses another agency's."""
    by_pk = Department.objects.in_bulk([pk for pk in pks if pk])
    return [by_pk[pk] for pk in pks if pk in by_pk]


def routings_of(req):
    """The routing sheet of a request, oldest first, with the departments' documents."""
    return list(InternalRouting.objects.filter(request=req)
                .select_related("department", "routed_by", "signed_by", "answered_by", "suggested_department")
                .prefetch_related("attachments").order_by("routed_at", "id"))


def routing_for(user, req, pk):
    """One routing of a request this user may see (404 otherwise); an officer only their department's."""
    qs = InternalRouting.objects.filter(request__in=visible_requests(user), request=req).select_related(
        "department", "request__agency")
    if is_department_officer(user) and not user.has_role(Role.HANDLER):
        qs = qs.filter(department_id=user.department_id)
    routing = qs.filter(pk=pk).first() if str(pk).isdigit() else None
    if routing is None:
        raise Http404("未找到该会办")
    return routing


def department_queue(user, calendars=None):
    """An officer's department view: [(key, title, routings)] for their queue (to sign or in hand), those due soon,
    and those they returned, each routing with its workdays left; [] for anyone else."""
    if not is_department_officer(user):
        return []
    calendars = calendars or Calendars()
    rows = list(InternalRouting.objects.filter(department_id=user.department_id,
                                               department__agency_id=user.agency_id)
                .select_related("request", "request__agency", "department").order_by("internal_due", "id"))
    for r in rows:
        r.workdays_left = calendars.workdays_left(r.request.agency.calendar_region, r.internal_due)
    open_rows = [r for r in rows if r.is_open]
    return [
        ("queue", "本科室待办会办（待签收、办理中）", open_rows),
        ("due_soon", f"{DUE_SOON_WORKDAYS}个工作日内到期的会办",
         [r for r in open_rows if r.workdays_left is not None and r.workdays_left <= DUE_SOON_WORKDAYS]),
        ("returned", "本科室已退回", [r for r in rows if r.status == RoutingStatus.RETURNED][:15]),
    ]


def internal_deadlines(request_ids):
    """request id -> (the earliest open internal due date, open routings) for the handler's dashboard."""
    found = {}
    for request_id, due in (InternalRouting.objects.filter(request_id__in=request_ids,
                                                           status__in=(RoutingStatus.ROUTED, RoutingStatus.SIGNED))
                            .values_list("request_id", "internal_due")):
        earliest, n = found.get(request_id, (due, 0))
        found[request_id] = (min(earliest, due), n + 1)
    return found


def proposal_from_opinions(routings):
    """The handling opinion the answered routings suggest: outcome, articles, reasons and form of provision (the
    handler edits them). Empty when no department answered."""
    answered = [r for r in routings if r.status == RoutingStatus.ANSWERED]
    if not answered:
        return {}
    opinions = {r.opinion for r in answered}
    if opinions <= {DepartmentOpinion.PROVIDE, DepartmentOpinion.NOT_HELD} and DepartmentOpinion.PROVIDE in opinions:
        outcome = Outcome.DISCLOSED
    elif opinions == {DepartmentOpinion.NOT_HELD}:
        outcome = Outcome.NOT_HELD
    elif opinions & {DepartmentOpinion.PROVIDE, DepartmentOpinion.PARTIAL}:
        outcome = Outcome.PARTLY_DISCLOSED
    else:
        outcome = ""  # every department thinks it should not be disclosed: the handler names the ground
    documents = [a for r in answered for a in r.attachments.all() if a.kind == AttachmentKind.SUPPLIED_INFORMATION]
    return {
        "outcome": outcome,
        "articles": "；".join(dict.fromkeys(r.articles.strip() for r in answered if r.articles.strip())),
        "reasons": "\n".join(f"{r.department.name}：{r.get_opinion_display()}。{r.reasons}".strip() for r in answered),
        "form_of_provision": ("提供的信息：" + "、".join(a.original_name for a in documents)) if documents else "",
    }


def handler_routings(user, calendars=None):
    """The open routings of this handler's requests, by internal due date: the internal deadline beside the
    statutory one (dashboard)."""
    if not user.has_role(Role.HANDLER):
        return []
    calendars = calendars or Calendars()
    rows = list(InternalRouting.objects.filter(request__in=visible_requests(user).filter(handler_id=user.pk),
                                               status__in=(RoutingStatus.ROUTED, RoutingStatus.SIGNED))
                .select_related("request", "request__agency", "department").order_by("internal_due", "id")[:30])
    for r in rows:
        region = r.request.agency.calendar_region
        r.workdays_left = calendars.workdays_left(region, r.internal_due)
        r.statutory_left = calendars.workdays_left(region, r.request.due_date)
    return rows
