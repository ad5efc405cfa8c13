"""The list's word search: every word must match the request's number, its description or its applicant's name."""

from django.db import connections
from django.db.models import Q

from requests_cms import search_grams
from requests_cms.models import Applicant


def search(qs, text):
    """Every word must match the number, the applicant's name or the description (case-insensitive substring).

    Chinese has no spaces between words, so PostgreSQL's full-text parsers would see one long token, and the usual
    two-character words are too short for pg_trgm. On PostgreSQL a word with a bigram (search_grams.word_grams) first
    goes through the bigram GIN index on the requests' search_grams (number and description), and the substring match
    then runs only on the rows the index found; the applicant side is a sub-select that goes through the bigram GIN
    index on the applicants' search_grams (name) the same way, its result reads the index on applicant_id, and
    PostgreSQL combines the two in one bitmap scan. Other databases, and words without a bigram (one character,
    punctuation), use the plain substring match on every row.
    """
    indexed = connections[qs.db].vendor == "postgresql"
    for word in (text or "").split()[:8]:
        # The applicant side is a small sub-select (a few ids), so no join is needed per request row.
        required = search_grams.word_grams(word) if indexed else None
        if required:
            # The applicants' index finds the names holding the word's bigrams; the substring match confirms them.
            applicants = Applicant.objects.filter(search_grams.GramsContain(required), name__icontains=word)
            # (grams AND text) OR applicant, written as (grams OR applicant) AND (text OR applicant): the first part
            # is exactly the BitmapOr of the two indexes, so PostgreSQL does not evaluate it again on every row.
            by_applicant = search_grams.InArray("applicant_id", applicants.values("pk"))
            qs = qs.filter(search_grams.GramsContain(required) | by_applicant,
                           Q(number__icontains=word) | Q(description__icontains=word) | by_applicant)
        else:
            applicants = Applicant.objects.filter(name__icontains=word).values("pk")
            qs = qs.filter(Q(number__icontains=word) | Q(applicant_id__in=applicants) | Q(description__icontains=word))
    return qs
