"""Change lists that never count the whole table."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _


class CappedCountPaginator(Paginator):
    """A change list paginator whose count stops after COUNT_LIMIT + 1 rows.

    Counting a million people on every list view or search costs a scan of every match; here the
    count reads at most 10,001 primary keys, and the list shows "10,000+" beyond (the template
    ``admin/pagination.html`` of this package). Page links go up to the last page the capped
    count covers; later pages stay reachable by their number.
    """

    count_limit = 10_000

    @cached_property
    def count(self):
        return self.object_list.order_by().values("pk")[: self.count_limit + 1].count()

    @property
    def count_is_capped(self):
        return self.count > self.count_limit

    @property
    def display_count(self):
        return f"{self.count_limit:,}+" if self.count_is_capped else str(self.count)

    def validate_number(self, number):
        if not self.count_is_capped:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(_("That page number is not an integer")) from None
        if number < 1:
            raise EmptyPage(_("That page number is less than 1"))
        return number

    def page(self, number):
        number = self.validate_number(number)
        if not self.count_is_capped:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if not rows:
            raise EmptyPage(_("That page contains no results"))
        return self._get_page(rows, number, self)
