"""Who may see what: every query of requests goes through here (agency isolation, oversight, read-only roles)."""

import rules
from django.http import Http404

from requests_cms.models import InformationRequest, Role

STAFF_ROLES = {Role.REGISTRAR, Role.HANDLER, Role.APPROVER, Role.AUDITOR}


def sees_all_agencies(user):
    return bool(user.is_authenticated and user.has_role(Role.OVERSIGHT))


def is_read_only(user):
    """Oversight and auditors read; only desk roles act."""
    return not {Role.REGISTRAR, Role.HANDLER, Role.APPROVER}.intersection(user.roles or [])


def visible_requests(user, queryset=None):
    qs = InformationRequest.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if sees_all_agencies(user):
        return qs
    if user.agency_id and STAFF_ROLES.intersection(user.roles or []):
        return qs.filter(agency_id=user.agency_id)
    return qs.none()


def request_for_user(user, *, pk=None, number=None, queryset=None):
    """The request if this user may see it; 404 otherwise (never reveal that another agency's request exists)."""
    qs = visible_requests(user, queryset)
    lookup = {"pk": pk} if pk is not None else {"number": number}
    try:
        return qs.get(**lookup)
    except (InformationRequest.DoesNotExist, InformationRequest.MultipleObjectsReturned, ValueError) as exc:
        raise Http404("未找到该申请") from exc


@rules.predicate
def can_view_request(user, request):
    return request is not None and visible_requests(user).filter(pk=request.pk).exists()


rules.add_perm("requests_cms.view_request", can_view_request)
