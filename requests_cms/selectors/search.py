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
        match = _match(word)
        # The applicant side is a small sub-select (a few ids), so no join is needed per request row.
        required = search_grams.word_grams(word) if indexed else None
        if required:
            # The applicants' index finds the names holding the word's bigrams; the substring match confirms them.
            applicants = Applicant.objects.filter(search_grams.GramsContain(required), **{f"name__{match}": word})
            # (grams AND text) OR applicant, written as (grams OR applicant) AND (text OR applicant): the first part
            # is exactly the BitmapOr of the two indexes, so PostgreSQL does not evaluate it again on every row.
            by_applicant = search_grams.InArray("applicant_id", applicants.values("pk"))
            qs = qs.filter(search_grams.GramsContain(required) | by_applicant,
                           Q(**{f"number__{match}": word}) | Q(**{f"description__{match}": word}) | by_applicant)
        else:
            applicants = Applicant.objects.filter(**{f"name__{match}": word}).values("pk")
            qs = qs.filter(Q(**{f"number__{match}": word}) | Q(applicant_id__in=applicants)
                           | Q(**{f"description__{match}": word}))
    return qs


def _match(word):
    """The substring lookup for `word`: `contains` when it has no letter with a case (Chinese, digits), where it
    finds exactly what `icontains` finds without upper-casing every row's text (UPPER on a long Chinese description
    was two thirds of the search's cost at a million requests); `icontains` otherwise."""
    return "contains" if word.upper() == word.lower() else "icontains"
