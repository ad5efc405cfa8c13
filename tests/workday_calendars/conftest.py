from datetime import date

import pytest

from workday_calendars.datafiles import calendar_from_files


@pytest.fixture(scope="session")
def calendar():
    """The national calendar straight from the shipped data files (no database)."""
    return calendar_from_files()


def d(text: str) -> date:
    return date.fromisoformat(text)
