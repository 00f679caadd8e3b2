"""The client's network address, for login lockouts and API rate limits alike."""

from django.conf import settings


def client_address(request):
    """REMOTE_ADDR; behind ``NUM_PROXIES`` trusted proxies, the address the outermost one saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so only the
    last ``NUM_PROXIES`` entries were written by servers we run. Anything to their left was sent
    by the client and may be forged, so it is never used. A request with fewer entries than
    proxies did not come through them all, and is identified by REMOTE_ADDR.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies = settings.NUM_PROXIES
    if not proxies:
        return remote_addr
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if len(forwarded) < proxies:
        return remote_addr
    return forwarded[-proxies]
