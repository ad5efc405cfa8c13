"""Pages of a list as primary keys (the rows are read afterwards with what they show)."""

from datetime import timedelta

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, Window
from django.utils.functional import cached_property

WINDOWS = (31, 366)


class IdPaginator(Paginator):
    """Pages of primary keys of ``queryset``.

    With ``count_cap`` the total is counted only up to cap + 1 rows (``COUNT(*)`` over a ``LIMIT`` subquery): past
    the cap the list says "cap+" (``capped``) and pages on by asking one row more than a page, so the cost of a page
    never grows with the number of matches; an exact count is asked for explicitly.

    With ``one_query`` a page's ids and the total come from one query: once instead of twice for searches, whose
    matches are costly to find (with a cap: the first cap + 1 ids, for the pages within them; without: the exact
    total by ``COUNT(*) OVER ()``). Without it the count and the page are separate queries,
    which is faster when many rows match: the page can walk the ordering index and stop after 50 rows.
    """

    def __init__(self, queryset, per_page, *, one_query=False, count_cap=None, newest=None):
        super().__init__(queryset.values_list("pk", flat=True), per_page)
        self.queryset, self.one_query = queryset, one_query
        self.cap = count_cap
        self.capped = False
        self.newest = newest  # (date field the order starts with, descending; today) for windowed reads

    def _first_ids(self, wanted):
        """The first ids in order, up to cap + 1 of them (`wanted` at least, when there are), and whether they were
        read without a date window (then they are every match, or the first cap + 1). With `newest`, read first within
        the last 31 then 366 days: the newest matches of a frequent search word are found by walking the date index,
        not by collecting every match of the word and sorting them (a word in one request in twenty: 600 ms at a
        million requests, against a few ms). Reading up to cap + 1 ids, not just the page, costs a few hundred more
        integers and saves the capped count when a window already holds more than the cap: the count would collect
        the word's matches once more (bench/pages.py, search 学校)."""
        enough = self.cap + 1
        if self.newest:
            field, today = self.newest
            for days in WINDOWS:
                ids = list(self.object_list.filter(**{f"{field}__gte": today - timedelta(days=days)})[:enough])
                if len(ids) >= wanted:
                    return ids, False
        return list(self.object_list[:enough]), True

    @cached_property
    def count(self):
        if self.cap is None:
            return super().count
        found = self.object_list.order_by()[:self.cap + 1].count()  # no order: stop at cap + 1 matches
        self.capped = found > self.cap
        return found

    def validate_number(self, number):
        if self.cap is None or self.count <= self.cap:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger("页码不是整数") from exc
        if number < 1:
            raise EmptyPage("页码小于1")
        return number

    def page(self, number):
        number = self.validate_number(number)
        if not self.capped:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list[bottom:bottom + self.per_page + 1])
        if not ids and number > 1:
            raise EmptyPage("没有这一页")
        return CappedPage(ids[:self.per_page], number, self, more=len(ids) > self.per_page)

    def get_page(self, number):
        page = None
        if self.one_query:
            page = self._page_within_cap(number) if self.cap is not None else self._page_with_total(number)
        return page or super().get_page(number)

    def _page_within_cap(self, number):
        number = _number(number)
        bottom = (number - 1) * self.per_page
        if bottom + self.per_page > self.cap:
            return None  # a page past the cap: counted (capped) and read apart
        ids, unwindowed = self._first_ids(bottom + self.per_page + 1)
        shown = ids[bottom:bottom + self.per_page]
        if len(ids) > self.cap:  # more matches in hand than the cap: no count needed
            self.count, self.capped = len(ids), True  # Paginator.count is a cached property
            return CappedPage(shown, number, self, more=True)
        if unwindowed:  # every match is in hand
            self.count = len(ids)
            if not shown and number > 1:
                return None  # past the last page: the plain path finds the last page
            return self._get_page(shown, number, self)
        self.count  # noqa: B018 - a window held this page and more, not the total: count apart, up to the cap
        if self.capped:
            return CappedPage(shown, number, self, more=True)
        return self._get_page(shown, number, self)

    def _page_with_total(self, number):
        number = _number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.queryset.annotate(total_rows=Window(Count("pk")))
                    .values_list("pk", "total_rows")[bottom:bottom + self.per_page])
        if not rows and number > 1:
            return None  # past the last page: the plain count finds the last page
        self.count = rows[0][1] if rows else 0  # Paginator.count is a cached property
        return self._get_page([pk for pk, _ in rows], number, self)


def _number(number):
    try:
        return max(1, int(number))
    except (TypeError, ValueError):
        return 1


class CappedPage(Page):
    """A page of a list whose total was not counted: whether a next page exists is known from one extra row."""

    def __init__(self, object_list, number, paginator, *, more):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self):
        return self.more

    def end_index(self):
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)
