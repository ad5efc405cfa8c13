"""The real client address behind reverse proxies, for the login lockout (settings.AXES_CLIENT_IP_CALLABLE).

X-Forwarded-For is believed only as far as it was written by proxies we run: when the connection comes from an
address in settings.TRUSTED_PROXIES, the header is read from the right, skipping our own proxies, and the first
other address is the client. Anything further left was written by the client and is ignored, so nobody can pick
the address a failed login is counted against. Without trusted proxies the header is ignored altogether.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(spec):
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in spec if part.strip())


def _address(text):
    text = (text or "").strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address, networks):
    return address is not None and any(address in network for network in networks)


def client_ip(request):
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(_address(remote), networks):
        return remote
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return remote  # a malformed header: count the failure against the proxy rather than guess
        if not _trusted(address, networks):
            return str(address)
    return remote
