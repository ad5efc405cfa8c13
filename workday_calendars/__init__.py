"""Workday calendars and statutory deadlines.

Pure modules (no Django needed): ``engine`` (the Calendar value object), ``deadlines`` (reply_due and the other
periods, each explaining itself in Chinese), ``datafiles`` (the shipped official calendars), ``statutory`` (fallback
for years without a State Council notice).
Django side: ``models``, ``admin``, ``registry`` (the active calendar of a region, built from the database),
``recompute`` (the hook called after a calendar changes) and the management commands.
"""
