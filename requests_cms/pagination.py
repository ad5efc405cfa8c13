"""Pages of a list as primary keys (the rows are read afterwards with what they show)."""

from django.core.paginator import Paginator
from django.db.models import Count, Window


class IdPaginator(Paginator):
    """Pages of primary keys of ``queryset``.

    With ``one_query`` a page's ids and the total come from one query (``COUNT(*) OVER ()``). The list uses it for
    searches, whose matches are few but costly to find (bigram index, then the substring check): once instead of
    twice. Without it the count and the page are separate queries, which is faster when many rows match: the page
    can walk the ordering index and stop after 50 rows, where the window would read and sort every match (an
    "overdue" filter over all years went from 43 to 127 ms with it; bench/pages.py).
    """

    def __init__(self, queryset, per_page, *, one_query=False):
        super().__init__(queryset.values_list("pk", flat=True), per_page)
        self.queryset, self.one_query = queryset, one_query

    def get_page(self, number):
        page = self._page_with_total(number) if self.one_query else None
        return page or super().get_page(number)

    def _page_with_total(self, number):
        try:
            number = max(1, int(number))
        except (TypeError, ValueError):
            number = 1
        bottom = (number - 1) * self.per_page
        rows = list(self.queryset.annotate(total_rows=Window(Count("pk")))
                    .values_list("pk", "total_rows")[bottom:bottom + self.per_page])
        if not rows and number > 1:
            return None  # past the last page: the plain count finds the last page
        self.count = rows[0][1] if rows else 0  # Paginator.count is a cached property
        return self._get_page([pk for pk, _ in rows], number, self)
