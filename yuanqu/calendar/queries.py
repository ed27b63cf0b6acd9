"""Read side for the calendar."""

from .models import CalendarDay
from .workdays import WorkCalendar


def work_calendar() -> WorkCalendar:
    """The working-day calendar from the admin-maintained exceptions."""
    days = list(CalendarDay.objects.values_list("date", "kind"))
    return WorkCalendar(holidays=frozenset(d for d, k in days if k == CalendarDay.Kind.HOLIDAY),
                        workdays=frozenset(d for d, k in days if k == CalendarDay.Kind.WORKDAY))
