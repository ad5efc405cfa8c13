"""Assignment of the handler, and internal consultation (会办) of the agency's business departments (domain.md §3).

Internal consultation never pauses the reply clock: its records are not pauses (services.deadlines ignores them), and
each internal due date is checked against the statutory one (deadlines.internal_due_refusal). Every step is an event
of the request's chain, written by run_update in the step's transaction.
"""

from django.core.files.storage import default_storage
from django.utils import timezone

from requests_cms import notifications
from requests_cms.access import ASSIGNER, ROUTER, department_refusal, may_route_to
from requests_cms.models import (
    Attachment,
    AttachmentKind,
    DepartmentOpinion,
    EventAction,
    InternalRouting,
    ResponsiveSource,
    Role,
    RoutingStatus,
)
from requests_cms.uploads import UploadRejected, check_upload
from requests_cms.workflow import OPEN, State

from . import deadlines, responsive
from .errors import WorkflowError
from .runner import run_update

# The states in which the handler may still ask the departments (before the opinion is decided).
ROUTABLE = (State.ACCEPTED, State.CONSULTING, State.FEE_PENDING, State.OPINION_PROPOSED)
# Opinions that supply documents, and those that must give reasons / articles.
SUPPLIES = (DepartmentOpinion.PROVIDE, DepartmentOpinion.PARTIAL)
NEEDS_REASONS = (DepartmentOpinion.PARTIAL, DepartmentOpinion.NOT_HELD, DepartmentOpinion.NOT_DISCLOSABLE)
NEEDS_ARTICLES = (DepartmentOpinion.PARTIAL, DepartmentOpinion.NOT_DISCLOSABLE)


def _refuse_unless(reason):
    if reason:
        raise WorkflowError(reason)


# --- assignment ------------------------------------------------------------------------------------------------------
def request_assign(*, request, by, handler, expected_version=None):
    """The approver or the desk assigns (or reassigns) the handler of an open request; an `assign` event."""
    _refuse_unless(ASSIGNER.reason(request, by))
    if request.state not in OPEN:
        raise WorkflowError(f"申请处于“{request.get_state_display()}”状态，不能分派承办人")
    if handler is None or handler.agency_id != request.agency_id or not handler.is_active \
            or not handler.has_role(Role.HANDLER):
        raise WorkflowError("只能分派给本机关在岗的承办人")
    def change(req):
        if req.handler_id == handler.pk:
            raise WorkflowError(f"该申请的承办人已是{handler.display_name}")
        req.handler = handler
        notifications.notify_assignment(req, handler, version=req.version + 1)  # in the step's transaction

    before = request.handler.display_name if request.handler_id else ""
    note = f"改派承办人：{before} → {handler.display_name}" if before else f"分派承办人：{handler.display_name}"
    return run_update(request=request, action=EventAction.ASSIGN, by=by, note=note, expected_version=expected_version,
                      change=change, payload={"from": request.handler_id, "to": handler.pk})


# --- internal consultation (会办) --------------------------------------------------------------------------------
def routing_route(*, request, by, departments, note, internal_due=None, expected_version=None):
    """Route the request to one or more departments of its agency, with a note and an internal due date (default:
    deadlines.internal_due_default). Nothing is created when any department or the date is refused."""
    _refuse_unless(ROUTER.reason(request, by))
    if request.state not in ROUTABLE:
        raise WorkflowError(f"申请处于“{request.get_state_display()}”状态，不能转业务科室会办")
    departments = list(departments or [])
    if not departments:
        raise WorkflowError("请选择至少一个业务科室")
    foreign = [d for d in departments if not may_route_to(request, d)]
    if foreign:
        raise WorkflowError("只能转本机关在用的业务科室会办：" + "、".join(d.name for d in foreign))
    if not (note or "").strip():
        raise WorkflowError("请写明会办事项")
    region = request.agency.calendar_region
    internal_due = internal_due or deadlines.internal_due_default(request.due_date, region=region)
    created = []

    def change(req):
        _refuse_unless(deadlines.internal_due_refusal(internal_due, req.due_date))
        busy = set(req.routings.filter(status__in=(RoutingStatus.ROUTED, RoutingStatus.SIGNED),
                                       department__in=departments).values_list("department__name", flat=True))
        if busy:
            raise WorkflowError("以下科室的会办尚未办结，不能重复转办：" + "、".join(sorted(busy)))
        now = timezone.now()
        for department in departments:
            created.append(InternalRouting.objects.create(request=req, department=department, note=note,
                                                          internal_due=internal_due, routed_by=by, routed_at=now))

    names = "、".join(d.name for d in departments)
    run_update(request=request, action=EventAction.ROUTE_TO_DEPARTMENT, by=by, change=change,
               expected_version=expected_version, note=f"转{names}会办，内部期限{internal_due:%Y-%m-%d}：{note}",
               payload={"departments": [d.pk for d in departments], "internal_due": internal_due.isoformat()})
    return created


def _routing_step(*, routing, by, action, expected_version, note, payload, check, apply):
    """A department's step on its routing: the officer's scope, then `check(fresh routing)` and `apply(...)` under the
    request's lock."""
    _refuse_unless(department_refusal(routing, by))

    def change(req):
        fresh = InternalRouting.objects.select_for_update().get(pk=routing.pk, request=req)
        check(fresh)
        apply(fresh)
        fresh.save()
        return fresh

    return run_update(request=routing.request, action=action, by=by, change=change, note=note,
                      expected_version=expected_version, payload={"routing": routing.pk, **payload})


def _answered_twice(fresh):
    if fresh.status == RoutingStatus.ANSWERED:
        raise WorkflowError(f"{fresh.department.name}已答复该会办，不能重复答复")
    if fresh.status == RoutingStatus.RETURNED:
        raise WorkflowError(f"{fresh.department.name}已退回该会办")


def routing_sign(*, routing, by, expected_version=None):
    """The department signs for the routing (签收)."""
    def check(fresh):
        _answered_twice(fresh)
        if fresh.status == RoutingStatus.SIGNED:
            raise WorkflowError("该会办已签收")

    def apply(fresh):
        fresh.status, fresh.signed_by, fresh.signed_at = RoutingStatus.SIGNED, by, timezone.now()

    return _routing_step(routing=routing, by=by, action=EventAction.DEPARTMENT_SIGN, expected_version=expected_version,
                         note=f"{routing.department.name}签收", payload={}, check=check, apply=apply)


def routing_answer(*, routing, by, opinion, reasons="", articles="", files=(), expected_version=None):
    """The department answers with its opinion, reasons, articles and documents (the content-checked uploads, stored
    as the request's 提供的信息)."""
    if opinion not in DepartmentOpinion.values:
        raise WorkflowError("请选择科室意见")
    if opinion in NEEDS_REASONS and not (reasons or "").strip():
        raise WorkflowError(f"科室意见为“{DepartmentOpinion(opinion).label}”的，须写明理由")
    if opinion in NEEDS_ARTICLES and not (articles or "").strip():
        raise WorkflowError(f"科室意见为“{DepartmentOpinion(opinion).label}”的，须写明依据的条款")
    files = list(files or [])
    if opinion in SUPPLIES and not files:
        raise WorkflowError("提供或部分提供信息的，须上传所提供的材料")
    if opinion not in SUPPLIES and files:
        raise WorkflowError(f"科室意见为“{DepartmentOpinion(opinion).label}”的，不应上传提供的材料")
    checked = []
    for uploaded in files:
        try:
            checked.append((uploaded, *check_upload(uploaded)))
        except UploadRejected as exc:
            raise WorkflowError(f"{getattr(uploaded, 'name', '')}：{exc}") from exc
    stored = []

    def check(fresh):
        _answered_twice(fresh)
        if fresh.status != RoutingStatus.SIGNED:
            raise WorkflowError("请先签收再答复")

    def apply(fresh):
        fresh.status, fresh.opinion, fresh.reasons, fresh.articles = RoutingStatus.ANSWERED, opinion, reasons, articles
        fresh.answered_by, fresh.answered_at = by, timezone.now()
        for uploaded, content_type, sha256, size in checked:
            name = (getattr(uploaded, "name", "") or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200]
            attachment = Attachment(request_id=fresh.request_id, routing=fresh,
                                    kind=AttachmentKind.SUPPLIED_INFORMATION, original_name=name,
                                    content_type=content_type, size=size, sha256=sha256,
                                    description=f"{fresh.department.name}提供", uploaded_by=by)
            attachment.file.save(name, uploaded, save=False)
            stored.append(attachment.file.name)
            attachment.save()
            responsive.make_responsive(attachment, by=by, source=ResponsiveSource.DEPARTMENT)

    label = DepartmentOpinion(opinion).label
    try:
        return _routing_step(routing=routing, by=by, action=EventAction.DEPARTMENT_ANSWER,
                             expected_version=expected_version,
                             note=f"{routing.department.name}：{label}。{reasons}".strip(),
                             payload={"opinion": opinion, "documents": len(checked)}, check=check, apply=apply)
    except Exception:
        for name in stored:  # the rows were rolled back: do not leave orphan files behind
            default_storage.delete(name)
        raise


def routing_return(*, routing, by, reason, suggested_department=None, expected_version=None):
    """The department returns the routing with a reason (not ours), optionally naming the department it belongs to."""
    if not (reason or "").strip():
        raise WorkflowError("请写明退回理由")
    if suggested_department is not None and (suggested_department.agency_id != routing.department.agency_id
                                             or suggested_department.pk == routing.department_id):
        raise WorkflowError("建议转办的科室须为本机关的其他业务科室")

    def check(fresh):
        _answered_twice(fresh)

    def apply(fresh):
        fresh.status, fresh.return_reason, fresh.suggested_department = RoutingStatus.RETURNED, reason, \
            suggested_department
        fresh.answered_by, fresh.answered_at = by, timezone.now()
        notifications.notify_returned(fresh)  # in the step's transaction

    suggestion = f"，建议转{suggested_department.name}" if suggested_department else ""
    return _routing_step(routing=routing, by=by, action=EventAction.DEPARTMENT_RETURN,
                         expected_version=expected_version, note=f"{routing.department.name}退回：{reason}{suggestion}",
                         payload={"suggested": getattr(suggested_department, "pk", None)}, check=check, apply=apply)
