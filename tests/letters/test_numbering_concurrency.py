"""Document numbers stay unique and gap-free when approvals happen at the same moment (PostgreSQL row locks)."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from letters.kinds import LetterKind
from letters.models import DocumentNumberCounter, Letter
from letters.numbering import next_number
from requests_cms.services.request_letters import letter_draft

from .conftest import freeze

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 8


@pytest.fixture(autouse=True)
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("SELECT … FOR UPDATE row locks need PostgreSQL; SQLite serialises every writer")


def run_at_once(function, arguments):
    barrier = threading.Barrier(len(arguments))
    results, errors = [], []

    def work(argument):
        try:
            barrier.wait()
            results.append(function(argument))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_simultaneous_first_numbers_of_a_new_counter_are_one_to_n(organisation):
    agency = organisation["jyj"]

    def take(_):
        with transaction.atomic():
            number = next_number(agency_id=agency.pk, kind=LetterKind.REPLY, year=2031)
            time.sleep(0.02)  # hold the lock while other threads queue behind it
            return number

    assert sorted(run_at_once(take, range(THREADS))) == list(range(1, THREADS + 1))
    assert DocumentNumberCounter.objects.get(agency=agency, year=2031).last_number == THREADS


def test_simultaneous_approvals_get_unique_gap_free_document_numbers(letter_request, handler, approver):
    letters = [letter_draft(request=letter_request("jyj", outcome="disclosed"), kind=LetterKind.REPLY, by=handler)
               for _ in range(THREADS)]
    frozen = run_at_once(lambda letter: freeze(letter=letter, by=approver).pk, letters)
    year = timezone.localdate().year
    numbers = sorted(Letter.objects.filter(pk__in=frozen).values_list("document_number", flat=True))
    assert numbers == sorted(f"高教公开〔{year}〕{n}号" for n in range(1, THREADS + 1))
