"""Create the demo organisation (idempotent) from demo.organisation."""

from requests_cms.models import Agency, AgencyLevel

from . import organisation as org


def _upsert(name, **fields):
    agency, _ = Agency.objects.update_or_create(name=name, defaults=fields)
    return agency


def load_organisation():
    common = dict(address=org.ADDRESS, postcode=org.POSTCODE, calendar_region="national",
                  online_reconsideration_channel=org.ONLINE_RECONSIDERATION)
    city = _upsert(org.CITY, short_name="高政", code="gpszf", level=AgencyLevel.COUNTY_GOVERNMENT,
                   parent_name=org.CITY_PARENT, court=org.INTERMEDIATE_COURT,
                   disclosure_office="高平市人民政府办公室", phone="0356-5222000", **common)
    for name, short, code in org.SUBDISTRICTS:
        _upsert(name, short_name=short, code=code, level=AgencyLevel.SUBDISTRICT, parent=city, court=org.CITY_COURT,
                disclosure_office=f"{name}党政办公室", **common)
    for name, short, code in org.TOWNSHIPS:
        _upsert(name, short_name=short, code=code, level=AgencyLevel.TOWNSHIP, parent=city, court=org.CITY_COURT,
                disclosure_office=f"{name}党政办公室", **common)
    for name, short, code in org.DEPARTMENTS:
        _upsert(name, short_name=short, code=code, level=AgencyLevel.COUNTY_DEPARTMENT, parent=city,
                court=org.CITY_COURT, disclosure_office=f"{name}办公室", **common)
    for name, short, code in org.CENTRES:
        _upsert(name, short_name=short, code=code, level=AgencyLevel.PUBLIC_INSTITUTION, parent=city,
                court=org.CITY_COURT, disclosure_office=f"{name}办公室", **common)
    name, short, code = org.ZONE
    _upsert(name, short_name=short, code=code, level=AgencyLevel.DEVELOPMENT_ZONE, parent=city, court=org.CITY_COURT,
            **common)
    name, short, code, superior = org.TAX
    _upsert(name, short_name=short, code=code, level=AgencyLevel.VERTICAL, line_superior=superior,
            court=org.CITY_COURT, **common)
    name, short, code = org.ECOLOGY
    # A dispatched branch of the city-level bureau: reconsideration by the government at that bureau's level.
    _upsert(name, short_name=short, code=code, level=AgencyLevel.DISPATCHED_BRANCH, parent_name="晋城市生态环境局",
            reconsideration_body="晋城市人民政府", court=org.CITY_COURT, **common)
    from .departments import load_departments

    load_departments()
    return Agency.objects.count()
