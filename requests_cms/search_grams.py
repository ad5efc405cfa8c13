"""Bigram index for the list's search: the grams of a request's number and description and of an applicant's name,
and the SQL that uses them.

Chinese has no spaces between words and staff search with two-character words (预算, 招生), which trigram indexes
cannot serve. Each request and each applicant stores its grams (`InformationRequest.search_grams` from the number and
the description, `Applicant.search_grams` from the name, both kept up to date by `save()`): the text is case-folded
and cut into runs of alphanumeric characters (`str.isalnum()`: letters, digits and CJK characters); a run of one
character is kept whole, a longer run gives all its overlapping two-character substrings. On PostgreSQL a GIN index on
`string_to_array(search_grams, ' ')` of each table (migrations 0003 and 0004) finds the rows holding every bigram of a
query word; the substring match then keeps those where the word itself occurs ("三公、公经、经费" holds every bigram
of 三公经费).

Only the bigrams of a word are required: a one-character run at the edge of a word ("2026-0") may be part of a longer
run in the text ("2026-0012"), which stores bigrams only. A word with no bigram (one character, punctuation) cannot use
the index and is matched by the plain substring scan.
"""

from django.db import NotSupportedError
from django.db.models import BooleanField, F, Func, Subquery

SEPARATOR = " "


def grams(text):
    """The set of grams of `text`: single characters of one-character alnum runs, bigrams of longer runs."""
    found, run = set(), []
    for char in (text or "").casefold() + SEPARATOR:  # the sentinel closes the last run
        if char.isalnum():
            run.append(char)
            continue
        if len(run) == 1:
            found.add(run[0])
        found.update(run[i] + run[i + 1] for i in range(len(run) - 1))
        run = []
    return found


def document(*texts):
    """What `search_grams` stores: the sorted unique grams of the texts, space-separated (a request: its number and
    description; an applicant: its name)."""
    return SEPARATOR.join(sorted(set().union(*(grams(text) for text in texts))))


def word_grams(word):
    """The grams a query word requires in a matching request's document: its bigrams (empty: not index-searchable)."""
    return {gram for gram in grams(word) if len(gram) == 2}


class GramsContain(Func):
    """True when the row's `search_grams` hold every given gram; rendered so that the GIN index serves it."""

    output_field = BooleanField()

    def __init__(self, required, field="search_grams"):
        super().__init__(F(field))
        self.required = tuple(sorted(required))

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError("GramsContain is rendered only on PostgreSQL (the bigram GIN index)")

    def as_postgresql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        # Exactly the expression of the indexes requests_cms_request_grams_gin and requests_cms_applicant_grams_gin
        # (migrations 0003 and 0004), or the index is not used.
        return f"(string_to_array({column}, '{SEPARATOR}') @> %s::text[])", (*params, list(self.required))


class InArray(Func):
    """`field = ANY(ARRAY(subquery))`: like `field IN (subquery)`, but an index on the field can serve it inside an
    OR (a bitmap index scan in a BitmapOr), where PostgreSQL plans an IN sub-select as a filter run on every row."""

    output_field = BooleanField()

    def __init__(self, field, queryset):
        super().__init__(F(field), Subquery(queryset))

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError("InArray is rendered only on PostgreSQL")

    def as_postgresql(self, compiler, connection, **extra_context):
        column, column_params = compiler.compile(self.source_expressions[0])
        subquery, subquery_params = compiler.compile(self.source_expressions[1])  # "(SELECT …)"
        return f"({column} = ANY(ARRAY{subquery}))", (*column_params, *subquery_params)
