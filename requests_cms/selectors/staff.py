"""Reads of an agency's staff."""

from requests_cms.models.choices import Role


def approvers_of(agency):
    """The agency's active approvers (roles are a JSON list: filtered here, an agency's staff are few)."""
    return [u for u in agency.staff.filter(is_active=True).order_by("username") if u.has_role(Role.APPROVER)]
