"""Document numbers (文号): per agency, kind and year, gap-free and unique under concurrent approvals.

The counter row is locked with SELECT … FOR UPDATE and incremented in the caller's transaction, so the number is
only used if the letter that takes it is committed: a failed freeze rolls the counter back, leaving no gap.
"""

from django.db import IntegrityError, transaction

from .kinds import kind_spec
from .models import DocumentNumberCounter


def next_number(*, agency_id, kind, year):
    """Take the next number; must run inside the transaction that stores the numbered letter."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the transaction that stores the letter")
    counter = _locked_counter(agency_id, kind, year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _locked_counter(agency_id, kind, year):
    counters = DocumentNumberCounter.objects.select_for_update()
    try:
        return counters.get(agency_id=agency_id, kind=kind, year=year)
    except DocumentNumberCounter.DoesNotExist:
        pass
    try:
        with transaction.atomic():  # savepoint: a concurrent first use of the counter may win the insert
            DocumentNumberCounter.objects.create(agency_id=agency_id, kind=kind, year=year)
    except IntegrityError:
        pass
    return counters.get(agency_id=agency_id, kind=kind, year=year)


def format_number(number_format, *, short_name, kind, year, number):
    """e.g. 高教公开〔2026〕12号 for a reply, 高教公开补〔2026〕3号 for a correction notice.

    The agency's format may name the kind with {kind}; a format without it gets the kind word in place of its
    公开 (or after the short name), so that numbers of different kinds never collide.
    """
    word = kind_spec(kind).number_word
    if "{kind}" not in number_format:
        if "公开" in number_format:
            number_format = number_format.replace("公开", "{kind}", 1)
        elif "{short_name}" in number_format:
            number_format = number_format.replace("{short_name}", "{short_name}{kind}", 1)
        else:
            number_format = "{kind}" + number_format
    return number_format.format(short_name=short_name, kind=word, year=year, number=number)
