"""What every page's menu needs to know about the user (settings.TEMPLATES context_processors)."""

from django.utils.functional import SimpleLazyObject

from requests_cms.access import may_register


def menu(request):
    """The menu offers only what the user may do: no 登记申请 for the oversight office or auditors."""
    return {"may_register": SimpleLazyObject(lambda: may_register(request.user))}
