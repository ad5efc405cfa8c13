"""The one access helper of the case views: every request is fetched through access.request_for_user."""

from django.core.exceptions import PermissionDenied

from requests_cms.access import is_read_only, request_for_user
from requests_cms.models import InformationRequest

READ_ONLY_MESSAGE = "您的角色为只读，不能办理或修改申请"


def case_for(user, pk, *, write=False):
    """The request `pk` if `user` may see it (404 otherwise); with write=True also refuse read-only users (403)."""
    queryset = InformationRequest.objects.select_related("agency", "applicant", "handler", "created_by")
    req = request_for_user(user, pk=pk, queryset=queryset)
    if write and is_read_only(user):
        raise PermissionDenied(READ_ONLY_MESSAGE)
    return req
