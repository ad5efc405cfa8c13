"""The tests' fixed clock (tests/conftest.py fixed_clock travels to it): importable by test modules whose module-level
constants need its date — a module is imported before any fixture runs, so they must not read the real clock."""

from datetime import datetime
from zoneinfo import ZoneInfo

# A Wednesday morning at the desk, in the last year with an official calendar.
FIXED_NOW = datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
FIXED_TODAY = FIXED_NOW.date()
