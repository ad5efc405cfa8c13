"""Reads of registration: the applicant look-up, the agency's handlers, and probable repeats (REG 36(6))."""

import difflib
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from requests_cms.models import Applicant, InformationRequest, Role, User

REPEAT_WINDOW_DAYS = 365
REPEAT_RATIO = 0.6
SHARED_BIGRAMS = 0.6


def search_applicants(agency, query, limit=10):
    query = (query or "").strip()
    if len(query) < 1 or agency is None:
        return []
    found = Applicant.objects.filter(agency=agency).filter(
        Q(name__icontains=query) | Q(id_number__iexact=query) | Q(id_number__endswith=query)
        | Q(phone__icontains=query)).order_by("name", "id")[:limit]
    return [{"id": a.pk, "name": a.name, "kind": a.get_kind_display(), "id_number": mask(a.id_number),
             "phone": a.phone, "address": a.address} for a in found]


def applicant_of(agency, pk):
    """The chosen applicant if it belongs to this agency (None otherwise)."""
    return Applicant.objects.filter(agency=agency, pk=pk).first() if pk else None


def handlers_of(agency):
    """The agency's active handlers, to choose the request's handler."""
    staff = User.objects.filter(agency=agency, is_active=True).order_by("id")
    return [u for u in staff if u.has_role(Role.HANDLER)]


def handler_of(agency, pk):
    return User.objects.filter(agency=agency, pk=pk).first() if pk else None


def mask(id_number):
    if len(id_number) <= 8:
        return id_number
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:]


def _bigrams(text):
    text = "".join(ch for ch in text if not ch.isspace() and ch not in "，。、；：,.;:“”\"'（）()《》")
    return {text[i:i + 2] for i in range(len(text) - 1)}


def similarity(a, b):
    """(difflib ratio, share of the shorter text's character pairs found in the other)."""
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    x, y = _bigrams(a), _bigrams(b)
    shared = len(x & y) / min(len(x), len(y)) if x and y else 0.0
    return ratio, shared


def probable_repeats(*, agency, applicant_id, description, exclude_pk=None, today=None):
    """Requests of the same applicant in the last 12 months with a similar description (a warning, not a block)."""
    if not applicant_id or not (description or "").strip():
        return []
    today = today or timezone.localdate()
    earlier = InformationRequest.objects.filter(
        agency=agency, applicant_id=applicant_id, received_on__gte=today - timedelta(days=REPEAT_WINDOW_DAYS),
    ).exclude(pk=exclude_pk).only("pk", "number", "received_on", "description", "state")[:200]
    found = []
    for other in earlier:
        ratio, shared = similarity(description.strip(), other.description.strip())
        if ratio >= REPEAT_RATIO or shared >= SHARED_BIGRAMS:
            found.append({"pk": other.pk, "number": other.number, "received_on": other.received_on.isoformat(),
                          "description": other.description[:120], "state": other.get_state_display(),
                          "similarity": round(max(ratio, shared), 2)})
    return found
