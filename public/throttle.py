"""Rate limits of the public side, counted in Django's cache (no external service).

Fixed windows: a counter per (scope, key) that expires `window` seconds after its first hit. With several app
servers the cache must be shared (Redis via CACHES) for the limits to hold across them; LocMemCache counts per
process. The limits are settings so that an agency can tune them (PUBLIC_LIMITS in settings, defaults below).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

DEFAULTS = {
    # scope: (hits allowed, window in seconds)
    "submit_ip": (5, 3600),
    "submit_phone": (3, 24 * 3600),
    "lookup_ip": (30, 600),
    "lookup_fail_ip": (10, 3600),
    "lookup_fail_number": (10, 3600),
    "submit_fail_ip": (20, 3600),
}
# After this many failures from an address (wrong code, refused form) the form asks for the image captcha.
CAPTCHA_AFTER = 3


def needs_captcha(ip):
    after = getattr(settings, "PUBLIC_CAPTCHA_AFTER", CAPTCHA_AFTER)
    return count("lookup_fail_ip", ip) >= after or count("submit_fail_ip", ip) >= after


def limit_of(scope):
    return {**DEFAULTS, **getattr(settings, "PUBLIC_LIMITS", {})}[scope]


def _key(scope, value):
    return "public-throttle:" + scope + ":" + hashlib.sha256(str(value).encode()).hexdigest()[:32]


def count(scope, value):
    return cache.get(_key(scope, value), 0)


def exceeded(scope, value):
    allowed, _ = limit_of(scope)
    return count(scope, value) >= allowed


def hit(scope, value):
    """Count one hit; returns the new count."""
    _, window = limit_of(scope)
    key = _key(scope, value)
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        return 1
