"""Who hears a reconsideration or a lawsuit against an agency (domain.md §7, RRL 2023).

The body is data on the agency; this module only derives the default from the level.
"""

from .models.choices import AgencyLevel

_GOVERNMENT_LEVELS = {AgencyLevel.CITY_GOVERNMENT, AgencyLevel.COUNTY_GOVERNMENT}


def _parent_government_name(agency):
    if agency.parent_id:
        return agency.parent.name
    return agency.parent_name


def default_reconsideration_body(agency):
    """RRL 24: a department, township, sub-district or zone → the government at its level;
    a county-level government → the government above; a vertical line → the next office up in that line."""
    if agency.level == AgencyLevel.VERTICAL:
        return agency.line_superior
    if agency.level in _GOVERNMENT_LEVELS:
        return agency.parent_name or (agency.parent.name if agency.parent_id else "")
    return _parent_government_name(agency)
