"""The receipt date as the server derives it (REG 31), for the live preview on the registration page."""

from datetime import date

from django.utils import timezone

from requests_cms.models import Channel, PostKind, derive_received_on

from .applicants import probable_repeats

DATE_NAMES = ("submitted_on", "arrived_on", "signed_on", "confirmed_on")
WHICH_DATE = {"submitted_on": "提交日期", "signed_on": "签收日期", "confirmed_on": "确认日期"}


def _date(value):
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def preview_for(agency, data):
    """{received_on, rule, missing, future, repeats} from raw form data (a QueryDict or dict)."""
    channel, post_kind = data.get("channel", ""), data.get("post_kind", "")
    result = {"received_on": None, "rule": "", "missing": "", "override": False, "repeats": []}
    if channel in Channel.values:
        dates = {name: _date(data.get(name)) for name in DATE_NAMES}
        received, rule = derive_received_on(channel=channel, post_kind=post_kind, **dates)
        result["rule"] = rule
        if channel == Channel.POST and not post_kind:
            result["missing"] = "请选择邮件类型（需签收的邮件或平常信函）"
        elif received is None:
            result["missing"] = "请填写" + WHICH_DATE[_needed(channel, post_kind)]
        override = _date(data.get("received_override")) if data.get("override") else None
        if override:
            received, result["override"] = override, True
        if received:
            result["received_on"] = received.isoformat()
            result["future"] = received > timezone.localdate()
    result["repeats"] = probable_repeats(agency=agency, applicant_id=as_int(data.get("applicant_id")),
                                         description=data.get("description", ""))
    return result


def _needed(channel, post_kind):
    if channel == Channel.IN_PERSON:
        return "submitted_on"
    if channel == Channel.POST and post_kind == PostKind.SIGNED:
        return "signed_on"
    return "confirmed_on"


def as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
