"""Who may see and do what: the one access helper of the views and every role rule of the project.

Every query of requests goes through `visible_requests` (agency isolation; the oversight office sees every agency;
auditors read only). The role predicates below are the only place a role is named for a rule: the workflow's
transitions take their `Permission` objects from here, and so do the services and the pages.

The model classes are read when a function runs, not when this module loads: the models import the workflow, which
imports the permissions of this module.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from requests_cms.models.choices import Role

STAFF_ROLES = frozenset({Role.REGISTRAR, Role.HANDLER, Role.APPROVER, Role.AUDITOR})
ACTING_ROLES = frozenset({Role.REGISTRAR, Role.HANDLER, Role.APPROVER})
READ_ONLY_MESSAGE = "您的角色为只读，不能办理或修改申请"


class Permission:
    """A permission on one request: the user's agency and roles, plus any per-request rule.

    Callable as a django-fsm transition permission `(instance, user) -> bool`; `reason()` says in Chinese why not.
    """

    def __init__(self, roles, message=None, extra=None):
        self.roles = frozenset(roles)
        self.message = message
        self.extra = extra

    def __call__(self, instance, user):
        return self.reason(instance, user) is None

    @property
    def role_names(self):
        return "、".join(Role(r).label for r in sorted(self.roles))

    def held_by(self, user):
        """The user holds one of the roles (the agency is not checked)."""
        return bool(self.roles.intersection(getattr(user, "roles", None) or []))

    def reason(self, instance, user):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return "请先登录"
        if user.agency_id != instance.agency_id:
            return "只能办理本机关的申请"
        if not self.held_by(user):
            return self.message or f"此操作需要以下角色之一：{self.role_names}"
        if self.extra:
            return self.extra(instance, user)
        return None


def _not_the_drafter(instance, user):
    decision = instance.current_decision
    if decision and user.pk in {decision.proposed_by_id, decision.decided_by_id}:
        return "审批人不能审批自己起草的答复"
    return None


# The workflow's transition permissions (workflow.py).
DESK = Permission({Role.REGISTRAR, Role.HANDLER})
HANDLER = Permission({Role.HANDLER})
APPROVER = Permission({Role.APPROVER}, message="只有负责人（审批人）可以进行此操作")
APPROVER_NOT_DRAFTER = Permission({Role.APPROVER}, message="只有负责人（审批人）可以审批", extra=_not_the_drafter)
REOPENER = Permission({Role.HANDLER, Role.APPROVER})
# Issuing a notice (numbered, frozen); the approver alone where the kind or agency requires it (services/notices.py).
NOTICE_ISSUER = Permission({Role.HANDLER, Role.APPROVER},
                           message="只有承办人或负责人（审批人）可以签发告知书")
# REG 35: accepting the applicant's reasons (a delayed reply period is then set by an approver: services/reasons.py).
REASONS_JUDGE = Permission({Role.HANDLER, Role.APPROVER})
# Recorded updates that are not transitions.
REGISTER = Permission({Role.REGISTRAR, Role.HANDLER})
REGISTER_REFUSED = "只有本机关的登记人员或承办人可以登记申请"
UPLOADER = Permission({Role.REGISTRAR, Role.HANDLER, Role.APPROVER},
                      message="只有本机关的登记人员、承办人或负责人可以上传材料")
SEARCHER = Permission({Role.HANDLER}, message="只有本机关的承办人可以记录检索")
# Assignment, internal consultation (会办), supervision answers and complaints.
ASSIGNER = Permission({Role.REGISTRAR, Role.APPROVER}, message="只有本机关的负责人（审批人）或登记人员可以分派承办人")
ROUTER = Permission({Role.HANDLER}, message="只有本机关的承办人可以转业务科室会办")
SUPERVISION_ANSWERER = Permission({Role.APPROVER}, message="只有被督办机关的负责人（审批人）可以反馈督办单")
COMPLAINT_RECORDER = Permission({Role.REGISTRAR, Role.HANDLER, Role.APPROVER},
                                message="只有本机关的登记人员、承办人或负责人可以登记投诉")
OFFICER_ONLY = "只有该业务科室的经办人可以办理会办"
# Redaction (区分处理) of the responsive documents: the handler marks and releases.
REDACTOR = Permission({Role.HANDLER}, message="只有本机关的承办人可以对提供的文件作区分处理")
ORIGINAL_ONLY = "提供的文件原件仅限本机关工作人员查看"


def original_refusal(request, user):
    """Why this user may not see the ORIGINAL of a responsive document or its page images (None when they may):
    staff of the request's own agency only. The oversight office, department officers, other agencies and the
    public never see an original; the applicant gets the released copy."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return "请先登录"
    if not is_agency_staff(user) or user.agency_id != request.agency_id:
        return ORIGINAL_ONLY
    return None


def sees_all_agencies(user):
    return bool(user.is_authenticated and user.has_role(Role.OVERSIGHT))


def is_read_only(user):
    """Oversight and auditors read; only desk roles act."""
    return not ACTING_ROLES.intersection(getattr(user, "roles", None) or [])


def is_agency_staff(user):
    return bool(user.agency_id and STAFF_ROLES.intersection(user.roles or []))


def is_department_officer(user):
    """A department officer (业务科室经办人): scoped to their agency and their department."""
    return bool(getattr(user, "is_authenticated", False) and user.agency_id and user.department_id
                and user.has_role(Role.DEPARTMENT_OFFICER))


def department_refusal(routing, user):
    """Why this user cannot sign for, answer or return this routing (None when they can): an active officer of the
    routed department, in the request's agency."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return "请先登录"
    if not is_department_officer(user) or user.department_id != routing.department_id \
            or user.agency_id != routing.department.agency_id:
        return OFFICER_ONLY
    return None


def may_route_to(request, department):
    """A request is routed only to an active department of its own agency."""
    return department.agency_id == request.agency_id and department.active


def may_supervise(user):
    """The oversight office issues supervision notices (督办单) and records nothing else."""
    return sees_all_agencies(user)


def may_administer_departments(user, agency=None):
    """The agency's administrator edits its departments (the superuser every agency's)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not (user.has_role(Role.ADMINISTRATOR) and user.agency_id):
        return False
    return agency is None or agency.pk == user.agency_id


def may_write(user, request):
    """Drafting and editing letters, uploading: a desk role of the request's own agency."""
    return not is_read_only(user) and request.agency_id == user.agency_id


def may_register_for(user, agency):
    """Registering a request for `agency`: a registrar or handler of that agency."""
    return getattr(user, "agency_id", None) == agency.pk and REGISTER.held_by(user)


def may_register(user):
    """Registering requests at all (the menu offers 登记申请 only then): a registrar or handler of an agency."""
    return bool(getattr(user, "agency_id", None) and REGISTER.held_by(user))


def registering_agency(user):
    """The agency this user registers requests for; PermissionDenied when the user may not register."""
    if not may_register(user):
        raise PermissionDenied("只有登记人员或承办人可以登记申请")
    return user.agency


def search_refusal(request, user):
    """Why this user cannot record a search on this request now ([] when they can): a handler of the agency, while
    the request is open."""
    from requests_cms.workflow import OPEN

    if is_read_only(user) or SEARCHER.reason(request, user):
        return [SEARCHER.message]
    if request.state not in OPEN:
        return [f"申请处于“{request.get_state_display()}”状态，不能记录检索"]
    return []


def reports_scope(user, wanted_agency_id):
    """Which agency's reports this user may read: (agency or None for the whole city, agencies to offer).

    The oversight office reads the city and every agency; agency staff read only their own agency.
    """
    from requests_cms.models import Agency

    if sees_all_agencies(user):
        agency = Agency.objects.filter(pk=wanted_agency_id).first() if str(wanted_agency_id).isdigit() else None
        return agency, list(Agency.objects.order_by("id"))
    if not is_agency_staff(user):
        raise PermissionDenied("没有查看统计报表的权限")
    if wanted_agency_id and str(wanted_agency_id) != str(user.agency_id):
        raise PermissionDenied("只能查看本机关的统计报表")
    return user.agency, [user.agency]


def visible_requests(user, queryset=None):
    from requests_cms.models import InformationRequest

    qs = InformationRequest.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if sees_all_agencies(user):
        return qs
    if is_agency_staff(user):
        return qs.filter(agency_id=user.agency_id)
    if is_department_officer(user):  # only the requests routed to their department
        from requests_cms.models import InternalRouting

        routed = InternalRouting.objects.filter(department_id=user.department_id,
                                                department__agency_id=user.agency_id)
        return qs.filter(agency_id=user.agency_id, pk__in=routed.values("request_id"))
    return qs.none()


def request_for_user(user, *, pk=None, number=None, queryset=None):
    """The request if this user may see it; 404 otherwise (never reveal that another agency's request exists)."""
    from requests_cms.models import InformationRequest

    qs = visible_requests(user, queryset)
    lookup = {"pk": pk} if pk is not None else {"number": number}
    try:
        return qs.get(**lookup)
    except (InformationRequest.DoesNotExist, InformationRequest.MultipleObjectsReturned, ValueError) as exc:
        raise Http404("未找到该申请") from exc


def case_for(user, pk, *, write=False):
    """The request `pk` for a page of its case (404 when the user may not see it); with write=True also refuse
    read-only users (403)."""
    from requests_cms.models import InformationRequest

    queryset = InformationRequest.objects.select_related("agency", "applicant", "handler", "created_by")
    req = request_for_user(user, pk=pk, queryset=queryset)
    if write and is_read_only(user):
        raise PermissionDenied(READ_ONLY_MESSAGE)
    return req


@rules.predicate
def can_view_request(user, request):
    return request is not None and visible_requests(user).filter(pk=request.pk).exists()


rules.add_perm("requests_cms.view_request", can_view_request)
